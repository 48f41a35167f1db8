import { getFormProps } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { Button, Card, TextField } from "~/components/ui";
import { rescheduleSchema } from "~/modules/approvals/schemas";
import { textFieldProps } from "~/utils/conform";
import { IntentError, useDeliverableForm, useResult, type DeliverablePageData } from "./deliverable-result";

/*
 * Changing the publish time (decision 052). A blocked deliverable gets "Reschedule to the earliest
 * allowed time" as one POST; any time inside the sign-off window is answered with a warning first,
 * naming the earliest allowed time, and is saved only when the person confirms it. Plain forms:
 * all of it works without JavaScript.
 */

/** Long labels (a time in two zones) wrap in the narrow side column instead of overflowing it. */
const WRAP = "!h-auto min-h-10 w-full !whitespace-normal py-2 text-center";

/** One POST: the server works the earliest allowed time out again when it arrives. */
function EarliestForm({ label, variant = "primary" }: { label: string; variant?: "primary" | "secondary" }) {
  const busy = useNavigation().state === "submitting";
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="reschedule_earliest" />
      <Button type="submit" variant={variant} disabled={busy} className={WRAP}>
        {label}
      </Button>
    </Form>
  );
}

export function ReschedulePanel({ page, publishInput }: { page: DeliverablePageData; publishInput: string }) {
  const [form, fields] = useDeliverableForm("reschedule", rescheduleSchema, { defaultValue: { publishAt: publishInput } });
  const publishAt = textFieldProps(fields.publishAt);
  const warned = useResult("reschedule")?.insideWindow ?? null;
  const busy = useNavigation().state === "submitting";
  return (
    <Card
      title={page.blocked ? "Reschedule to unblock it" : "Change the publish time"}
      description={
        page.blocked
          ? `At least ${page.windowHours} hours ahead clears the block. The route is not reset: approvals already given to v${page.currentVersion} still count.`
          : "Later keeps a sign-off; earlier than the sign-off allows removes it and the brand signs again."
      }
    >
      <div className="space-y-4">
        <IntentError intent="reschedule_earliest" />
        {page.earliest && !warned ? (
          <div className="space-y-2">
            <p className="text-sm text-ink-soft">
              <span className="font-medium text-ink">Earliest allowed time:</span> {page.earliest.label}
            </p>
            <p className="text-xs text-ink-muted">
              Leaves the route its {page.reviewHours}-hour review time before the {page.windowHours}-hour sign-off window, and keeps the
              brand's blackouts and spacing.
            </p>
            <EarliestForm label="Reschedule to the earliest allowed time" />
          </div>
        ) : null}
        <Form
          method="post"
          className={page.earliest && !warned ? "space-y-3 border-t border-slate-200 pt-4" : "space-y-3"}
          {...getFormProps(form)}
        >
          <input type="hidden" name="intent" value="reschedule" />
          <TextField
            label={page.earliest && !warned ? `Or pick a time (${page.viewerZone})` : `Goes live (${page.viewerZone})`}
            type="datetime-local"
            {...publishAt}
            defaultValue={publishAt.defaultValue ?? publishInput}
            errors={publishAt.errors ?? form.errors}
          />
          {warned ? null : (
            <Button type="submit" variant="secondary" disabled={busy}>
              {page.blocked ? "Reschedule" : "Change time"}
            </Button>
          )}
        </Form>
        {warned ? (
          // After the warning: take the earliest allowed time, or keep the time typed above.
          <div className="flex flex-col items-start gap-2">
            {warned.earliest ? <EarliestForm label={`Use the earliest allowed time: ${warned.earliest.label}`} /> : null}
            <Button type="submit" form={form.id} name="confirm" value="inside_window" variant="secondary" disabled={busy} className={WRAP}>
              {page.blocked ? "Move it anyway (it stays blocked)" : "Move it anyway (it will be blocked)"}
            </Button>
          </div>
        ) : null}
      </div>
    </Card>
  );
}
