import { mkdirSync } from "node:fs";
import { DateTime } from "luxon";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CALENDAR } from "../../db/seeds/calendar";
import { axeViolations } from "../support/axe";
import { launchBrowser, signInContext } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

/**
 * Issue 21's last "Done when" in Chromium on the demo workspace: the coordinator's month, week and
 * list views and the conflicts page, at phone and desktop widths, with the default accent, a pale
 * one (#ffd60a) and a mid-tone one (#10b981) (the calendar draws today, "+N more" and the current
 * view on the accent): axe-core (WCAG 2.1 A and AA) finds no serious or critical violation and no
 * page scrolls sideways. The views are opened on the week and month of the demo's collision, so
 * items carry conflict badges; every group and move form on the conflicts page, the menus at the top
 * of each view and an item's peek are opened, so axe sees them too. Screenshots:
 * test-results/screenshots/cal-a11y-*.png.
 */
const ACCENTS = { default: "#4f46e5", pale: "#ffd60a", midtone: "#10b981" } as const;
const WIDTHS = [375, 1280] as const;
const shots = "test-results/screenshots";

let server: RunningServer;
let browser: Browser;
let owner: Page;

const collisionDay = DateTime.now().setZone("Europe/Berlin").startOf("day").plus({ days: 9 });
/** `full`: the collision is on the page; its menus and an item's peek are checked too. */
const targets = () => [
  { label: "month", path: `/w/northwind/calendar?month=${collisionDay.toFormat("yyyy-LL")}`, full: true },
  { label: "week", path: `/w/northwind/calendar?view=week&week=${collisionDay.toISODate()}`, full: true },
  { label: "list", path: `/w/northwind/calendar?view=list&month=${collisionDay.toFormat("yyyy-LL")}`, full: true },
  // This month and week as they open: today is drawn on the accent and its tint.
  { label: "month-today", path: "/w/northwind/calendar", full: false },
  { label: "week-today", path: "/w/northwind/calendar?view=week", full: false },
  { label: "conflicts", path: "/w/northwind/conflicts", full: false },
];

async function setAccent(hex: string) {
  await owner.goto(`${server.url}/w/northwind/settings`);
  await owner.locator("input[name='accentColor']").first().fill(hex);
  await owner.getByRole("button", { name: "Save settings" }).click();
  await owner.getByText("Settings saved.").waitFor();
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  owner = (await signInContext(browser, server.url, "owner@northwind.test")).page;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe.each(Object.entries(ACCENTS))("with the %s accent", (name, hex) => {
  it(`the month, week and list views and the conflicts page pass WCAG 2.1 AA at 375 and 1280 px (${hex})`, async () => {
    await setAccent(hex);
    // Every page is checked before the test fails, so one run lists every problem.
    const problems: string[] = [];
    for (const width of WIDTHS) {
      const { context } = await signInContext(browser, server.url, "coordinator@northwind.test", { width });
      for (const target of targets()) {
        const page = await context.newPage();
        const response = await page.goto(`${server.url}${target.path}`);
        expect(response?.status(), target.path).toBeLessThan(400);
        if (target.label === "conflicts") {
          await page.getByRole("heading", { name: "Posts too close together", level: 2 }).waitFor();
          await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
        } else if (target.full) {
          // The collision's second post is on the grid (or in the list) with its badge.
          await page.locator("a[data-item]").filter({ hasText: DEMO_CALENDAR.collisionSecond }).first().waitFor();
          // On the grid an item's name is its visible text (time, title) and then the rest (WCAG 2.5.3).
          if (target.label !== "list") {
            const name = new RegExp(`^\\d\\d:\\d\\d ${DEMO_CALENDAR.collisionSecond} ?, Lumen Skincare, Instagram, .*\\d warnings?$`);
            if ((await page.getByRole("link", { name }).count()) === 0) problems.push(`${target.label} ${width}px: no link named ${name}`);
          }
        } else await page.getByRole("heading", { name: "Calendar", level: 1 }).waitFor();
        await page.screenshot({ path: `${shots}/cal-a11y-${target.label}-${name}-${width}.png`, fullPage: true });
        const serious = async () => (await axeViolations(page)).filter((v) => /\((serious|critical)\)/.test(v));
        problems.push(...(await serious()).map((v) => `${target.label} ${width}px: ${v}`));
        const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (sideways > 0) problems.push(`${target.label} ${width}px scrolls sideways by ${sideways} px`);
        if (target.full) {
          // The menus and panels at the top (saved views, subscribe and export, markers), opened.
          await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
          problems.push(...(await serious()).map((v) => `${target.label} ${width}px, menus open: ${v}`));
          // The peek of the collision's second post.
          await page.goto(`${server.url}${target.path}`);
          await page.locator("a[data-item]").filter({ hasText: DEMO_CALENDAR.collisionSecond }).first().click();
          await page.getByRole("dialog").waitFor();
          await page.screenshot({ path: `${shots}/cal-a11y-${target.label}-peek-${name}-${width}.png` });
          problems.push(...(await serious()).map((v) => `${target.label} ${width}px, peek open: ${v}`));
        }
        await page.close();
      }
      await context.close();
    }
    expect(problems).toEqual([]);
  }, 360_000);
});
