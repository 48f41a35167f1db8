import type { WorkspaceBranding } from "./components/branding";
import { EmailLayout } from "./components/layout";
import { previewBaseUrl, previewWorkspace } from "./components/preview-data";
import { cleanSubject, oneLine } from "./components/text";
import { ActionButton, Greeting, KeyValueRows, LinkFallback, Notice, Paragraph } from "./components/ui";

export interface DeliverableBlockedProps {
  workspace: WorkspaceBranding;
  recipientName?: string | null;
  campaignName: string;
  deliverableName: string;
  /** The missed sign-off deadline, already formatted. */
  deadline: string;
  publishAt: string;
  /** The sign-off window in hours (48 by default). */
  signOffWindowHours?: number;
  /** The earliest publish time that keeps the rule (and the brand's blackouts and spacing), formatted; null when none was found. */
  earliestPublishAt?: string | null;
  url: string;
}

export function subject(p: DeliverableBlockedProps): string {
  return cleanSubject(`Blocked: ${oneLine(p.deliverableName)} missed its sign-off deadline`);
}

export default function DeliverableBlockedEmail(p: DeliverableBlockedProps) {
  const hours = p.signOffWindowHours ?? 48;
  return (
    <EmailLayout
      workspace={p.workspace}
      preview={`${p.deliverableName} was not signed off by ${p.deadline} and cannot be published as planned.`}
      heading={`${p.deliverableName} is blocked`}
    >
      <Greeting name={p.recipientName} />
      <Notice tone="error">The brand sign-off did not arrive by the deadline, so this deliverable cannot be scheduled or published.</Notice>
      <Paragraph>
        Drafts and reviews go on meanwhile. To unblock it, reschedule it to at least {hours} hours from now (the deliverable page does it in
        one step) and get the sign-off, or ask an admin to override with a reason (recorded as an exception).
      </Paragraph>
      <KeyValueRows
        rows={[
          { label: "Campaign", value: p.campaignName },
          { label: "Missed deadline", value: p.deadline },
          { label: "Planned publish", value: p.publishAt },
          { label: "Earliest allowed", value: p.earliestPublishAt },
        ]}
      />
      <ActionButton href={p.url}>Open deliverable</ActionButton>
      <LinkFallback href={p.url} />
    </EmailLayout>
  );
}

DeliverableBlockedEmail.PreviewProps = {
  workspace: previewWorkspace,
  recipientName: "Olivia",
  campaignName: "Peak Outdoor Trail Week",
  deliverableName: "TikTok: summit sunrise",
  deadline: "Wed 12 Mar, 09:00 CET",
  publishAt: "Fri 14 Mar, 09:00 CET",
  signOffWindowHours: 48,
  earliestPublishAt: "Mon 17 Mar, 09:15 CET",
  url: `${previewBaseUrl}/w/northwind/deliverables/dlv_blocked_preview`,
} satisfies DeliverableBlockedProps;
