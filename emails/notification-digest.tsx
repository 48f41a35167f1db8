import { Section, Text } from "@react-email/components";
import type { WorkspaceBranding } from "./components/branding";
import { EmailLayout } from "./components/layout";
import { previewBaseUrl, previewWorkspace } from "./components/preview-data";
import { palette } from "./components/theme";
import { cleanSubject, oneLine, plural } from "./components/text";
import { AccentLink, ActionButton, Greeting, LinkFallback, MutedText } from "./components/ui";

export interface NotificationDigestItem {
  title: string;
  body: string;
  url: string;
}

export interface NotificationDigestProps {
  workspace: WorkspaceBranding;
  recipientName?: string | null;
  /** e.g. "Tuesday, 11 March" */
  dateText?: string | null;
  items: NotificationDigestItem[];
  /** The in-app notifications page. */
  url: string;
}

/** Emails list at most this many notifications; the app has the rest. */
export const NOTIFICATION_DIGEST_LIMIT = 25;

export function subject(p: NotificationDigestProps): string {
  const day = p.dateText ? ` for ${oneLine(p.dateText, 40)}` : "";
  return cleanSubject(`${oneLine(p.workspace.name)}: ${plural(p.items.length, "update")}${day}`);
}

export default function NotificationDigestEmail(p: NotificationDigestProps) {
  const shown = p.items.slice(0, NOTIFICATION_DIGEST_LIMIT);
  return (
    <EmailLayout
      workspace={p.workspace}
      preview={shown.map((i) => i.title).join(" · ") || "No new updates."}
      heading={p.dateText ? `Your daily digest for ${p.dateText}` : "Your daily digest"}
      footerNote={`You received this daily digest because you have unread notifications in ${p.workspace.name}.`}
    >
      <Greeting name={p.recipientName} />
      {shown.length === 0 ? <MutedText>Nothing new since your last digest.</MutedText> : null}
      {shown.map((item, i) => (
        <Section key={i} style={{ borderTop: `1px solid ${palette.border}`, padding: "12px 0" }}>
          <Text style={{ margin: "0 0 4px", fontSize: "15px", lineHeight: "22px", fontWeight: 600, color: palette.text }}>
            <AccentLink href={item.url}>{item.title}</AccentLink>
          </Text>
          <Text style={{ margin: 0, fontSize: "14px", lineHeight: "22px", color: palette.muted, whiteSpace: "pre-line" }}>{item.body}</Text>
        </Section>
      ))}
      {p.items.length > shown.length ? <MutedText>And {plural(p.items.length - shown.length, "more update")} in Baton.</MutedText> : null}
      <ActionButton href={p.url}>Open all notifications</ActionButton>
      <LinkFallback href={p.url} />
    </EmailLayout>
  );
}

NotificationDigestEmail.PreviewProps = {
  workspace: previewWorkspace,
  recipientName: "Olivia",
  dateText: "Tuesday, 11 March",
  url: `${previewBaseUrl}/w/northwind/notifications`,
  items: [
    {
      title: "Maya Ortiz submitted v3 of Instagram Reel: morning routine",
      body: "Lumen Summer Glow. Sign-off deadline Thu 13 Mar, 17:00 CET.",
      url: `${previewBaseUrl}/w/northwind/deliverables/dlv_preview`,
    },
    {
      title: "Sam acknowledged the Lumen Summer Glow brief (v2)",
      body: "All assigned creators have now acknowledged this version.",
      url: `${previewBaseUrl}/w/northwind/campaigns/cmp_preview/brief`,
    },
    {
      title: "Lumen Skincare confirmed Google Ads access",
      body: "Verify the grant to complete the step.",
      url: `${previewBaseUrl}/w/northwind/onboarding/ol_preview`,
    },
  ],
} satisfies NotificationDigestProps;
