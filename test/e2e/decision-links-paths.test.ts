import { DateTime } from "luxon";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, signInContext } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

/**
 * Two more paths through decision links in Chromium (decision 052), on the demo workspace's Lumen
 * Glow Launch: a guest approver named by email on the agency review stage requests changes from
 * their link, and a brand lead moves a deliverable created blocked (inside the 48-hour window) and
 * signs off in one step. Nobody deciding is signed in: the links come from the local mailbox.
 */
let server: RunningServer;
let browser: Browser;
let coordinator: { context: BrowserContext; page: Page };
let creator: { context: BrowserContext; page: Page };
const LEAD = "lead@lumen.test";
const REVIEWER = "coordinator@northwind.test";
const LINK = "https://lumen.example/glow?utm_source=instagram&utm_medium=influencer&utm_campaign=lumen_glow_e2e";
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
const tag = Date.now().toString(36);

beforeAll(async () => {
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

/** The path of the Lumen Glow Launch campaign, found as the coordinator. */
async function campaignPath(): Promise<string> {
  const cp = coordinator.page;
  await cp.goto(`${server.url}/w/northwind/campaigns`);
  await cp.getByRole("link", { name: "Lumen Glow Launch" }).first().click();
  await cp.waitForURL(/\/campaigns\/[0-9a-f]{32}/);
  return new URL(cp.url()).pathname.match(/^\/w\/northwind\/campaigns\/[0-9a-f]{32}/)![0];
}

/**
 * A deliverable of Lumen Glow Launch with v1 submitted by the creator; returns its page path. With
 * `hoursAhead`, its publish time is that many hours from now: inside the sign-off window, the page
 * warns first and the coordinator keeps the time, so it starts blocked.
 */
async function submittedDraft(title: string, hoursAhead?: number): Promise<string> {
  const cp = coordinator.page;
  await cp.goto(`${server.url}${await campaignPath()}/deliverables/new`);
  await cp.getByLabel("Title").fill(title);
  await cp.getByLabel("Channel").selectOption("instagram");
  await cp.getByLabel("Creator").selectOption({ label: "Maya Chen (@mayamakes)" });
  if (hoursAhead !== undefined) {
    const field = cp.getByLabel(/^Goes live \(/);
    const zone = (await cp.locator("label", { hasText: /^Goes live \(/ }).innerText()).match(/\(([^)]+)\)/)![1];
    await field.fill(DateTime.now().setZone(zone).plus({ hours: hoursAhead }).toFormat("yyyy-MM-dd'T'HH:mm"));
    await cp.getByRole("button", { name: "Create deliverable" }).click();
    await cp.getByText("That is inside the 48-hour sign-off window, so it would be blocked from the start").waitFor();
    await cp.getByRole("button", { name: "Keep my time (starts blocked)" }).click();
  } else {
    await cp.getByRole("button", { name: "Create deliverable" }).click();
  }
  await cp.waitForURL(/\/w\/northwind\/deliverables\/[0-9a-f]{32}$/);
  const path = new URL(cp.url()).pathname;
  const mp = creator.page;
  await mp.goto(`${server.url}${path}`);
  await mp.getByLabel("The caption").fill("Lumen Glow Serum: real skin, real glow. #ad");
  await mp.getByLabel("Link").fill(LINK);
  await mp.locator("input[type=file]").setInputFiles({ name: "serum.png", mimeType: "image/png", buffer: PNG });
  await mp.getByText("Uploaded", { exact: true }).waitFor();
  await mp.getByRole("button", { name: /^Submit/ }).click();
  await mp.getByText("Version 1 submitted").waitFor();
  return path;
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

describe("decision links: more paths", () => {
  it("a guest approver requests changes from their link", async () => {
    const guest = `legal+${tag}@example.test`;
    const cp = coordinator.page;
    await cp.goto(`${server.url}${await campaignPath()}/route`);
    await cp.locator("textarea[name='s0_guests']").fill(guest);
    await cp.getByRole("button", { name: "Save route" }).click();
    await cp.getByText("Route saved.").waitFor();
    // The guest is now offered on the review stage, labelled as such.
    await cp.reload();
    await cp.locator("label", { hasText: guest }).first().getByText("guest", { exact: true }).waitFor();

    const title = `Guest changes ${tag}`;
    const path = await submittedDraft(title);
    const visitor = await signedOut(390);
    const link = await decisionLinkFromMail(visitor.page, guest, `submitted v1 of ${title}`);
    await visitor.page.goto(link);
    await visitor.page.getByText(`This page is for`).first().waitFor();
    expect(await visitor.page.getByText(guest).count()).toBeGreaterThan(0);
    await visitor.page.getByLabel("Request changes").fill("Add the legal line under the caption.");
    await visitor.page.getByRole("button", { name: "Request changes" }).click();
    await visitor.page.getByText("Changes requested. The creator has been told.").waitFor();
    expect(await visitor.page.getByRole("button", { name: "Request changes" }).count()).toBe(0);
    await visitor.context.close();

    await cp.goto(`${server.url}${path}`);
    await cp.getByText(`${guest} (guest) asked for changes on v1`).first().waitFor();
    await cp.getByText("Add the legal line under the caption.").first().waitFor();
  }, 180_000);

  it("a brand lead moves a BLOCKED deliverable 3 days later and signs off in one step", async () => {
    const title = `Blocked move ${tag}`;
    const path = await submittedDraft(title, 20);
    const cp = coordinator.page;
    await cp.goto(`${server.url}${path}`);
    await cp.getByText("Blocked: no sign-off before the deadline").waitFor();
    expect(await cp.getByText("Blocked", { exact: true }).count()).toBeGreaterThan(0);
    await reviewerApproves(title);

    const lena = await signedOut();
    const link = await decisionLinkFromMail(lena.page, LEAD, `submitted v1 of ${title}`);
    await lena.page.goto(link);
    await lena.page.getByText("The sign-off deadline has passed").first().waitFor();
    expect(await lena.page.getByRole("button", { name: "Sign off v1", exact: true }).count()).toBe(0);
    const field = lena.page.getByLabel(/New publish time/);
    const current = await field.inputValue();
    const later = new Date(`${current}:00Z`);
    later.setUTCDate(later.getUTCDate() + 3);
    await field.fill(later.toISOString().slice(0, 16));
    await lena.page.getByRole("button", { name: "Move and sign off v1" }).click();
    await lena.page.getByText("Moved and signed off.").waitFor();
    await lena.context.close();

    await cp.goto(`${server.url}${path}`);
    await cp.getByText("Lena Lumen signed off").first().waitFor();
    expect(await cp.getByText("Blocked: no sign-off before the deadline").count()).toBe(0);
    expect(await cp.getByText("Blocked", { exact: true }).count()).toBe(0);
  }, 180_000);
});
