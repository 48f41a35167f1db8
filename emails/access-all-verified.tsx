import type { WorkspaceBranding } from "./components/branding";
import { EmailLayout } from "./components/layout";
import { previewBaseUrl, previewWorkspace } from "./components/preview-data";
import { cleanSubject, oneLine } from "./components/text";
import { ActionButton, KeyValueRows, LinkFallback, Paragraph } from "./components/ui";

export interface AccessAllVerifiedProps {
  workspace: WorkspaceBranding;
  clientName: string;
  /** The onboarding link's page in the agency view. */
  url: string;
  verifiedAt?: string | null;
  /** From the link's creation to the last verification, e.g. "3 days 4 hours". */
  timeToVerified?: string | null;
  /** Platforms verified (not-applicable steps are left out). */
  platforms?: string[];
}

export function subject(p: AccessAllVerifiedProps): string {
  return cleanSubject(`All access for ${oneLine(p.clientName)} is verified`);
}

export default function AccessAllVerifiedEmail(p: AccessAllVerifiedProps) {
  const platforms = p.platforms ?? [];
  return (
    <EmailLayout
      workspace={p.workspace}
      preview={`Every platform of ${p.clientName}'s onboarding is verified. The work can start.`}
      heading={`All access for ${p.clientName} is verified`}
      footerNote={`You received this as a member of ${p.workspace.name} on this onboarding link.`}
    >
      <Paragraph>Every platform step is verified or marked not applicable. The work can start.</Paragraph>
      <KeyValueRows
        rows={[
          { label: "Verified", value: p.verifiedAt },
          { label: "Time to verified access", value: p.timeToVerified },
          { label: "Platforms", value: platforms.length > 0 ? platforms.join(", ") : null },
        ]}
      />
      <ActionButton href={p.url}>Open onboarding link</ActionButton>
      <LinkFallback href={p.url} />
    </EmailLayout>
  );
}

AccessAllVerifiedEmail.PreviewProps = {
  workspace: previewWorkspace,
  clientName: "Lumen Skincare",
  url: `${previewBaseUrl}/w/northwind/onboarding/ol_preview`,
  verifiedAt: "Thursday, 13 March 2025, 09:05",
  timeToVerified: "4 days 2 hours",
  platforms: ["Meta ad account", "Google Analytics 4", "Google Tag Manager"],
} satisfies AccessAllVerifiedProps;
