import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client";
import { axeViolations } from "../support/axe";
import { launchBrowser, signInContext } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

/**
 * The daily sign-off digest in Chromium (issue 17 part 3), on the demo workspace: three drafts of
 * Lumen Glow Launch reach Lena's brand sign-off; the digest job runs (its 08:00 brought forward, the
 * only thing the test changes); Lena, not signed in, reads the digest email in the local mailbox,
 * opens her list, ticks the three and signs them off in one go. Screenshots (375 and 1280 px, with
 * the default, a pale and a mid-tone accent) land in test-results/screenshots/signoff-digest-*.png,
 * each checked with axe.
 */
let server: RunningServer;
let browser: Browser;
let coordinator: { context: BrowserContext; page: Page };
let creator: { context: BrowserContext; page: Page };
const shots = "test-results/screenshots";
const LEAD = "lead@lumen.test";
const LINK = "https://lumen.example/glow?utm_source=instagram&utm_medium=influencer&utm_campaign=lumen_glow_e2e";
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
const tag = Date.now().toString(36);
// The server's own embedded database, kept across the restart that brings the digest forward.
const dataDir = mkdtempSync(path.join(tmpdir(), "baton-digest-e2e-"));
const start = () => startServer({ dataDir, usePglite: true, env: { DATABASE_URL: "" } });

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  [server, browser] = await Promise.all([start(), launchBrowser()]);
  coordinator = await signInContext(browser, server.url, "coordinator@northwind.test");
  creator = await signInContext(browser, server.url, "creator@studio.test", { width: 390 });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A browser with nobody signed in, as someone opening a link from their inbox. */
async function signedOut(width = 1280) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  return { context, page: await context.newPage() };
}

/** A deliverable of Lumen Glow Launch: created, v1 submitted by the creator, approved by the coordinator; Lena signs off next. */
async function atLenasSignOff(title: string): Promise<string> {
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
  const deliverablePath = new URL(cp.url()).pathname;
  await submitVersion(deliverablePath, `${title}: real skin, real glow. #ad`, "Version 1 submitted");
  await cp.goto(`${server.url}${deliverablePath}`);
  await cp.getByRole("button", { name: "Approve v1" }).click();
  await cp.getByText("Approved. The next stage has been told.").waitFor();
  return deliverablePath;
}

/** The creator submits a version of the deliverable at `deliverablePath`. */
async function submitVersion(deliverablePath: string, caption: string, done: string) {
  const mp = creator.page;
  await mp.goto(`${server.url}${deliverablePath}`);
  await mp.getByLabel("The caption").fill(caption);
  await mp.getByLabel("Link").fill(LINK);
  await mp.locator("input[type=file]").setInputFiles({ name: "serum.png", mimeType: "image/png", buffer: PNG });
  await mp.getByText("Uploaded", { exact: true }).waitFor();
  await mp.getByRole("button", { name: /^Submit/ }).click();
  await mp.getByText(done).waitFor();
}

/**
 * The digest job for Lumen runs now instead of at 08:00 Berlin time: the server is stopped, the job's
 * due time set to now in its database, and the server started again on the same data; its worker
 * then runs the job as it would at 08:00.
 */
async function digestDueNow() {
  await server.stop();
  const open = await openDatabase({ dataDir });
  try {
    await open.db.execute(sql`
      UPDATE jobs SET run_at = now()
      WHERE kind = 'approvals.signoff-digest' AND status = 'pending'
        AND payload->>'brandId' = (SELECT id FROM brands WHERE name = 'Lumen Skincare')`);
  } finally {
    await open.close();
  }
  server = await start();
}

/** The digest link in the newest sign-off digest mail to `to` (the local mailbox lists newest first). */
async function digestLinkFromMail(page: Page, to: string): Promise<string> {
  for (let i = 0; i < 120; i++) {
    await page.goto(`${server.url}/dev/mail?to=${encodeURIComponent(to)}`);
    const mail = page.locator("main a[href^='/dev/mail/']", { hasText: "waiting for you: Lumen Skincare" }).first();
    if ((await mail.count()) > 0) {
      await mail.click();
      const match = (await page.content()).match(/https?:\/\/[^"'\s<]+\/d\/digest\/[A-Za-z0-9_-]{40,}/);
      if (match) return match[0].replace(/^https?:\/\/[^/]+/, server.url);
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no sign-off digest mail to ${to}`);
}

/** Opens `link` signed out at both widths: a screenshot each, and axe finds nothing. Opening signs off nothing. */
async function lookAt(link: string, label: string) {
  for (const width of [375, 1280]) {
    const { context, page } = await signedOut(width);
    expect((await page.goto(link))?.status()).toBe(200);
    // The stylesheet applied (axe judges contrast on what is drawn; an unstyled page would pass vacuously).
    expect(await page.evaluate(() => getComputedStyle(document.querySelector("main")!).maxWidth)).not.toBe("none");
    await page.screenshot({ path: `${shots}/signoff-digest-${label}-${width}.png`, fullPage: true });
    expect(await axeViolations(page), `${label} at ${width}`).toEqual([]);
    await context.close();
  }
}

describe("the daily sign-off digest", () => {
  const titles = [1, 2, 3].map((n) => `Digest ${n} ${tag}`);
  let link: string;

  it("Lena gets the digest email and signs off three drafts at once from its page", async () => {
    for (const title of titles) await atLenasSignOff(title);
    await digestDueNow();

    const lena = await signedOut(390);
    link = await digestLinkFromMail(lena.page, LEAD);
    // Sent never cached, without a referrer, with no script but its own inline one.
    const raw = await fetch(link);
    expect(raw.headers.get("referrer-policy")).toBe("no-referrer");
    expect(raw.headers.get("cache-control")).toBe("no-store");
    expect(await raw.text()).not.toMatch(/<script[^>]*\bsrc=|rel="modulepreload"/);
    await lookAt(link, "list");

    await lena.page.goto(link);
    await lena.page.getByRole("heading", { name: "Your sign-offs" }).waitFor();
    for (const title of titles) await lena.page.getByLabel(title).check();
    await lena.page.getByRole("button", { name: "Sign off selected" }).click();
    await lena.page.getByText("3 signed off. The publishers have been told.").waitFor();
    for (const title of titles) {
      const row = lena.page.getByRole("listitem").filter({ has: lena.page.getByRole("heading", { name: title }) });
      await row.getByText("Signed off v1. The publisher has been told.").waitFor();
    }
    await lena.page.screenshot({ path: `${shots}/signoff-digest-signed-off-390.png`, fullPage: true });
    expect(await axeViolations(lena.page), "after signing off").toEqual([]);
    await lena.context.close();

    // Signed in, the coordinator sees each signed off by Lena.
    await coordinator.page.goto(`${server.url}/w/northwind/approvals?status=signed_off`);
    for (const title of titles) await coordinator.page.locator(`a:visible:has-text("${title}")`).first().waitFor();
  }, 300_000);

  it("a draft that changed while the page was open is left as it is and says why; the other is signed off", async () => {
    const changing = `Digest changing ${tag}`;
    const steady = `Digest steady ${tag}`;
    const changingPath = await atLenasSignOff(changing);
    await atLenasSignOff(steady);
    const lena = await signedOut(375);
    // The same link: the list is read when it is opened, so new drafts are on it.
    await lena.page.goto(link);
    await lena.page.getByLabel(changing).check();
    await lena.page.getByLabel(steady).check();
    // Meanwhile the creator submits version 2 of one of them.
    await submitVersion(changingPath, `${changing}: now with SPF. #ad`, "Version 2 submitted");
    await lena.page.getByRole("button", { name: "Sign off selected" }).click();
    await lena.page.getByText("1 signed off; 1 not signed off: each says why below.").waitFor();
    const row = (title: string) => lena.page.getByRole("listitem").filter({ has: lena.page.getByRole("heading", { name: title }) });
    await row(changing).getByText("Not signed off: version 2 is now current. Open it to review that version.").waitFor();
    await row(steady).getByText("Signed off v1. The publisher has been told.").waitFor();
    await lena.page.screenshot({ path: `${shots}/signoff-digest-changed-375.png`, fullPage: true });
    expect(await axeViolations(lena.page), "a row that changed").toEqual([]);
    await lena.context.close();
  }, 240_000);

  it("stays readable with a pale and a mid-tone accent (axe, 375 and 1280)", async () => {
    const owner = await signInContext(browser, server.url, "owner@northwind.test");
    try {
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
    } finally {
      await owner.context.close();
    }
  }, 180_000);
});
