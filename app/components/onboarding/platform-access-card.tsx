import { Form } from "@remix-run/react";
import { Button, Card, TextAreaField } from "~/components/ui";
import { AccessStatusBadge, formatDayTime } from "~/components/onboarding/branded-frame";
import type { LinkPageResult } from "~/components/onboarding/link-detail-cards";
import type { AccessEvent, AccessStatus } from "~/modules/onboarding/access-status";
import { formatTimeTaken } from "~/modules/onboarding/progress";

/** One platform step as the agency's link page shows it. */
export interface AgencyStepView {
  id: string;
  name: string;
  role: string;
  status: AccessStatus;
  assetId: string | null;
  version: number;
  confirmedAt: string | null;
  verifiedAt: string | null;
  verifiedByName: string | null;
  rejectionReason: string | null;
  notApplicableReason: string | null;
  timeToVerifiedMs: number | null;
  /** What the agency may do to the step now. */
  events: AccessEvent[];
}

/** Every platform step with the agency's decisions on it: verify, revoke, reopen, reject, not needed. */
export function PlatformAccessCard({
  steps,
  result,
  active,
  here,
}: {
  steps: AgencyStepView[];
  result: LinkPageResult | undefined;
  /** Decisions are offered only while the link is alive. */
  active: boolean;
  here: string;
}) {
  const stepFailure = (id: string, intent: string) =>
    result && !result.ok && result.target === id && result.intent === intent ? result : null;
  return (
    <Card
      title="Platform access"
      description="Verify each grant in the platform itself, then mark it verified here. Reject with a reason: the client is emailed a link to fix that step."
    >
      <ul className="-my-4 divide-y divide-slate-100">
        {steps.map((s) => {
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
        {steps.length === 0 ? <li className="py-4 text-sm text-ink-muted">This link asks for no platform access.</li> : null}
      </ul>
    </Card>
  );
}
