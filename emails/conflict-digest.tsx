import { Section, Text } from "@react-email/components";
import type { WorkspaceBranding } from "./components/branding";
import { EmailLayout } from "./components/layout";
import { previewBaseUrl, previewWorkspace } from "./components/preview-data";
import { palette } from "./components/theme";
import { cleanSubject, plural } from "./components/text";
import { AccentLink, ActionButton, Badge, Greeting, LinkFallback, MutedText, Paragraph } from "./components/ui";

export interface ConflictDigestItem {
  severity: "error" | "warning";
  /** e.g. "POST_COLLISION" */
  code?: string | null;
  /** The sentence that explains the conflict. */
  message: string;
  /** When it happens, already formatted, e.g. "Fri 14 Mar". */
  dateText: string;
  /** Link to this conflict, if any. */
  url?: string | null;
}

export interface ConflictDigestProps {
  workspace: WorkspaceBranding;
  recipientName?: string | null;
  conflicts: ConflictDigestItem[];
  /** e.g. "Tuesday, 11 March" */
  periodLabel?: string | null;
  /** The conflicts page. */
  url: string;
}

/** Emails list at most this many conflicts; the page has the rest. */
export const CONFLICT_DIGEST_LIMIT = 20;

function counts(conflicts: readonly ConflictDigestItem[]) {
  const errors = conflicts.filter((c) => c.severity === "error").length;
  return { errors, warnings: conflicts.length - errors };
}

export function subject(p: ConflictDigestProps): string {
  const { errors } = counts(p.conflicts);
  const n = p.conflicts.length;
  if (n === 0) return cleanSubject("No open calendar conflicts");
  return cleanSubject(`${plural(n, "calendar conflict")} to review${errors > 0 ? ` (${plural(errors, "error")})` : ""}`);
}

export default function ConflictDigestEmail(p: ConflictDigestProps) {
  const { errors, warnings } = counts(p.conflicts);
  // Errors first, then warnings, keeping the given order inside each group.
  const sorted = [...p.conflicts].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
  const shown = sorted.slice(0, CONFLICT_DIGEST_LIMIT);
  const summary =
    p.conflicts.length === 0
      ? "No open conflicts on the calendar."
      : `${plural(errors, "error")} and ${plural(warnings, "warning")} open on the calendar.`;
  return (
    <EmailLayout
      workspace={p.workspace}
      preview={summary}
      heading={p.periodLabel ? `Conflict digest for ${p.periodLabel}` : "Conflict digest"}
      footerNote="You received this as a coordinator. Acknowledged conflicts are left out."
    >
      <Greeting name={p.recipientName} />
      <Paragraph>{summary}</Paragraph>
      {shown.map((c, i) => (
        <Section key={i} style={{ borderTop: `1px solid ${palette.border}`, padding: "12px 0" }}>
          <Text style={{ margin: "0 0 4px", fontSize: "13px", lineHeight: "20px", color: palette.muted }}>
            <Badge tone={c.severity}>{c.severity === "error" ? "Error" : "Warning"}</Badge>
            {"  "}
            {c.dateText}
            {c.code ? ` · ${c.code}` : ""}
          </Text>
          <Text style={{ margin: 0, fontSize: "15px", lineHeight: "22px", color: palette.text }}>
            {c.message}
            {c.url ? (
              <>
                {" "}
                <AccentLink href={c.url}>View</AccentLink>
              </>
            ) : null}
          </Text>
        </Section>
      ))}
      {sorted.length > shown.length ? (
        <MutedText>And {plural(sorted.length - shown.length, "more conflict")} on the conflicts page.</MutedText>
      ) : null}
      <ActionButton href={p.url}>Review conflicts</ActionButton>
      <LinkFallback href={p.url} />
    </EmailLayout>
  );
}

ConflictDigestEmail.PreviewProps = {
  workspace: previewWorkspace,
  recipientName: "Jordan",
  periodLabel: "Tuesday, 11 March",
  url: `${previewBaseUrl}/w/northwind/conflicts`,
  conflicts: [
    {
      severity: "warning",
      code: "POST_COLLISION",
      message: "Two Lumen Skincare posts on Instagram are 2 hours apart; the brand's minimum spacing is 4 hours.",
      dateText: "Fri 14 Mar",
      url: `${previewBaseUrl}/w/northwind/conflicts/cf_1`,
    },
    {
      severity: "error",
      code: "CREATOR_EXCLUSIVITY",
      message: "Maya Ortiz has deliverables for Lumen Skincare and another skincare brand within 14 days.",
      dateText: "Mon 17 Mar",
      url: `${previewBaseUrl}/w/northwind/conflicts/cf_2`,
    },
    {
      severity: "error",
      code: "SIGNOFF_RISK",
      message: "TikTok: summit sunrise passed its sign-off deadline without sign-off.",
      dateText: "Wed 12 Mar",
    },
  ],
} satisfies ConflictDigestProps;
