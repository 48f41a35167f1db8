import type { WorkspaceBranding } from "./components/branding";
import { EmailLayout } from "./components/layout";
import { previewBaseUrl, previewWorkspace } from "./components/preview-data";
import { cleanSubject, oneLine } from "./components/text";
import { DecisionLinkNote } from "./components/decision-link-note";
import { ActionButton, Greeting, KeyValueRows, LinkFallback, Notice, Paragraph } from "./components/ui";

export interface DraftSubmittedProps {
  workspace: WorkspaceBranding;
  recipientName?: string | null;
  campaignName: string;
  deliverableName: string;
  creatorName: string;
  version: number;
  /** Submitted too late to be reviewed before the sign-off deadline. */
  isLate: boolean;
  /** Sign-off deadline, already formatted for the recipient, e.g. "Thu 13 Mar, 17:00 CET". */
  deadline: string;
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

export function subject(p: DraftSubmittedProps): string {
  return cleanSubject(
    `${p.isLate ? "Late draft: " : ""}${oneLine(p.creatorName)} submitted v${p.version} of ${oneLine(p.deliverableName)}`,
  );
}

export default function DraftSubmittedEmail(p: DraftSubmittedProps) {
  return (
    <EmailLayout
      workspace={p.workspace}
      preview={`${p.deliverableName} v${p.version} is ready for review. Sign-off deadline: ${p.deadline}.`}
      heading={`Draft ready for review: ${p.deliverableName}`}
      footerNote="You received this because you are an approver on this campaign's route."
    >
      <Greeting name={p.recipientName} />
      {p.onBehalfOf ? <Paragraph>{p.onBehalfOf} is away and named you as their delegate: you decide in their place.</Paragraph> : null}
      <Paragraph>
        {p.creatorName} submitted version {p.version} of {p.deliverableName} for {p.campaignName}. It passed the ready-to-transfer checks
        and is waiting for your review.
      </Paragraph>
      {p.isLate ? (
        <Notice tone="error">
          Submitted late: there may not be enough time to review it before the sign-off deadline. Without sign-off by then, the deliverable
          is blocked.
        </Notice>
      ) : null}
      <KeyValueRows
        rows={[
          { label: "Campaign", value: p.campaignName },
          { label: "Deliverable", value: p.deliverableName },
          { label: "Creator", value: p.creatorName },
          { label: "Version", value: `v${p.version}` },
          { label: "Sign-off deadline", value: p.deadline },
        ]}
      />
      <ActionButton href={p.decisionUrl ?? p.url}>Review and decide</ActionButton>
      <LinkFallback href={p.decisionUrl ?? p.url} />
      {p.decisionUrl ? <DecisionLinkNote url={p.guest ? null : p.url} /> : null}
    </EmailLayout>
  );
}

DraftSubmittedEmail.PreviewProps = {
  workspace: previewWorkspace,
  recipientName: "Olivia",
  campaignName: "Lumen Summer Glow",
  deliverableName: "Instagram Reel: morning routine",
  creatorName: "Maya Ortiz",
  version: 3,
  isLate: true,
  deadline: "Thu 13 Mar, 17:00 CET",
  url: `${previewBaseUrl}/w/northwind/deliverables/dlv_preview`,
  decisionUrl: `${previewBaseUrl}/d/preview-decision-link-token-0123456789abcdefghij`,
} satisfies DraftSubmittedProps;
