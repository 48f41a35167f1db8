import { Link, Section, Text } from "@react-email/components";
import type { WorkspaceBranding } from "./components/branding";
import { safeUrl } from "./components/branding";
import { EmailLayout } from "./components/layout";
import { previewBaseUrl, previewWorkspace } from "./components/preview-data";
import { cleanSubject, oneLine, plural } from "./components/text";
import { palette } from "./components/theme";
import { ActionButton, Badge, Greeting, LinkFallback, MutedText, Paragraph } from "./components/ui";

export interface SignoffDigestItem {
  title: string;
  campaignName: string;
  channelLabel: string;
  creatorName?: string | null;
  version: number;
  /** The sign-off deadline, already formatted for the recipient (their zone, the brand's beside it). */
  deadline: string;
  /** "23 h 10 min": time left to sign off. */
  timeLeft: string;
  /** Less than a day left: shown first and marked. */
  urgent: boolean;
}

export interface SignoffDigestProps {
  workspace: WorkspaceBranding;
  recipientName?: string | null;
  brandName: string;
  /** Most urgent first; the email lists at most SIGNOFF_DIGEST_LIMIT, the page all of them. */
  items: SignoffDigestItem[];
  /** How many wait in all (more than `items` when the list was cut). */
  total: number;
  /** The recipient's personal digest link: their sign-offs for this brand, several at once, no sign-in. */
  url: string;
  /** When the link stops working (48 hours), already formatted. */
  expiresAt: string;
  /** The approvals page, for those who would rather sign in; null for a brand lead who has not joined yet. */
  signInUrl?: string | null;
}

/** Emails list at most this many sign-offs; the page has them all. */
export const SIGNOFF_DIGEST_LIMIT = 10;

export function subject(p: SignoffDigestProps): string {
  return cleanSubject(`${plural(p.total, "sign-off")} waiting for you: ${oneLine(p.brandName)}`);
}

/**
 * The daily sign-off digest (issue 17 part 3): at 08:00 in the brand's zone, one email per brand
 * lead with everything waiting for their sign-off, and one personal link to sign off several at
 * once. Plain text carries all of it: every fact is words, the logo is the only image.
 */
export default function SignoffDigestEmail(p: SignoffDigestProps) {
  const shown = p.items.slice(0, SIGNOFF_DIGEST_LIMIT);
  const urgent = p.items.filter((i) => i.urgent).length;
  const signIn = safeUrl(p.signInUrl ?? null);
  return (
    <EmailLayout
      workspace={p.workspace}
      preview={`${plural(p.total, "draft")} of ${p.brandName} ${p.total === 1 ? "waits" : "wait"} for your sign-off${urgent ? `, ${urgent} due within a day` : ""}.`}
      heading={`Your sign-offs for ${p.brandName}`}
      footerNote={`You received this because you sign off for ${p.brandName}. It comes at 08:00 brand time on days something waits for you.`}
    >
      <Greeting name={p.recipientName} />
      <Paragraph>
        {plural(p.total, "draft")} {p.total === 1 ? "waits" : "wait"} for your sign-off, most urgent first. Open your list to sign off
        several at once; each opens in full if you want a closer look.
      </Paragraph>
      {shown.map((item, i) => (
        <Section key={i} style={{ borderTop: `1px solid ${palette.border}`, padding: "12px 0" }}>
          <Text style={{ margin: "0 0 4px", fontSize: "15px", lineHeight: "22px", fontWeight: 600, color: palette.text }}>
            {item.urgent ? (
              <>
                <Badge tone="warning">Due within a day</Badge>{" "}
              </>
            ) : null}
            {item.title} (v{item.version})
          </Text>
          <Text style={{ margin: 0, fontSize: "13px", lineHeight: "20px", color: palette.muted }}>
            {[item.campaignName, item.channelLabel, item.creatorName].filter(Boolean).join(" · ")}
            <br />
            Sign off by {item.deadline} ({item.timeLeft} left)
          </Text>
        </Section>
      ))}
      {p.total > shown.length ? <MutedText>And {p.total - shown.length} more on your list.</MutedText> : null}
      <ActionButton href={p.url}>Review and sign off</ActionButton>
      <LinkFallback href={p.url} />
      <Text style={{ margin: "0 0 16px", fontSize: "13px", lineHeight: "20px", color: palette.muted }}>
        The button is your personal sign-off link for {p.brandName}, working until {p.expiresAt}: no sign-in needed, and whatever you sign
        off there is recorded in your name, so please do not forward this email.
        {signIn ? (
          <>
            {" "}
            Prefer to sign in?{" "}
            <Link href={signIn} style={{ color: palette.muted, textDecoration: "underline" }}>
              Open your approvals in Baton
            </Link>
            .
          </>
        ) : null}
      </Text>
    </EmailLayout>
  );
}

SignoffDigestEmail.PreviewProps = {
  workspace: previewWorkspace,
  recipientName: "Lena",
  brandName: "Lumen Skincare",
  total: 3,
  url: `${previewBaseUrl}/d/digest/preview-digest-link-token-0123456789abcdefghijk`,
  expiresAt: "Wed 12 Mar 2025, 08:00 Berlin (UTC+1)",
  signInUrl: `${previewBaseUrl}/w/northwind/approvals?mine=1`,
  items: [
    {
      title: "Glow Serum first-look reel",
      campaignName: "Lumen Glow Launch",
      channelLabel: "Instagram",
      creatorName: "Maya Chen",
      version: 2,
      deadline: "Mon 10 Mar 2025, 18:00 Berlin (UTC+1)",
      timeLeft: "10 h",
      urgent: true,
    },
    {
      title: "Morning routine carousel",
      campaignName: "Lumen Glow Launch",
      channelLabel: "Instagram",
      creatorName: "Priya Shah",
      version: 1,
      deadline: "Tue 11 Mar 2025, 12:00 Berlin (UTC+1)",
      timeLeft: "1 d 4 h",
      urgent: false,
    },
    {
      title: "Texture close-up",
      campaignName: "Lumen Summer Paid Push",
      channelLabel: "TikTok",
      creatorName: null,
      version: 3,
      deadline: "Thu 13 Mar 2025, 09:00 Berlin (UTC+1)",
      timeLeft: "3 d 1 h",
      urgent: false,
    },
  ],
} satisfies SignoffDigestProps;
