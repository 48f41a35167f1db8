import type { WorkspaceBranding } from "./components/branding";
import { EmailLayout } from "./components/layout";
import { previewBaseUrl, previewWorkspace } from "./components/preview-data";
import { cleanSubject, oneLine } from "./components/text";
import { ActionButton, Greeting, LinkFallback, MutedText, Paragraph, Quote } from "./components/ui";

export interface OnboardingStepForwardedProps {
  workspace: WorkspaceBranding;
  /** The colleague who forwarded the step. */
  fromName: string;
  recipientName?: string | null;
  platformName: string;
  clientName?: string | null;
  /** Optional note from the colleague. */
  message?: string | null;
  url: string;
  expiresAt?: string | null;
}

export function subject(p: OnboardingStepForwardedProps): string {
  return cleanSubject(`${oneLine(p.fromName)} asked you to grant ${oneLine(p.platformName)} access to ${oneLine(p.workspace.name)}`);
}

export default function OnboardingStepForwardedEmail(p: OnboardingStepForwardedProps) {
  const forClient = p.clientName ? ` for ${p.clientName}` : "";
  return (
    <EmailLayout
      workspace={p.workspace}
      preview={`One step: grant ${p.workspace.name} access to ${p.platformName}${forClient}.`}
      heading={`Grant ${p.platformName} access`}
      footerNote={`${p.fromName} forwarded this step to you. The link opens this one step only.`}
    >
      <Greeting name={p.recipientName} />
      <Paragraph>
        {p.fromName} asked you to grant {p.workspace.name} access to {p.platformName}
        {forClient}. The page shows the exact clicks, the ID to use and the role to grant; it takes a few minutes.
      </Paragraph>
      {p.message?.trim() ? <Quote label={`A note from ${p.fromName}`}>{p.message.trim()}</Quote> : null}
      <ActionButton href={p.url}>Open the step</ActionButton>
      <LinkFallback href={p.url} />
      {p.expiresAt ? <MutedText>The link expires on {p.expiresAt}.</MutedText> : null}
    </EmailLayout>
  );
}

OnboardingStepForwardedEmail.PreviewProps = {
  workspace: previewWorkspace,
  fromName: "Priya Raman",
  recipientName: "Marco",
  platformName: "Google Ads",
  clientName: "Lumen Skincare",
  message: "You manage our Google Ads account, could you do this one?",
  url: `${previewBaseUrl}/onboard/preview-forwarded-step-token`,
  expiresAt: "Friday, 14 March 2025",
} satisfies OnboardingStepForwardedProps;
