import type { WorkspaceBranding } from "./components/branding";
import { EmailLayout } from "./components/layout";
import { previewBaseUrl, previewWorkspace } from "./components/preview-data";
import { cleanSubject, oneLine } from "./components/text";
import { ActionButton, Greeting, KeyValueRows, LinkFallback, Paragraph, Quote } from "./components/ui";

export interface AccessLostProps {
  workspace: WorkspaceBranding;
  recipientName?: string | null;
  clientName: string;
  brandName?: string | null;
  platformName: string;
  assetId?: string | null;
  /** What the platform answered, in a person's words (the check's reason). */
  reason: string;
  /** When a check last saw the grant, formatted. */
  lastSeen?: string | null;
  /** Who was sent a link to grant it again, or null when the link has no client email. */
  reopenSentTo?: string | null;
  url: string;
}

export function subject(p: AccessLostProps): string {
  return cleanSubject(`${oneLine(p.platformName)} access for ${oneLine(p.brandName ?? p.clientName)} is gone`);
}

export default function AccessLostEmail(p: AccessLostProps) {
  return (
    <EmailLayout
      workspace={p.workspace}
      preview={`The nightly check no longer finds ${p.platformName} access for ${p.brandName ?? p.clientName}.`}
      heading={`${p.platformName} access is gone`}
      footerNote="You received this as the account manager on this onboarding link or a coordinator of this brand's campaigns."
    >
      <Greeting name={p.recipientName} />
      <Paragraph>
        A check of {p.platformName} with your connected account no longer finds the access {p.clientName} granted. Work that needs it will
        fail until it is granted again.
      </Paragraph>
      <Quote label="What the platform answered">{p.reason}</Quote>
      <KeyValueRows
        rows={[
          { label: "Asset", value: p.assetId ?? null },
          { label: "Last seen", value: p.lastSeen ?? null },
        ]}
      />
      <Paragraph>
        {p.reopenSentTo
          ? `${p.reopenSentTo} was emailed a link that reopens just this step.`
          : "This link has no client email: ask the client to grant it again yourself."}
      </Paragraph>
      <ActionButton href={p.url}>Open the access ledger</ActionButton>
      <LinkFallback href={p.url} />
    </EmailLayout>
  );
}

AccessLostEmail.PreviewProps = {
  workspace: previewWorkspace,
  recipientName: "Olivia",
  clientName: "Lumen Skincare",
  brandName: "Lumen",
  platformName: "Facebook Page",
  assetId: "104729384756281",
  reason: "Page 104729384756281 is no longer among the business portfolio's client pages.",
  lastSeen: "Saturday, 8 March 2025 at 03:00 UTC",
  reopenSentTo: "priya@lumen.example",
  url: `${previewBaseUrl}/w/northwind/brands/br_preview/access`,
} satisfies AccessLostProps;
