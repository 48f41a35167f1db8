import type { WorkspaceBranding } from "./components/branding";
import { EmailLayout } from "./components/layout";
import { previewBaseUrl, previewWorkspace } from "./components/preview-data";
import { cleanSubject, oneLine } from "./components/text";
import { ActionButton, Greeting, KeyValueRows, LinkFallback, Paragraph, Quote } from "./components/ui";

export interface DraftChangesRequestedProps {
  workspace: WorkspaceBranding;
  recipientName?: string | null;
  campaignName: string;
  deliverableName: string;
  version: number;
  reviewerName: string;
  /** The reviewer's comment (required when requesting changes). */
  comment: string;
  deadline?: string | null;
  url: string;
}

export function subject(p: DraftChangesRequestedProps): string {
  return cleanSubject(`Changes requested on ${oneLine(p.deliverableName)} (v${p.version})`);
}

export default function DraftChangesRequestedEmail(p: DraftChangesRequestedProps) {
  return (
    <EmailLayout
      workspace={p.workspace}
      preview={`${p.reviewerName} asked for changes to ${p.deliverableName}.`}
      heading={`Changes requested: ${p.deliverableName}`}
    >
      <Greeting name={p.recipientName} />
      <Paragraph>
        {p.reviewerName} reviewed version {p.version} of {p.deliverableName} for {p.campaignName} and asked for changes. Submit a new
        version once they are made; approvals start again on the new version.
      </Paragraph>
      <Quote label={`${p.reviewerName} wrote`}>{p.comment}</Quote>
      <KeyValueRows
        rows={[
          { label: "Campaign", value: p.campaignName },
          { label: "Version reviewed", value: `v${p.version}` },
          { label: "Sign-off deadline", value: p.deadline },
        ]}
      />
      <ActionButton href={p.url}>Open draft</ActionButton>
      <LinkFallback href={p.url} />
    </EmailLayout>
  );
}

DraftChangesRequestedEmail.PreviewProps = {
  workspace: previewWorkspace,
  recipientName: "Maya",
  campaignName: "Lumen Summer Glow",
  deliverableName: "Instagram Reel: morning routine",
  version: 3,
  reviewerName: "Olivia Chen",
  comment: "Love the pacing. Two things:\n1. Show the SPF label for at least 2 seconds.\n2. Move #ad to the first line.",
  deadline: "Thu 13 Mar, 17:00 CET",
  url: `${previewBaseUrl}/w/northwind/deliverables/dlv_preview`,
} satisfies DraftChangesRequestedProps;
