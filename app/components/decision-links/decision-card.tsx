import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { Alert, Button, Card, TextAreaField, TextField } from "~/components/ui";
import { CODE_DIGITS, CODE_TTL_MINUTES } from "~/modules/approvals/decision-links/code-rules";
import { linkDecideSchema, moveAndSignOffSchema } from "~/modules/approvals/decision-links/schemas";
import type { ActionData } from "~/utils/action-data.server";
import { textFieldProps, useActionForm } from "~/utils/conform";
import type { LinkPage } from "./types";

type Answer = ActionData | undefined;

/**
 * The decision, first on the page: one form with "Sign off" (or "Approve") and "Request changes"
 * (the comment is asked only for that), and for a brand lead at the sign-off, "move and sign off".
 * Plain POST forms: the page ships no app bundle; conform puts the server's answer next to fields.
 */
export function DecisionCard({ page, answer }: { page: LinkPage; answer: Answer }) {
  const { state, deliverable, code } = page;
  const v = deliverable.currentVersion;
  const [form, fields] = useActionForm({ id: "decide", intent: "decide", schema: linkDecideSchema, answer });
  const approveLabel = state.signoffStage ? `Sign off v${v}` : `Approve v${v}`;
  const needsCode = code.required && !code.pending;
  return (
    <Card
      title={state.signoffStage ? "Your sign-off" : "Your review"}
      description={
        state.signoffStage
          ? `You sign off for ${deliverable.brand.name}. A sign-off counts only before ${page.timing.deadlineLabel}.`
          : "Approve to pass it to the next stage, or ask the creator for changes."
      }
    >
      <div className="space-y-5">
        {code.required ? <CodeStep page={page} answer={answer} /> : null}
        {state.signoffStage && !state.maySignOffNow ? (
          <Alert tone="warning" title="The sign-off deadline has passed">
            A sign-off now would not count. Move the publish time below and sign off in one step, or request changes.
          </Alert>
        ) : null}
        <Form method="post" className="space-y-4" {...getFormProps(form)}>
          {form.errors ? (
            <p role="alert" className="text-sm font-medium text-red-700">
              {form.errors.join(" ")}
            </p>
          ) : null}
          {code.required && code.pending ? <CodeField errors={fields.code.errors} /> : null}
          {state.maySignOffNow ? (
            <div className="flex flex-wrap items-center gap-3">
              <Button type="submit" name="decision" value="approve" disabled={needsCode} className="w-full sm:w-auto">
                {approveLabel}
              </Button>
              <span className="text-sm text-ink-muted">You decide on version {v}, shown below.</span>
            </div>
          ) : null}
          <div className="space-y-3 border-t border-slate-200 pt-4">
            <TextAreaField
              label="Request changes"
              rows={3}
              hint="Say what should change. The creator sees this with the version."
              {...textFieldProps(fields.comment)}
            />
            <Button type="submit" name="decision" value="request_changes" variant="secondary" disabled={needsCode}>
              Request changes
            </Button>
          </div>
          {/* Last, so the spacing between the visible parts starts at the first of them. */}
          <input type="hidden" name="intent" value="decide" />
          <input type="hidden" name="version" value={v} />
        </Form>
        {state.mayMove && page.move ? <MoveForm page={page} answer={answer} /> : null}
      </div>
    </Card>
  );
}

/** The one-time code field; the sign-off digest page asks for it the same way. */
export function CodeField({ errors }: { errors: string[] | undefined }) {
  return (
    <TextField
      label="One-time code"
      name="code"
      inputMode="numeric"
      autoComplete="one-time-code"
      pattern={`\\d{${CODE_DIGITS}}`}
      maxLength={CODE_DIGITS + 2}
      required
      inputClassName="max-w-[10rem] font-mono tracking-widest"
      hint={`The ${CODE_DIGITS} digits from the email. The code works for ${CODE_TTL_MINUTES} minutes, for one decision.`}
      errors={errors}
    />
  );
}

/** The brand asks for a one-time code before a decision through a link counts. */
function CodeStep({ page, answer }: { page: LinkPage; answer: Answer }) {
  const failed = answer && !answer.ok && answer.intent === "send-code" ? answer.formError : null;
  return (
    <div className="rounded-lg bg-slate-50 p-4 ring-1 ring-inset ring-slate-200">
      <p className="text-sm text-ink-soft">
        {page.deliverable.brand.name} asks for a one-time code before a decision counts. We email it to {page.person.email}.
      </p>
      {failed ? (
        <p role="alert" className="mt-2 text-sm font-medium text-red-700">
          {failed}
        </p>
      ) : null}
      <Form method="post" className="mt-3">
        <input type="hidden" name="intent" value="send-code" />
        <Button type="submit" variant={page.code.pending ? "secondary" : "primary"} size="sm">
          {page.code.pending ? "Email me a new code" : "Email me a code"}
        </Button>
      </Form>
    </div>
  );
}

/** A brand lead moves the publish time (at least one sign-off window ahead) and signs off, in one step. */
function MoveForm({ page, answer }: { page: LinkPage; answer: Answer }) {
  const [form, fields] = useActionForm({
    id: "move-and-sign-off",
    intent: "move-and-sign-off",
    schema: moveAndSignOffSchema,
    answer,
    defaultValue: { publishAt: page.move?.current },
  });
  const v = page.deliverable.currentVersion;
  const needsCode = page.code.required && !page.code.pending;
  return (
    <Form method="post" className="space-y-4 border-t border-slate-200 pt-4" {...getFormProps(form)}>
      <div>
        <h3 className="text-sm font-semibold text-ink">Move the publish time and sign off</h3>
        <p className="mt-1 text-sm text-ink-muted">
          Need more time? Pick a new publish time, at least {page.timing.windowHours} hours from now, and sign off v{v} in the same step.
        </p>
      </div>
      {form.errors ? (
        <p role="alert" className="text-sm font-medium text-red-700">
          {form.errors.join(" ")}
        </p>
      ) : null}
      {page.code.required && page.code.pending ? <CodeField errors={fields.code.errors} /> : null}
      <TextField
        label={`New publish time (${page.timing.zone})`}
        type="datetime-local"
        required
        min={page.move?.earliest}
        hint={`In the brand's time zone. The earliest you can pick is ${page.move?.earliestLabel}.`}
        {...textFieldProps(fields.publishAt)}
      />
      <Button type="submit" variant="secondary" disabled={needsCode}>
        Move and sign off v{v}
      </Button>
      <input type="hidden" name="intent" value="move-and-sign-off" />
      <input type="hidden" name="version" value={v} />
    </Form>
  );
}
