import { getFormProps } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { Button, Card, TextAreaField } from "~/components/ui";
import { decideSchema } from "~/modules/approvals/schemas";
import { textFieldProps } from "~/utils/conform";
import { IntentError, useDeliverableForm, type DeliverablePageData } from "./deliverable-result";

export function DecidePanel({ page }: { page: DeliverablePageData }) {
  // The approve form is a button with hidden fields; the request-changes form carries the comment.
  const [changesForm, fields] = useDeliverableForm("decide", decideSchema, { id: "request-changes" });
  const busy = useNavigation().state === "submitting";
  const approveLabel = page.can.signoffStage ? `Sign off v${page.currentVersion}` : `Approve v${page.currentVersion}`;
  return (
    <Card
      title={page.can.signoffStage ? "Your sign-off" : "Your review"}
      description={
        page.can.signoffStage
          ? page.blocked
            ? `You sign off for ${page.brand.name}. It is blocked: the sign-off deadline was ${page.deadlineLabel}.`
            : `You sign off for ${page.brand.name}. Sign off before ${page.deadlineLabel}, or it is blocked.`
          : "Approve to pass it to the next stage, or ask the creator for changes."
      }
    >
      <div className="space-y-4">
        <IntentError intent="decide" />
        {page.can.signOffRefused ? (
          // No sign-off after its deadline counts (decision 052): the button would only be refused.
          <p className="text-sm text-ink-soft">
            The sign-off deadline passed, so a sign-off now would not count. Once the coordinator reschedules it at least {page.windowHours}{" "}
            hours ahead, you can sign off v{page.currentVersion} here. You can still ask for changes.
          </p>
        ) : (
          <Form method="post" className="flex flex-wrap items-center gap-3">
            <input type="hidden" name="intent" value="decide" />
            <input type="hidden" name="version" value={page.currentVersion} />
            <input type="hidden" name="decision" value="approve" />
            <Button type="submit" disabled={busy}>
              {approveLabel}
            </Button>
            <span className="text-sm text-ink-muted">You are deciding on version {page.currentVersion}, shown below.</span>
          </Form>
        )}
        <Form method="post" className="space-y-3 border-t border-slate-200 pt-4" {...getFormProps(changesForm)}>
          <input type="hidden" name="intent" value="decide" />
          <input type="hidden" name="version" value={page.currentVersion} />
          <input type="hidden" name="decision" value="request_changes" />
          <TextAreaField
            label="Request changes"
            rows={3}
            hint="Say what should change. The creator sees this with the version."
            {...textFieldProps(fields.comment)}
          />
          <Button type="submit" variant="secondary" disabled={busy}>
            Request changes
          </Button>
        </Form>
      </div>
    </Card>
  );
}
