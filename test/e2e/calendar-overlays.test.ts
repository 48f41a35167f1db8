import { mkdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { axeViolations } from "../support/axe";
import { launchBrowser, signInContext } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";
import { holidaysIcs } from "../integration/calendar/overlay-fixtures";

/**
 * Issue 21 part 3, decision 067: a coordinator reaches "Holidays and events" from the calendar,
 * uploads an .ics file, subscribes to an address (a local calendar server: the app runs with
 * ALLOW_PRIVATE_WEBHOOKS, as in development), sees a refusal beside the field for a missing
 * calendar, and finds the holidays on the month view. Screenshots at 375 and 1280 px land in
 * test-results/screenshots/calendar-overlays-*.png; axe (WCAG 2.1 AA) finds nothing.
 */
let server: RunningServer;
let browser: Browser;
let calendars: Server;
let calendarBase: string;
const shots = "test-results/screenshots";

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  calendars = createServer((req, res) => {
    if (req.url === "/fairs.ics") res.writeHead(200, { "content-type": "text/calendar" }).end(holidaysIcs([["Trade fair", 2]], "fair"));
    else res.writeHead(404).end("Not found");
  });
  await new Promise<void>((resolve) => calendars.listen(0, "127.0.0.1", resolve));
  calendarBase = `http://127.0.0.1:${(calendars.address() as AddressInfo).port}`;
  [server, browser] = await Promise.all([startServer({ env: { ALLOW_PRIVATE_WEBHOOKS: "true" } }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  calendars?.closeAllConnections();
  await new Promise((resolve) => calendars?.close(resolve));
});

it("a coordinator adds holidays from a file and an address, and sees them on the calendar", async () => {
  const { context, page } = await signInContext(browser, server.url, "coordinator@northwind.test", { width: 1280 });
  try {
    await page.goto(`${server.url}/w/northwind/calendar`);
    await page.getByRole("link", { name: "Holidays and events" }).click();
    await page.getByRole("heading", { name: "Holidays and events", level: 1 }).waitFor();

    const upload = page.locator("#add-overlay-file");
    await upload.getByLabel("Name").fill("Bank holidays");
    await upload.getByLabel("File").setInputFiles({
      name: "holidays.ics",
      mimeType: "text/calendar",
      buffer: Buffer.from(holidaysIcs([["Spring bank holiday", 1]], "bank")),
    });
    await upload.getByRole("button", { name: "Upload" }).click();
    await page.getByText("“Bank holidays” added with 1 event.").waitFor();
    // The form is empty again for the next one.
    expect(await upload.getByLabel("Name").inputValue()).toBe("");

    const address = page.locator("#add-overlay-url");
    await address.getByLabel("Name").fill("Missing");
    await address.getByLabel("Calendar address").fill(`${calendarBase}/missing.ics`);
    await address.getByRole("button", { name: "Add" }).click();
    await address.getByText("The calendar's server answered 404: there is no calendar at that address.").waitFor();
    expect(await address.getByLabel("Calendar address").getAttribute("aria-invalid")).toBe("true");

    await address.getByLabel("Name").fill("Trade fairs");
    await address.getByLabel("Calendar address").fill(`${calendarBase}/fairs.ics`);
    await address.getByRole("button", { name: "Add" }).click();
    await page.getByText("“Trade fairs” added with 1 event.").waitFor();
    await page.getByRole("button", { name: "Refresh now “Trade fairs”" }).waitFor();

    for (const width of [375, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `${shots}/calendar-overlays-${width}.png`, fullPage: true });
      expect(await axeViolations(page), `axe at ${width} px`).toEqual([]);
    }

    await page.getByRole("button", { name: "Refresh now “Trade fairs”" }).click();
    await page.getByText("“Trade fairs” read again: 1 event.").waitFor();

    // Tomorrow's holiday, on the month view of tomorrow's month.
    const month = new Date(Date.now() + 86_400_000).toISOString().slice(0, 7);
    await page.goto(`${server.url}/w/northwind/calendar?month=${month}`);
    await page.locator("[data-overlay-event]").filter({ hasText: "Spring bank holiday" }).first().waitFor();
  } finally {
    await context.close();
  }
});
