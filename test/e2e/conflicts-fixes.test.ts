import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEMO_CALENDAR } from "../../db/seeds/calendar";
import { axeViolations } from "../support/axe";
import { launchBrowser, signInContext } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

/**
 * Issue 21 part 2 in Chromium on the demo workspace: the coordinator opens Lumen's collision group,
 * moves the second post to a suggested time through the confirm step, and the collision is gone;
 * Lumen's lead waives the exclusivity clash with Solis and only ever reads "a competing brand in
 * your category". Both pages are checked with axe and photographed at 375 and 1280 px.
 */
let server: RunningServer;
let browser: Browser;
const shots = "test-results/screenshots";

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const collision = (page: Page) =>
  page
    .locator('li[data-conflict="POST_COLLISION"]')
    .filter({ hasText: DEMO_CALENDAR.collisionSecond })
    .filter({ hasText: DEMO_CALENDAR.collisionFirst });

async function fits(page: Page, width: number) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  expect(await axeViolations(page)).toEqual([]);
}

it("coordinator: open a group, move a post to a suggested time through the confirm step, the collision is gone", async () => {
  const { context, page } = await signInContext(browser, server.url, "coordinator@northwind.test", { width: 1280 });
  try {
    await page.goto(`${server.url}/w/northwind/conflicts`);
    await page.getByRole("heading", { name: "Posts too close together", level: 2 }).waitFor();
    const group = page.locator('details[data-group^="POST_COLLISION:"]').filter({ hasText: "Lumen Skincare" });
    if (!(await group.evaluate((d) => (d as HTMLDetailsElement).open))) await group.locator("summary").click();
    await collision(page).first().waitFor();
    await fits(page, 1280);
    await page.screenshot({ path: `${shots}/conflicts-fixes-1280.png`, fullPage: true });

    const object = collision(page).locator('ul[aria-label="Involved"] > li').filter({ hasText: DEMO_CALENDAR.collisionSecond }).first();
    const suggestion = object.getByRole("link", { name: /^Move to / }).first();
    await suggestion.click();
    const confirm = page.getByRole("region", { name: /^Move “/ });
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain("Resolves");
    expect(await confirm.textContent()).toContain("Posts too close together");
    await fits(page, 1280);
    await page.screenshot({ path: `${shots}/conflicts-confirm-1280.png`, fullPage: false });
    await confirm.getByRole("button", { name: "Confirm the move" }).click();
    await page.getByRole("status").filter({ hasText: "Deliverable moved" }).waitFor();
    await expect.poll(() => collision(page).count(), { timeout: 5000 }).toBe(0);
  } finally {
    await context.close();
  }
}, 90_000);

it("phone: the conflicts page and its confirm step fit 375 px", async () => {
  const { context, page } = await signInContext(browser, server.url, "coordinator@northwind.test", { width: 375 });
  try {
    await page.goto(`${server.url}/w/northwind/conflicts`);
    await page.getByRole("heading", { name: "Conflicts", level: 1 }).waitFor();
    await fits(page, 375);
    await page.screenshot({ path: `${shots}/conflicts-fixes-375.png`, fullPage: true });
    const move = page.getByRole("link", { name: /^Move to / }).first();
    if ((await move.count()) > 0) {
      await move.evaluate((a) => (a as HTMLAnchorElement).click());
      await page.getByRole("region", { name: /^Move “/ }).waitFor();
      await fits(page, 375);
      await page.screenshot({ path: `${shots}/conflicts-confirm-375.png`, fullPage: false });
    }
  } finally {
    await context.close();
  }
}, 60_000);

it("brand lead: waives the exclusivity clash and sees only a competing brand in your category", async () => {
  for (const width of [375, 1280]) {
    const { context, page } = await signInContext(browser, server.url, "lead@lumen.test", { width });
    try {
      await page.goto(`${server.url}/w/northwind/exclusivity`);
      await page.getByRole("heading", { name: "Exclusivity clashes", level: 1 }).waitFor();
      const text = (await page.textContent("body")) ?? "";
      expect(text).toContain("a competing brand in your category");
      expect(text).not.toContain(DEMO_CALENDAR.competitorBrand);
      expect(text).not.toContain(DEMO_CALENDAR.exclusivityCompetitor);
      await fits(page, width);
      if (width === 375) {
        await page.screenshot({ path: `${shots}/exclusivity-375.png`, fullPage: true });
        continue;
      }
      const clash = page.locator("li[data-clash]").filter({ hasText: DEMO_CALENDAR.exclusivityLumen });
      await clash.getByRole("button", { name: "Waive for my brand" }).click();
      expect(await clash.getByLabel("Why your brand accepts this clash").evaluate((e) => (e as HTMLTextAreaElement).validity.valid)).toBe(
        false,
      );
      await clash.getByLabel("Why your brand accepts this clash").fill("Different product lines, agreed with the creator");
      await clash.getByRole("button", { name: "Waive for my brand" }).click();
      await page.getByRole("status").filter({ hasText: "side is waived" }).waitFor();
      await clash.getByText("Waived for your side").waitFor();
      expect((await page.textContent("body")) ?? "").not.toContain(DEMO_CALENDAR.competitorBrand);
      await page.screenshot({ path: `${shots}/exclusivity-1280.png`, fullPage: true });
    } finally {
      await context.close();
    }
  }
}, 90_000);
