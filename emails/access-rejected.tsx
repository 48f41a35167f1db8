import type { Locale } from "~/modules/i18n/locales";
import { tFor } from "~/modules/i18n/resources";
import type { WorkspaceBranding } from "./components/branding";
import { EmailLayout } from "./components/layout";
import { previewBaseUrl, previewWorkspace } from "./components/preview-data";
import { cleanSubject, oneLine } from "./components/text";
import { ActionButton, Greeting, LinkFallback, Paragraph, Quote } from "./components/ui";

export interface AccessRejectedProps {
  workspace: WorkspaceBranding;
  clientName?: string | null;
  recipientName?: string | null;
  platformName: string;
  /** Why the agency could not verify the access, written by the agency (shown as written). */
  reason: string;
  url: string;
  /** The link's language: the fix link goes to the client or their colleague (decision 060). */
  locale?: Locale;
}

export function subject(p: AccessRejectedProps): string {
  return cleanSubject(tFor(p.locale ?? "en", "emails")("rejected.subject", { platform: oneLine(p.platformName) }));
}

export default function AccessRejectedEmail(p: AccessRejectedProps) {
  const t = tFor(p.locale ?? "en", "emails");
  const vars = { workspace: p.workspace.name, platform: p.platformName, client: p.clientName ?? "" };
  return (
    <EmailLayout workspace={p.workspace} locale={p.locale} preview={t("rejected.preview", vars)} heading={t("rejected.subject", vars)}>
      <Greeting name={p.recipientName} locale={p.locale} />
      <Paragraph>{t(p.clientName ? "rejected.bodyFor" : "rejected.body", vars)}</Paragraph>
      <Quote label={t("rejected.reasonLabel")}>{p.reason}</Quote>
      <ActionButton href={p.url}>{t("rejected.open", vars)}</ActionButton>
      <LinkFallback href={p.url} locale={p.locale} />
    </EmailLayout>
  );
}

AccessRejectedEmail.PreviewProps = {
  workspace: previewWorkspace,
  clientName: "Lumen Skincare",
  recipientName: "Priya",
  platformName: "Google Analytics 4",
  reason: "The ID entered (G-7XK2M9QW) is a measurement ID. Please enter the numeric property ID, e.g. 312456789.",
  url: `${previewBaseUrl}/onboard/preview-onboarding-token`,
} satisfies AccessRejectedProps;
