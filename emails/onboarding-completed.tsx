import type { WorkspaceBranding } from "./components/branding";
import { EmailLayout } from "./components/layout";
import { previewBaseUrl, previewWorkspace } from "./components/preview-data";
import { cleanSubject, oneLine } from "./components/text";
import { ActionButton, KeyValueRows, LinkFallback, Paragraph } from "./components/ui";

export interface OnboardingCompletedProps {
  workspace: WorkspaceBranding;
  clientName: string;
  /** The onboarding link's page in the agency view. */
  url: string;
  completedAt?: string | null;
  /** e.g. "3 days 4 hours" */
  timeToComplete?: string | null;
  /** How many platform grants still wait for the team's verification. */
  awaitingVerification?: number | null;
}

export function subject(p: OnboardingCompletedProps): string {
  return cleanSubject(`${oneLine(p.clientName)} finished onboarding`);
}

export default function OnboardingCompletedEmail(p: OnboardingCompletedProps) {
  const toVerify = p.awaitingVerification ?? 0;
  return (
    <EmailLayout
      workspace={p.workspace}
      preview={`Every step of ${p.clientName}'s onboarding is done.`}
      heading={`${p.clientName} finished onboarding`}
      footerNote={`You received this as a member of ${p.workspace.name} on this onboarding link.`}
    >
      <Paragraph>
        {p.clientName} completed every step of their onboarding link.
        {toVerify > 0 ? " Verify the access they granted so the work can start." : ""}
      </Paragraph>
      <KeyValueRows
        rows={[
          { label: "Completed", value: p.completedAt },
          { label: "Time to complete", value: p.timeToComplete },
          { label: "Grants to verify", value: toVerify > 0 ? String(toVerify) : null },
        ]}
      />
      <ActionButton href={p.url}>{toVerify > 0 ? "Verify access" : "Open onboarding link"}</ActionButton>
      <LinkFallback href={p.url} />
    </EmailLayout>
  );
}

OnboardingCompletedEmail.PreviewProps = {
  workspace: previewWorkspace,
  clientName: "Lumen Skincare",
  url: `${previewBaseUrl}/w/northwind/onboarding/ol_preview`,
  completedAt: "Tuesday, 11 March 2025, 14:20",
  timeToComplete: "2 days 3 hours",
  awaitingVerification: 3,
} satisfies OnboardingCompletedProps;
