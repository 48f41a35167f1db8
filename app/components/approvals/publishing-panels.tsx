import { Form } from "@remix-run/react";
import { ExternalLinkIcon } from "~/components/icons";
import { Button, Card, TextAreaField, TextField } from "~/components/ui";
import { IntentError, useResult, type DeliverablePageData } from "./deliverable-result";

/* The publisher's and the admin's panels: scheduled, published, a new time, an override of a block. */

export function PublishingPanel({ page }: { page: DeliverablePageData }) {
  const result = useResult("publish");
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
          <Form method="post" className="space-y-3">
            <input type="hidden" name="intent" value="publish" />
            <IntentError intent="publish" />
            <TextField
              label="Live link"
              name="liveUrl"
              type="url"
              inputMode="url"
              placeholder="https://"
              defaultValue={result?.values.liveUrl}
              errors={result?.errors.liveUrl}
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

export function ReschedulePanel({ page, publishInput }: { page: DeliverablePageData; publishInput: string }) {
  const result = useResult("reschedule");
  return (
    <Card
      title="Change the publish time"
      description="Later keeps a sign-off; earlier than the sign-off allows removes it and the brand signs again."
    >
      <Form method="post" className="space-y-3">
        <input type="hidden" name="intent" value="reschedule" />
        <TextField
          label={`Goes live (${page.viewerZone})`}
          name="publishAt"
          type="datetime-local"
          defaultValue={result?.values.publishAt ?? publishInput}
          errors={result?.errors.publishAt ?? (result && !result.ok ? result.formError : undefined)}
        />
        <Button type="submit" variant="secondary">
          {page.status === "blocked" ? "Reschedule and unblock" : "Change time"}
        </Button>
      </Form>
    </Card>
  );
}

export function OverridePanel() {
  const result = useResult("override");
  return (
    <Card
      title="Override the block (admin)"
      description="Lets it be scheduled without a timely sign-off. Recorded in the audit trail as an exception."
    >
      <Form method="post" className="space-y-3">
        <input type="hidden" name="intent" value="override" />
        <IntentError intent="override" />
        <TextAreaField
          label="Reason"
          name="reason"
          rows={3}
          errors={result?.errors.reason}
          hint="At least 10 characters, e.g. who approved it and how."
        />
        <Button type="submit" variant="danger">
          Override
        </Button>
      </Form>
    </Card>
  );
}
