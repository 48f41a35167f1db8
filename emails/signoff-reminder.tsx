import type { WorkspaceBranding } from "./components/branding";
import { EmailLayout } from "./components/layout";
import { previewBaseUrl, previewWorkspace } from "./components/preview-data";
import { cleanSubject, oneLine, plural } from "./components/text";
import { DecisionLinkNote } from "./components/decision-link-note";
import { ActionButton, Greeting, KeyValueRows, LinkFallback, Notice, Paragraph } from "./components/ui";

export interface SignoffReminderProps {
  workspace: WorkspaceBranding;
  recipientName?: string | null;
  campaignName: string;
  deliverableName: string;
  version?: number | null;
  /** Sign-off deadline, already formatted. */
  deadline: string;
  /** Whole hours left until the deadline (24 or 4 for the scheduled reminders). */
  hoursLeft: number;
  publishAt?: string | null;
  url: string;
  /**
   * The recipient's personal decision link (decision 052): decide without signing in. `url` stays
   * the deliverable page, for those who prefer to sign in. Absent in emails queued before links.
   */
  decisionUrl?: string | null;
  /** The away approver this recipient decides for, as their delegate (decision 052). */
  onBehalfOf?: string | null;
  /** A guest approver (no account): the decision link is their only way in, so no "sign in" alternative is offered. */
  guest?: boolean | null;
}

function hoursText(h: number): string {
  return h < 1 ? "under an hour" : plural(Math.floor(h), "hour");
}

export function subject(p: SignoffReminderProps): string {
  return cleanSubject(`Sign-off due in ${hoursText(p.hoursLeft)}: ${oneLine(p.deliverableName)}`);
}

export default function SignoffReminderEmail(p: SignoffReminderProps) {
  return (
    <EmailLayout
      workspace={p.workspace}
      preview={`Sign off ${p.deliverableName} by ${p.deadline} or it will be blocked.`}
      heading={`Sign-off due in ${hoursText(p.hoursLeft)}`}
      footerNote="You received this because you are a pending approver on this deliverable."
    >
      <Greeting name={p.recipientName} />
      {p.onBehalfOf ? <Paragraph>{p.onBehalfOf} is away and named you as their delegate: you decide in their place.</Paragraph> : null}
      <Paragraph>
        {p.deliverableName} for {p.campaignName} is waiting for your decision.
      </Paragraph>
      <Notice tone={p.hoursLeft <= 4 ? "error" : "warning"}>
        Without sign-off by {p.deadline}, the deliverable is blocked and cannot be scheduled until it is rescheduled.
      </Notice>
      <KeyValueRows
        rows={[
          { label: "Campaign", value: p.campaignName },
          { label: "Version", value: p.version ? `v${p.version}` : null },
          { label: "Sign-off deadline", value: p.deadline },
          { label: "Publish", value: p.publishAt },
        ]}
      />
      <ActionButton href={p.decisionUrl ?? p.url}>Review and sign off</ActionButton>
      <LinkFallback href={p.decisionUrl ?? p.url} />
      {p.decisionUrl ? <DecisionLinkNote url={p.guest ? null : p.url} /> : null}
    </EmailLayout>
  );
}

SignoffReminderEmail.PreviewProps = {
  workspace: previewWorkspace,
  recipientName: "Grace",
  campaignName: "Lumen Summer Glow",
  deliverableName: "Instagram Reel: morning routine",
  version: 4,
  deadline: "Thu 13 Mar, 18:00 CET",
  hoursLeft: 4,
  publishAt: "Sat 15 Mar, 18:00 CET",
  url: `${previewBaseUrl}/w/northwind/deliverables/dlv_preview`,
  decisionUrl: `${previewBaseUrl}/d/preview-decision-link-token-0123456789abcdefghij`,
} satisfies SignoffReminderProps;
