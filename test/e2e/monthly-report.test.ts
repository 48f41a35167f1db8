import { mkdirSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { axeViolations } from "../support/axe";
import { launchBrowser, signInContext } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

/**
 * The monthly report in Chromium (issue 16, part 6): on the demo (six months of history), the
 * coordinator previews Lumen's report for last month, sends it again, and the email arrives in the
 * local mailbox, where it renders at phone and desktop widths. axe-core checks the preview page.
 * Screenshots land in test-results/screenshots/monthly-report-*.png for a person to look at.
 */
const shots = "test-results/screenshots";
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  server = await startServer({ usePglite: true, env: { DATABASE_URL: "" } });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it("the coordinator previews Lumen's report, sends it again, and it arrives in the mailbox and renders", async () => {
  const { context, page } = await signInContext(browser, server.url, "coordinator@northwind.test");
  try {
    await page.goto(`${server.url}/w/northwind/insights/report`);
    await page.getByRole("heading", { name: "Monthly report", level: 1 }).waitFor();
    await page.getByLabel("Brand").selectOption({ label: "Lumen Skincare" });
    await page.getByRole("button", { name: "Show" }).click();
    await page.waitForURL((u) => u.searchParams.has("brand"));
    const preview = page.frameLocator("iframe");
    await preview.getByRole("heading", { name: /^Lumen Skincare in / }).waitFor();
    // Six months of demo history: last month has figures for Lumen's three agencies.
    for (const agency of ["Brightline Paid Media", "Kite Creative", "Northwind Social"]) await preview.getByText(agency).first().waitFor();
    await page.screenshot({ path: `${shots}/monthly-report-preview-1280.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 375, height: 812 });
    await page.screenshot({ path: `${shots}/monthly-report-preview-375.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByRole("button", { name: "Send again to 1 brand lead" }).click();
    await page.getByText("Sent again to 1 brand lead.").waitFor();
    await page.getByText("lead@lumen.test").last().waitFor();
  } finally {
    await context.close();
  }

  // The worker delivers it; the local mailbox shows it (served to this machine only).
  const mail = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const inbox = await mail.newPage();
    let opened = false;
    for (let i = 0; i < 50 && !opened; i++) {
      await inbox.goto(`${server.url}/dev/mail?to=lead%40lumen.test`);
      const link = inbox.getByRole("link", { name: /Lumen Skincare: your handoff report for/ });
      if ((await link.count()) > 0) {
        await link.first().click();
        opened = true;
      } else await new Promise((r) => setTimeout(r, 200));
    }
    expect(opened).toBe(true);
    await inbox.getByRole("heading", { name: /Lumen Skincare: your handoff report for/ }).waitFor();
    const email = inbox.frameLocator("iframe");
    await email.getByText("All agencies").waitFor();
    await email.getByText("Kite Creative").waitFor();
    expect(await inbox.locator("iframe").getAttribute("srcdoc")).not.toMatch(/<img/i);
    await inbox.screenshot({ path: `${shots}/monthly-report-mailbox-1280.png`, fullPage: true });
    await inbox.setViewportSize({ width: 375, height: 812 });
    await inbox.screenshot({ path: `${shots}/monthly-report-mailbox-375.png`, fullPage: true });
    // The email itself, whole, as a mail client at each width shows it.
    const html = (await inbox.locator("iframe").getAttribute("srcdoc")) ?? "";
    for (const width of [375, 1280]) {
      const client = await mail.newPage();
      await client.setViewportSize({ width, height: 800 });
      await client.setContent(html);
      // Nothing wider than the screen: a phone reads it without scrolling sideways.
      expect(await client.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await client.screenshot({ path: `${shots}/monthly-report-email-${width}.png`, fullPage: true });
      await client.close();
    }
  } finally {
    await mail.close();
  }
}, 180_000);
