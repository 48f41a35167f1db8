import type { WorkspaceBranding } from "./components/branding";
import { EmailLayout } from "./components/layout";
import { previewBaseUrl, previewWorkspace } from "./components/preview-data";
import { cleanSubject, oneLine } from "./components/text";
import { AccentLink, ActionButton, Greeting, KeyValueRows, LinkFallback, Paragraph } from "./components/ui";

export interface DeliverablePublishedProps {
  workspace: WorkspaceBranding;
  recipientName?: string | null;
  campaignName: string;
  deliverableName: string;
  creatorName?: string | null;
  publishedAt?: string | null;
  /** Where the post is live. */
  liveUrl: string;
  /** The deliverable in Baton. */
  url: string;
}

export function subject(p: DeliverablePublishedProps): string {
  return cleanSubject(`Live: ${oneLine(p.deliverableName)}`);
}

export default function DeliverablePublishedEmail(p: DeliverablePublishedProps) {
  return (
    <EmailLayout
      workspace={p.workspace}
      preview={`${p.deliverableName} for ${p.campaignName} is live.`}
      heading={`${p.deliverableName} is live`}
    >
      <Greeting name={p.recipientName} />
      <Paragraph>
        {p.deliverableName} for {p.campaignName} has been published.
      </Paragraph>
      <KeyValueRows
        rows={[
          { label: "Campaign", value: p.campaignName },
          { label: "Creator", value: p.creatorName },
          { label: "Published", value: p.publishedAt },
        ]}
      />
      <ActionButton href={p.liveUrl}>View the live post</ActionButton>
      <LinkFallback href={p.liveUrl} />
      <Paragraph>
        <AccentLink href={p.url}>Open the deliverable in Baton</AccentLink>
      </Paragraph>
    </EmailLayout>
  );
}

DeliverablePublishedEmail.PreviewProps = {
  workspace: previewWorkspace,
  recipientName: "Olivia",
  campaignName: "Lumen Summer Glow",
  deliverableName: "Instagram Reel: morning routine",
  creatorName: "Maya Ortiz",
  publishedAt: "Sat 15 Mar, 18:02 CET",
  liveUrl: "https://www.instagram.com/reel/preview123/",
  url: `${previewBaseUrl}/w/northwind/deliverables/dlv_preview`,
} satisfies DeliverablePublishedProps;
