import { mkdirSync } from "node:fs";
import { DateTime } from "luxon";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEMO_CALENDAR } from "../../db/seeds/calendar";
import { launchBrowser, signInContext } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

/**
 * PRODUCT.md §6 in Chromium on the demo workspace: the two Lumen campaigns of two agencies
 * overlap (CAMPAIGN_OVERLAP); the coordinator filters the calendar to Lumen, sees the badge,
 * opens the conflicts page, moves one of two Instagram posts two hours apart, and the
 * POST_COLLISION it caused disappears. Screenshots of the month view go to test-results.
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

const signIn = (email: string, width = 1280) => signInContext(browser, server.url, email, { width });

const collision = (page: Page) =>
  page
    .locator('li[data-conflict="POST_COLLISION"]')
    .filter({ hasText: DEMO_CALENDAR.collisionSecond })
    .filter({ hasText: DEMO_CALENDAR.collisionFirst });

it("coordinator: filter to Lumen, see the badge, move a post on the conflicts page, the collision is gone", async () => {
  const { context, page } = await signIn("coordinator@northwind.test");
  try {
    await page.goto(`${server.url}/w/northwind/calendar`);
    await page.getByRole("heading", { name: "Calendar", level: 1 }).waitFor();
    // Filter to Lumen with the form (it submits itself on change; the URL keeps the filter).
    await page.getByLabel("Brand", { exact: true }).selectOption({ label: "Lumen Skincare" });
    await page.waitForURL((u) => u.searchParams.has("brand"));
    const brandId = new URL(page.url()).searchParams.get("brand")!;

    // The seeded collision is nine days ahead in Berlin: go to that month if it is the next one.
    const target = DateTime.now().setZone("Europe/Berlin").startOf("day").plus({ days: 9 });
    if (target.toFormat("yyyy-LL") !== DateTime.now().setZone("Europe/Berlin").toFormat("yyyy-LL")) {
      await page.getByRole("link", { name: "Next month" }).click();
      await page.waitForURL((u) => u.searchParams.get("month") === target.toFormat("yyyy-LL"));
    }
    expect(new URL(page.url()).searchParams.get("brand")).toBe(brandId);
    const badge = page.getByTestId("conflict-badge");
    await badge.waitFor();
    expect(await badge.textContent()).toMatch(/\d+ conflicts?/);
    const chip = page.locator("a[data-item]").filter({ hasText: DEMO_CALENDAR.collisionSecond });
    await chip.waitFor();
    expect(await chip.locator("[data-conflict-badge]").count()).toBe(1);
    // Only Lumen is left on the calendar and in the legend.
    expect(await page.getByRole("list", { name: "Brand colours" }).textContent()).toBe("Lumen Skincare");
    await page.screenshot({ path: `${shots}/calendar-month-lumen.png`, fullPage: true });

    // The peek explains the clash and links to the conflicts page.
    await chip.click();
    const peek = page.getByRole("dialog");
    await peek.waitFor();
    expect(await peek.textContent()).toContain("Posts too close together");
    await page.keyboard.press("Escape");
    await peek.waitFor({ state: "detached" });

    await badge.getByRole("link", { name: "Review conflicts" }).click();
    await page.waitForURL((u) => u.pathname === "/w/northwind/conflicts" && u.searchParams.get("brand") === brandId);

    // Two agencies' Lumen campaigns overlap on Instagram.
    const overlap = page
      .locator('li[data-conflict="CAMPAIGN_OVERLAP"]')
      .filter({ hasText: "Lumen Glow Launch" })
      .filter({ hasText: "Lumen Summer Paid Push" });
    await overlap.first().waitFor();
    expect(await overlap.count()).toBe(1);
    expect(await overlap.textContent()).toMatch(/Northwind Social[\s\S]*Brightline|Brightline[\s\S]*Northwind Social/);

    // Move the second post a day later.
    expect(await collision(page).count()).toBe(1);
    const object = collision(page).locator('ul[aria-label="Involved"] > li').filter({ hasText: DEMO_CALENDAR.collisionSecond }).first();
    await object.getByText("Move to another time").click();
    const input = object.getByLabel(`New publish time for “${DEMO_CALENDAR.collisionSecond}”`);
    const current = await input.inputValue();
    const later = DateTime.fromISO(current, { zone: "Europe/Berlin" }).plus({ days: 1 }).toFormat("yyyy-LL-dd'T'HH:mm");
    await input.fill(later);
    await object.getByRole("button", { name: "Move" }).click();
    await page.getByRole("status").filter({ hasText: "Deliverable moved" }).waitFor();
    await page.screenshot({ path: `${shots}/conflicts-after-move.png`, fullPage: true });
    await expect.poll(() => collision(page).count(), { timeout: 5000 }).toBe(0);

    // And the calendar no longer badges the moved post for a collision.
    await page.goto(`${server.url}/w/northwind/calendar?brand=${brandId}&month=${target.toFormat("yyyy-LL")}&view=list`);
    const row = page.locator("a[data-item]").filter({ hasText: DEMO_CALENDAR.collisionSecond });
    await row.click();
    const peekAfter = page.getByRole("dialog");
    await peekAfter.waitFor();
    expect(await peekAfter.textContent()).not.toContain("Posts too close together");
    expect(await peekAfter.textContent()).toContain(DateTime.fromISO(later, { zone: "Europe/Berlin" }).toFormat("d LLL yyyy, HH:mm"));
  } finally {
    await context.close();
  }
}, 60_000);

it("phone: the list view is readable at 375 px, and a brand lead never sees the exclusivity clash", async () => {
  const { context, page } = await signIn("lead@lumen.test", 375);
  try {
    await page.goto(`${server.url}/w/northwind/calendar?view=list`);
    await page.getByRole("heading", { name: "Calendar", level: 1 }).waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await page.screenshot({ path: `${shots}/calendar-list-phone.png`, fullPage: true });
    for (const month of [0, 1]) {
      const ym = DateTime.now().setZone("Europe/Berlin").plus({ months: month }).toFormat("yyyy-LL");
      await page.goto(`${server.url}/w/northwind/calendar?view=list&month=${ym}`);
      const text = (await page.textContent("main")) ?? "";
      expect(text).not.toContain(DEMO_CALENDAR.competitorBrand);
      expect(text).not.toContain("exclusivity");
    }
  } finally {
    await context.close();
  }
}, 40_000);

it("keyboard: arrow keys move between the days of the month grid, Escape closes the peek", async () => {
  const { context, page } = await signIn("owner@northwind.test");
  try {
    await page.goto(`${server.url}/w/northwind/calendar`);
    const first = page.locator('[data-day-index="0"]');
    await first.focus();
    await page.keyboard.press("ArrowRight");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-day-index"))).toBe("1");
    await page.keyboard.press("ArrowDown");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-day-index"))).toBe("8");
    await page.keyboard.press("End");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-day-index"))).toBe("13");
    // Tab reaches an item; Enter opens its peek, which takes focus; Escape returns focus to the item.
    const item = page.locator("a[data-item]").first();
    await item.focus();
    const key = await item.getAttribute("data-item");
    await page.keyboard.press("Enter");
    await page.getByRole("dialog").waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("peek-title");
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "detached" });
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-item"))).toBe(key);
  } finally {
    await context.close();
  }
}, 30_000);
