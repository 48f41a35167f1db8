import type { CSSProperties } from "react";
import { Heading, Section, Text } from "@react-email/components";
import type { WorkspaceBranding } from "./components/branding";
import { EmailLayout } from "./components/layout";
import { previewBaseUrl, previewWorkspace } from "./components/preview-data";
import { palette } from "./components/theme";
import { cleanSubject } from "./components/text";
import { ActionButton, Greeting, LinkFallback, MutedText, Paragraph } from "./components/ui";

/** One figure: "Approval cycle time", "2 d 4 h", "Median of 12 sign-offs, 90th percentile 4 d · was 3 d 1 h". */
export interface MonthlyReportLine {
  label: string;
  value: string;
  detail: string;
}

export interface MonthlyReportAgency {
  name: string;
  lines: MonthlyReportLine[];
}

export interface MonthlyReportProps {
  workspace: WorkspaceBranding;
  recipientName?: string | null;
  brandName: string;
  /** "July 2026" */
  monthLabel: string;
  /** The brand across every agency. */
  summary: MonthlyReportLine[];
  /** Each agency that worked for the brand that month. */
  agencies: MonthlyReportAgency[];
  /** The insights page, filtered to the brand and the month. */
  url: string;
  /** How the days were counted, e.g. "Days are counted in UTC." */
  note?: string | null;
}

export function subject(p: MonthlyReportProps): string {
  return cleanSubject(`${p.brandName}: your handoff report for ${p.monthLabel}`);
}

const cell: CSSProperties = { padding: "10px 12px 0", verticalAlign: "top" };

/**
 * The figures as a plain table with inline styles: what every mail client renders the same, with
 * no image and no script. Label and value on one row, the detail (median of how many, the month
 * before) under them in small type.
 */
function FigureTable({ lines, shaded }: { lines: MonthlyReportLine[]; shaded?: boolean }) {
  return (
    <table
      role="presentation"
      width="100%"
      cellPadding={0}
      cellSpacing={0}
      style={{
        width: "100%",
        borderCollapse: "separate",
        border: `1px solid ${palette.border}`,
        borderRadius: "6px",
        backgroundColor: shaded ? palette.subtle : palette.card,
        margin: "0 0 20px",
      }}
    >
      <tbody>
        {lines.map((line, i) => (
          <tr key={`${i}-${line.label}`}>
            <td style={{ ...cell, paddingBottom: "10px", borderTop: i === 0 ? "none" : `1px solid ${palette.border}` }}>
              <Text style={{ margin: 0, fontSize: "14px", lineHeight: "20px", color: palette.text, fontWeight: 600 }}>{line.label}</Text>
              <Text style={{ margin: "2px 0 0", fontSize: "12px", lineHeight: "18px", color: palette.muted }}>{line.detail}</Text>
            </td>
            <td
              align="right"
              style={{
                ...cell,
                paddingBottom: "10px",
                borderTop: i === 0 ? "none" : `1px solid ${palette.border}`,
                whiteSpace: "nowrap",
                textAlign: "right",
              }}
            >
              <Text style={{ margin: 0, fontSize: "16px", lineHeight: "22px", color: palette.text, fontWeight: 700 }}>{line.value}</Text>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const sectionHeading: CSSProperties = { margin: "8px 0 8px", fontSize: "16px", lineHeight: "24px", color: palette.text };

export default function MonthlyReportEmail(p: MonthlyReportProps) {
  const intro = `Here is how the handoffs for ${p.brandName} went in ${p.monthLabel}: across every agency first, then agency by agency.`;
  return (
    <EmailLayout
      // No logo: the report must read in full where mail clients hold images back, and Baton serves none.
      workspace={{ ...p.workspace, logoUrl: null }}
      preview={`${p.brandName} in ${p.monthLabel}: access, approvals, the 48-hour rule and conflicts, per agency.`}
      heading={`${p.brandName} in ${p.monthLabel}`}
      footerNote={`You receive this on the first working day of each month as a brand lead of ${p.brandName}.`}
    >
      <Greeting name={p.recipientName} />
      <Paragraph>{intro}</Paragraph>
      <Heading as="h2" style={sectionHeading}>
        All agencies
      </Heading>
      <FigureTable lines={p.summary} shaded />
      {p.agencies.length === 0 ? <MutedText>No agency handed anything over for {p.brandName} this month.</MutedText> : null}
      {p.agencies.map((agency, i) => (
        <Section key={`${i}-${agency.name}`}>
          <Heading as="h2" style={sectionHeading}>
            {agency.name}
          </Heading>
          <FigureTable lines={agency.lines} />
        </Section>
      ))}
      <ActionButton href={p.url}>Open the insights</ActionButton>
      <LinkFallback href={p.url} />
      <MutedText>
        Time to verified access runs from creating an onboarding link to its last verification; approval cycle time from the first draft to
        the brand&apos;s sign-off; 48-hour compliance is the share of posts going live this month whose sign-off came in time; a late draft
        left the route less time than it needs for review. {p.note ?? ""}
      </MutedText>
    </EmailLayout>
  );
}

const line = (label: string, value: string, detail: string): MonthlyReportLine => ({ label, value, detail });

MonthlyReportEmail.PreviewProps = {
  workspace: previewWorkspace,
  recipientName: "Lena",
  brandName: "Lumen Skincare",
  monthLabel: "July 2026",
  url: `${previewBaseUrl}/w/northwind/insights?brand=b1&from=2026-07-01&to=2026-07-31`,
  note: "Days are counted in UTC.",
  summary: [
    line("Time to verified access", "1 d 6 h", "Median of 3 onboarding links, 90th percentile 2 d 4 h · was 1 d 20 h"),
    line("Approval cycle time", "2 d 4 h", "Median of 12 sign-offs, 90th percentile 4 d 1 h · was 3 d 1 h"),
    line("48-hour compliance", "92%", "11 of 12 signed off in time · 1 overridden, 1 blocked · was 83%"),
    line("Late drafts", "2", "2 of 17 versions came in too late for review · was 4"),
    line("Conflicts", "1 open", "At the end of the month · 80% resolved before going live · was 2 open"),
  ],
  agencies: [
    {
      name: "Kite Creative",
      lines: [
        line("Time to verified access", "No data", "No onboarding links this month"),
        line("Approval cycle time", "3 d 20 h", "Median of 4 sign-offs, 90th percentile 5 d 2 h · was 4 d 6 h"),
        line("48-hour compliance", "75%", "3 of 4 signed off in time · 1 overridden · was 67%"),
        line("Late drafts", "2", "2 of 7 versions came in too late for review · was 3"),
        line("Conflicts", "1 open", "At the end of the month · was 1 open"),
      ],
    },
    {
      name: "Northwind Social",
      lines: [
        line("Time to verified access", "1 d 6 h", "Median of 3 onboarding links, 90th percentile 2 d 4 h"),
        line("Approval cycle time", "1 d 18 h", "Median of 8 sign-offs, 90th percentile 2 d 9 h · was 2 d 2 h"),
        line("48-hour compliance", "100%", "8 of 8 signed off in time · was 90%"),
        line("Late drafts", "0", "0 of 10 versions came in too late for review · was 1"),
        line("Conflicts", "0 open", "At the end of the month · 100% resolved before going live · was 1 open"),
      ],
    },
  ],
} satisfies MonthlyReportProps;
