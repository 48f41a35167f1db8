import { describe, expect, it } from "vitest";
import { emailTemplates } from "@emails/index";
import { renderEmail } from "@emails/render";
import { SIGNOFF_DIGEST_LIMIT } from "@emails/signoff-digest";

/**
 * The daily sign-off digest email (issue 17 part 3): one personal link, the list most urgent first,
 * and everything readable as plain text (the logo is the only image, and it has its name as alt).
 */
const props = emailTemplates["signoff-digest"].component.PreviewProps;

describe("signoff-digest", () => {
  it("lists every waiting sign-off with its deadline, and links the personal page, in the text version too", async () => {
    const { subject, text, html } = await renderEmail("signoff-digest", props);
    expect(subject).toBe("3 sign-offs waiting for you: Lumen Skincare");
    for (const item of props.items) {
      expect(text).toContain(item.title);
      expect(text).toContain(item.deadline);
    }
    expect(text).toContain(props.url);
    expect(text).toMatch(/personal sign-off link for Lumen Skincare, working until/);
    expect(text).toMatch(/do not forward/);
    expect(html).not.toMatch(/<img/);
    expect(html).toContain(props.signInUrl);
  });

  it("with a logo, the image carries the workspace's name; the facts stay words", async () => {
    const { html } = await renderEmail("signoff-digest", {
      ...props,
      workspace: { ...props.workspace, logoUrl: "https://cdn.example/logo.png" },
    });
    expect(html).toMatch(/<img[^>]+alt="Northwind Studio"/);
  });

  it("cuts a long list and says how many more wait; a lead without an account is not offered to sign in", async () => {
    const items = Array.from({ length: SIGNOFF_DIGEST_LIMIT + 2 }, (_, i) => ({ ...props.items[1], title: `Post ${i + 1}` }));
    const { text, subject } = await renderEmail("signoff-digest", { ...props, items, total: items.length, signInUrl: null });
    expect(subject).toBe(`${SIGNOFF_DIGEST_LIMIT + 2} sign-offs waiting for you: Lumen Skincare`);
    expect(text).toContain(`Post ${SIGNOFF_DIGEST_LIMIT}`);
    expect(text).not.toContain(`Post ${SIGNOFF_DIGEST_LIMIT + 1}`);
    expect(text).toContain("And 2 more on your list.");
    expect(text).not.toMatch(/Prefer to sign in/);
  });

  it("one sign-off reads in the singular", async () => {
    const { subject } = await renderEmail("signoff-digest", { ...props, items: props.items.slice(0, 1), total: 1 });
    expect(subject).toBe("1 sign-off waiting for you: Lumen Skincare");
  });
});
