import type { ReactNode } from "react";
import { Body, Container, Head, Heading, Hr, Html, Img, Preview, Section, Text } from "@react-email/components";
import { resolveBranding, type WorkspaceBranding } from "./branding";
import type { Locale } from "~/modules/i18n/locales";
import { tFor } from "~/modules/i18n/resources";
import { BrandingContext, fontFamily, palette } from "./theme";

export interface EmailLayoutProps {
  /** The workspace the email is sent for; null/undefined means Baton itself (sign-in, reset). */
  workspace?: WorkspaceBranding | null;
  /** Inbox preview line (hidden in the body, skipped in the text version). */
  preview: string;
  heading: string;
  children: ReactNode;
  /** Why the recipient gets this email, shown small above the footer. */
  footerNote?: string;
  /** The recipient's language (client emails, decision 060); English when absent. */
  locale?: Locale;
}

/**
 * The shell of every Baton email: the workspace's logo or name on top, an accent bar, a
 * white card for the content, and "Sent by Baton on behalf of {workspace}" underneath.
 */
export function EmailLayout({ workspace, preview, heading, children, footerNote, locale }: EmailLayoutProps) {
  const brand = resolveBranding(workspace);
  const t = tFor(locale ?? "en", "emails");
  return (
    <Html lang={locale ?? "en"} dir="ltr">
      <Head>
        <meta name="color-scheme" content="light" />
        <meta name="supported-color-schemes" content="light" />
      </Head>
      <Preview>{preview}</Preview>
      <BrandingContext.Provider value={brand}>
        <Body style={{ backgroundColor: palette.page, margin: 0, padding: "24px 0", fontFamily }}>
          <Container style={{ maxWidth: "560px", width: "100%", margin: "0 auto" }}>
            <Section style={{ padding: "0 32px 16px" }}>
              {brand.logoUrl ? (
                <Img src={brand.logoUrl} alt={brand.name} height="32" style={{ height: "32px", width: "auto" }} />
              ) : (
                <Text style={{ margin: 0, fontSize: "18px", fontWeight: 700, color: palette.text }}>{brand.name}</Text>
              )}
            </Section>
            <Section
              style={{
                backgroundColor: palette.card,
                border: `1px solid ${palette.border}`,
                borderTop: `4px solid ${brand.accentColor}`,
                borderRadius: "8px",
                padding: "32px 32px 24px",
              }}
            >
              <Heading as="h1" style={{ margin: "0 0 16px", fontSize: "22px", lineHeight: "30px", color: palette.text }}>
                {heading}
              </Heading>
              {children}
            </Section>
            <Section style={{ padding: "16px 32px 0" }}>
              {footerNote ? (
                <Text style={{ margin: "0 0 8px", fontSize: "12px", lineHeight: "18px", color: palette.muted }}>{footerNote}</Text>
              ) : null}
              <Hr style={{ borderColor: palette.border, margin: "8px 0" }} />
              <Text style={{ margin: 0, fontSize: "12px", lineHeight: "18px", color: palette.muted }}>
                {brand.isBaton ? t("layout.sentBy") : t("layout.sentOnBehalf", { workspace: brand.name })}
              </Text>
            </Section>
          </Container>
        </Body>
      </BrandingContext.Provider>
    </Html>
  );
}
