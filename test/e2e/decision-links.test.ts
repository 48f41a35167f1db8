import { mkdirSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations } from "../support/axe";
import { launchBrowser, signInContext } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

/**
 * Decision links in Chromium (issue 17 part 1, decision 052), on the demo workspace: the Lumen Glow
 * Launch route is agency review by the coordinator, then Lena's brand sign-off. Nobody in these
 * tests signs in to decide: the reviewer and the brand lead use the personal links from their
 * emails, read from the local mailbox. Screenshots (375 and 1280 px, with the default, a pale and a
 * mid-tone accent) land in test-results/screenshots/decision-link-*.png, each checked with axe.
 */
let server: RunningServer;
let browser: Browser;
let coordinator: { context: BrowserContext; page: Page };
let creator: { context: BrowserContext; page: Page };
const shots = "test-results/screenshots";
const LEAD = "lead@lumen.test";
const REVIEWER = "coordinator@northwind.test";
const LINK = "https://lumen.example/glow?utm_source=instagram&utm_medium=influencer&utm_campaign=lumen_glow_e2e";
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
const tag = Date.now().toString(36);

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  coordinator = await signInContext(browser, server.url, REVIEWER);
  creator = await signInContext(browser, server.url, "creator@studio.test", { width: 390 });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A browser with nobody signed in, as someone opening a link from their inbox. */
async function signedOut(width = 1280) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  return { context, page: await context.newPage() };
}

/** The decision link in the newest mail to `to` whose subject names `text` (the local mailbox lists newest first). */
async function decisionLinkFromMail(page: Page, to: string, text: string): Promise<string> {
  for (let i = 0; i < 80; i++) {
    await page.goto(`${server.url}/dev/mail?to=${encodeURIComponent(to)}`);
    const mail = page.locator("main a[href^='/dev/mail/']", { hasText: text }).first();
    if ((await mail.count()) > 0) {
      await mail.click();
      const match = (await page.content()).match(/https?:\/\/[^"'\s<]+\/d\/[A-Za-z0-9_-]{40,}/);
      if (match) return match[0].replace(/^https?:\/\/[^/]+/, server.url);
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no mail "${text}" with a decision link to ${to}`);
}

/** A deliverable of Lumen Glow Launch with v1 submitted by the creator; returns its page path. */
async function submittedDraft(title: string): Promise<string> {
  const cp = coordinator.page;
  await cp.goto(`${server.url}/w/northwind/campaigns`);
  await cp.getByRole("link", { name: "Lumen Glow Launch" }).first().click();
  await cp.waitForURL(/\/campaigns\/[0-9a-f]{32}/);
  const campaignPath = new URL(cp.url()).pathname.match(/^\/w\/northwind\/campaigns\/[0-9a-f]{32}/)![0];
  await cp.goto(`${server.url}${campaignPath}/deliverables/new`);
  await cp.getByLabel("Title").fill(title);
  await cp.getByLabel("Channel").selectOption("instagram");
  await cp.getByLabel("Creator").selectOption({ label: "Maya Chen (@mayamakes)" });
  await cp.getByRole("button", { name: "Create deliverable" }).click();
  await cp.waitForURL(/\/w\/northwind\/deliverables\/[0-9a-f]{32}$/);
  const path = new URL(cp.url()).pathname;
  await submitVersion(path, "Lumen Glow Serum: real skin, real glow. #ad", "Version 1 submitted");
  return path;
}

async function submitVersion(path: string, caption: string, done: string) {
  const mp = creator.page;
  await mp.goto(`${server.url}${path}`);
  await mp.getByLabel("The caption").fill(caption);
  await mp.getByLabel("Link").fill(LINK);
  await mp.locator("input[type=file]").setInputFiles({ name: "serum.png", mimeType: "image/png", buffer: PNG });
  await mp.getByText("Uploaded", { exact: true }).waitFor();
  await mp.getByRole("button", { name: /^Submit/ }).click();
  await mp.getByText(done).waitFor();
}

/** The reviewer approves v1 from the decision link in their email, signed out. */
async function reviewerApproves(title: string) {
  const reviewer = await signedOut();
  const link = await decisionLinkFromMail(reviewer.page, REVIEWER, `submitted v1 of ${title}`);
  await reviewer.page.goto(link);
  await reviewer.page.getByRole("button", { name: "Approve v1" }).click();
  await reviewer.page.getByText("Approved. The next stage has been told.").waitFor();
  await reviewer.context.close();
}

/** Opens `link` signed out at both widths: a screenshot each, and axe finds nothing. Opening decides nothing. */
async function lookAt(link: string, label: string) {
  for (const width of [375, 1280]) {
    const { context, page } = await signedOut(width);
    expect((await page.goto(link))?.status()).toBe(200);
    await page.screenshot({ path: `${shots}/decision-link-${label}-${width}.png`, fullPage: true });
    expect(await axeViolations(page), `${label} at ${width}`).toEqual([]);
    await context.close();
  }
}

describe("decision links", () => {
  it("a brand lead who is not signed in signs off from the link in the first email: open, sign off", async () => {
    const title = `Link sign-off ${tag}`;
    const path = await submittedDraft(title);
    await reviewerApproves(title);

    const lena = await signedOut();
    const link = await decisionLinkFromMail(lena.page, LEAD, `submitted v1 of ${title}`);
    // The page is sent never cached, without a referrer, with no script but its own inline one.
    const raw = await fetch(link);
    expect(raw.headers.get("referrer-policy")).toBe("no-referrer");
    expect(raw.headers.get("cache-control")).toBe("no-store");
    const html = await raw.text();
    expect(html).not.toMatch(/<script[^>]*\bsrc=|rel="modulepreload"/);
    await lookAt(link, "signoff");

    // Click one: open. Click two: sign off.
    await lena.page.goto(link);
    await lena.page.getByRole("img", { name: "serum.png" }).waitFor();
    await lena.page.getByRole("button", { name: "Sign off v1", exact: true }).click();
    await lena.page.getByText("Signed off. The publisher has been told.").waitFor();
    await lena.page.getByText("Version 1 is signed off.").waitFor();
    await lena.page.screenshot({ path: `${shots}/decision-link-signed-off-1280.png`, fullPage: true });
    await lena.context.close();

    // The deliverable page (signed in) shows it, and the audit trail names her.
    await coordinator.page.goto(`${server.url}${path}`);
    await coordinator.page.getByText("Lena Lumen signed off").first().waitFor();
  }, 180_000);

  it("the link of an outdated version shows the current state and decides nothing", async () => {
    const title = `Link outdated ${tag}`;
    const path = await submittedDraft(title);
    await reviewerApproves(title);
    const lena = await signedOut(390);
    const link = await decisionLinkFromMail(lena.page, LEAD, `submitted v1 of ${title}`);
    await lena.page.goto(link);
    const signOff = lena.page.getByRole("button", { name: "Sign off v1", exact: true });
    await signOff.waitFor();

    // While the page is open, the creator submits version 2.
    await submitVersion(path, "Lumen Glow Serum, now with SPF. #ad", "Version 2 submitted");
    await signOff.click();
    await lena.page.getByText("You're looking at version 1, but version 2 is the current one").waitFor();
    await lena.page.getByRole("heading", { name: "Version 2" }).waitFor();
    expect(await lena.page.getByRole("button", { name: /Sign off/ }).count()).toBe(0);
    await lena.page.screenshot({ path: `${shots}/decision-link-outdated-390.png`, fullPage: true });

    // Opened again later: the current state, nothing to decide.
    await lena.page.goto(link);
    await lena.page.getByText(/It reaches you at “Brand sign-off”/).waitFor();
    await coordinator.page.goto(`${server.url}${path}`);
    expect(await coordinator.page.getByText("Lena Lumen signed off").count()).toBe(0);
    await lena.context.close();
  }, 180_000);

  it("a brand lead moves the deliverable 3 days later and signs off in one step", async () => {
    const title = `Link move ${tag}`;
    const path = await submittedDraft(title);
    await reviewerApproves(title);
    const lena = await signedOut();
    const link = await decisionLinkFromMail(lena.page, LEAD, `submitted v1 of ${title}`);
    await lena.page.goto(link);
    const field = lena.page.getByLabel(/New publish time/);
    const current = await field.inputValue();
    const later = new Date(`${current}:00Z`);
    later.setUTCDate(later.getUTCDate() + 3);
    const target = later.toISOString().slice(0, 16);
    await field.fill(target);
    await lena.page.getByRole("button", { name: "Move and sign off v1" }).click();
    await lena.page.getByText("Moved and signed off.").waitFor();
    await lena.context.close();

    await coordinator.page.goto(`${server.url}${path}`);
    await coordinator.page.getByText("Lena Lumen signed off").first().waitFor();
    await coordinator.page.getByText("Lena Lumen changed the publish time").first().waitFor();
  }, 180_000);

  it("a brand that asks for a one-time code: the lead asks for it, types it, and signs off", async () => {
    const owner = await signInContext(browser, server.url, "owner@northwind.test");
    await owner.page.goto(`${server.url}/w/northwind/calendar`);
    const brandId = await owner.page.locator("select[name='brand'] option", { hasText: "Lumen Skincare" }).first().getAttribute("value");
    const rules = `${server.url}/w/northwind/brands/${brandId}/rules`;
    const setCode = async (label: string) => {
      await owner.page.goto(rules);
      await owner.page.getByRole("radio", { name: label }).check();
      await owner.page
        .getByRole("group", { name: "Before a decision through a link counts" })
        .locator("..")
        .getByRole("button", { name: "Save" })
        .click();
      await owner.page.getByText("Decisions through links follow the new setting").waitFor();
    };
    await setCode("Ask for a one-time code");
    for (const width of [375, 1280]) {
      await owner.page.setViewportSize({ width, height: 900 });
      await owner.page.screenshot({ path: `${shots}/decision-link-rules-setting-${width}.png`, fullPage: true });
      expect(await axeViolations(owner.page), `rules page at ${width}`).toEqual([]);
    }
    try {
      const title = `Link code ${tag}`;
      const path = await submittedDraft(title);
      // The reviewer decides signed in this time (a link would ask them for a code too).
      await coordinator.page.goto(`${server.url}${path}`);
      await coordinator.page.getByRole("button", { name: "Approve v1" }).click();
      await coordinator.page.getByText("Approved. The next stage has been told.").waitFor();
      const lena = await signedOut(390);
      const link = await decisionLinkFromMail(lena.page, LEAD, `submitted v1 of ${title}`);
      await lena.page.goto(link);
      expect(await lena.page.getByRole("button", { name: "Sign off v1", exact: true }).isDisabled()).toBe(true);
      await lena.page.getByRole("button", { name: "Email me a code" }).click();
      await lena.page.getByText("We emailed you a code").waitFor();
      await lookAt(link, "code");
      const mail = await signedOut();
      await mail.page.goto(`${server.url}/dev/mail?to=${encodeURIComponent(LEAD)}`);
      await mail.page
        .locator("main a[href^='/dev/mail/']", { hasText: `Your code for ${title}` })
        .first()
        .click();
      const code = (await mail.page.content()).match(/Your code for [^<]*: (\d{6})/)![1];
      await mail.context.close();
      // Each form carries the code next to its own button; this is the sign-off's.
      await lena.page.locator("#decide").getByLabel("One-time code").fill(code);
      await lena.page.getByRole("button", { name: "Sign off v1", exact: true }).click();
      await lena.page.getByText("Signed off. The publisher has been told.").waitFor();
      await lena.context.close();
    } finally {
      await setCode("No code");
      await owner.context.close();
    }
  }, 180_000);

  it("stays readable with a pale and a mid-tone accent (axe, 375 and 1280)", async () => {
    const title = `Link accents ${tag}`;
    await submittedDraft(title);
    await reviewerApproves(title);
    const probe = await signedOut();
    const link = await decisionLinkFromMail(probe.page, LEAD, `submitted v1 of ${title}`);
    await probe.context.close();
    const owner = await signInContext(browser, server.url, "owner@northwind.test");
    for (const [label, hex] of [
      ["pale", "#fde68a"],
      ["midtone", "#8c8c8c"],
    ]) {
      await owner.page.goto(`${server.url}/w/northwind/settings`);
      await owner.page.locator("input[name='accentColor']").first().fill(hex);
      await owner.page
        .locator("form")
        .filter({ has: owner.page.locator("input[name='accentColor']") })
        .locator("button[type='submit']")
        .first()
        .click();
      await owner.page.waitForLoadState("networkidle");
      await lookAt(link, label);
    }
    await owner.context.close();
  }, 180_000);
});
