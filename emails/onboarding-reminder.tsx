import type { Locale } from "~/modules/i18n/locales";
import { tFor } from "~/modules/i18n/resources";
import type { WorkspaceBranding } from "./components/branding";
import { EmailLayout } from "./components/layout";
import { previewBaseUrl, previewWorkspace } from "./components/preview-data";
import { cleanSubject, oneLine } from "./components/text";
import { ActionButton, BulletList, Greeting, LinkFallback, MutedText, Paragraph } from "./components/ui";

export interface OnboardingReminderProps {
  workspace: WorkspaceBranding;
  clientName: string;
  recipientName?: string | null;
  /** 1-based: 1 for the first reminder. */
  reminderNumber: number;
  /** Names of the steps still open, in the link's language, e.g. ["Google Ads", "Kit de marca"]. */
  openSteps: string[];
  url: string;
  expiresAt?: string | null;
  /** The link's language: the client (or the colleague a step was forwarded to) reads it (decision 060). */
  locale?: Locale;
}

export function subject(p: OnboardingReminderProps): string {
  const t = tFor(p.locale ?? "en", "emails");
  return cleanSubject(t("reminder.subject", { workspace: oneLine(p.workspace.name), client: oneLine(p.clientName) }));
}

export default function OnboardingReminderEmail(p: OnboardingReminderProps) {
  const t = tFor(p.locale ?? "en", "emails");
  const vars = { workspace: p.workspace.name, client: p.clientName };
  return (
    <EmailLayout
      workspace={p.workspace}
      locale={p.locale}
      preview={t("reminder.preview", vars)}
      heading={t("reminder.heading")}
      footerNote={t("reminder.footer", { number: Math.max(1, Math.round(p.reminderNumber)) })}
    >
      <Greeting name={p.recipientName} locale={p.locale} />
      <Paragraph>{t("reminder.body", vars)}</Paragraph>
      <BulletList items={p.openSteps} />
      <ActionButton href={p.url}>{t("reminder.open")}</ActionButton>
      <LinkFallback href={p.url} locale={p.locale} />
      <MutedText>
        {t("reminder.notApplicable")}
        {p.expiresAt ? ` ${t("reminder.expires", { date: p.expiresAt })}` : ""}
      </MutedText>
    </EmailLayout>
  );
}

OnboardingReminderEmail.PreviewProps = {
  workspace: previewWorkspace,
  clientName: "Lumen Skincare",
  recipientName: "Priya",
  reminderNumber: 2,
  openSteps: ["Google Ads", "TikTok Business Center", "Brand kit upload"],
  url: `${previewBaseUrl}/onboard/preview-onboarding-token`,
  expiresAt: "Friday, 14 March 2025",
} satisfies OnboardingReminderProps;
