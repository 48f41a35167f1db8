import { describe, expect, it } from "vitest";
import { emailTemplates } from "@emails/index";
import { renderEmail } from "@emails/render";

/**
 * Approval emails carry the recipient's personal decision link as their button (decision 052); the
 * deliverable page stays in the email for those who prefer to sign in. An email queued before links
 * existed (no decisionUrl) still renders with the page as its button.
 */
const hrefs = (html: string) => [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, "&"));

describe.each(["draft-submitted", "signoff-reminder"] as const)("%s", (name) => {
  const props = emailTemplates[name].component.PreviewProps;

  it("the button is the decision link; the page is offered beside it, with a word on not forwarding", async () => {
    const { html, text } = await renderEmail(name, props as never);
    const links = hrefs(html);
    expect(links[links.findIndex((h) => h.includes("/d/"))]).toBe(props.decisionUrl);
    expect(links).toContain(props.url);
    expect(text).toContain(props.decisionUrl!);
    expect(text).toMatch(/personal decision link/);
    expect(text).toMatch(/do not forward/);
    // The decision link comes first: it is the button.
    expect(links.indexOf(props.decisionUrl!)).toBeLessThan(links.indexOf(props.url));
  });

  it("without a decision link the button is the page, and the note is left out", async () => {
    const { html, text } = await renderEmail(name, { ...props, decisionUrl: null } as never);
    expect(hrefs(html).some((h) => h.includes("/d/"))).toBe(false);
    expect(hrefs(html)).toContain(props.url);
    expect(text).not.toMatch(/personal decision link/);
  });
});

it("the one-time code email shows the code and links back to the decision link", async () => {
  const props = emailTemplates["decision-code"].component.PreviewProps;
  const { subject, text, html } = await renderEmail("decision-code", props);
  expect(subject).toContain(props.code);
  expect(text).toContain(props.code);
  expect(text).toMatch(/10 minutes/);
  expect(hrefs(html)).toContain(props.url);
});
