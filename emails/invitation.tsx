import type { WorkspaceBranding } from "./components/branding";
import { EmailLayout } from "./components/layout";
import { previewBaseUrl, previewWorkspace } from "./components/preview-data";
import { cleanSubject, oneLine } from "./components/text";
import { ActionButton, Greeting, KeyValueRows, LinkFallback, MutedText, Paragraph } from "./components/ui";

export interface InvitationProps {
  workspace: WorkspaceBranding;
  recipientName?: string | null;
  inviterName: string;
  /** e.g. "Agency member" */
  roleLabel: string;
  /** e.g. "Brightline Paid Media"; omit for workspace-wide roles. */
  scopeLabel?: string | null;
  url: string;
  /** Already formatted, e.g. "Friday, 14 March 2025". */
  expiresAt: string;
}

export function subject(p: InvitationProps): string {
  return cleanSubject(`${oneLine(p.inviterName)} invited you to ${oneLine(p.workspace.name)} on Baton`);
}

export default function InvitationEmail(p: InvitationProps) {
  return (
    <EmailLayout
      workspace={p.workspace}
      preview={`Join ${p.workspace.name} as ${p.roleLabel}.`}
      heading={`Join ${p.workspace.name} on Baton`}
      footerNote="You received this because someone invited this email address. If you were not expecting it, ignore it."
    >
      <Greeting name={p.recipientName} />
      <Paragraph>
        {p.inviterName} invited you to join {p.workspace.name} on Baton, where briefs, drafts, approvals and the campaign calendar live in
        one place.
      </Paragraph>
      <KeyValueRows
        rows={[
          { label: "Role", value: p.roleLabel },
          { label: "For", value: p.scopeLabel },
          { label: "Invitation expires", value: p.expiresAt },
        ]}
      />
      <ActionButton href={p.url}>Accept invitation</ActionButton>
      <LinkFallback href={p.url} />
      <MutedText>The invitation is for this email address only. Please do not forward it.</MutedText>
    </EmailLayout>
  );
}

InvitationEmail.PreviewProps = {
  workspace: previewWorkspace,
  recipientName: "Dana",
  inviterName: "Olivia Chen",
  roleLabel: "Agency member",
  scopeLabel: "Brightline Paid Media",
  url: `${previewBaseUrl}/invite/preview-invitation-token`,
  expiresAt: "Friday, 14 March 2025",
} satisfies InvitationProps;
