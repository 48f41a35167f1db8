import type { WorkspaceBranding } from "./components/branding";
import { EmailLayout } from "./components/layout";
import { previewBaseUrl, previewWorkspace } from "./components/preview-data";
import { cleanSubject, oneLine } from "./components/text";
import { ActionButton, Greeting, KeyValueRows, LinkFallback, Paragraph } from "./components/ui";

export interface DraftSignedOffProps {
  workspace: WorkspaceBranding;
  recipientName?: string | null;
  campaignName: string;
  deliverableName: string;
  version: number;
  signedOffBy: string;
  /** Planned publish time, already formatted. */
  publishAt: string;
  url: string;
}

export function subject(p: DraftSignedOffProps): string {
  return cleanSubject(`Signed off: ${oneLine(p.deliverableName)} is ready to schedule`);
}

export default function DraftSignedOffEmail(p: DraftSignedOffProps) {
  return (
    <EmailLayout
      workspace={p.workspace}
      preview={`${p.signedOffBy} signed off v${p.version}. Publish: ${p.publishAt}.`}
      heading={`${p.deliverableName} is signed off`}
    >
      <Greeting name={p.recipientName} />
      <Paragraph>
        {p.signedOffBy} gave the brand sign-off on version {p.version} of {p.deliverableName}. It is ready to be scheduled; publish exactly
        this version.
      </Paragraph>
      <KeyValueRows
        rows={[
          { label: "Campaign", value: p.campaignName },
          { label: "Approved version", value: `v${p.version}` },
          { label: "Signed off by", value: p.signedOffBy },
          { label: "Publish", value: p.publishAt },
        ]}
      />
      <ActionButton href={p.url}>Open deliverable</ActionButton>
      <LinkFallback href={p.url} />
    </EmailLayout>
  );
}

DraftSignedOffEmail.PreviewProps = {
  workspace: previewWorkspace,
  recipientName: "Maya",
  campaignName: "Lumen Summer Glow",
  deliverableName: "Instagram Reel: morning routine",
  version: 4,
  signedOffBy: "Grace Kim (Lumen Skincare)",
  publishAt: "Sat 15 Mar, 18:00 CET",
  url: `${previewBaseUrl}/w/northwind/deliverables/dlv_preview`,
} satisfies DraftSignedOffProps;
