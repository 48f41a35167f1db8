import type { WorkspaceBranding } from "./components/branding";
import { EmailLayout } from "./components/layout";
import { previewBaseUrl, previewWorkspace } from "./components/preview-data";
import { cleanSubject, oneLine, plural } from "./components/text";
import { ActionButton, BulletList, Greeting, LinkFallback, MutedText, Paragraph } from "./components/ui";

export interface OnboardingReminderProps {
  workspace: WorkspaceBranding;
  clientName: string;
  recipientName?: string | null;
  /** 1-based: 1 for the first reminder. */
  reminderNumber: number;
  /** Names of the steps still open, e.g. ["Google Ads", "Brand kit"]. */
  openSteps: string[];
  url: string;
  expiresAt?: string | null;
}

export function subject(p: OnboardingReminderProps): string {
  const left = p.openSteps.length > 0 ? `${plural(p.openSteps.length, "step")} left` : "a few steps left";
  return cleanSubject(`Reminder: ${left} to give ${oneLine(p.workspace.name)} access for ${oneLine(p.clientName)}`);
}

export default function OnboardingReminderEmail(p: OnboardingReminderProps) {
  const n = p.openSteps.length;
  return (
    <EmailLayout
      workspace={p.workspace}
      preview={`${n > 0 ? plural(n, "step") : "A few steps"} left in ${p.clientName}'s onboarding.`}
      heading="A few steps left"
      footerNote={`Reminder ${Math.max(1, Math.round(p.reminderNumber))}. Reminders stop once every step is done.`}
    >
      <Greeting name={p.recipientName} />
      <Paragraph>
        {p.workspace.name} is still waiting on {n > 0 ? plural(n, "step") : "some steps"} of {p.clientName}&apos;s onboarding. Everything
        you already did is saved; pick up where you left off.
      </Paragraph>
      <BulletList items={p.openSteps} />
      <ActionButton href={p.url}>Continue onboarding</ActionButton>
      <LinkFallback href={p.url} />
      <MutedText>
        If a step does not apply to you, mark it as not applicable on the page, or forward it to the colleague who owns that account.
        {p.expiresAt ? ` The link expires on ${p.expiresAt}.` : ""}
      </MutedText>
    </EmailLayout>
  );
}

OnboardingReminderEmail.PreviewProps = {
  workspace: previewWorkspace,
  clientName: "Lumen Skincare",
  recipientName: "Priya",
  reminderNumber: 2,
  openSteps: ["Google Ads", "TikTok Business Center", "Brand kit upload"],
  url: `${previewBaseUrl}/onboard/preview-onboarding-token`,
  expiresAt: "Friday, 14 March 2025",
} satisfies OnboardingReminderProps;
