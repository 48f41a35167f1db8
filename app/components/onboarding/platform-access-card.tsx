import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Button, Card, TextAreaField } from "~/components/ui";
import { AgencyAccessStatusBadge } from "~/components/onboarding/access-status-badge";
import { formatDayTime } from "~/components/onboarding/branded-frame";
import type { LinkPageResult } from "~/components/onboarding/link-detail-cards";
import type { AccessEvent, AccessStatus } from "~/modules/onboarding/access-status";
import { formatTimeTaken } from "~/modules/onboarding/progress";
import type { StepCheckView } from "~/modules/onboarding/access-checks/view";
import { AccessCheckNote, verifiedByCheckLine } from "./access-check-note";
import { reasonedDecisionSchema, stepDecisionSchema } from "~/modules/onboarding/schemas";
import { conformResult } from "~/utils/conform";

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
  /** Automatic checks of the step (decision 065). */
  check: StepCheckView | null;
}

type DecisionIntent = "verify" | "revoke" | "reopen" | "reject" | "not-applicable";

/**
 * One decision on one step: conform with the action's schema (with a reason for reject and not
 * applicable), a plain POST without JS. The answer's `intent` and `target` say whose it is; a
 * reason's refusal shows under the reason, a button's above the buttons (`other` below).
 */
function DecisionForm({
  intent,
  step,
  here,
  result,
  reasonLabel,
  className,
  children,
}: {
  intent: DecisionIntent;
  step: AgencyStepView;
  here: string;
  result: LinkPageResult | undefined;
  reasonLabel?: string;
  className?: string;
  children: ReactNode;
}) {
  const schema = reasonLabel ? reasonedDecisionSchema : stepDecisionSchema;
  const [form, fields] = useForm<{ stepId: string; version?: number; reason?: string }>({
    id: `${intent}-${step.id}`,
    lastResult: result?.target === step.id ? conformResult(result, intent) : undefined,
    constraint: getZodConstraint(schema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <Form method="post" action={here} preventScrollReset className={className} {...getFormProps(form)}>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name={fields.stepId.name} value={step.id} />
      <input type="hidden" name={fields.version.name} value={step.version} />
      {reasonLabel ? (
        <TextAreaField label={reasonLabel} name={fields.reason.name} rows={2} required errors={fields.reason.errors ?? form.errors} />
      ) : null}
      {children}
    </Form>
  );
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
  const { t } = useTranslation("agency");
  const stepFailure = (id: string, intent: string) =>
    result && !result.ok && result.target === id && result.intent === intent ? result : null;
  return (
    <Card title={t("platformAccess.title")} description={t("platformAccess.description")}>
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
                    {t("platformAccess.role")} <span className="font-medium text-ink-soft">{s.role}</span>
                    {s.assetId ? (
                      <>
                        {" "}
                        · {t("platformAccess.id")} <code className="rounded bg-slate-100 px-1 font-mono text-ink">{s.assetId}</code>
                      </>
                    ) : null}
                  </p>
                  <p className="mt-1 text-xs text-ink-muted">
                    {s.confirmedAt ? `${t("platformAccess.confirmed", { when: formatDayTime(s.confirmedAt) })} ` : ""}
                    {s.verifiedAt && s.check?.verifiedVia === "check" ? verifiedByCheckLine(s.verifiedAt) : ""}
                    {s.verifiedAt && s.check?.verifiedVia !== "check"
                      ? t("platformAccess.verified", {
                          by: s.verifiedByName ?? t("common.formerMember"),
                          when: formatDayTime(s.verifiedAt),
                        })
                      : ""}
                    {s.timeToVerifiedMs !== null
                      ? ` ${t("platformAccess.afterAsking", { time: formatTimeTaken(s.timeToVerifiedMs) })}`
                      : ""}
                  </p>
                  {s.rejectionReason && s.status === "rejected" ? (
                    <p className="mt-1 text-sm text-red-700">{t("platformAccess.rejected", { reason: s.rejectionReason })}</p>
                  ) : null}
                  <AccessCheckNote status={s.status} check={s.check} />
                  {s.notApplicableReason && s.status === "not_applicable" ? (
                    <p className="mt-1 text-sm text-ink-muted">{t("platformAccess.notApplicable", { reason: s.notApplicableReason })}</p>
                  ) : null}
                </div>
                <AgencyAccessStatusBadge status={s.status} />
              </div>
              {other ? (
                <p role="alert" className="mt-2 text-sm text-red-700">
                  {other.formError}
                </p>
              ) : null}
              {active && s.events.length > 0 ? (
                <div className="mt-3 flex flex-wrap items-start gap-2">
                  {s.events.includes("verify") ? (
                    <DecisionForm intent="verify" step={s} here={here} result={result}>
                      <Button type="submit" size="sm">
                        {t("platformAccess.verify", { platform: s.name })}
                      </Button>
                    </DecisionForm>
                  ) : null}
                  {s.events.includes("revoke") ? (
                    <DecisionForm intent="revoke" step={s} here={here} result={result}>
                      <Button type="submit" size="sm" variant="secondary">
                        {t("platformAccess.revoke")}
                      </Button>
                    </DecisionForm>
                  ) : null}
                  {s.events.includes("reopen") ? (
                    <DecisionForm intent="reopen" step={s} here={here} result={result}>
                      <Button type="submit" size="sm" variant="secondary">
                        {s.status === "revoked" ? t("platformAccess.requestAgain") : t("platformAccess.reopen")}
                      </Button>
                    </DecisionForm>
                  ) : null}
                  {s.events.includes("reject") ? (
                    <details className="w-full rounded-lg ring-1 ring-slate-200 sm:w-auto sm:min-w-[22rem]" open={Boolean(reject)}>
                      <summary className="cursor-pointer px-3 py-1.5 text-sm font-medium text-red-700">
                        {t("platformAccess.rejectOpen", { platform: s.name })}
                      </summary>
                      <DecisionForm
                        intent="reject"
                        step={s}
                        here={here}
                        result={result}
                        reasonLabel={t("platformAccess.rejectReason")}
                        className="space-y-3 p-3"
                      >
                        <Button type="submit" size="sm" variant="danger">
                          {t("platformAccess.rejectButton")}
                        </Button>
                      </DecisionForm>
                    </details>
                  ) : null}
                  {s.events.includes("mark_not_applicable") ? (
                    <details className="w-full rounded-lg ring-1 ring-slate-200 sm:w-auto sm:min-w-[22rem]" open={Boolean(na)}>
                      <summary className="cursor-pointer px-3 py-1.5 text-sm font-medium text-ink-soft">
                        {t("platformAccess.notNeededOpen")}
                      </summary>
                      <DecisionForm
                        intent="not-applicable"
                        step={s}
                        here={here}
                        result={result}
                        reasonLabel={t("platformAccess.notNeededReason")}
                        className="space-y-3 p-3"
                      >
                        <Button type="submit" size="sm" variant="secondary">
                          {t("platformAccess.notNeededButton")}
                        </Button>
                      </DecisionForm>
                    </details>
                  ) : null}
                </div>
              ) : null}
            </li>
          );
        })}
        {steps.length === 0 ? <li className="py-4 text-sm text-ink-muted">{t("platformAccess.none")}</li> : null}
      </ul>
    </Card>
  );
}
