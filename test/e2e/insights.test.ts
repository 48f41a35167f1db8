import { mkdirSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { axeViolations } from "../support/axe";
import { launchBrowser, signInContext } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

/**
 * Issue 16 in Chromium on the demo workspace: the coordinator filters insights to one brand and
 * one agency (a plain GET form, so the URL holds the filter), sees the server-drawn charts with
 * their text alternatives, opens "stuck now" and follows an item to where it can be moved; a brand
 * lead sees only its brand (another brand's name is nowhere in the HTML). axe-core (WCAG 2.1 AA)
 * on both pages at 375 and 1280 px; screenshots in test-results/screenshots/insights-*.png.
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

it("coordinator: filters to one brand and one agency, sees the charts, opens stuck now and follows an item", async () => {
  const { context, page } = await signInContext(browser, server.url, "coordinator@northwind.test", { width: 1280 });
  try {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Insights" }).click();
    await page.getByRole("heading", { name: "Insights", level: 1 }).waitFor();
    await page.getByLabel("Brand", { exact: true }).selectOption({ label: "Lumen Skincare" });
    await page.getByLabel("Agency", { exact: true }).selectOption({ label: "Brightline Paid Media" });
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL((u) => u.searchParams.has("brand") && u.searchParams.has("agency"));
    const url = new URL(page.url());
    expect([url.searchParams.get("from"), url.searchParams.get("to")].every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d ?? ""))).toBe(true);
    // The filter stays chosen on the page it produced.
    expect(await page.getByLabel("Brand", { exact: true }).locator("option:checked").textContent()).toBe("Lumen Skincare");

    // Six weekly charts, drawn on the server as SVG, each named by its title and described in words.
    const charts = page.locator('svg[role="img"]');
    expect(await charts.count()).toBe(6);
    const first = charts.first();
    const [titleId, descId] = (await first.getAttribute("aria-labelledby"))!.split(" ");
    expect(await page.locator(`#${titleId}`).textContent()).toBe("Approval cycle time, median per week");
    expect(await page.locator(`#${descId}`).textContent()).toMatch(/\.$/);
    // Every chart is also a table.
    await page.getByText("Show as table").first().click();
    await page.getByRole("table", { name: "Approval cycle time, median per week" }).waitFor();
    // Each table downloads as CSV with the same filter.
    const csvHref = await page.getByRole("link", { name: "Download CSV of every figure per week" }).getAttribute("href");
    expect(csvHref).toContain(`brand=${url.searchParams.get("brand")}`);
    const csv = await page.request.get(`${server.url}${csvHref}`);
    expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    expect((await csv.text()).split("\r\n")[0]).toMatch(/^iso_week,from,to,access_per_link_median_hours,/);

    await page.screenshot({ path: `${shots}/insights-coordinator-1280.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 375, height: 900 });
    await page.screenshot({ path: `${shots}/insights-coordinator-375.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });

    // Stuck now: whom to chase, and the way to the item.
    await page
      .getByRole("navigation", { name: "Insights views" })
      .getByRole("link", { name: /Stuck now/ })
      .click();
    await page.getByRole("heading", { name: "Stuck now", level: 1 }).waitFor();
    await page.screenshot({ path: `${shots}/insights-stuck-1280.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 375, height: 900 });
    await page.screenshot({ path: `${shots}/insights-stuck-375.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    const item = page.locator("main section li a").first();
    const title = (await item.textContent())!;
    const href = (await item.getAttribute("href"))!;
    await item.click();
    await page.waitForURL((u) => u.pathname === href);
    // The deliverable's own page, where it can be rescheduled or decided.
    await page.getByRole("heading", { level: 1, name: title.replace(/ \(v\d+\)$/, "") }).waitFor();
  } finally {
    await context.close();
  }
});

it("works without JavaScript: the filter is a plain GET form and the charts are in the HTML", async () => {
  const noJs = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  try {
    const p = await noJs.newPage();
    await p.goto(`${server.url}/login`);
    await p.getByLabel("Email").fill("coordinator@northwind.test");
    await p.getByLabel("Password").fill("baton-demo");
    await p.getByRole("button", { name: "Sign in", exact: true }).click();
    await p.waitForURL((u) => !u.pathname.startsWith("/login"));
    await p.goto(`${server.url}/w/northwind/insights`);
    await p.getByLabel("Channel").selectOption({ label: "Instagram" });
    await p.getByRole("button", { name: "Apply" }).click();
    await p.waitForURL((u) => u.searchParams.get("channel") === "instagram");
    expect(await p.locator('svg[role="img"] path, svg[role="img"] rect, svg[role="img"] line').count()).toBeGreaterThan(0);
  } finally {
    await noJs.close();
  }
});

it("brand lead: sees only its brand, and never another brand's name", async () => {
  const { context, page } = await signInContext(browser, server.url, "lead@lumen.test", { width: 1280 });
  try {
    const res = await page.goto(`${server.url}/w/northwind/insights`);
    expect(res?.status()).toBe(200);
    const html = await page.content();
    expect(html).toContain("Lumen Skincare");
    expect(html).not.toContain("Cedar Coffee");
    // One brand: no brand list to choose from.
    expect(await page.getByLabel("Brand", { exact: true }).count()).toBe(0);
    await page.screenshot({ path: `${shots}/insights-brand-lead-1280.png`, fullPage: true });
    const stuck = await page.goto(`${server.url}/w/northwind/insights/stuck`);
    expect(stuck?.status()).toBe(200);
    expect(await page.content()).not.toContain("Cedar Coffee");
  } finally {
    await context.close();
  }
});
