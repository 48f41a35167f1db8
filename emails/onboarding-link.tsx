import type { Locale } from "~/modules/i18n/locales";
import { tFor } from "~/modules/i18n/resources";
import type { WorkspaceBranding } from "./components/branding";
import { EmailLayout } from "./components/layout";
import { previewBaseUrl, previewWorkspace } from "./components/preview-data";
import { cleanSubject, oneLine } from "./components/text";
import { ActionButton, BulletList, Greeting, LinkFallback, MutedText, Paragraph, Quote } from "./components/ui";

export interface OnboardingLinkProps {
  workspace: WorkspaceBranding;
  /** The client (brand) being onboarded, e.g. "Lumen Skincare". */
  clientName: string;
  recipientName?: string | null;
  /** Optional personal note from the agency, shown as a quote. */
  message?: string | null;
  url: string;
  /** Already formatted, e.g. "Friday, 14 March 2025". */
  expiresAt: string;
  /** Platforms the client is asked to grant access to, e.g. ["Meta Business", "Google Ads"]. */
  platformNames: string[];
  /** The link's language (decision 060); English when absent. */
  locale?: Locale;
}

export function subject(p: OnboardingLinkProps): string {
  const t = tFor(p.locale ?? "en", "emails");
  return cleanSubject(t("link.subject", { workspace: oneLine(p.workspace.name), client: oneLine(p.clientName) }));
}

export default function OnboardingLinkEmail(p: OnboardingLinkProps) {
  const t = tFor(p.locale ?? "en", "emails");
  const vars = { workspace: p.workspace.name, client: p.clientName };
  return (
    <EmailLayout
      workspace={p.workspace}
      locale={p.locale}
      preview={t("link.preview", vars)}
      heading={t("link.heading", vars)}
      footerNote={t("link.footer")}
    >
      <Greeting name={p.recipientName} locale={p.locale} />
      <Paragraph>{t("link.body", vars)}</Paragraph>
      {p.message?.trim() ? <Quote label={t("link.noteFrom", { name: p.workspace.name })}>{p.message.trim()}</Quote> : null}
      {p.platformNames.length > 0 ? (
        <>
          <Paragraph>{t("link.asksFor")}</Paragraph>
          <BulletList items={p.platformNames} />
        </>
      ) : null}
      <ActionButton href={p.url}>{t("link.open")}</ActionButton>
      <LinkFallback href={p.url} locale={p.locale} />
      <MutedText>{t("link.expires", { date: p.expiresAt })}</MutedText>
    </EmailLayout>
  );
}

OnboardingLinkEmail.PreviewProps = {
  workspace: previewWorkspace,
  clientName: "Lumen Skincare",
  recipientName: "Priya",
  message: "Great to be working together! These steps take about 15 minutes.\nShout if anything is unclear.",
  url: `${previewBaseUrl}/onboard/preview-onboarding-token`,
  expiresAt: "Friday, 14 March 2025",
  platformNames: ["Meta Business Portfolio", "Google Ads", "Google Analytics 4", "TikTok Business Center"],
} satisfies OnboardingLinkProps;
