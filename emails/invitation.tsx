import type { Locale } from "~/modules/i18n/locales";
import { tFor } from "~/modules/i18n/resources";
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
  /** An approver a client named on an onboarding link reads it in the link's language (decision 060); members get English. */
  locale?: Locale;
}

export function subject(p: InvitationProps): string {
  const t = tFor(p.locale ?? "en", "emails");
  return cleanSubject(t("invitation.subject", { inviter: oneLine(p.inviterName), workspace: oneLine(p.workspace.name) }));
}

export default function InvitationEmail(p: InvitationProps) {
  const t = tFor(p.locale ?? "en", "emails");
  const vars = { inviter: p.inviterName, workspace: p.workspace.name, role: p.roleLabel };
  return (
    <EmailLayout
      workspace={p.workspace}
      locale={p.locale}
      preview={t("invitation.preview", vars)}
      heading={t("invitation.heading", vars)}
      footerNote={t("invitation.footer")}
    >
      <Greeting name={p.recipientName} locale={p.locale} />
      <Paragraph>{t("invitation.body", vars)}</Paragraph>
      <KeyValueRows
        rows={[
          { label: t("invitation.role"), value: p.roleLabel },
          { label: t("invitation.for"), value: p.scopeLabel },
          { label: t("invitation.expires"), value: p.expiresAt },
        ]}
      />
      <ActionButton href={p.url}>{t("invitation.accept")}</ActionButton>
      <LinkFallback href={p.url} locale={p.locale} />
      <MutedText>{t("invitation.forAddressOnly")}</MutedText>
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
