import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { type Role } from "@db/schema/roles";
import { UsersIcon } from "~/components/icons";
import { Alert, Badge, FormError, PageHeader, TD, TH, TR } from "~/components/ui";
import { ResourceCard } from "~/components/ui/resource-card";
import { ConfirmRemove, InviteCard, MemberRow, ROLE_TONE, ScopeText } from "~/components/workspaces/member-parts";
import { requirePermission } from "~/modules/workspaces/authz.server";
import { findDirectoryEntry, listDirectory } from "~/modules/workspaces/directory.server";
import { changeMemberRole, findMember, inviteMember, listMembers, removeMember } from "~/modules/workspaces/members.server";
import { ROLE_LABELS, ROLE_SCOPE } from "~/modules/workspaces/permissions";
import { assignmentSchema, changeRoleSchema, inviteSchema, memberIdSchema } from "~/modules/workspaces/schemas";
import { answer, typedValues } from "~/utils/action-data.server";
import { invalid } from "~/utils/outcome";
import { notFound, parseWith, readForm } from "~/utils/http.server";
import { newIdempotencyKey, readIdempotencyKey } from "~/utils/idempotency.server";
import { DAY_MS, formatIn } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Members · Baton" }];

function daysFromNow(date: Date): string {
  const days = Math.ceil((date.getTime() - Date.now()) / DAY_MS);
  if (days <= 0) return "today";
  return days === 1 ? "in 1 day" : `in ${days} days`;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "members.manage");
  const [{ members, pending }, dir] = await Promise.all([listMembers(ctx), listDirectory(ctx)]);
  const names = {
    agency: new Map(dir.agencies.map((a) => [a.id, a.name])),
    brand: new Map(dir.brands.map((b) => [b.id, b.name])),
    creator: new Map(dir.creators.map((c) => [c.id, c.name])),
  };
  /** What a role's person or invitation is limited to (the role's kind, never the viewer's scope). */
  const accessOf = (role: Role, ids: { agencyId: string | null; brandId: string | null; creatorId: string | null }) => {
    const kind = ROLE_SCOPE[role];
    if (kind === "workspace") return { kind, id: null, name: null };
    const id = kind === "agency" ? ids.agencyId : kind === "brand" ? ids.brandId : ids.creatorId;
    return { kind, id, name: id ? (names[kind].get(id) ?? null) : null };
  };
  const viewerIsOwner = ctx.role === "owner";

  const rows = members.map((m) => {
    const access = accessOf(m.role, m);
    const isSelf = m.userId === ctx.user.id;
    const lockedReason = isSelf ? "This is you." : m.role === "owner" && !viewerIsOwner ? "Only an owner can change an owner." : null;
    return {
      id: m.id,
      name: m.name,
      email: m.email,
      role: m.role,
      roleLabel: ROLE_LABELS[m.role],
      scopeKind: access.kind,
      scopeName: access.name,
      assignment: access.id ? `${m.role}:${access.id}` : m.role,
      isSelf,
      lockedReason,
    };
  });

  const removeId = new URL(request.url).searchParams.get("remove");
  const confirmRemove = removeId ? (rows.find((r) => r.id === removeId && !r.lockedReason) ?? null) : null;

  return json({
    slug: ctx.workspace.slug,
    inviteKey: newIdempotencyKey(),
    workspaceName: ctx.workspace.name,
    viewerIsOwner,
    members: rows,
    pending: pending
      .sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime())
      .map((p) => {
        const access = accessOf(p.role, p);
        return {
          id: p.id,
          email: p.email,
          roleLabel: ROLE_LABELS[p.role],
          role: p.role,
          scopeKind: access.kind,
          scopeName: access.name,
          expires: formatIn(p.expiresAt, ctx.user.timeZone || "UTC", "d LLL yyyy"),
          expiresIn: daysFromNow(p.expiresAt),
        };
      }),
    options: {
      agency: dir.agencies.map((a) => ({ value: a.id, label: a.name })),
      brand: dir.brands.map((b) => ({ value: b.id, label: b.name })),
      creator: dir.creators.map((c) => ({ value: c.id, label: c.handle ? `${c.name} (${c.handle})` : c.name })),
    },
    confirmRemove: confirmRemove ? { id: confirmRemove.id, name: confirmRemove.name, email: confirmRemove.email } : null,
  });
}

const intentSchema = z.object({ intent: z.enum(["invite", "changeRole", "remove"], { errorMap: () => ({ message: "Unknown action." }) }) });

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "members.manage");
  const form = await readForm(request);
  const which = parseWith(intentSchema, { intent: form.get("intent") ?? undefined });
  if (!which.success) return answer(invalid("Unknown action. Reload the page and try again.", which.errors));
  const intent = which.data.intent;

  if (intent === "invite") {
    const values = typedValues(form, ["email", "role", "agencyId", "brandId", "creatorId"]);
    const parsed = parseWith(inviteSchema, form);
    if (!parsed.success) return answer(invalid(undefined, parsed.errors), { intent, values });
    const outcome = await inviteMember(ctx, { ...parsed.data, idempotencyKey: readIdempotencyKey(form) });
    return answer(outcome, { intent, values, notice: `Invitation sent to ${parsed.data.email}. The link works for 14 days.` });
  }

  // Changing or removing someone: the target must be a member of this workspace, else 404.
  const idParsed = parseWith(memberIdSchema, form);
  // A malformed id is bad input (400); a well-formed one outside this workspace is 404.
  if (!idParsed.success) return answer(invalid("Choose a member from the list.", idParsed.errors), { intent });
  const target = await findMember(ctx, idParsed.data.membershipId);
  if (!target) notFound("That member was not found.");
  const row = { intent, target: target.id };

  if (intent === "remove") {
    return answer(await removeMember(ctx, { membershipId: target.id }), {
      ...row,
      notice: `${target.name} was removed from the workspace.`,
    });
  }

  // changeRole: one select carries "role" or "role:scopeId", so the form works without JavaScript.
  const assigned = parseWith(assignmentSchema, form);
  if (!assigned.success) return answer(invalid(undefined, assigned.errors), row);
  const [roleRaw, scopeId = ""] = assigned.data.assignment.split(":", 2);
  const parsedRole = parseWith(changeRoleSchema, { membershipId: target.id, role: roleRaw });
  if (!parsedRole.success) return answer(invalid(undefined, { assignment: parsedRole.errors.role ?? ["Choose a role."] }), row);
  const role = parsedRole.data.role;
  const kind = ROLE_SCOPE[role];
  const outcome = await changeMemberRole(ctx, {
    membershipId: target.id,
    role,
    agencyId: kind === "agency" ? scopeId : undefined,
    brandId: kind === "brand" ? scopeId : undefined,
    creatorId: kind === "creator" ? scopeId : undefined,
  });
  // The row shows the refusal beside its role select.
  if (!outcome.ok) {
    const { kind: problem, message } = outcome.problem;
    return answer(problem === "invalid" ? invalid(message, { assignment: [message] }) : outcome, row);
  }
  const scopeEntry = kind === "workspace" ? null : await findDirectoryEntry(ctx, kind, scopeId);
  return answer(outcome, { ...row, notice: `${target.name} is now ${ROLE_LABELS[role]}${scopeEntry ? ` for ${scopeEntry.name}` : ""}.` });
}

export default function MembersPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const base = `/w/${data.slug}/members`;
  const notice = result?.ok ? result.notice : null;
  const pageError = result && !result.ok && !result.target && result.intent !== "invite" ? result.formError : null;

  return (
    <div className="space-y-8">
      <PageHeader
        title="Members"
        description={`People who can sign in to ${data.workspaceName}. Each person has one role; agency members, brand leads, client contacts and creators only see their own agency, brand or profile.`}
      />

      {notice ? (
        <Alert tone="success" role="status" title="Done">
          {notice}
        </Alert>
      ) : null}
      <FormError>{pageError}</FormError>

      <InviteCard
        key={result?.ok && result.intent === "invite" ? result.at : "invite"}
        options={data.options}
        result={result}
        slug={data.slug}
        idempotencyKey={data.inviteKey}
      />

      <ResourceCard
        title="People in this workspace"
        description={`${data.members.length} ${data.members.length === 1 ? "member" : "members"}. A role change takes effect on their next click.`}
        count={data.members.length}
        empty={{
          icon: <UsersIcon />,
          title: "No members yet",
          description: "Invite your team, your agencies, brand leads and creators with the form above.",
        }}
        caption="Members, their roles and what they can see"
        columns={["Member", "Role and access", "Change role", { srOnly: "Remove" }]}
        before={data.confirmRemove ? <ConfirmRemove member={data.confirmRemove} base={base} workspaceName={data.workspaceName} /> : null}
      >
        {data.members.map((m) => (
          <MemberRow key={m.id} member={m} options={data.options} viewerIsOwner={data.viewerIsOwner} base={base} result={result} />
        ))}
      </ResourceCard>

      <ResourceCard
        title="Pending invitations"
        description="Invitations that have not been accepted yet. Each link works once and only for the invited email address."
        count={data.pending.length}
        empty={{ title: "No pending invitations", description: "When you invite someone, the invitation waits here until they accept it." }}
        caption="Pending invitations"
        columns={["Email", "Role", "Access to", "Expires"]}
      >
        {data.pending.map((p) => (
          <TR key={p.id}>
            <TH scope="row">
              <span className="break-all text-sm font-medium text-ink">{p.email}</span>
            </TH>
            <TD>
              <Badge tone={ROLE_TONE[p.role]}>{p.roleLabel}</Badge>
            </TD>
            <TD>
              <ScopeText kind={p.scopeKind} name={p.scopeName} />
            </TD>
            <TD className="whitespace-nowrap">
              {p.expires}
              <span className="block text-xs text-ink-muted">{p.expiresIn}</span>
            </TD>
          </TR>
        ))}
      </ResourceCard>
    </div>
  );
}
