import type { Locale } from "~/modules/i18n/locales";
import { tFor } from "~/modules/i18n/resources";
import type { WorkspaceBranding } from "./components/branding";
import { EmailLayout } from "./components/layout";
import { previewBaseUrl, previewWorkspace } from "./components/preview-data";
import { cleanSubject, oneLine } from "./components/text";
import { ActionButton, Greeting, LinkFallback, MutedText, Paragraph, Quote } from "./components/ui";

export interface OnboardingStepForwardedProps {
  workspace: WorkspaceBranding;
  /** The colleague who forwarded the step. */
  fromName: string;
  recipientName?: string | null;
  platformName: string;
  clientName?: string | null;
  /** Optional note from the colleague. */
  message?: string | null;
  url: string;
  expiresAt?: string | null;
  /** The link's language: the colleague reads the step in the client's language (decision 060). */
  locale?: Locale;
}

export function subject(p: OnboardingStepForwardedProps): string {
  const t = tFor(p.locale ?? "en", "emails");
  return cleanSubject(
    t("forwarded.subject", { from: oneLine(p.fromName), platform: oneLine(p.platformName), workspace: oneLine(p.workspace.name) }),
  );
}

export default function OnboardingStepForwardedEmail(p: OnboardingStepForwardedProps) {
  const t = tFor(p.locale ?? "en", "emails");
  const vars = { from: p.fromName, platform: p.platformName, workspace: p.workspace.name, client: p.clientName ?? "" };
  return (
    <EmailLayout
      workspace={p.workspace}
      locale={p.locale}
      preview={t(p.clientName ? "forwarded.previewFor" : "forwarded.preview", vars)}
      heading={t("forwarded.heading", vars)}
      footerNote={t("forwarded.footer", vars)}
    >
      <Greeting name={p.recipientName} locale={p.locale} />
      <Paragraph>{t(p.clientName ? "forwarded.bodyFor" : "forwarded.body", vars)}</Paragraph>
      {p.message?.trim() ? <Quote label={t("forwarded.noteFrom", { name: p.fromName })}>{p.message.trim()}</Quote> : null}
      <ActionButton href={p.url}>{t("forwarded.open")}</ActionButton>
      <LinkFallback href={p.url} locale={p.locale} />
      {p.expiresAt ? <MutedText>{t("forwarded.expires", { date: p.expiresAt })}</MutedText> : null}
    </EmailLayout>
  );
}

OnboardingStepForwardedEmail.PreviewProps = {
  workspace: previewWorkspace,
  fromName: "Priya Raman",
  recipientName: "Marco",
  platformName: "Google Ads",
  clientName: "Lumen Skincare",
  message: "You manage our Google Ads account, could you do this one?",
  url: `${previewBaseUrl}/onboard/preview-forwarded-step-token`,
  expiresAt: "Friday, 14 March 2025",
} satisfies OnboardingStepForwardedProps;
