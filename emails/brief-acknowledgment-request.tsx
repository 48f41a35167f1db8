import type { WorkspaceBranding } from "./components/branding";
import { EmailLayout } from "./components/layout";
import { previewBaseUrl, previewWorkspace } from "./components/preview-data";
import { cleanSubject, oneLine } from "./components/text";
import { ActionButton, BulletList, Greeting, KeyValueRows, LinkFallback, MutedText, Paragraph } from "./components/ui";

export interface BriefAcknowledgmentRequestProps {
  workspace: WorkspaceBranding;
  recipientName?: string | null;
  campaignName: string;
  brandName?: string | null;
  /** Brief version number, 1-based. */
  version: number;
  /** For a new version after a material change: the sections that changed. */
  changedFields?: string[] | null;
  /** Just added to the campaign: the brief is new to them, whatever its version. */
  newcomer?: boolean | null;
  /** Who published the brief. */
  senderName?: string | null;
  url: string;
}

export function subject(p: BriefAcknowledgmentRequestProps): string {
  const campaign = oneLine(p.campaignName);
  return cleanSubject(
    p.version > 1 && !p.newcomer
      ? `Brief updated to v${p.version}: please acknowledge ${campaign}`
      : `Please read and acknowledge the brief for ${campaign}`,
  );
}

export default function BriefAcknowledgmentRequestEmail(p: BriefAcknowledgmentRequestProps) {
  const changed = p.changedFields ?? [];
  const updated = p.version > 1 && !p.newcomer;
  return (
    <EmailLayout
      workspace={p.workspace}
      preview={`${updated ? "An updated" : "The"} brief for ${p.campaignName} is waiting for your acknowledgment.`}
      heading={updated ? `The ${p.campaignName} brief changed` : `New brief: ${p.campaignName}`}
    >
      <Greeting name={p.recipientName} />
      <Paragraph>
        {p.senderName ? `${p.senderName} published` : "There is"} {updated ? "a new version of " : ""}the brief for {p.campaignName}. Please
        read it and acknowledge it; until you do, the handoff stays open and the sender sees it waiting.
      </Paragraph>
      <KeyValueRows
        rows={[
          { label: "Campaign", value: p.campaignName },
          { label: "Brand", value: p.brandName },
          { label: "Version", value: `v${p.version}` },
        ]}
      />
      {updated && changed.length > 0 ? (
        <>
          <Paragraph>What changed since your last acknowledgment:</Paragraph>
          <BulletList items={changed} />
        </>
      ) : null}
      <ActionButton href={p.url}>Read and acknowledge</ActionButton>
      <LinkFallback href={p.url} />
      {updated ? <MutedText>Your acknowledgment of the earlier version does not carry over to this one.</MutedText> : null}
    </EmailLayout>
  );
}

BriefAcknowledgmentRequestEmail.PreviewProps = {
  workspace: previewWorkspace,
  recipientName: "Sam",
  campaignName: "Lumen Summer Glow",
  brandName: "Lumen Skincare",
  version: 2,
  changedFields: ["Key message", "Timeline: publish window", "Disclosure requirement"],
  senderName: "Olivia Chen",
  url: `${previewBaseUrl}/w/northwind/campaigns/cmp_preview/brief`,
} satisfies BriefAcknowledgmentRequestProps;
