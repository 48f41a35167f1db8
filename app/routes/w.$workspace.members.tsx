import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useId, useRef, useState } from "react";
import { z } from "zod";
import { ROLES, type Role } from "@db/schema/roles";
import { ChevronDownIcon, UsersIcon } from "~/components/icons";
import {
  Alert,
  Badge,
  Button,
  ButtonLink,
  Card,
  EmptyState,
  FormError,
  PageHeader,
  SelectField,
  TBody,
  TD,
  TH,
  THead,
  TR,
  Table,
  TextField,
  controlClasses,
  cx,
} from "~/components/ui";
import type { Tone } from "~/components/ui";
import { IdempotencyKeyField } from "~/components/ui/idempotency-key-field";
import { requirePermission } from "~/modules/workspaces/authz.server";
import { findDirectoryEntry, listDirectory } from "~/modules/workspaces/directory.server";
import { changeMemberRole, findMember, inviteMember, listMembers, removeMember } from "~/modules/workspaces/members.server";
import { ROLE_LABELS, ROLE_SCOPE } from "~/modules/workspaces/permissions";
import { assignmentSchema, changeRoleSchema, inviteSchema, memberIdSchema } from "~/modules/workspaces/schemas";
import { actionFailure, actionSuccess } from "~/utils/action-result.server";
import { notFound, parseWith, readForm } from "~/utils/http.server";
import { newIdempotencyKey, readIdempotencyKey } from "~/utils/idempotency.server";
import { useHydrated } from "~/utils/use-hydrated";
import { DAY_MS, formatIn } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Members · Baton" }];

type ScopeKind = "workspace" | "agency" | "brand" | "creator";

const ROLE_HELP: Record<Role, string> = {
  owner: "Everything, including settings, members and ownership.",
  admin: "Everything: settings, branding, members and webhooks.",
  coordinator: "All campaigns, briefs, routes and the calendar. No settings.",
  agency_member: "One agency's campaigns: reviews drafts and verifies access.",
  brand_lead: "Final sign-off for one brand, across all its agencies.",
  creator: "Their own assignments: acknowledges briefs and submits drafts.",
  client_contact: "One brand's onboarding and calendar; read-only elsewhere.",
};

const SCOPE_NOUN: Record<Exclude<ScopeKind, "workspace">, string> = { agency: "Agency", brand: "Brand", creator: "Creator" };

const ROLE_TONE: Record<Role, Tone> = {
  owner: "accent",
  admin: "accent",
  coordinator: "info",
  agency_member: "neutral",
  brand_lead: "success",
  creator: "warning",
  client_contact: "neutral",
};

/** Invitations can give every role except ownership. */
const INVITABLE_ROLES = ROLES.filter((r) => r !== "owner");

function daysFromNow(date: Date): string {
  const days = Math.ceil((date.getTime() - Date.now()) / DAY_MS);
  if (days <= 0) return "today";
  return days === 1 ? "in 1 day" : `in ${days} days`;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "members.manage");
  const [{ members, pending }, dir] = await Promise.all([listMembers(ctx.workspace.id), listDirectory(ctx.workspace.id)]);
  const names = {
    agency: new Map(dir.agencies.map((a) => [a.id, a.name])),
    brand: new Map(dir.brands.map((b) => [b.id, b.name])),
    creator: new Map(dir.creators.map((c) => [c.id, c.name])),
  };
  const scopeOf = (role: Role, ids: { agencyId: string | null; brandId: string | null; creatorId: string | null }) => {
    const kind = ROLE_SCOPE[role];
    if (kind === "workspace") return { kind, id: null, name: null };
    const id = kind === "agency" ? ids.agencyId : kind === "brand" ? ids.brandId : ids.creatorId;
    return { kind, id, name: id ? (names[kind].get(id) ?? null) : null };
  };
  const viewerIsOwner = ctx.role === "owner";

  const rows = members.map((m) => {
    const scope = scopeOf(m.role, m);
    const isSelf = m.userId === ctx.user.id;
    const lockedReason = isSelf ? "This is you." : m.role === "owner" && !viewerIsOwner ? "Only an owner can change an owner." : null;
    return {
      id: m.id,
      name: m.name,
      email: m.email,
      role: m.role,
      roleLabel: ROLE_LABELS[m.role],
      scopeKind: scope.kind,
      scopeName: scope.name,
      assignment: scope.id ? `${m.role}:${scope.id}` : m.role,
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
        const scope = scopeOf(p.role, p);
        return {
          id: p.id,
          email: p.email,
          roleLabel: ROLE_LABELS[p.role],
          role: p.role,
          scopeKind: scope.kind,
          scopeName: scope.name,
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

type Intent = z.infer<typeof intentSchema>["intent"];

/** The 400 shape of http.server's badRequest, plus which form (and which row) it belongs to. */
const fail = actionFailure<Intent>;
const done = actionSuccess<Intent>;

function text(form: FormData, key: string): string {
  const v = form.get(key);
  return typeof v === "string" ? v : "";
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "members.manage");
  const form = await readForm(request);
  const which = parseWith(intentSchema, { intent: form.get("intent") ?? undefined });
  if (!which.success) return fail(null, which.errors, { formError: "Unknown action. Reload the page and try again." });
  const intent = which.data.intent;

  if (intent === "invite") {
    const values = {
      email: text(form, "email"),
      role: text(form, "role"),
      agencyId: text(form, "agencyId"),
      brandId: text(form, "brandId"),
      creatorId: text(form, "creatorId"),
    };
    const parsed = parseWith(inviteSchema, form);
    if (!parsed.success) return fail(intent, parsed.errors, { values });
    const result = await inviteMember(request, ctx, parsed.data, readIdempotencyKey(form));
    if (!result.ok) return fail(intent, { [result.field]: [result.message] }, { values });
    return done(intent, `Invitation sent to ${parsed.data.email}. The link works for 14 days.`);
  }

  // Changing or removing someone: the target must be a member of this workspace, else 404.
  const idParsed = parseWith(memberIdSchema, form);
  // A malformed id is bad input (400); a well-formed one outside this workspace is 404.
  if (!idParsed.success) return fail(intent, idParsed.errors, { formError: "Choose a member from the list." });
  const target = await findMember(ctx.workspace.id, idParsed.data.membershipId);
  if (!target) notFound("That member was not found.");

  if (intent === "remove") {
    const result = await removeMember(request, ctx, target.id);
    if (!result.ok && result.status === 404) notFound(result.message);
    if (!result.ok) return fail(intent, {}, { target: target.id, formError: result.message });
    return done(intent, `${target.name} was removed from the workspace.`);
  }

  // changeRole: one select carries "role" or "role:scopeId", so the form works without JavaScript.
  const assigned = parseWith(assignmentSchema, form);
  if (!assigned.success) return fail(intent, assigned.errors, { target: target.id });
  const [roleRaw, scopeId = ""] = assigned.data.assignment.split(":", 2);
  const parsedRole = parseWith(changeRoleSchema, { membershipId: target.id, role: roleRaw });
  if (!parsedRole.success) return fail(intent, { assignment: parsedRole.errors.role ?? ["Choose a role."] }, { target: target.id });
  const role = parsedRole.data.role;
  const kind = ROLE_SCOPE[role];
  const result = await changeMemberRole(request, ctx, {
    membershipId: target.id,
    role,
    agencyId: kind === "agency" ? scopeId : undefined,
    brandId: kind === "brand" ? scopeId : undefined,
    creatorId: kind === "creator" ? scopeId : undefined,
  });
  if (!result.ok && result.status === 404) notFound(result.message);
  if (!result.ok) return fail(intent, { assignment: [result.message] }, { target: target.id, formError: result.message });
  const scopeEntry = kind === "workspace" ? null : await findDirectoryEntry(ctx.workspace.id, kind, scopeId);
  return done(intent, `${target.name} is now ${ROLE_LABELS[role]}${scopeEntry ? ` for ${scopeEntry.name}` : ""}.`);
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type Options = LoaderData["options"];

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

      <Card
        title="People in this workspace"
        description={`${data.members.length} ${data.members.length === 1 ? "member" : "members"}. A role change takes effect on their next click.`}
        flush
      >
        {data.confirmRemove ? <ConfirmRemove member={data.confirmRemove} base={base} workspaceName={data.workspaceName} /> : null}
        {data.members.length === 0 ? (
          <div className="p-4 sm:p-6">
            <EmptyState
              icon={<UsersIcon />}
              title="No members yet"
              description="Invite your team, your agencies, brand leads and creators with the form above."
            />
          </div>
        ) : (
          <Table caption="Members, their roles and what they can see">
            <THead>
              <TR>
                <TH>Member</TH>
                <TH>Role and access</TH>
                <TH>Change role</TH>
                <TH>
                  <span className="sr-only">Remove</span>
                </TH>
              </TR>
            </THead>
            <TBody>
              {data.members.map((m) => (
                <MemberRow key={m.id} member={m} options={data.options} viewerIsOwner={data.viewerIsOwner} base={base} result={result} />
              ))}
            </TBody>
          </Table>
        )}
      </Card>

      <Card
        title="Pending invitations"
        description="Invitations that have not been accepted yet. Each link works once and only for the invited email address."
        flush
      >
        {data.pending.length === 0 ? (
          <div className="p-4 sm:p-6">
            <EmptyState
              title="No pending invitations"
              description="When you invite someone, the invitation waits here until they accept it."
            />
          </div>
        ) : (
          <Table caption="Pending invitations">
            <THead>
              <TR>
                <TH>Email</TH>
                <TH>Role</TH>
                <TH>Access to</TH>
                <TH>Expires</TH>
              </TR>
            </THead>
            <TBody>
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
            </TBody>
          </Table>
        )}
      </Card>
    </div>
  );
}

type ActionResult = ReturnType<typeof useActionData<typeof action>>;

function ScopeText({ kind, name, wrap = false }: { kind: ScopeKind; name: string | null; wrap?: boolean }) {
  if (kind === "workspace") return <span className="text-ink-muted">Whole workspace</span>;
  return (
    <span className={wrap ? undefined : "whitespace-nowrap"}>
      <span className="text-ink-muted">{SCOPE_NOUN[kind]}: </span>
      <span className="font-medium text-ink">{name ?? "Not set"}</span>
    </span>
  );
}

function InviteCard({
  options,
  result,
  slug,
  idempotencyKey,
}: {
  options: Options;
  result: ActionResult;
  slug: string;
  idempotencyKey: string;
}) {
  const hydrated = useHydrated();
  const mine = result && !result.ok && result.intent === "invite" ? result : null;
  const errors = mine?.errors ?? {};
  const values = mine?.values ?? {};
  const [role, setRole] = useState<string>(values.role ?? "");
  const busy = useNavigation().formData?.get("intent") === "invite";
  const scopeKind = (ROLES as readonly string[]).includes(role) ? ROLE_SCOPE[role as Role] : null;
  const directoryLink = (
    <Link to={`/w/${slug}/directory`} className="font-medium text-accent hover:underline">
      Brands, agencies &amp; creators
    </Link>
  );

  const scopeSelect = (kind: Exclude<ScopeKind, "workspace">, standalone: boolean) => {
    const opts = options[kind];
    const label = kind === "agency" ? "Agency" : kind === "brand" ? "Brand" : "Creator profile";
    const forWhom = kind === "agency" ? "For agency members." : kind === "brand" ? "For brand leads and client contacts." : "For creators.";
    return (
      <SelectField
        key={kind}
        label={label}
        name={`${kind}Id`}
        options={opts}
        placeholder={
          opts.length === 0
            ? `No ${kind === "agency" ? "agencies" : kind === "brand" ? "brands" : "creators"} yet`
            : `Choose ${kind === "agency" ? "an agency" : kind === "brand" ? "a brand" : "a creator"}`
        }
        defaultValue={values[`${kind}Id`] ?? ""}
        errors={errors[`${kind}Id`]}
        required={standalone}
        hint={
          opts.length === 0 ? (
            <>Add one in {directoryLink} first.</>
          ) : standalone ? (
            `They will only see this ${kind === "creator" ? "creator's work" : kind}.`
          ) : (
            forWhom
          )
        }
      />
    );
  };

  return (
    <Card
      title="Invite someone"
      description="They get an email with a link to join. The link works once, for that address only, and expires in 14 days."
    >
      <Form method="post" className="space-y-5" noValidate>
        <input type="hidden" name="intent" value="invite" />
        <IdempotencyKeyField value={idempotencyKey} />
        <FormError>{mine?.formError ?? null}</FormError>
        <div className="grid gap-5 sm:grid-cols-2">
          <TextField
            label="Email address"
            name="email"
            type="email"
            autoComplete="off"
            required
            defaultValue={values.email ?? ""}
            errors={errors.email}
            placeholder="name@company.com"
          />
          <SelectField
            label="Role"
            name="role"
            required
            placeholder="Choose a role"
            options={INVITABLE_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
            defaultValue={values.role ?? ""}
            errors={errors.role}
            onChange={(e) => setRole(e.currentTarget.value)}
            hint={hydrated && scopeKind ? ROLE_HELP[role as Role] : hydrated ? "What they can do depends on the role." : undefined}
          />
        </div>

        {hydrated ? (
          scopeKind && scopeKind !== "workspace" ? (
            <div className="grid gap-5 sm:grid-cols-2">{scopeSelect(scopeKind, true)}</div>
          ) : scopeKind === "workspace" ? (
            <p className="rounded-lg bg-slate-50 px-4 py-3 text-sm text-ink-soft ring-1 ring-inset ring-slate-200">
              {ROLE_LABELS[role as Role]}s work across the whole workspace: every brand, agency and creator.
            </p>
          ) : null
        ) : (
          <fieldset className="space-y-3">
            <legend className="text-sm font-medium text-ink">Access to</legend>
            <p className="text-sm text-ink-muted">
              Agency members, brand leads, client contacts and creators are limited to one agency, brand or creator profile. Fill in the one
              that matches the role; only the one matching the role is used.
            </p>
            <div className="grid gap-5 sm:grid-cols-3">{(["agency", "brand", "creator"] as const).map((k) => scopeSelect(k, false))}</div>
          </fieldset>
        )}

        {!hydrated ? (
          <details className="text-sm text-ink-soft">
            <summary className="cursor-pointer font-medium text-ink">What each role can do</summary>
            <dl className="mt-3 grid gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
              {INVITABLE_ROLES.map((r) => (
                <div key={r} className="contents">
                  <dt className="font-medium text-ink">{ROLE_LABELS[r]}</dt>
                  <dd className="text-ink-muted">{ROLE_HELP[r]}</dd>
                </div>
              ))}
            </dl>
          </details>
        ) : null}

        <div className="flex justify-end">
          <Button type="submit" disabled={busy} className="w-full sm:w-auto">
            {busy ? "Sending…" : "Send invitation"}
          </Button>
        </div>
      </Form>
    </Card>
  );
}

function ConfirmRemove({
  member,
  base,
  workspaceName,
}: {
  member: { id: string; name: string; email: string };
  base: string;
  workspaceName: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const busy = useNavigation().formData?.get("intent") === "remove";
  useEffect(() => {
    ref.current?.focus();
  }, [member.id]);
  return (
    <div ref={ref} id="confirm-remove" tabIndex={-1} className="border-b border-slate-200 p-4 focus:outline-none sm:p-6">
      <Alert
        tone="danger"
        role="alert"
        title={`Remove ${member.name}?`}
        actions={
          <>
            <Form method="post" action={base}>
              <input type="hidden" name="intent" value="remove" />
              <input type="hidden" name="membershipId" value={member.id} />
              <Button type="submit" variant="danger" size="sm" disabled={busy}>
                {busy ? "Removing…" : "Remove member"}
              </Button>
            </Form>
            <ButtonLink to={base} variant="secondary" size="sm" preventScrollReset>
              Cancel
            </ButtonLink>
          </>
        }
      >
        {member.email} loses access to {workspaceName} right away. What they did stays in the audit trail. You can invite them again later.
      </Alert>
    </div>
  );
}

type MemberRowData = LoaderData["members"][number];

function MemberRow({
  member: m,
  options,
  viewerIsOwner,
  base,
  result,
}: {
  member: MemberRowData;
  options: Options;
  viewerIsOwner: boolean;
  base: string;
  result: ActionResult;
}) {
  const selectId = useId();
  const errorId = `${selectId}-error`;
  const nav = useNavigation();
  const mine = result && !result.ok && result.target === m.id ? result : null;
  const rowErrors = mine
    ? [...(mine.errors.assignment ?? []), ...(mine.errors.assignment ? [] : mine.formError ? [mine.formError] : [])]
    : [];
  const busy = nav.formData?.get("membershipId") === m.id && nav.formData?.get("intent") === "changeRole";

  return (
    <TR>
      <TH scope="row" className="min-w-[11rem]">
        <span className="flex items-center gap-2 text-sm font-medium text-ink">
          {m.name}
          {m.isSelf ? <Badge tone="accent">You</Badge> : null}
        </span>
        <span className="mt-0.5 block break-all text-sm font-normal text-ink-muted">{m.email}</span>
      </TH>
      <TD className="min-w-[9rem] max-w-[12rem]">
        <Badge tone={ROLE_TONE[m.role]}>{m.roleLabel}</Badge>
        <span className="mt-1 block text-sm">
          <ScopeText kind={m.scopeKind} name={m.scopeName} wrap />
        </span>
      </TD>
      <TD className="w-full min-w-[19rem]">
        {m.lockedReason ? (
          <span className="text-sm text-ink-muted">{m.lockedReason}</span>
        ) : (
          <Form method="post" action={base} preventScrollReset key={m.assignment}>
            <input type="hidden" name="intent" value="changeRole" />
            <input type="hidden" name="membershipId" value={m.id} />
            <div className="flex items-center gap-2">
              <label htmlFor={selectId} className="sr-only">
                New role for {m.name}
              </label>
              <div className="relative min-w-0 flex-1">
                <select
                  id={selectId}
                  name="assignment"
                  defaultValue={m.assignment}
                  aria-invalid={rowErrors.length > 0 ? true : undefined}
                  aria-describedby={rowErrors.length > 0 ? errorId : undefined}
                  className={cx(controlClasses, "appearance-none py-1.5 pr-9")}
                >
                  <optgroup label="Whole workspace">
                    {(["owner", "admin", "coordinator"] as const)
                      .filter((r) => r !== "owner" || viewerIsOwner || m.role === "owner")
                      .map((r) => (
                        <option key={r} value={r}>
                          {ROLE_LABELS[r]}
                        </option>
                      ))}
                  </optgroup>
                  {(
                    [
                      ["agency_member", "agency"],
                      ["brand_lead", "brand"],
                      ["client_contact", "brand"],
                      ["creator", "creator"],
                    ] as const
                  ).map(([r, kind]) =>
                    options[kind].length > 0 ? (
                      <optgroup key={r} label={ROLE_LABELS[r]}>
                        {options[kind].map((o) => (
                          <option key={o.value} value={`${r}:${o.value}`}>
                            {ROLE_LABELS[r]} · {o.label}
                          </option>
                        ))}
                      </optgroup>
                    ) : null,
                  )}
                </select>
                <ChevronDownIcon size={16} className="pointer-events-none absolute right-3 top-1/2 -translate-y-1/2 text-ink-muted" />
              </div>
              <Button type="submit" variant="secondary" size="sm" disabled={busy}>
                {busy ? "Saving…" : "Save"}
                <span className="sr-only"> role for {m.name}</span>
              </Button>
            </div>
            {rowErrors.length > 0 ? (
              <div id={errorId} role="alert" className="mt-1.5 text-sm text-red-700">
                {rowErrors.map((e) => (
                  <p key={e}>{e}</p>
                ))}
              </div>
            ) : null}
          </Form>
        )}
      </TD>
      <TD className="pl-0 text-right">
        {m.lockedReason ? null : (
          <Link
            to={`${base}?remove=${encodeURIComponent(m.id)}#confirm-remove`}
            preventScrollReset
            className="inline-flex h-8 items-center rounded-lg px-3 text-sm font-medium text-red-700 hover:bg-red-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-red-600"
          >
            Remove<span className="sr-only"> {m.name}</span>
          </Link>
        )}
      </TD>
    </TR>
  );
}
