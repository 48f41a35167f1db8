import { ClockIcon } from "~/components/icons";
import { Alert, Button, TextAreaField, TextField, controlClasses, cx } from "~/components/ui";
import type { ClientStepView } from "~/modules/onboarding/client.server";
import { AccessStatusBadge, formatDay } from "./branded-frame";
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

const GRANT_HINT: Record<string, string> = {
  partner_id: "You add our business ID as a partner: access stays with your company, not with one person.",
  manager_link: "We send a request from our manager account to yours; you accept it.",
  user_email: "You add our account's email address as a user, with the role below.",
  collaborator_code: "You share a collaborator request code; we send the request; you approve it.",
  custom: "You add this account where the steps below say, with the role above.",
};

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
  const open = step.status === "requested" || step.status === "rejected";
  const editable = open || step.status === "confirmed";
  const assetFailure = mine(failure, step.id, ["confirm", "save-asset"]);
  const naFailure = mine(failure, step.id, ["not-applicable"]);
  const fwdFailure = mine(failure, step.id, ["forward"]);
  const assetErrors =
    assetFailure?.errors.assetId ??
    (step.asset.draft ? ["This ID did not look right yet: check it against the hint and try again."] : null);
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
              Role to grant: <strong className="font-semibold text-ink">{step.role}</strong>
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
              ? "Saved: marked as not applicable."
              : step.status === "confirmed"
                ? "Thank you! We'll verify the access on our side."
                : "Saved."}
          </Alert>
        ) : null}
        {step.status === "rejected" && step.rejectionReason ? (
          <Alert tone="danger" title={`${workspaceName} couldn't verify this yet`}>
            <p>{step.rejectionReason}</p>
            <p className="mt-1">Please check the steps below and confirm again.</p>
          </Alert>
        ) : null}
        {step.status === "confirmed" && !saved ? (
          <Alert tone="info" title="Done on your side">
            {workspaceName} is checking the access. You can still correct the ID below if needed.
          </Alert>
        ) : null}
        {step.status === "verified" ? (
          <Alert tone="success" title="Access verified">
            {workspaceName} verified this access{step.verifiedAt ? ` on ${formatDay(step.verifiedAt)}` : ""}. Nothing more to do here.
          </Alert>
        ) : null}
        {step.status === "revoked" ? (
          <Alert tone="neutral" title="Access removed">
            This access was removed. Nothing to do here.
          </Alert>
        ) : null}
        {step.status === "not_applicable" ? (
          <Alert
            tone="neutral"
            title="Marked not applicable"
            actions={
              <form method="post">
                <input type="hidden" name="intent" value="reopen" />
                <input type="hidden" name="stepId" value={step.id} />
                <Button type="submit" variant="secondary" size="sm">
                  Undo
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
                <CopyField value={step.agencyId} label={step.agencyIdLabel ?? "Our ID"} />
                <p className="text-sm text-ink-muted">{GRANT_HINT[step.grantMethod] ?? ""}</p>
              </div>
            ) : null}

            <div>
              <h4 className="text-sm font-semibold text-ink">What to do</h4>
              {step.languageNotice ? (
                <p className="mt-2 text-sm text-ink-muted" lang="en">
                  {step.languageNotice}
                </p>
              ) : null}
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
                    <li key={n}>Good to know: {n}</li>
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
                {step.status === "confirmed" ? "Update the ID" : "I've granted access"}
              </Button>
            </form>

            {open ? (
              <div className="grid gap-3 border-t border-slate-100 pt-4 sm:grid-cols-2">
                {allowForward ? (
                  <details className="rounded-lg ring-1 ring-slate-200 open:ring-slate-300" open={Boolean(fwdFailure)}>
                    <summary className="cursor-pointer rounded-lg px-4 py-3 text-sm font-medium text-ink hover:bg-slate-50">
                      Someone else has access? Forward this step
                    </summary>
                    <form method="post" className="space-y-3 px-4 pb-4" noValidate>
                      <input type="hidden" name="intent" value="forward" />
                      <input type="hidden" name="stepId" value={step.id} />
                      <p className="text-sm text-ink-muted">Your colleague gets their own link to this step alone, nothing else.</p>
                      {fwdFailure && Object.keys(fwdFailure.errors).length === 0 ? (
                        <p role="alert" className="text-sm text-red-700">
                          {fwdFailure.formError}
                        </p>
                      ) : null}
                      <TextField
                        label="Their name"
                        name="name"
                        autoComplete="off"
                        defaultValue={fwdFailure?.values.name}
                        errors={fwdFailure?.errors.name}
                      />
                      <TextField
                        label="Their work email"
                        name="email"
                        type="email"
                        autoComplete="off"
                        required
                        defaultValue={fwdFailure?.values.email}
                        errors={fwdFailure?.errors.email}
                      />
                      <TextAreaField
                        label="A note (optional)"
                        name="message"
                        rows={2}
                        defaultValue={fwdFailure?.values.message}
                        errors={fwdFailure?.errors.message}
                      />
                      <Button type="submit" variant="secondary">
                        Send them this step
                      </Button>
                    </form>
                  </details>
                ) : null}
                <details className="rounded-lg ring-1 ring-slate-200 open:ring-slate-300" open={Boolean(naFailure)}>
                  <summary className="cursor-pointer rounded-lg px-4 py-3 text-sm font-medium text-ink hover:bg-slate-50">
                    We don&apos;t use {step.name}
                  </summary>
                  <form method="post" className="space-y-3 px-4 pb-4" noValidate>
                    <input type="hidden" name="intent" value="not-applicable" />
                    <input type="hidden" name="stepId" value={step.id} />
                    <TextAreaField
                      label="Why not? (so we know)"
                      name="reason"
                      rows={2}
                      required
                      defaultValue={naFailure?.values.reason}
                      errors={naFailure?.errors.reason ?? (naFailure ? [naFailure.formError] : undefined)}
                      placeholder="For example: we don't run TikTok ads."
                    />
                    <Button type="submit" variant="secondary">
                      Mark not applicable
                    </Button>
                  </form>
                </details>
              </div>
            ) : null}
            {step.forwardedTo.length > 0 ? (
              <p className="flex items-start gap-2 text-sm text-ink-muted">
                <ClockIcon size={16} className="mt-0.5 shrink-0" />
                <span>
                  A link to this step was sent to {step.forwardedTo.map((f) => (f.name ? `${f.name} (${f.email})` : f.email)).join(", ")}.
                </span>
              </p>
            ) : null}
          </>
        ) : null}
        <p className="text-xs text-ink-muted">
          {step.lastChecked
            ? `These steps were last checked against ${step.name} on ${formatDay(`${step.lastChecked}T00:00:00Z`)}.`
            : "The agency wrote these steps for this platform."}
        </p>
      </div>
    </section>
  );
}
