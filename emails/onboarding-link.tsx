import type { WorkspaceBranding } from "./components/branding";
import { EmailLayout } from "./components/layout";
import { previewBaseUrl, previewWorkspace } from "./components/preview-data";
import { cleanSubject, oneLine } from "./components/text";
import { ActionButton, BulletList, Greeting, LinkFallback, MutedText, Paragraph, Quote } from "./components/ui";

export interface OnboardingLinkProps {
  workspace: WorkspaceBranding;
  /** The client (brand) being onboarded, e.g. "Lumen Skincare". */
  clientName: string;
  recipientName?: string | null;
  /** Optional personal note from the agency, shown as a quote. */
  message?: string | null;
  url: string;
  /** Already formatted, e.g. "Friday, 14 March 2025". */
  expiresAt: string;
  /** Platforms the client is asked to grant access to, e.g. ["Meta Business", "Google Ads"]. */
  platformNames: string[];
}

export function subject(p: OnboardingLinkProps): string {
  return cleanSubject(`${oneLine(p.workspace.name)}: set up access for ${oneLine(p.clientName)}`);
}

export default function OnboardingLinkEmail(p: OnboardingLinkProps) {
  return (
    <EmailLayout
      workspace={p.workspace}
      preview={`A few short steps so ${p.workspace.name} can start work for ${p.clientName}.`}
      heading={`Welcome, ${p.clientName}`}
      footerNote="This link is personal to your team. No account is needed to use it."
    >
      <Greeting name={p.recipientName} />
      <Paragraph>
        {p.workspace.name} has prepared a short onboarding page for {p.clientName}. Each step shows the exact clicks, the ID to use and the
        role to grant. Your progress saves as you go, so you can stop and come back.
      </Paragraph>
      {p.message?.trim() ? <Quote label={`A note from ${p.workspace.name}`}>{p.message.trim()}</Quote> : null}
      {p.platformNames.length > 0 ? (
        <>
          <Paragraph>You will be asked to grant access to:</Paragraph>
          <BulletList items={p.platformNames} />
        </>
      ) : null}
      <ActionButton href={p.url}>Start onboarding</ActionButton>
      <LinkFallback href={p.url} />
      <MutedText>
        The link expires on {p.expiresAt}. If a step belongs to a colleague, you can forward just that step from the page.
      </MutedText>
    </EmailLayout>
  );
}

OnboardingLinkEmail.PreviewProps = {
  workspace: previewWorkspace,
  clientName: "Lumen Skincare",
  recipientName: "Priya",
  message: "Great to be working together! These steps take about 15 minutes.\nShout if anything is unclear.",
  url: `${previewBaseUrl}/onboard/preview-onboarding-token`,
  expiresAt: "Friday, 14 March 2025",
  platformNames: ["Meta Business Portfolio", "Google Ads", "Google Analytics 4", "TikTok Business Center"],
} satisfies OnboardingLinkProps;
