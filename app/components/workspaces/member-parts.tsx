import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useEffect, useId, useRef, useState } from "react";
import { ROLES, type Role } from "@db/schema/roles";
import { ChevronDownIcon } from "~/components/icons";
import { Alert, Badge, Button, ButtonLink, Card, FormError, SelectField, TD, TH, TR, TextField, controlClasses, cx } from "~/components/ui";
import type { Tone } from "~/components/ui";
import { IdempotencyKeyField } from "~/components/ui/idempotency-key-field";
import { ROLE_LABELS, ROLE_SCOPE } from "~/modules/workspaces/permissions";
import { assignmentSchema, inviteSchema } from "~/modules/workspaces/schemas";
import type { ActionData } from "~/utils/action-data.server";
import { conformResult } from "~/utils/conform";
import { useHydrated } from "~/utils/use-hydrated";

/** The members page's pieces: the invite form, a member's row with its role select, the remove confirmation. */

export type ScopeKind = "workspace" | "agency" | "brand" | "creator";
type Choice = { value: string; label: string };
export type Options = Record<Exclude<ScopeKind, "workspace">, Choice[]>;
type ActionResult = Pick<ActionData, "ok" | "intent" | "errors" | "formError" | "values" | "target"> | undefined;
export interface MemberRowData {
  id: string;
  name: string;
  email: string;
  role: Role;
  roleLabel: string;
  scopeKind: ScopeKind;
  scopeName: string | null;
  assignment: string;
  isSelf: boolean;
  lockedReason: string | null;
}

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

export const ROLE_TONE: Record<Role, Tone> = {
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

export function ScopeText({ kind, name, wrap = false }: { kind: ScopeKind; name: string | null; wrap?: boolean }) {
  if (kind === "workspace") return <span className="text-ink-muted">Whole workspace</span>;
  return (
    <span className={wrap ? undefined : "whitespace-nowrap"}>
      <span className="text-ink-muted">{SCOPE_NOUN[kind]}: </span>
      <span className="font-medium text-ink">{name ?? "Not set"}</span>
    </span>
  );
}

export function InviteCard({
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
  // conform with the action's `inviteSchema`: checked in the browser first, the server's answer shown the same way.
  const [form, fields] = useForm({
    id: "invite",
    lastResult: conformResult(result, "invite"),
    constraint: getZodConstraint(inviteSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: inviteSchema }),
  });
  const typed = (value: unknown) => (typeof value === "string" ? value : "");
  const [role, setRole] = useState<string>(typed(fields.role.initialValue));
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
        name={fields[`${kind}Id`].name}
        options={opts}
        placeholder={
          opts.length === 0
            ? `No ${kind === "agency" ? "agencies" : kind === "brand" ? "brands" : "creators"} yet`
            : `Choose ${kind === "agency" ? "an agency" : kind === "brand" ? "a brand" : "a creator"}`
        }
        defaultValue={typed(fields[`${kind}Id`].initialValue)}
        errors={fields[`${kind}Id`].errors}
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
      <Form method="post" className="space-y-5" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="invite" />
        <IdempotencyKeyField value={idempotencyKey} />
        <FormError errors={form.errors} />
        <div className="grid gap-5 sm:grid-cols-2">
          <TextField
            label="Email address"
            name={fields.email.name}
            type="email"
            autoComplete="off"
            required
            defaultValue={typed(fields.email.initialValue)}
            errors={fields.email.errors}
            placeholder="name@company.com"
          />
          <SelectField
            label="Role"
            name={fields.role.name}
            required
            placeholder="Choose a role"
            options={INVITABLE_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
            defaultValue={typed(fields.role.initialValue)}
            errors={fields.role.errors}
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

export function ConfirmRemove({
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

export function MemberRow({
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
  // The answer's `target` names the row; a refusal naming the role is said once, beside the select.
  const [form, fields] = useForm({
    id: `role-${m.id}`,
    lastResult: result?.target === m.id ? conformResult(result, "changeRole") : undefined,
    constraint: getZodConstraint(assignmentSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: assignmentSchema }),
  });
  const rowErrors = fields.assignment.errors ?? form.errors ?? [];
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
          <Form method="post" action={base} preventScrollReset key={m.assignment} {...getFormProps(form)}>
            <input type="hidden" name="intent" value="changeRole" />
            <input type="hidden" name={fields.membershipId.name} value={m.id} />
            <div className="flex items-center gap-2">
              <label htmlFor={selectId} className="sr-only">
                New role for {m.name}
              </label>
              <div className="relative min-w-0 flex-1">
                <select
                  id={selectId}
                  name={fields.assignment.name}
                  defaultValue={typeof fields.assignment.initialValue === "string" ? fields.assignment.initialValue : m.assignment}
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
