import type { CSSProperties, ReactNode } from "react";
import { Button, Column, Link, Row, Section, Text } from "@react-email/components";
import { safeUrl } from "./branding";
import { palette, useBranding } from "./theme";
import type { Locale } from "~/modules/i18n/locales";
import { tFor } from "~/modules/i18n/resources";

const paragraph: CSSProperties = { margin: "0 0 16px", fontSize: "15px", lineHeight: "24px", color: palette.text };

export function Paragraph({ children }: { children: ReactNode }) {
  return <Text style={paragraph}>{children}</Text>;
}

export function MutedText({ children }: { children: ReactNode }) {
  return <Text style={{ ...paragraph, fontSize: "13px", lineHeight: "20px", color: palette.muted }}>{children}</Text>;
}

/** "Hi Ana," or "Hi," */
export function Greeting({ name, locale }: { name?: string | null; locale?: Locale }) {
  const n = name?.trim();
  const t = tFor(locale ?? "en", "emails");
  return <Paragraph>{n ? t("ui.hiNamed", { name: n }) : t("ui.hi")}</Paragraph>;
}

/** The main call to action, in the workspace's accent colour with readable text on it. */
export function ActionButton({ href, children }: { href: string; children: ReactNode }) {
  const brand = useBranding();
  return (
    <Section style={{ margin: "8px 0 24px" }}>
      <Button
        href={safeUrl(href) ?? undefined}
        style={{
          backgroundColor: brand.accentColor,
          color: brand.accentTextColor,
          borderRadius: "6px",
          fontSize: "15px",
          fontWeight: 600,
          lineHeight: "20px",
          padding: "12px 20px",
          textDecoration: "none",
          display: "inline-block",
        }}
      >
        {children}
      </Button>
    </Section>
  );
}

/** An inline link in the accent colour. */
export function AccentLink({ href, children }: { href: string; children: ReactNode }) {
  const brand = useBranding();
  return (
    <Link href={safeUrl(href) ?? undefined} style={{ color: brand.accentColor, textDecoration: "underline" }}>
      {children}
    </Link>
  );
}

/** "If the button does not work, paste this link…" with the URL spelled out. */
export function LinkFallback({ href, locale }: { href: string; locale?: Locale }) {
  const url = safeUrl(href);
  if (!url) return null;
  return (
    <Text style={{ margin: "0 0 16px", fontSize: "13px", lineHeight: "20px", color: palette.muted, wordBreak: "break-all" }}>
      {tFor(locale ?? "en", "emails")("ui.linkFallback")}{" "}
      <Link href={url} style={{ color: palette.muted, textDecoration: "underline" }}>
        {url}
      </Link>
    </Text>
  );
}

export interface KeyValue {
  label: string;
  value: ReactNode;
}

/** Label / value rows, e.g. Campaign, Deliverable, Deadline. Rows with an empty value are left out. */
export function KeyValueRows({ rows }: { rows: KeyValue[] }) {
  const shown = rows.filter((r) => r.value !== null && r.value !== undefined && r.value !== "");
  if (shown.length === 0) return null;
  return (
    <Section
      style={{
        margin: "0 0 20px",
        backgroundColor: palette.subtle,
        border: `1px solid ${palette.border}`,
        borderRadius: "6px",
        padding: "8px 16px",
      }}
    >
      {shown.map((r, i) => (
        <Row key={`${i}-${r.label}`}>
          <Column style={{ width: "38%", verticalAlign: "top", padding: "6px 12px 6px 0" }}>
            <Text style={{ margin: 0, fontSize: "13px", lineHeight: "20px", color: palette.muted }}>{r.label}</Text>
          </Column>
          <Column style={{ verticalAlign: "top", padding: "6px 0" }}>
            <Text style={{ margin: 0, fontSize: "14px", lineHeight: "20px", color: palette.text, fontWeight: 600 }}>{r.value}</Text>
          </Column>
        </Row>
      ))}
    </Section>
  );
}

/** A quoted message (agency note, review comment, rejection reason), keeping its line breaks. */
export function Quote({ children, label }: { children: string; label?: string }) {
  const brand = useBranding();
  return (
    <Section style={{ margin: "0 0 20px", borderLeft: `3px solid ${brand.accentColor}`, padding: "4px 0 4px 16px" }}>
      {label ? <Text style={{ margin: "0 0 4px", fontSize: "13px", lineHeight: "20px", color: palette.muted }}>{label}</Text> : null}
      <Text style={{ margin: 0, fontSize: "15px", lineHeight: "24px", color: palette.text, whiteSpace: "pre-line" }}>{children}</Text>
    </Section>
  );
}

/** A plain bulleted list of short strings (platforms, open steps, changed fields). */
export function BulletList({ items }: { items: readonly string[] }) {
  if (items.length === 0) return null;
  return (
    <ul style={{ margin: "0 0 20px", paddingLeft: "20px", color: palette.text }}>
      {items.map((item, i) => (
        <li key={`${i}-${item}`} style={{ fontSize: "15px", lineHeight: "24px", margin: "0 0 4px" }}>
          {item}
        </li>
      ))}
    </ul>
  );
}

/** A small coloured label: "Late", "Error", "Warning". */
export function Badge({ tone, children }: { tone: "error" | "warning" | "neutral"; children: ReactNode }) {
  const colors =
    tone === "error"
      ? { color: palette.error, backgroundColor: palette.errorBg }
      : tone === "warning"
        ? { color: palette.warning, backgroundColor: palette.warningBg }
        : { color: palette.muted, backgroundColor: palette.subtle };
  return (
    <span
      style={{
        ...colors,
        borderRadius: "4px",
        padding: "2px 6px",
        fontSize: "12px",
        fontWeight: 700,
        textTransform: "uppercase",
        letterSpacing: "0.03em",
      }}
    >
      {children}
    </span>
  );
}

/** A highlighted notice box (late submission, blocked deliverable). */
export function Notice({ tone, children }: { tone: "error" | "warning"; children: ReactNode }) {
  const color = tone === "error" ? palette.error : palette.warning;
  const backgroundColor = tone === "error" ? palette.errorBg : palette.warningBg;
  return (
    <Section style={{ margin: "0 0 20px", backgroundColor, borderRadius: "6px", padding: "12px 16px" }}>
      <Text style={{ margin: 0, fontSize: "14px", lineHeight: "22px", color }}>{children}</Text>
    </Section>
  );
}
