import { describe, expect, it } from "vitest";
import { render } from "@react-email/render";
import {
  buildEmail,
  emailTemplateNames,
  emailTemplates,
  getEmailTemplate,
  isEmailTemplateName,
  type EmailMessage,
  type EmailProps,
  type EmailTemplateName,
} from "@emails/index";
import { renderEmail } from "@emails/render";
import { BATON_ACCENT, BATON_BRANDING, readableTextColor, resolveBranding, safeUrl } from "@emails/components/branding";
import { cleanSubject, durationText } from "@emails/components/text";
import SignInLinkEmail from "@emails/sign-in-link";

/** What React does to text and attribute values. */
function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
}

type AnyProps = Record<string, unknown> & {
  workspace?: { name: string; accentColor: string; logoUrl?: string | null } | null;
  url: string;
};

function previewProps(name: EmailTemplateName): AnyProps {
  return emailTemplates[name].component.PreviewProps as unknown as AnyProps;
}

async function renderAny(name: EmailTemplateName, props: AnyProps) {
  // The union of all props cannot be checked against one name here; the registry's own types are tested below.
  return renderEmail(name, props as never);
}

/** Deep-map every string that is not a URL or colour. */
function mapText(value: unknown, f: (s: string) => string, key = ""): unknown {
  if (typeof value === "string") return /url$|color$/i.test(key) ? value : f(value);
  if (Array.isArray(value)) return value.map((v) => mapText(v, f));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapText(v, f, k)]));
  }
  return value;
}

const SCRIPT = '<script>alert("pwned")</script>';

describe("email templates", () => {
  it("registers every template file", () => {
    expect([...emailTemplateNames].sort()).toEqual(
      [
        "access-alert",
        "access-all-verified",
        "access-lost",
        "access-reopened",
        "access-rejected",
        "brief-acknowledgment-request",
        "conflict-digest",
        "decision-code",
        "deliverable-blocked",
        "deliverable-published",
        "draft-changes-requested",
        "draft-signed-off",
        "draft-submitted",
        "email-verification",
        "invitation",
        "monthly-report",
        "notification-digest",
        "onboarding-completed",
        "onboarding-link",
        "onboarding-reminder",
        "onboarding-step-forwarded",
        "password-reset",
        "sign-in-link",
        "signoff-digest",
        "signoff-reminder",
        "stage-escalated",
      ].sort(),
    );
    expect(isEmailTemplateName("invitation")).toBe(true);
    expect(isEmailTemplateName("toString")).toBe(false);
    expect(isEmailTemplateName(42)).toBe(false);
  });

  describe.each(emailTemplateNames)("%s", (name) => {
    const props = previewProps(name);
    const brand = resolveBranding(props.workspace);

    it("renders PreviewProps to HTML and text with branding, subject and action URL", async () => {
      const { subject, html, text } = await renderAny(name, props);

      expect(subject.length).toBeGreaterThan(0);
      expect(subject).not.toMatch(/[\r\n]/);
      expect(subject).toBe(emailTemplates[name].subject(props as never));

      expect(html).toMatch(/^<!DOCTYPE html/i);
      expect(html).toContain(brand.accentColor);
      expect(html).toContain(escapeHtml(brand.name));
      expect(html).toContain(escapeHtml(props.url));
      expect(text).toContain(props.url);
      expect(text).toContain(brand.name);
      if (props.workspace) expect(text).toContain(`Sent by Baton on behalf of ${props.workspace.name}`);
      if (typeof props.liveUrl === "string") {
        expect(html).toContain(escapeHtml(props.liveUrl));
        expect(text).toContain(props.liveUrl);
      }
      // The preview line is hidden in HTML and left out of the text version.
      expect(text).not.toMatch(/^\s*$/);
    });

    it("renders the same with @react-email/render directly", async () => {
      const { element } = buildEmail(name, props as never);
      const html = await render(element);
      const text = await render(element, { plainText: true });
      expect(html).toContain(escapeHtml(props.url));
      expect(text).toContain(props.url);
    });

    it("escapes user-provided text in the HTML and keeps the subject on one line", async () => {
      const hostile = mapText(props, (s) => `${SCRIPT}\r\nBcc: attacker@example.com ${s}`) as AnyProps;
      hostile.workspace = { name: `${SCRIPT} Studio`, accentColor: "#0f766e", logoUrl: null };

      const { subject, html } = await renderAny(name, hostile);
      expect(html).not.toMatch(/<script/i);
      expect(html).toContain("&lt;script&gt;");
      expect(subject).not.toMatch(/[\r\n]/);
    });

    it("never puts unsafe URLs or colours into attributes or styles", async () => {
      const hostile: AnyProps = {
        ...props,
        workspace: { name: "Evil Co", accentColor: "red;background:url(javascript:alert(1))", logoUrl: "javascript:alert(2)" },
        url: "javascript:alert(3)",
        ...(typeof props.liveUrl === "string" ? { liveUrl: "javascript:alert(4)" } : {}),
      };
      const { html } = await renderAny(name, hostile);
      expect(html).not.toMatch(/javascript:/i);
      expect(html).toContain(BATON_ACCENT);
    });
  });

  it("shows the workspace logo when given an http(s) URL", async () => {
    const props = {
      ...previewProps("invitation"),
      workspace: { name: "Northwind Studio", accentColor: "#0f766e", logoUrl: "https://cdn.example.com/logo.png?v=1&s=2" },
    };
    const { html } = await renderAny("invitation", props);
    expect(html).toContain(`src="${escapeHtml("https://cdn.example.com/logo.png?v=1&s=2")}"`);
    expect(html).toContain('alt="Northwind Studio"');
  });

  it("sign-in and reset emails fall back to Baton's own branding without a workspace", async () => {
    const { html, text } = await renderEmail("sign-in-link", { url: "https://baton.example.com/login/verify?t=1", expiresInMinutes: 15 });
    expect(html).toContain(BATON_BRANDING.accentColor);
    expect(text).toContain("Sent by Baton.");
    expect(text).not.toContain("on behalf of");
    expect(text).toContain("expires in 15 minutes");

    const branded = await renderEmail("password-reset", {
      url: "https://baton.example.com/reset?t=1",
      expiresInMinutes: 60,
      workspace: { name: "Northwind Studio", accentColor: "#0F766E" },
    });
    expect(branded.html).toContain("#0F766E");
    expect(branded.text).toContain("Sent by Baton on behalf of Northwind Studio.");
    expect(branded.text).toContain("expires in 1 hour");
  });

  it("flags late drafts in subject and body", async () => {
    const base = emailTemplates["draft-submitted"].component.PreviewProps;
    const late = await renderEmail("draft-submitted", { ...base, isLate: true });
    const onTime = await renderEmail("draft-submitted", { ...base, isLate: false });
    expect(late.subject).toMatch(/^Late draft: /);
    expect(late.text).toContain("Submitted late");
    expect(onTime.subject).not.toMatch(/late/i);
    expect(onTime.text).not.toContain("Submitted late");
  });

  it("lists conflicts errors first and caps long digests", async () => {
    const base = emailTemplates["conflict-digest"].component.PreviewProps;
    const { text } = await renderEmail("conflict-digest", base);
    expect(text.indexOf("CREATOR_EXCLUSIVITY")).toBeLessThan(text.indexOf("POST_COLLISION"));

    const many = Array.from({ length: 30 }, (_, i) => ({ severity: "warning" as const, message: `Conflict ${i}`, dateText: "Fri" }));
    const capped = await renderEmail("conflict-digest", { ...base, conflicts: many });
    expect(capped.subject).toBe("30 calendar conflicts to review");
    expect(capped.text).toContain("And 10 more conflicts on the conflicts page.");

    const none = await renderEmail("conflict-digest", { ...base, conflicts: [] });
    expect(none.subject).toBe("No open calendar conflicts");
  });

  it("renders every notification in the digest with its own link", async () => {
    const base = emailTemplates["notification-digest"].component.PreviewProps;
    const { html, text } = await renderEmail("notification-digest", base);
    for (const item of base.items) {
      expect(html).toContain(escapeHtml(item.title));
      expect(text).toContain(item.url);
    }
  });

  it("asks again for acknowledgment with the changed fields on a new brief version", async () => {
    const base = emailTemplates["brief-acknowledgment-request"].component.PreviewProps;
    const v2 = await renderEmail("brief-acknowledgment-request", base);
    expect(v2.subject).toContain("v2");
    for (const f of base.changedFields ?? []) expect(v2.text).toContain(f);
    const v1 = await renderEmail("brief-acknowledgment-request", { ...base, version: 1, changedFields: null });
    expect(v1.subject).toBe(`Please read and acknowledge the brief for ${base.campaignName}`);
  });

  it("type checks template names against their props", () => {
    const sent: EmailMessage[] = [];
    function sendEmail<N extends EmailTemplateName>(msg: { template: N; props: EmailProps<N> }) {
      sent.push(msg as unknown as EmailMessage);
    }
    const workspace = { name: "Northwind Studio", accentColor: "#0f766e" };
    sendEmail({
      template: "invitation",
      props: { workspace, inviterName: "Olivia", roleLabel: "Coordinator", url: "https://x.test/i", expiresAt: "Friday" },
    });
    // @ts-expect-error: "invitation" needs inviterName, roleLabel and expiresAt
    sendEmail({ template: "invitation", props: { workspace, url: "https://x.test/i" } });
    // @ts-expect-error: unknown template
    sendEmail({ template: "no-such-email", props: {} });
    expect(sent.map((m) => m.template)).toEqual(["invitation", "invitation", "no-such-email"]);
    expect(getEmailTemplate("invitation").component).toBe(emailTemplates.invitation.component);
  });

  it("is previewable: default exports carry PreviewProps", () => {
    expect(SignInLinkEmail.PreviewProps.expiresInMinutes).toBeGreaterThan(0);
    for (const name of emailTemplateNames) expect(emailTemplates[name].component.PreviewProps).toBeTruthy();
  });
});

describe("email helpers", () => {
  it("cleanSubject strips CR/LF and control characters and caps the length", () => {
    expect(cleanSubject("Hello\r\nBcc: x@y.z\tthere\u2028!")).toBe("Hello Bcc: x@y.z there !");
    const long = cleanSubject("x".repeat(500));
    expect(long.length).toBe(200);
    expect(long.endsWith("…")).toBe(true);
  });

  it("formats durations", () => {
    expect(durationText(15)).toBe("15 minutes");
    expect(durationText(1)).toBe("1 minute");
    expect(durationText(120)).toBe("2 hours");
    expect(durationText(2880)).toBe("2 days");
  });

  it("accepts only http(s) and mailto links", () => {
    expect(safeUrl("https://a.test/x?y=1")).toBe("https://a.test/x?y=1");
    expect(safeUrl(" mailto:a@b.test ")).toBe("mailto:a@b.test");
    expect(safeUrl("javascript:alert(1)")).toBeNull();
    expect(safeUrl("/relative")).toBeNull();
    expect(safeUrl(null)).toBeNull();
  });

  it("picks readable button text for light and dark accents", () => {
    expect(readableTextColor("#0f766e")).toBe("#ffffff");
    expect(readableTextColor("#4f46e5")).toBe("#ffffff");
    expect(readableTextColor("#facc15")).toBe("#111827");
    expect(readableTextColor("#fff")).toBe("#111827");
  });
});
