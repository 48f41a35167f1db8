import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import {
  Alert,
  Badge,
  Button,
  Card,
  CardSection,
  CheckboxField,
  CopyButton,
  PageHeader,
  ProgressBar,
  Stat,
  TextAreaField,
  TextField,
} from "~/components/ui";
import { AccessStatusBadge, formatDayTime } from "~/components/onboarding/branded-frame";
import { LinkStateBadge } from "~/components/onboarding/link-state-badge";
import { allowedAccessEvents, isAccessStatus } from "~/modules/onboarding/access-status";
import { getPlatform } from "~/modules/onboarding/catalog";
import { decideStep, findCurrentLinkForMember, linkDetail, reissueLink, revokeLink } from "~/modules/onboarding/links.server";
import { formatTimeTaken } from "~/modules/onboarding/progress";
import { questionnaireQuestions } from "~/modules/onboarding/questionnaire";
import { idSchema, reasonSchema, reissueSchema } from "~/modules/onboarding/schemas";
import { requirePermission } from "~/modules/workspaces/authz.server";
import { actionFailure, actionSuccess } from "~/utils/action-result.server";
import { notFound, parseWith, readForm } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.link.clientName ?? "Onboarding link"} · Onboarding · Baton` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "onboarding.manage");
  if (!idSchema.safeParse(params.linkId).success) notFound("That link was not found.");
  const link = await findCurrentLinkForMember(ctx, params.linkId as string);
  if (!link) notFound("That link was not found.");
  const d = await linkDetail(ctx, link);
  return json({
    slug: ctx.workspace.slug,
    link: {
      id: link.id,
      clientName: link.clientName,
      clientEmail: link.clientEmail,
      createdAt: link.createdAt.toISOString(),
      expiresAt: link.expiresAt.toISOString(),
      openedAt: link.openedAt?.toISOString() ?? null,
      completedAt: link.completedAt?.toISOString() ?? null,
      agreementName: link.agreementName,
      agreementAt: link.agreementAt?.toISOString() ?? null,
      agreementIp: link.agreementIp,
    },
    movedFrom: link.id !== params.linkId,
    brand: d.brand,
    intake: d.intake,
    answers: d.answers,
    state: d.state,
    progress: d.progress,
    timeToVerifiedMs: d.timeToVerifiedMs,
    accountManager: d.accountManager,
    createdByName: d.createdByName,
    steps: d.steps.map((s) => ({
      id: s.id,
      name: getPlatform(s.platformKey)?.name ?? s.platformKey,
      role: s.role,
      status: isAccessStatus(s.status) ? s.status : "requested",
      assetId: s.assetId,
      version: s.rowVersion,
      confirmedAt: s.confirmedAt?.toISOString() ?? null,
      verifiedAt: s.verifiedAt?.toISOString() ?? null,
      verifiedByName: s.verifiedByName,
      rejectionReason: s.rejectionReason,
      notApplicableReason: s.notApplicableReason,
      timeToVerifiedMs: s.timeToVerifiedMs,
      events: allowedAccessEvents(isAccessStatus(s.status) ? s.status : "requested", "agency"),
    })),
    forwards: d.forwards.map((f) => ({
      id: f.id,
      stepName: getPlatform(d.steps.find((s) => s.id === f.stepId)?.platformKey ?? "")?.name ?? "a step",
      email: f.email,
      name: f.name,
      createdAt: f.createdAt.toISOString(),
      revoked: Boolean(f.revokedAt),
    })),
  });
}

const intentSchema = z.object({
  intent: z.enum(["verify", "reject", "revoke", "reopen", "not-applicable", "revoke-link", "reissue"], {
    errorMap: () => ({ message: "Unknown action." }),
  }),
});
const stepSchema = z.object({
  stepId: idSchema,
  version: z.coerce.number({ invalid_type_error: "Reload the page and try again." }).int().min(0).max(1_000_000).optional(),
});
type Intent = z.infer<typeof intentSchema>["intent"];
const EVENT = { verify: "verify", reject: "reject", revoke: "revoke", reopen: "reopen", "not-applicable": "mark_not_applicable" } as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "onboarding.manage");
  if (!idSchema.safeParse(params.linkId).success) notFound("That link was not found.");
  const link = await findCurrentLinkForMember(ctx, params.linkId as string);
  if (!link) notFound("That link was not found.");
  const form = await readForm(request);
  const which = parseWith(intentSchema, { intent: form.get("intent") ?? undefined });
  if (!which.success) return actionFailure<Intent>(null, which.errors, { formError: "Unknown action. Reload the page and try again." });
  const intent = which.data.intent;

  if (intent === "revoke-link") {
    const r = await revokeLink(request, ctx, link.id);
    return r.ok
      ? json({ ...(await actionSuccess(intent, r.notice).json()), url: null as string | null })
      : actionFailure(intent, {}, { formError: r.message, status: r.status });
  }
  if (intent === "reissue") {
    const parsed = parseWith(reissueSchema, form);
    if (!parsed.success) return actionFailure(intent, parsed.errors);
    const r = await reissueLink(request, ctx, link.id, parsed.data);
    if (!r.ok) return actionFailure(intent, {}, { formError: r.message, status: r.status });
    return json({
      ...(await actionSuccess(
        intent,
        r.emailed
          ? "New link issued and emailed. The old one now shows that it was replaced."
          : "New link issued. The old one now shows that it was replaced.",
      ).json()),
      url: r.url as string | null,
    });
  }

  const parsed = parseWith(intent === "reject" || intent === "not-applicable" ? stepSchema.merge(reasonSchema) : stepSchema, form);
  const stepId = typeof form.get("stepId") === "string" ? String(form.get("stepId")).slice(0, 64) : undefined;
  if (!parsed.success) return actionFailure(intent, parsed.errors, { target: stepId });
  const data = parsed.data as { stepId: string; version?: number; reason?: string };
  const r = await decideStep(request, ctx, {
    linkId: link.id,
    stepId: data.stepId,
    event: EVENT[intent],
    reason: data.reason,
    version: data.version,
  });
  if (!r.ok) return actionFailure(intent, {}, { formError: r.message, status: r.status, target: data.stepId });
  return json({ ...(await actionSuccess(intent, r.notice).json()), url: null as string | null });
}

export default function OnboardingLinkPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as
    | {
        ok: boolean;
        intent: string | null;
        errors: Record<string, string[]>;
        formError: string | null;
        target: string | null;
        notice: string | null;
        url?: string | null;
      }
    | undefined;
  const base = `/w/${d.slug}/onboarding`;
  const here = `${base}/${d.link.id}`;
  const stepFailure = (id: string, intent: string) =>
    result && !result.ok && result.target === id && result.intent === intent ? result : null;
  const active = d.state === "active" || d.state === "completed" || d.state === "verified";
  return (
    <div className="space-y-6">
      <PageHeader
        title={d.link.clientName}
        breadcrumbs={[{ label: "Onboarding links", to: base }]}
        description={
          <>
            Created {formatDayTime(d.link.createdAt)}
            {d.createdByName ? ` by ${d.createdByName}` : ""}. Account manager: {d.accountManager?.name ?? "none"}.
          </>
        }
        actions={
          <>
            <LinkStateBadge state={d.state} />
            {d.brand ? (
              <Link className="text-sm font-medium text-accent hover:underline" to={`/w/${d.slug}/brands/${d.brand.id}/access`}>
                Access ledger of {d.brand.name}
              </Link>
            ) : null}
          </>
        }
      />
      {result?.ok && result.notice ? (
        <Alert tone="success" role="status">
          {result.notice}
        </Alert>
      ) : null}
      {result && !result.ok && !result.target ? (
        <Alert tone="danger" role="alert">
          {result.formError}
        </Alert>
      ) : null}
      {result?.ok && result.url ? (
        <Card title="The new link">
          <CopyButton value={result.url} label="New onboarding link" showLabel />
          <p className="mt-2 text-sm text-ink-muted">Shown once: Baton keeps only its fingerprint.</p>
        </Card>
      ) : null}

      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat label="Client progress" value={`${d.progress.percent}%`} hint={`${d.progress.done} of ${d.progress.total} steps done`} />
        <Stat
          label="Time to verified access"
          value={d.timeToVerifiedMs === null ? "Not yet" : formatTimeTaken(d.timeToVerifiedMs)}
          hint={d.timeToVerifiedMs === null ? "until every platform is verified" : "from creating the link to the last verification"}
        />
        <Stat
          label="Opened"
          value={d.link.openedAt ? formatDayTime(d.link.openedAt).split(",")[0] : "Not yet"}
          hint={d.link.openedAt ? formatDayTime(d.link.openedAt) : "the client has not opened it"}
        />
        <Stat
          label="Link works until"
          value={formatDayTime(d.link.expiresAt).split(",")[0]}
          hint={d.link.clientEmail ?? "no client email"}
        />
      </div>
      <ProgressBar
        value={d.progress.percent}
        label="Client progress"
        valueText={`${d.progress.done} of ${d.progress.total} steps done`}
        showLabel={false}
      />

      <Card
        title="Platform access"
        description="Verify each grant in the platform itself, then mark it verified here. Reject with a reason: the client is emailed a link to fix that step."
      >
        <ul className="-my-4 divide-y divide-slate-100">
          {d.steps.map((s) => {
            const reject = stepFailure(s.id, "reject");
            const na = stepFailure(s.id, "not-applicable");
            const other =
              result && !result.ok && result.target === s.id && !["reject", "not-applicable"].includes(result.intent ?? "") ? result : null;
            return (
              <li key={s.id} id={`step-${s.id}`} className="py-4">
                <div className="flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between">
                  <div className="min-w-0">
                    <h3 className="text-base font-semibold text-ink">{s.name}</h3>
                    <p className="text-sm text-ink-muted">
                      Role: <span className="font-medium text-ink-soft">{s.role}</span>
                      {s.assetId ? (
                        <>
                          {" "}
                          · ID <code className="rounded bg-slate-100 px-1 font-mono text-ink">{s.assetId}</code>
                        </>
                      ) : null}
                    </p>
                    <p className="mt-1 text-xs text-ink-muted">
                      {s.confirmedAt ? `Confirmed by the client ${formatDayTime(s.confirmedAt)}. ` : ""}
                      {s.verifiedAt ? `Verified by ${s.verifiedByName ?? "a former member"} ${formatDayTime(s.verifiedAt)}` : ""}
                      {s.timeToVerifiedMs !== null ? ` (${formatTimeTaken(s.timeToVerifiedMs)} after asking).` : ""}
                    </p>
                    {s.rejectionReason && s.status === "rejected" ? (
                      <p className="mt-1 text-sm text-red-700">Rejected: {s.rejectionReason}</p>
                    ) : null}
                    {s.notApplicableReason && s.status === "not_applicable" ? (
                      <p className="mt-1 text-sm text-ink-muted">Not applicable: {s.notApplicableReason}</p>
                    ) : null}
                  </div>
                  <AccessStatusBadge status={s.status} />
                </div>
                {other ? (
                  <p role="alert" className="mt-2 text-sm text-red-700">
                    {other.formError}
                  </p>
                ) : null}
                {active && s.events.length > 0 ? (
                  <div className="mt-3 flex flex-wrap items-start gap-2">
                    {s.events.includes("verify") ? (
                      <Form method="post" action={here} preventScrollReset>
                        <input type="hidden" name="intent" value="verify" />
                        <input type="hidden" name="stepId" value={s.id} />
                        <input type="hidden" name="version" value={s.version} />
                        <Button type="submit" size="sm">
                          Mark {s.name} verified
                        </Button>
                      </Form>
                    ) : null}
                    {s.events.includes("revoke") ? (
                      <Form method="post" action={here} preventScrollReset>
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="stepId" value={s.id} />
                        <input type="hidden" name="version" value={s.version} />
                        <Button type="submit" size="sm" variant="secondary">
                          Mark revoked
                        </Button>
                      </Form>
                    ) : null}
                    {s.events.includes("reopen") ? (
                      <Form method="post" action={here} preventScrollReset>
                        <input type="hidden" name="intent" value="reopen" />
                        <input type="hidden" name="stepId" value={s.id} />
                        <input type="hidden" name="version" value={s.version} />
                        <Button type="submit" size="sm" variant="secondary">
                          {s.status === "revoked" ? "Request again" : "Reopen"}
                        </Button>
                      </Form>
                    ) : null}
                    {s.events.includes("reject") ? (
                      <details className="w-full rounded-lg ring-1 ring-slate-200 sm:w-auto sm:min-w-[22rem]" open={Boolean(reject)}>
                        <summary className="cursor-pointer px-3 py-1.5 text-sm font-medium text-red-700">Reject {s.name}…</summary>
                        <Form method="post" action={here} preventScrollReset className="space-y-3 p-3" noValidate>
                          <input type="hidden" name="intent" value="reject" />
                          <input type="hidden" name="stepId" value={s.id} />
                          <input type="hidden" name="version" value={s.version} />
                          <TextAreaField
                            label="What is wrong (the client reads this)"
                            name="reason"
                            rows={2}
                            required
                            errors={reject?.errors.reason ?? (reject ? [reject.formError ?? ""] : undefined)}
                          />
                          <Button type="submit" size="sm" variant="danger">
                            Reject and email the client
                          </Button>
                        </Form>
                      </details>
                    ) : null}
                    {s.events.includes("mark_not_applicable") ? (
                      <details className="w-full rounded-lg ring-1 ring-slate-200 sm:w-auto sm:min-w-[22rem]" open={Boolean(na)}>
                        <summary className="cursor-pointer px-3 py-1.5 text-sm font-medium text-ink-soft">Not needed…</summary>
                        <Form method="post" action={here} preventScrollReset className="space-y-3 p-3" noValidate>
                          <input type="hidden" name="intent" value="not-applicable" />
                          <input type="hidden" name="stepId" value={s.id} />
                          <input type="hidden" name="version" value={s.version} />
                          <TextAreaField
                            label="Why it is not needed"
                            name="reason"
                            rows={2}
                            required
                            errors={na?.errors.reason ?? (na ? [na.formError ?? ""] : undefined)}
                          />
                          <Button type="submit" size="sm" variant="secondary">
                            Mark not applicable
                          </Button>
                        </Form>
                      </details>
                    ) : null}
                  </div>
                ) : null}
              </li>
            );
          })}
          {d.steps.length === 0 ? <li className="py-4 text-sm text-ink-muted">This link asks for no platform access.</li> : null}
        </ul>
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="What the client told us">
          <dl className="space-y-3 text-sm">
            {d.intake.contacts ? (
              <div>
                <dt className="font-medium text-ink">Contacts</dt>
                <dd className="text-ink-soft">
                  {d.answers.contacts.contactName
                    ? `${d.answers.contacts.contactName} <${d.answers.contacts.contactEmail}>${d.answers.contacts.contactRole ? `, ${d.answers.contacts.contactRole}` : ""}`
                    : "Not yet"}
                  {d.answers.contacts.approverName ? (
                    <>
                      <br />
                      Approver: {d.answers.contacts.approverName} &lt;{d.answers.contacts.approverEmail}&gt;
                      {d.answers.approverInvitationId ? " (invited as brand lead)" : ""}
                    </>
                  ) : null}
                </dd>
              </div>
            ) : null}
            {d.intake.questionnaire
              ? questionnaireQuestions.map((q) => (
                  <div key={q.key}>
                    <dt className="font-medium text-ink">{q.label}</dt>
                    <dd className="whitespace-pre-line text-ink-soft">{d.answers.questionnaire[q.key] || "Not yet"}</dd>
                  </div>
                ))
              : null}
            {d.intake.brandKit ? (
              <div>
                <dt className="font-medium text-ink">Brand kit</dt>
                <dd className="text-ink-soft">{d.answers.brandKit.note || (d.answers.brandKit.files.length ? "" : "Not yet")}</dd>
                {d.answers.brandKit.files.map((f) => (
                  <dd key={f.id}>
                    <a className="text-accent underline" href={`/w/${d.slug}/files/${f.id}`}>
                      {f.name}
                    </a>
                  </dd>
                ))}
              </div>
            ) : null}
            {d.intake.agreement ? (
              <div>
                <dt className="font-medium text-ink">Agreement</dt>
                <dd className="text-ink-soft">
                  {d.link.agreementAt
                    ? `Signed by ${d.link.agreementName} on ${formatDayTime(d.link.agreementAt)} from ${d.link.agreementIp ?? "an unknown address"}`
                    : "Not signed yet"}
                </dd>
              </div>
            ) : null}
            {!d.intake.contacts && !d.intake.questionnaire && !d.intake.brandKit && !d.intake.agreement ? (
              <p className="text-ink-muted">This link has no intake steps.</p>
            ) : null}
          </dl>
        </Card>
        <Card title="Forwarded steps">
          {d.forwards.length === 0 ? (
            <p className="text-sm text-ink-muted">No step was forwarded.</p>
          ) : (
            <ul className="space-y-2 text-sm">
              {d.forwards.map((f) => (
                <li key={f.id} className="text-ink-soft">
                  {f.stepName} → {f.name ? `${f.name} ` : ""}&lt;{f.email}&gt; · {formatDayTime(f.createdAt)}{" "}
                  {f.revoked ? <Badge>ended</Badge> : null}
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>

      <Card title="Manage the link">
        <div className="grid gap-6 md:grid-cols-2">
          <Form method="post" action={here} className="space-y-3">
            <input type="hidden" name="intent" value="reissue" />
            <h3 className="text-sm font-semibold text-ink">Re-issue</h3>
            <p className="text-sm text-ink-muted">
              A new address for the same onboarding: the old one stops working and says so. Progress is kept.
            </p>
            <TextField
              label="New link works for (days)"
              name="expiresInDays"
              type="number"
              min={1}
              max={90}
              defaultValue="30"
              errors={result?.intent === "reissue" ? result.errors.expiresInDays : undefined}
            />
            {d.link.clientEmail ? <CheckboxField label={`Email it to ${d.link.clientEmail}`} name="sendEmail" defaultChecked /> : null}
            <Button type="submit" variant="secondary">
              Re-issue the link
            </Button>
          </Form>
          {d.state !== "revoked" ? (
            <Form method="post" action={here} className="space-y-3">
              <input type="hidden" name="intent" value="revoke-link" />
              <h3 className="text-sm font-semibold text-ink">Revoke</h3>
              <p className="text-sm text-ink-muted">The link and every forwarded step stop working now. The client sees whom to contact.</p>
              <Button type="submit" variant="danger">
                Revoke the link
              </Button>
            </Form>
          ) : (
            <p className="text-sm text-ink-muted">This link is revoked. Re-issue it to give the client a working address again.</p>
          )}
        </div>
        <CardSection className="-mx-4 mt-5 -mb-5 sm:-mx-6">
          <p className="text-xs text-ink-muted">Every decision here is recorded in the audit trail with who and when.</p>
        </CardSection>
      </Card>
    </div>
  );
}
