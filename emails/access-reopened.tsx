import type { Locale } from "~/modules/i18n/locales";
import { tFor } from "~/modules/i18n/resources";
import type { WorkspaceBranding } from "./components/branding";
import { EmailLayout } from "./components/layout";
import { previewBaseUrl, previewWorkspace } from "./components/preview-data";
import { cleanSubject, oneLine } from "./components/text";
import { ActionButton, Greeting, LinkFallback, MutedText, Paragraph } from "./components/ui";

export interface AccessReopenedProps {
  workspace: WorkspaceBranding;
  clientName?: string | null;
  recipientName?: string | null;
  platformName: string;
  url: string;
  expiresAt?: string | null;
  /** The link's language (decision 060). */
  locale?: Locale;
}

export function subject(p: AccessReopenedProps): string {
  const t = tFor(p.locale ?? "en", "emails");
  return cleanSubject(t("lost.subject", { platform: oneLine(p.platformName), workspace: oneLine(p.workspace.name) }));
}

/** To the client when a check no longer finds a grant (decision 065): a link that reopens just that step. */
export default function AccessReopenedEmail(p: AccessReopenedProps) {
  const t = tFor(p.locale ?? "en", "emails");
  const vars = { platform: p.platformName, workspace: p.workspace.name, client: p.clientName ?? "" };
  return (
    <EmailLayout
      workspace={p.workspace}
      locale={p.locale}
      preview={t("lost.preview", vars)}
      heading={t("lost.heading", vars)}
      footerNote={t("lost.footer", vars)}
    >
      <Greeting name={p.recipientName} locale={p.locale} />
      <Paragraph>{t(p.clientName ? "lost.bodyFor" : "lost.body", vars)}</Paragraph>
      <ActionButton href={p.url}>{t("lost.open", vars)}</ActionButton>
      <LinkFallback href={p.url} locale={p.locale} />
      {p.expiresAt ? <MutedText>{t("lost.expires", { date: p.expiresAt })}</MutedText> : null}
    </EmailLayout>
  );
}

AccessReopenedEmail.PreviewProps = {
  workspace: previewWorkspace,
  clientName: "Lumen Skincare",
  recipientName: "Priya",
  platformName: "Facebook Page",
  url: `${previewBaseUrl}/onboard/step/preview-reopen-token`,
  expiresAt: "Friday, 14 March 2025",
} satisfies AccessReopenedProps;
