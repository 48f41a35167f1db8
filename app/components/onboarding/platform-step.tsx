import { Form, useFetcher, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { CheckCircleIcon, ClockIcon } from "~/components/icons";
import { Alert, Button, CopyButton, TextAreaField, TextField, cx } from "~/components/ui";
import type { AccessStatus } from "~/modules/onboarding/access-status";
import { AccessStatusBadge, formatDay } from "./branded-frame";

/** The answer of the token pages' actions (actionFailure / actionSuccess shape). */
export interface ClientActionData {
  ok: boolean;
  intent: string | null;
  errors: Record<string, string[]>;
  formError: string | null;
  target: string | null;
  values: Record<string, string>;
  notice: string | null;
}

export interface StepData {
  id: string;
  platformKey: string;
  name: string;
  status: AccessStatus;
  role: string;
  grantMethod: string;
  agencyId: string | null;
  agencyIdLabel: string | null;
  instructions: string[];
  notes: string[];
  lastChecked: string;
  asset: { label: string; help: string; placeholder: string; value: string; draft: string | null };
  rejectionReason: string | null;
  notApplicableReason: string | null;
  confirmedAt: string | null;
  verifiedAt: string | null;
  forwardedTo: Array<{ name: string | null; email: string; at: string }>;
}

const GRANT_HINT: Record<string, string> = {
  partner_id: "You add our business ID as a partner: access stays with the company, not with one person.",
  manager_link: "We send a request from our manager account; you accept it.",
  user_email: "You add our account's email address as a user, with the role below.",
  collaborator_code: "You share a request code; we send the request; you approve it.",
};

function mine(result: ClientActionData | undefined, stepId: string, intents: string[]) {
  return result && !result.ok && result.target === stepId && result.intent && intents.includes(result.intent) ? result : null;
}

/** Saves the asset ID as it is typed (after a pause) and shows the catalog's message at once. */
function useAssetAutosave(stepId: string) {
  const fetcher = useFetcher<ClientActionData>();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  function onChange(value: string) {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      fetcher.submit({ intent: "save-asset", stepId, assetId: value }, { method: "post" });
    }, 600);
  }
  const data = fetcher.state === "idle" ? fetcher.data : undefined;
  return { onChange, data, saving: fetcher.state !== "idle" };
}

export function PlatformStep({
  step,
  number,
  workspaceName,
  result,
  saved,
  allowForward = true,
}: {
  step: StepData;
  number: number;
  workspaceName: string;
  result: ClientActionData | undefined;
  saved: boolean;
  allowForward?: boolean;
}) {
  const nav = useNavigation();
  const busy = (intent: string) => nav.formData?.get("intent") === intent && nav.formData?.get("stepId") === step.id;
  const open = step.status === "requested" || step.status === "rejected";
  const editable = open || step.status === "confirmed";
  const confirmFailure = mine(result, step.id, ["confirm"]);
  const naFailure = mine(result, step.id, ["not-applicable"]);
  const fwdFailure = mine(result, step.id, ["forward"]);
  const autosave = useAssetAutosave(step.id);
  const [typed, setTyped] = useState<string | null>(null);
  const liveError = autosave.data && autosave.data.ok === false ? autosave.data.errors.assetId ?? null : null;
  const liveOk = autosave.data?.ok === true && typed !== null && typed.trim() !== "";
  const assetErrors = confirmFailure?.errors.assetId ?? liveError ?? (typed === null && step.asset.draft ? ["This ID did not look right: check it and try again."] : null);
  const initial = confirmFailure?.values.assetId ?? step.asset.draft ?? step.asset.value;
  const headingId = `step-${step.id}-title`;

  return (
    <section id={`step-${step.id}`} aria-labelledby={headingId} className="scroll-mt-6 rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-col gap-3 border-b border-slate-100 px-4 py-4 sm:flex-row sm:items-start sm:justify-between sm:px-6">
        <div className="flex min-w-0 items-start gap-3">
          <span
            className={cx(
              "mt-0.5 flex h-7 w-7 shrink-0 items-center justify-center rounded-full text-sm font-semibold",
              open ? "bg-accent/10 text-accent" : "bg-emerald-50 text-emerald-700",
            )}
            aria-hidden="true"
          >
            {open ? number : <CheckCircleIcon size={16} />}
          </span>
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
            {step.status === "not_applicable" ? "Saved: marked as not applicable." : "Thank you! We'll verify the access on our side."}
          </Alert>
        ) : null}
        {step.status === "rejected" && step.rejectionReason ? (
          <Alert tone="danger" title={`${workspaceName} couldn't verify this yet`}>
            <p>{step.rejectionReason}</p>
            <p className="mt-1">Please check the steps below and confirm again.</p>
          </Alert>
        ) : null}
        {step.status === "confirmed" ? (
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
              <Form method="post" preventScrollReset>
                <input type="hidden" name="intent" value="reopen" />
                <input type="hidden" name="stepId" value={step.id} />
                <Button type="submit" variant="secondary" size="sm" disabled={busy("reopen")}>
                  Undo
                </Button>
              </Form>
            }
          >
            {step.notApplicableReason}
          </Alert>
        ) : null}

        {editable ? (
          <>
            {step.agencyId ? (
              <div className="rounded-lg bg-slate-50 p-4 ring-1 ring-inset ring-slate-200">
                <CopyButton value={step.agencyId} label={step.agencyIdLabel ?? "Our ID"} showLabel />
                <p className="mt-2 text-sm text-ink-muted">{GRANT_HINT[step.grantMethod] ?? ""}</p>
              </div>
            ) : null}

            <div>
              <h4 className="text-sm font-semibold text-ink">What to do</h4>
              <ol className="mt-2 space-y-2">
                {step.instructions.map((line, i) => (
                  <li key={i} className="flex gap-3 text-sm leading-6 text-ink-soft">
                    <span className="mt-0.5 flex h-5 w-5 shrink-0 items-center justify-center rounded-full bg-slate-100 text-xs font-semibold text-ink-soft" aria-hidden="true">
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

            <Form method="post" preventScrollReset className="space-y-3" noValidate>
              <input type="hidden" name="intent" value="confirm" />
              <input type="hidden" name="stepId" value={step.id} />
              <TextField
                label={step.asset.label}
                name="assetId"
                defaultValue={initial}
                placeholder={step.asset.placeholder}
                autoComplete="off"
                spellCheck={false}
                inputMode={/^\d/.test(step.asset.placeholder) ? "text" : undefined}
                hint={
                  <>
                    {step.asset.help}
                    {autosave.saving ? <span className="ml-1 text-ink-muted">Saving…</span> : liveOk ? <span className="ml-1 text-emerald-700">Looks right. Saved.</span> : null}
                  </>
                }
                errors={assetErrors}
                onChange={(e) => {
                  setTyped(e.currentTarget.value);
                  autosave.onChange(e.currentTarget.value);
                }}
              />
              {confirmFailure && !confirmFailure.errors.assetId ? <p className="text-sm text-red-700">{confirmFailure.formError}</p> : null}
              <Button type="submit" className="w-full sm:w-auto" disabled={busy("confirm")}>
                {busy("confirm") ? "Saving…" : step.status === "confirmed" ? "Update the ID" : "I've granted access"}
              </Button>
            </Form>

            {open ? (
              <div className="grid gap-3 border-t border-slate-100 pt-4 sm:grid-cols-2">
                {allowForward ? (
                  <details className="group rounded-lg ring-1 ring-slate-200 open:ring-slate-300" open={Boolean(fwdFailure)}>
                    <summary className="cursor-pointer list-none rounded-lg px-4 py-3 text-sm font-medium text-ink hover:bg-slate-50">
                      Someone else has access? Forward this step
                    </summary>
                    <Form method="post" preventScrollReset className="space-y-3 px-4 pb-4" noValidate>
                      <input type="hidden" name="intent" value="forward" />
                      <input type="hidden" name="stepId" value={step.id} />
                      <p className="text-sm text-ink-muted">Your colleague gets their own link to this step alone.</p>
                      <TextField label="Their name" name="name" autoComplete="off" defaultValue={fwdFailure?.values.name} errors={fwdFailure?.errors.name} />
                      <TextField label="Their work email" name="email" type="email" autoComplete="off" required defaultValue={fwdFailure?.values.email} errors={fwdFailure?.errors.email} />
                      <TextAreaField label="A note (optional)" name="message" rows={2} defaultValue={fwdFailure?.values.message} errors={fwdFailure?.errors.message} />
                      <Button type="submit" variant="secondary" disabled={busy("forward")}>
                        {busy("forward") ? "Sending…" : "Send them this step"}
                      </Button>
                    </Form>
                  </details>
                ) : null}
                <details className="group rounded-lg ring-1 ring-slate-200 open:ring-slate-300" open={Boolean(naFailure)}>
                  <summary className="cursor-pointer list-none rounded-lg px-4 py-3 text-sm font-medium text-ink hover:bg-slate-50">
                    We don&apos;t use {step.name}
                  </summary>
                  <Form method="post" preventScrollReset className="space-y-3 px-4 pb-4" noValidate>
                    <input type="hidden" name="intent" value="not-applicable" />
                    <input type="hidden" name="stepId" value={step.id} />
                    <TextAreaField
                      label="Why not? (so we know)"
                      name="reason"
                      rows={2}
                      required
                      defaultValue={naFailure?.values.reason}
                      errors={naFailure?.errors.reason}
                      placeholder="For example: we don't run TikTok ads."
                    />
                    <Button type="submit" variant="secondary" disabled={busy("not-applicable")}>
                      Mark not applicable
                    </Button>
                  </Form>
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
        <p className="text-xs text-ink-muted">Steps last checked against {step.name} on {formatDay(`${step.lastChecked}T00:00:00Z`)}.</p>
      </div>
    </section>
  );
}
