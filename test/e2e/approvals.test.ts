import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchBrowser, signInContext } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

/**
 * The approval path of PRODUCT.md §5 in Chromium, on the demo workspace (Lumen Glow Launch: the
 * brief requires "#ad" and UTM parameters; the default route is agency review by the operator's
 * coordinator, then Lena's brand sign-off). Every step is checked in the deliverable's activity
 * (read from the audit trail) and in the local mailbox.
 */
let server: RunningServer;
let browser: Browser;
const shots = "test-results/screenshots";
const PASSWORD = "baton-demo";
const TITLE = `Glow e2e reel ${Date.now().toString(36)}`;
const LINK = "https://lumen.example/glow?utm_source=instagram&utm_medium=influencer&utm_campaign=lumen_glow_e2e";
// A 1×1 PNG.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const signIn = (email: string, width = 1280) => signInContext(browser, server.url, email, { width, password: PASSWORD });

/** Subjects of the mails to one address (the local mailbox lists them newest first). */
async function subjects(page: Page, to: string): Promise<string[]> {
  await page.goto(`${server.url}/dev/mail?to=${encodeURIComponent(to)}`);
  return page.locator("main a[href^='/dev/mail/'] p.font-medium").allInnerTexts();
}

/** Waits for a mail whose subject contains `text` and returns the first link in it matching `pattern`. */
async function linkFromMail(page: Page, to: string, text: string, pattern: RegExp): Promise<string> {
  for (let i = 0; i < 60; i++) {
    await page.goto(`${server.url}/dev/mail?to=${encodeURIComponent(to)}`);
    const mail = page.locator("main a[href^='/dev/mail/']", { hasText: text }).first();
    if ((await mail.count()) > 0) {
      await mail.click();
      const match = (await page.content()).replace(/&amp;/g, "&").match(pattern);
      if (match) return match[0].replace(/^https?:\/\/[^/]+/, server.url);
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no mail "${text}" to ${to}`);
}

async function waitForSubject(page: Page, to: string, text: string) {
  for (let i = 0; i < 60; i++) {
    if ((await subjects(page, to)).some((s) => s.includes(text))) return;
    await page.waitForTimeout(250);
  }
  throw new Error(`no mail "${text}" to ${to}`);
}

it("creator submits (the disclosure check stops the first try), reviewer requests changes, v2, approve, brand sign-off from the email, published", async () => {
  // The coordinator adds a deliverable to the campaign.
  const coordinator = await signIn("coordinator@northwind.test");
  const cp = coordinator.page;
  await cp.goto(`${server.url}/w/northwind/campaigns`);
  await cp.getByRole("link", { name: "Lumen Glow Launch" }).first().click();
  await cp.waitForURL(/\/campaigns\/[0-9a-f]{32}/);
  const campaignPath = new URL(cp.url()).pathname.match(/^\/w\/northwind\/campaigns\/[0-9a-f]{32}/)![0];
  await cp.goto(`${server.url}${campaignPath}/deliverables/new`);
  await cp.getByLabel("Title").fill(TITLE);
  await cp.getByLabel("Channel").selectOption("instagram");
  await cp.getByLabel("Creator").selectOption({ label: "Maya Chen (@mayamakes)" });
  await cp.getByRole("button", { name: "Create deliverable" }).click();
  await cp.waitForURL(/\/w\/northwind\/deliverables\/[0-9a-f]{32}$/);
  const deliverablePath = new URL(cp.url()).pathname;

  // The creator: a caption without "#ad" is refused with the check's message, nothing is sent.
  const creator = await signIn("creator@studio.test", 390);
  const mp = creator.page;
  await mp.goto(`${server.url}${deliverablePath}`);
  await mp.getByLabel("The caption").fill("Real skin, real glow. Lumen Glow Serum.");
  await mp.getByLabel("Link").fill(LINK);
  await mp.locator("input[type=file]").setInputFiles({ name: "serum.png", mimeType: "image/png", buffer: PNG });
  await mp.getByText("Uploaded", { exact: true }).waitFor();
  await mp.getByRole("button", { name: "Submit for review" }).click();
  await mp.getByText('Add "#ad" to the caption: the brief requires this disclosure.').first().waitFor();
  await mp.screenshot({ path: `${shots}/approvals-check-failed-phone.png`, fullPage: true });
  await mp.getByLabel("The caption").fill("Real skin, real glow. Lumen Glow Serum. #ad");
  // The upload from before the refused try is kept on the page only with JavaScript; attach again.
  if ((await mp.getByText("Uploaded", { exact: true }).count()) === 0) {
    await mp.locator("input[type=file]").setInputFiles({ name: "serum.png", mimeType: "image/png", buffer: PNG });
    await mp.getByText("Uploaded", { exact: true }).waitFor();
  }
  await mp.getByRole("button", { name: "Submit for review" }).click();
  await mp.getByText("Version 1 submitted").waitFor();
  await mp.getByRole("heading", { name: "Version 1 (current)" }).waitFor();
  expect(await mp.locator("img[alt='serum.png']").count()).toBe(1);

  // The reviewer (the operator's coordinator on the default route) asks for changes.
  await cp.goto(`${server.url}${deliverablePath}`);
  await cp.getByLabel("Request changes").fill("Name the serum in the first line.");
  await cp.getByRole("button", { name: "Request changes" }).click();
  await cp.getByText("Changes requested. The creator has been told.").waitFor();

  // Version 2, then the reviewer approves it.
  await mp.goto(`${server.url}${deliverablePath}`);
  await mp.getByText("Name the serum in the first line.").first().waitFor();
  await mp.getByLabel("The caption").fill("Lumen Glow Serum: real skin, real glow. #ad");
  await mp.locator("input[type=file]").setInputFiles({ name: "serum-2.png", mimeType: "image/png", buffer: PNG });
  await mp.getByText("Uploaded", { exact: true }).waitFor();
  await mp.getByRole("button", { name: "Submit version 2" }).click();
  await mp.getByText("Version 2 submitted").waitFor();

  await cp.goto(`${server.url}${deliverablePath}?v=2&compare=1`);
  await cp.locator("figure ins").first().waitFor();
  expect(await cp.locator("figure del").count()).toBeGreaterThan(0);
  await cp.screenshot({ path: `${shots}/approvals-diff.png`, fullPage: true });
  await cp.getByRole("button", { name: "Approve v2" }).click();
  await cp.getByText("Approved. The next stage has been told.").waitFor();

  // Lena opens the draft from her email, signs in with a magic link and signs off: two clicks.
  const lena = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const lp = await lena.newPage();
  const reviewUrl = await linkFromMail(lp, "lead@lumen.test", TITLE, /https?:\/\/[^"'\s<]+\/w\/northwind\/deliverables\/[0-9a-f]{32}/);
  expect(new URL(reviewUrl).pathname).toBe(deliverablePath);
  await lp.goto(reviewUrl);
  await lp.waitForURL("**/login?redirectTo=*");
  await lp.getByLabel("Email").fill("lead@lumen.test");
  await lp.getByRole("button", { name: "Email me a sign-in link" }).click();
  await lp.getByText("Check your inbox").waitFor();
  const magic = await linkFromMail(lp, "lead@lumen.test", "sign-in link", /https?:\/\/[^"'\s<]+\/magic\/[A-Za-z0-9_-]+/);
  await lp.goto(magic);
  await lp.getByRole("button", { name: "Sign in" }).click();
  await lp.waitForURL(`**${deliverablePath}`);
  await lp.screenshot({ path: `${shots}/approvals-signoff.png`, fullPage: true });
  await lp.getByRole("button", { name: "Sign off v2" }).click();
  await lp.getByText("Signed off. The publisher has been told.").waitFor();

  // The publisher marks it scheduled, then published with the live link.
  await cp.goto(`${server.url}${deliverablePath}`);
  await cp.getByRole("button", { name: "Mark scheduled" }).click();
  await cp.getByText("Marked as scheduled.").waitFor();
  await cp.getByLabel("Live link").fill("https://www.instagram.com/p/glow-e2e/");
  await cp.getByRole("button", { name: "Mark published" }).click();
  await cp.getByText("Marked as published.").first().waitFor();
  // The page's data reloads after the action: wait for the published state before reading it.
  await cp.getByText("Live at").waitFor();
  await cp.screenshot({ path: `${shots}/approvals-published.png`, fullPage: true });

  // Every step is in the audit trail (the activity list is read from it), newest first.
  const activity = await cp.getByRole("list", { name: "Activity, newest first" }).locator("li").allInnerTexts();
  const steps = activity.map((a) => a.split("\n").slice(0, 1).join(" ")).reverse();
  expect(steps).toEqual([
    "Carlos Coordinator created the deliverable",
    "Maya Chen submitted a version",
    "Carlos Coordinator requested changes",
    "Maya Chen submitted a version",
    "Carlos Coordinator approved",
    "Lena Lumen signed off",
    "Carlos Coordinator marked it scheduled",
    "Carlos Coordinator marked it published",
  ]);

  // And the emails went out.
  await waitForSubject(cp, "creator@studio.test", `Live: ${TITLE}`);
  const maya = await subjects(cp, "creator@studio.test");
  expect(maya).toContain(`Changes requested on ${TITLE} (v1)`);
  expect(maya).toContain(`Signed off: ${TITLE} is ready to schedule`);
  const coord = await subjects(cp, "coordinator@northwind.test");
  expect(coord.filter((s) => s.includes(`submitted v1 of ${TITLE}`))).toHaveLength(1);
  expect(coord.filter((s) => s.includes(`submitted v2 of ${TITLE}`))).toHaveLength(1);
  const lead = await subjects(cp, "lead@lumen.test");
  expect(lead.filter((s) => s.includes(TITLE))).toHaveLength(2); // v2 to sign off, and live
  expect(lead).toContain(`Live: ${TITLE}`);

  await lena.close();
  await creator.context.close();
  await coordinator.context.close();
}, 120_000);
