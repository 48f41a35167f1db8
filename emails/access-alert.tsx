import type { WorkspaceBranding } from "./components/branding";
import { EmailLayout } from "./components/layout";
import { previewBaseUrl, previewWorkspace } from "./components/preview-data";
import { cleanSubject, oneLine, plural } from "./components/text";
import { ActionButton, BulletList, Greeting, KeyValueRows, LinkFallback, Paragraph } from "./components/ui";

export interface AccessAlertProps {
  workspace: WorkspaceBranding;
  /** The account manager. */
  recipientName?: string | null;
  clientName: string;
  /** Required steps still open. */
  openSteps: string[];
  /** Hours without progress; 48 by default. */
  hoursWithoutProgress?: number;
  lastActivity?: string | null;
  url: string;
}

export function subject(p: AccessAlertProps): string {
  const hours = p.hoursWithoutProgress ?? 48;
  return cleanSubject(`No onboarding progress from ${oneLine(p.clientName)} in ${hours} hours`);
}

export default function AccessAlertEmail(p: AccessAlertProps) {
  const hours = p.hoursWithoutProgress ?? 48;
  return (
    <EmailLayout
      workspace={p.workspace}
      preview={`${plural(p.openSteps.length, "required step")} still open for ${p.clientName}.`}
      heading={`${p.clientName} is stuck on onboarding`}
      footerNote="You received this as the account manager on this onboarding link."
    >
      <Greeting name={p.recipientName} />
      <Paragraph>
        There has been no progress on {p.clientName}&apos;s required onboarding steps for {hours} hours. A personal nudge usually unblocks
        it.
      </Paragraph>
      <KeyValueRows
        rows={[
          { label: "Last activity", value: p.lastActivity },
          { label: "Required steps open", value: String(p.openSteps.length) },
        ]}
      />
      <BulletList items={p.openSteps} />
      <ActionButton href={p.url}>Open onboarding link</ActionButton>
      <LinkFallback href={p.url} />
    </EmailLayout>
  );
}

AccessAlertEmail.PreviewProps = {
  workspace: previewWorkspace,
  recipientName: "Olivia",
  clientName: "Peak Outdoor",
  openSteps: ["Meta Business Portfolio", "Google Ads"],
  hoursWithoutProgress: 48,
  lastActivity: "Saturday, 8 March 2025, 09:12",
  url: `${previewBaseUrl}/w/northwind/onboarding/ol_preview`,
} satisfies AccessAlertProps;
