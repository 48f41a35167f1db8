import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { ExternalLinkIcon } from "~/components/icons";
import { Button, Card, TextAreaField, TextField } from "~/components/ui";
import { overrideSchema, publishSchema } from "~/modules/approvals/schemas";
import { textFieldProps } from "~/utils/conform";
import { IntentError, useDeliverableForm, type DeliverablePageData } from "./deliverable-result";

/*
 * The publisher's and the admin's panels: scheduled, published, an override of a block (a new time
 * is reschedule-panel.tsx).
 * Schedule and unschedule are buttons with no field to check, so they stay plain forms.
 */

export function PublishingPanel({ page }: { page: DeliverablePageData }) {
  const [publishForm, fields] = useDeliverableForm("publish", publishSchema);
  return (
    <Card title="Publishing" description="Baton doesn't post for you: the publisher records what they did on the platform.">
      <div className="space-y-4">
        <IntentError intent="schedule" />
        <IntentError intent="unschedule" />
        {page.can.scheduleGate && page.status !== "published" ? <p className="text-sm text-ink-soft">{page.can.scheduleGate}</p> : null}
        {page.can.schedule ? (
          <Form method="post">
            <input type="hidden" name="intent" value="schedule" />
            <Button type="submit">Mark scheduled</Button>
          </Form>
        ) : null}
        {page.can.publish ? (
          <Form method="post" className="space-y-3" {...getFormProps(publishForm)}>
            <input type="hidden" name="intent" value="publish" />
            <IntentError intent="publish" />
            <TextField
              label="Live link"
              type="url"
              inputMode="url"
              placeholder="https://"
              {...textFieldProps(fields.liveUrl)}
              hint="The address of the post once it is live."
            />
            <Button type="submit">Mark published</Button>
          </Form>
        ) : null}
        {page.can.unschedule ? (
          <Form method="post">
            <input type="hidden" name="intent" value="unschedule" />
            <Button type="submit" variant="ghost" size="sm">
              Mark not scheduled
            </Button>
          </Form>
        ) : null}
        {page.liveUrl ? (
          <p className="break-all text-sm">
            <a
              href={page.liveUrl}
              className="inline-flex items-center gap-1 font-medium text-accent hover:underline"
              rel="noreferrer noopener"
              target="_blank"
            >
              {page.liveUrl} <ExternalLinkIcon size={14} />
            </a>
          </p>
        ) : null}
      </div>
    </Card>
  );
}

export function OverridePanel() {
  const [form, fields] = useDeliverableForm("override", overrideSchema);
  return (
    <Card
      title="Override the block (admin)"
      description="Stands in for the missing sign-off, so it can be scheduled. Recorded in the audit trail as an exception."
    >
      <Form method="post" className="space-y-3" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="override" />
        <IntentError intent="override" />
        <TextAreaField
          label="Reason"
          rows={3}
          {...textFieldProps(fields.reason)}
          hint="At least 10 characters, e.g. who approved it and how."
        />
        <Button type="submit" variant="danger">
          Override
        </Button>
      </Form>
    </Card>
  );
}
