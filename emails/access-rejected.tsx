import type { WorkspaceBranding } from "./components/branding";
import { EmailLayout } from "./components/layout";
import { previewBaseUrl, previewWorkspace } from "./components/preview-data";
import { cleanSubject, oneLine } from "./components/text";
import { ActionButton, Greeting, LinkFallback, Paragraph, Quote } from "./components/ui";

export interface AccessRejectedProps {
  workspace: WorkspaceBranding;
  clientName?: string | null;
  recipientName?: string | null;
  platformName: string;
  /** Why the agency could not verify the access, written by the agency. */
  reason: string;
  url: string;
}

export function subject(p: AccessRejectedProps): string {
  return cleanSubject(`${oneLine(p.platformName)} access needs another look`);
}

export default function AccessRejectedEmail(p: AccessRejectedProps) {
  return (
    <EmailLayout
      workspace={p.workspace}
      preview={`${p.workspace.name} could not verify ${p.platformName} access yet.`}
      heading={`${p.platformName} access needs another look`}
    >
      <Greeting name={p.recipientName} />
      <Paragraph>
        {p.workspace.name} checked the {p.platformName} access
        {p.clientName ? ` for ${p.clientName}` : ""} but could not verify it yet. The step is open again with everything you entered kept.
      </Paragraph>
      <Quote label="What needs fixing">{p.reason}</Quote>
      <ActionButton href={p.url}>Fix the {p.platformName} step</ActionButton>
      <LinkFallback href={p.url} />
    </EmailLayout>
  );
}

AccessRejectedEmail.PreviewProps = {
  workspace: previewWorkspace,
  clientName: "Lumen Skincare",
  recipientName: "Priya",
  platformName: "Google Analytics 4",
  reason: "The ID entered (G-7XK2M9QW) is a measurement ID. Please enter the numeric property ID, e.g. 312456789.",
  url: `${previewBaseUrl}/onboard/preview-onboarding-token`,
} satisfies AccessRejectedProps;
