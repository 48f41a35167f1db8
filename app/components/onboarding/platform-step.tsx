import { useTranslation } from "react-i18next";
import { ClockIcon } from "~/components/icons";
import { useLocaleFormat } from "~/components/i18n";
import { Alert, Button, TextAreaField, TextField, controlClasses, cx } from "~/components/ui";
import type { ClientStepView } from "~/modules/onboarding/client.server";
import { AccessStatusBadge } from "./branded-frame";
import { CopyField, LiveError, SaveStatus } from "./client-script";
import { StepNumber } from "./step-number";

/** The 400 answer of a token page's action, as the page receives it. */
export interface ClientFailure {
  intent: string | null;
  target: string | null;
  errors: Record<string, string[]>;
  formError: string;
  values: Record<string, string>;
}

export type StepData = ClientStepView;

/** A role as the platform's own screen spells it, in the reader's quotation marks. */
function quoted(role: string, t: (key: string, vars: Record<string, string>) => string): string {
  return t("quote", { text: role });
}

function mine(failure: ClientFailure | null | undefined, stepId: string, intents: string[]) {
  return failure && failure.target === stepId && failure.intent && intents.includes(failure.intent) ? failure : null;
}

/**
 * One platform step of the client's page: the exact clicks, the agency's ID to copy, the role,
 * the asset ID field (saved as it is typed, explained when it is wrong), "I've granted access",
 * forwarding to a colleague and "not applicable". Plain forms: it works without JavaScript.
 */
export function PlatformStep({
  step,
  number,
  workspaceName,
  failure,
  saved,
  allowForward = true,
}: {
  step: StepData;
  number: number;
  workspaceName: string;
  failure: ClientFailure | null | undefined;
  saved: boolean;
  allowForward?: boolean;
}) {
  const { t } = useTranslation("client");
  const { day, isoDay } = useLocaleFormat();
  const open = step.status === "requested" || step.status === "rejected";
  const editable = open || step.status === "confirmed";
  const assetFailure = mine(failure, step.id, ["confirm", "save-asset"]);
  const naFailure = mine(failure, step.id, ["not-applicable"]);
  const fwdFailure = mine(failure, step.id, ["forward"]);
  const assetErrors = assetFailure?.errors.assetId ?? (step.asset.draft ? [t("step.draftWrong")] : null);
  const initial = assetFailure?.values.assetId ?? step.asset.draft ?? step.asset.value;
  const headingId = `step-${step.id}-title`;
  const assetId = `asset-${step.id}`;

  return (
    <section id={`step-${step.id}`} aria-labelledby={headingId} className="scroll-mt-6 rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-col gap-3 border-b border-slate-100 px-4 py-4 sm:flex-row sm:items-start sm:justify-between sm:px-6">
        <div className="flex min-w-0 items-start gap-3">
          <StepNumber number={number} done={!open} />
          <div className="min-w-0">
            <h3 id={headingId} className="text-base font-semibold text-ink">
              {step.name}
            </h3>
            <p className="mt-0.5 text-sm text-ink-muted">
              {t("step.roleToGrant")} <strong className="font-semibold text-ink">{quoted(step.role, t)}</strong>
            </p>
          </div>
        </div>
        <div className="pl-10 sm:pl-0">
          <AccessStatusBadge status={step.status} audience="client" />
        </div>
      </div>

      <div className="space-y-5 px-4 py-5 sm:px-6">
        {saved ? (
          <Alert tone="success" role="status">
            {step.status === "not_applicable"
              ? t("step.savedNotApplicable")
              : step.status === "confirmed"
                ? t("step.savedConfirmed")
                : t("step.saved")}
          </Alert>
        ) : null}
        {step.status === "rejected" && step.rejectionReason ? (
          <Alert tone="danger" title={t("step.rejectedTitle", { workspace: workspaceName })}>
            <p>{step.rejectionReason}</p>
            <p className="mt-1">{t("step.rejectedBody")}</p>
          </Alert>
        ) : null}
        {step.status === "lost" ? (
          <Alert tone="danger" title={t("step.lostTitle", { workspace: workspaceName })}>
            {t("step.lostBody")}
          </Alert>
        ) : null}
        {step.status === "confirmed" && !saved ? (
          <Alert tone="info" title={t("step.confirmedTitle")}>
            {t("step.confirmedBody", { workspace: workspaceName })}
          </Alert>
        ) : null}
        {step.status === "verified" ? (
          <Alert tone="success" title={t("step.verifiedTitle")}>
            {step.verifiedAt
              ? t("step.verifiedBodyOn", { workspace: workspaceName, date: day(step.verifiedAt) })
              : t("step.verifiedBody", { workspace: workspaceName })}
          </Alert>
        ) : null}
        {step.status === "revoked" ? (
          <Alert tone="neutral" title={t("step.revokedTitle")}>
            {t("step.revokedBody")}
          </Alert>
        ) : null}
        {step.status === "not_applicable" ? (
          <Alert
            tone="neutral"
            title={t("step.notApplicableTitle")}
            actions={
              <form method="post">
                <input type="hidden" name="intent" value="reopen" />
                <input type="hidden" name="stepId" value={step.id} />
                <Button type="submit" variant="secondary" size="sm">
                  {t("step.undo")}
                </Button>
              </form>
            }
          >
            {step.notApplicableReason}
          </Alert>
        ) : null}

        {editable ? (
          <>
            {step.agencyId ? (
              <div className="rounded-lg bg-slate-50 p-4 ring-1 ring-inset ring-slate-200">
                <CopyField value={step.agencyId} label={step.agencyIdLabel ?? t("step.ourId")} />
                <p className="text-sm text-ink-muted">{t(`grant.${step.grantMethod}`)}</p>
              </div>
            ) : null}

            <div>
              <h4 className="text-sm font-semibold text-ink">{t("step.whatToDo")}</h4>
              {/* A custom platform's steps in the admin's language when the agency wrote none in the client's (decision 061). */}
              {step.languageNotice ? <p className="mt-2 text-sm text-ink-muted">{step.languageNotice}</p> : null}
              <ol className="mt-2 space-y-2">
                {step.instructions.map((line, i) => (
                  <li key={i} className="flex gap-3 text-sm leading-6 text-ink-soft">
                    <span
                      className="mt-0.5 flex h-5 w-5 shrink-0 items-center justify-center rounded-full bg-slate-100 text-xs font-semibold text-ink-soft"
                      aria-hidden="true"
                    >
                      {i + 1}
                    </span>
                    <span className="min-w-0 break-words">{line}</span>
                  </li>
                ))}
              </ol>
              {step.notes.length > 0 ? (
                <ul className="mt-3 space-y-1 text-sm text-ink-muted">
                  {step.notes.map((n) => (
                    <li key={n}>{t("step.goodToKnow", { note: n })}</li>
                  ))}
                </ul>
              ) : null}
            </div>

            <form method="post" className="space-y-3" noValidate data-autosave="save-asset">
              <input type="hidden" name="intent" value="confirm" />
              <input type="hidden" name="stepId" value={step.id} />
              <div>
                <label htmlFor={assetId} className="block text-sm font-medium text-ink">
                  {step.asset.label}
                </label>
                <p id={`${assetId}-hint`} className="mt-1 text-sm text-ink-muted">
                  {step.asset.help}
                </p>
                <input
                  id={assetId}
                  name="assetId"
                  type="text"
                  defaultValue={initial}
                  placeholder={step.asset.placeholder}
                  autoComplete="off"
                  spellCheck={false}
                  aria-describedby={`${assetId}-hint ${assetId}-error`}
                  aria-invalid={assetErrors ? true : undefined}
                  className={cx(controlClasses, "mt-2 font-mono")}
                />
                <LiveError field="assetId" id={`${assetId}-error`} messages={assetErrors} />
                <SaveStatus />
              </div>
              {assetFailure && !assetFailure.errors.assetId ? (
                <p role="alert" className="text-sm text-red-700">
                  {assetFailure.formError}
                </p>
              ) : null}
              <Button type="submit" className="w-full sm:w-auto">
                {step.status === "confirmed" ? t("step.updateId") : t("step.granted")}
              </Button>
            </form>

            {open ? (
              <div className="grid gap-3 border-t border-slate-100 pt-4 sm:grid-cols-2">
                {allowForward ? (
                  <details className="rounded-lg ring-1 ring-slate-200 open:ring-slate-300" open={Boolean(fwdFailure)}>
                    <summary className="cursor-pointer rounded-lg px-4 py-3 text-sm font-medium text-ink hover:bg-slate-50">
                      {t("step.forwardSummary")}
                    </summary>
                    <form method="post" className="space-y-3 px-4 pb-4" noValidate>
                      <input type="hidden" name="intent" value="forward" />
                      <input type="hidden" name="stepId" value={step.id} />
                      <p className="text-sm text-ink-muted">{t("step.forwardIntro")}</p>
                      {fwdFailure && Object.keys(fwdFailure.errors).length === 0 ? (
                        <p role="alert" className="text-sm text-red-700">
                          {fwdFailure.formError}
                        </p>
                      ) : null}
                      <TextField
                        label={t("step.theirName")}
                        name="name"
                        autoComplete="off"
                        defaultValue={fwdFailure?.values.name}
                        errors={fwdFailure?.errors.name}
                      />
                      <TextField
                        label={t("step.theirEmail")}
                        name="email"
                        type="email"
                        autoComplete="off"
                        required
                        defaultValue={fwdFailure?.values.email}
                        errors={fwdFailure?.errors.email}
                      />
                      <TextAreaField
                        label={t("step.note")}
                        name="message"
                        rows={2}
                        defaultValue={fwdFailure?.values.message}
                        errors={fwdFailure?.errors.message}
                      />
                      <Button type="submit" variant="secondary">
                        {t("step.sendStep")}
                      </Button>
                    </form>
                  </details>
                ) : null}
                <details className="rounded-lg ring-1 ring-slate-200 open:ring-slate-300" open={Boolean(naFailure)}>
                  <summary className="cursor-pointer rounded-lg px-4 py-3 text-sm font-medium text-ink hover:bg-slate-50">
                    {t("step.notUsed", { platform: step.name })}
                  </summary>
                  <form method="post" className="space-y-3 px-4 pb-4" noValidate>
                    <input type="hidden" name="intent" value="not-applicable" />
                    <input type="hidden" name="stepId" value={step.id} />
                    <TextAreaField
                      label={t("step.whyNot")}
                      name="reason"
                      rows={2}
                      required
                      defaultValue={naFailure?.values.reason}
                      errors={naFailure?.errors.reason ?? (naFailure ? [naFailure.formError] : undefined)}
                      placeholder={t("step.whyNotExample")}
                    />
                    <Button type="submit" variant="secondary">
                      {t("step.markNotApplicable")}
                    </Button>
                  </form>
                </details>
              </div>
            ) : null}
            {step.forwardedTo.length > 0 ? (
              <p className="flex items-start gap-2 text-sm text-ink-muted">
                <ClockIcon size={16} className="mt-0.5 shrink-0" />
                <span>
                  {t("step.forwardedTo", {
                    people: step.forwardedTo.map((f) => (f.name ? `${f.name} (${f.email})` : f.email)).join(", "),
                  })}
                </span>
              </p>
            ) : null}
          </>
        ) : null}
        <p className="text-xs text-ink-muted">
          {step.lastChecked
            ? t("step.lastChecked", { platform: step.name, date: isoDay(step.lastChecked) })
            : t("step.agencyWrote", { platform: step.name })}
        </p>
      </div>
    </section>
  );
}
