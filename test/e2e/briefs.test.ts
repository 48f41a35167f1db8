import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { DateTime } from "luxon";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchBrowser } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

/**
 * Issue 5 in Chromium on the demo workspace: the coordinator adds a required field to the template,
 * creates a campaign, fills the brief while the meter names what is missing (autosave survives a
 * reload), publishes; the creator reads it on a 375 px phone and acknowledges; the coordinator
 * changes the key message; the creator sees the diff and acknowledges v2.
 */
let server: RunningServer;
let browser: Browser;
const shots = "test-results/screenshots";
const CAMPAIGN = "Cedar Cold Brew Summer";

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  [server, browser] = await Promise.all([startServer({ env: { SEED_DEMO: "true" } }), launchBrowser()]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(page: Page, email: string) {
  await page.goto(`${server.url}/login`);
  await page.locator("input[name=email]").fill(email);
  await page.locator("input[name=password]").fill("baton-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL("**/w/northwind");
}

const meter = (page: Page) => page.getByTestId("completeness");
async function saved(page: Page) {
  await page.getByTestId("save-status").filter({ hasText: "All changes saved" }).waitFor();
}

it("template → campaign → brief with meter and autosave → publish → phone acknowledgment → v2 with diff", async () => {
  const coordinatorCtx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const coord = await coordinatorCtx.newPage();
  await signIn(coord, "coordinator@northwind.test");

  // 1. A required custom field on the template.
  await coord.goto(`${server.url}/w/northwind/brief-template`);
  await coord.locator("input[name=label]").fill("Shot list");
  await coord.getByLabel("Help text").fill("The shots every piece must include.");
  await coord.locator("input[name=required]").check();
  await coord.getByRole("button", { name: "Add field" }).click();
  await coord.getByText(/Template v\d+ saved: added Shot list\./).waitFor();

  // 2. A campaign with Maya (creator@studio.test) and Brightline (agency@brightline.test).
  await coord.goto(`${server.url}/w/northwind/campaigns/new`);
  await coord.getByLabel("Campaign name").fill(CAMPAIGN);
  await coord.getByLabel("Brand").selectOption({ label: "Cedar Coffee" });
  await coord.getByLabel("Lead agency").selectOption({ label: "Brightline Paid Media" });
  await coord.getByLabel("Maya Chen (@mayamakes)").check();
  await coord.getByLabel("Instagram").check();
  await coord.getByRole("button", { name: "Create campaign and write the brief" }).click();
  await coord.waitForURL("**/brief/edit");
  const editorUrl = coord.url();
  await coord.getByRole("heading", { name: "Edit the brief" }).waitFor();

  // 3. The meter names what is missing, including the new field.
  await meter(coord).getByText("Shot list").waitFor();
  await meter(coord).getByText("Key message").waitFor();

  // Autosave: type, wait for the save, reload: it is still there and no longer missing.
  await coord.getByLabel("Key message").fill("Cold brew that tastes like slow mornings.");
  await saved(coord);
  await coord.reload();
  expect(await coord.getByLabel("Key message").inputValue()).toBe("Cold brew that tastes like slow mornings.");
  expect(await meter(coord).getByText("Key message", { exact: true }).count()).toBe(0);
  await meter(coord).getByText("Shot list").waitFor();

  const start = DateTime.now().plus({ days: 21 });
  const iso = (d: DateTime) => d.toISODate()!;
  await coord.getByLabel("Brand story").fill("Cedar Coffee roasts small batches in Vermont.");
  await coord.getByLabel("Audience").fill("Commuters who want good coffee without a café.");
  await coord.getByLabel("Kickoff date").fill(iso(start.minus({ days: 10 })));
  await coord.getByLabel("Draft due date").fill(iso(start.minus({ days: 4 })));
  await coord.getByLabel("Publish window start").fill(iso(start));
  await coord.getByLabel("Publish window end").fill(iso(start.plus({ days: 14 })));
  await coord.getByLabel("What is sacred").fill("The bottle label faces the camera.");
  await coord.getByLabel("Success metrics 1: KPI").fill("Saves");
  await coord.getByLabel("Success metrics 1: Target").fill("1,500");
  await coord.getByLabel("Deliverables 1: Channel").fill("instagram");
  await coord.getByLabel("Deliverables 1: Format").fill("Reel");
  await coord.getByLabel("Deliverables 1: Count").fill("2");
  await coord.getByLabel("Disclosure").fill("#ad");
  await coord.getByLabel("Required UTM parameters 1: Parameter").fill("utm_source");
  await coord.getByLabel("Naming rule").fill("cedar_coldbrew_yyyymm");
  await coord.getByLabel("Usage rights").fill("Organic reposts for 6 months.");
  await coord.getByLabel("Approvers 1").fill("Lena Lumen");
  await saved(coord);
  await meter(coord).getByText("Shot list").waitFor();
  await coord.screenshot({ path: `${shots}/brief-editor-missing-one.png`, fullPage: true });
  await coord.getByLabel("Shot list").fill("Pour, first sip, bottle on the desk.");
  await meter(coord).getByText("Every required field is filled").waitFor();
  await saved(coord);

  await coord.getByRole("button", { name: "Publish brief" }).click();
  await coord.getByText("Brief v1 published").waitFor();
  const campaignUrl = coord.url().replace(/\?.*$/, "");
  const acks = coord.getByTestId("acknowledgments");
  await acks.getByText("Maya Chen").waitFor();
  await acks.getByText("Ava Brightline").waitFor();
  expect(await acks.getByText(/Not yet · waiting/).count()).toBe(2);
  await coord.screenshot({ path: `${shots}/campaign-published.png`, fullPage: true });

  // 4. The creator on a phone: home shows the waiting brief; the brief reads at 375 px.
  const phoneCtx = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  const phone = await phoneCtx.newPage();
  await signIn(phone, "creator@studio.test");
  await phone.getByRole("link", { name: `${CAMPAIGN}: brief v1` }).click();
  await phone.getByRole("heading", { level: 1, name: `${CAMPAIGN}: the brief` }).waitFor();
  await phone.getByText("Cold brew that tastes like slow mornings.").waitFor();
  await phone.getByText("Pour, first sip, bottle on the desk.").waitFor();
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await phone.screenshot({ path: `${shots}/brief-phone-v1.png`, fullPage: true });
  await phone.getByRole("button", { name: "Acknowledge v1" }).click();
  await phone.getByText("You acknowledged v1").first().waitFor();

  // 5. The coordinator changes the key message and publishes v2.
  await coord.goto(editorUrl);
  await coord.getByLabel("Key message").fill("Cold brew for slow mornings, ready in the fridge.");
  await saved(coord);
  await coord.getByRole("button", { name: "Publish v2" }).click();
  await coord.getByText("Brief v2 published").waitFor();

  // 6. The creator sees what changed and acknowledges v2.
  await phone.goto(`${campaignUrl}/brief`);
  const diff = phone.getByRole("region", { name: "What changed since v1" });
  await diff.waitFor();
  await diff.getByText("Key message").first().waitFor();
  // A word-level diff: what was removed struck through, what was added marked.
  await diff
    .locator("del", { hasText: /tastes/ })
    .first()
    .waitFor();
  await diff
    .locator("ins", { hasText: /fridge/ })
    .first()
    .waitFor();
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await phone.screenshot({ path: `${shots}/brief-phone-v2-diff.png`, fullPage: true });
  await phone.getByRole("button", { name: "Acknowledge v2" }).click();
  await phone.getByText("You acknowledged v2").first().waitFor();

  // The coordinator's campaign page shows Maya's acknowledgment of v2; Ava's is still waiting.
  await coord.goto(campaignUrl);
  await coord.getByRole("heading", { name: "Acknowledgments of v2" }).waitFor();
  const row = coord.getByTestId("acknowledgments").locator("li", { hasText: "Maya Chen" });
  await row.getByText(/Acknowledged after/).waitFor();
  await coord
    .getByTestId("acknowledgments")
    .locator("li", { hasText: "Ava Brightline" })
    .getByText(/Not yet · waiting/)
    .waitFor();
  await coord.screenshot({ path: `${shots}/campaign-v2-acknowledged.png`, fullPage: true });

  await phoneCtx.close();
  await coordinatorCtx.close();
}, 90_000);
