import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations } from "../support/axe";
import { launchBrowser, signInContext } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

/**
 * axe-core (WCAG 2.1 A and AA) on the pages people outside the agency meet first and on the pages
 * this wave changed, at phone and desktop widths, with the default accent, a pale one and a
 * mid-tone one: the brand colour is the client's choice, and the page must stay readable with it.
 * Screenshots land in test-results/screenshots/a11y-*.png for a person to look at.
 */
const ACCENTS = { default: "#4f46e5", pale: "#fde68a", midtone: "#8c8c8c" } as const;
const WIDTHS = [375, 1280] as const;
const shots = "test-results/screenshots";

let server: RunningServer;
let browser: Browser;
let owner: Page;
let clientUrl = "";
let deliverablePath = "";
let evidencePath = "";

async function check(path: string, width: number, label: string, signedIn: boolean) {
  const context = signedIn
    ? (await signInContext(browser, server.url, "owner@northwind.test", { width })).context
    : await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  const response = await page.goto(`${server.url}${path}`);
  expect(response?.status(), path).toBeLessThan(400);
  await page.screenshot({ path: `${shots}/a11y-${label}-${width}.png`, fullPage: true });
  const found = await axeViolations(page);
  await context.close();
  return found;
}

async function setAccent(hex: string) {
  await owner.goto(`${server.url}/w/northwind/settings`);
  await owner.locator("input[name='accentColor']").first().fill(hex);
  await owner
    .locator("form")
    .filter({ has: owner.locator("input[name='accentColor']") })
    .locator("button[type='submit']")
    .first()
    .click();
  await owner.waitForLoadState("networkidle");
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  owner = (await signInContext(browser, server.url, "owner@northwind.test")).page;
  // A client link with the questionnaire, as an agency makes one.
  await owner.goto(`${server.url}/w/northwind/onboarding/new`);
  await owner.getByLabel("New client's name").fill("Aster Goods");
  await owner.getByLabel("Contact's name").fill("Ada");
  await owner.getByLabel("Contact's email").fill("ada@aster.test");
  await owner.getByRole("checkbox", { name: "Meta ad account", exact: true }).check();
  await owner.getByRole("checkbox", { name: "Questionnaire" }).setChecked(true);
  await owner.getByRole("button", { name: "Create link" }).click();
  await owner.getByRole("heading", { level: 1, name: "Link created" }).waitFor();
  clientUrl = new URL(await owner.getByLabel("Onboarding link").inputValue()).pathname;
  // A deliverable waiting on its brand sign-off: the route's current stage is drawn on the accent.
  await owner.goto(`${server.url}/w/northwind/approvals?status=in_review`);
  await owner.getByRole("link", { name: "Glow Serum first-look reel" }).first().click();
  await owner.waitForURL(/\/deliverables\/[0-9a-f]{32}$/);
  deliverablePath = new URL(owner.url()).pathname;
  // A scheduled deliverable: its evidence pack was sealed at Lena's sign-off (decision 057).
  await owner.goto(`${server.url}/w/northwind/approvals?status=scheduled`);
  await owner.getByRole("link", { name: "Launch-day story" }).first().click();
  await owner.waitForURL(/\/deliverables\/[0-9a-f]{32}$/);
  await owner.getByRole("link", { name: "Open the evidence pack" }).click();
  await owner.getByRole("heading", { level: 1, name: /^Evidence: Launch-day story/ }).waitFor();
  evidencePath = new URL(owner.url()).pathname;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("signed-out pages", () => {
  for (const width of WIDTHS) {
    it(`sign-in, sign-up and forgot-password pass WCAG 2.1 AA at ${width} px`, async () => {
      for (const path of ["/login", "/signup", "/forgot-password"]) {
        expect(await check(path, width, path.slice(1), false), path).toEqual([]);
      }
    }, 60_000);
  }
});

describe.each(Object.entries(ACCENTS))("with the %s accent", (name, hex) => {
  it(`the client's onboarding page and the agency's settings, home, new-link, deliverable and evidence pages pass WCAG 2.1 AA (${hex})`, async () => {
    await setAccent(hex);
    for (const width of WIDTHS) {
      expect(await check(clientUrl, width, `client-${name}`, false), `client page ${width}px`).toEqual([]);
      for (const path of [
        "/w/northwind",
        "/w/northwind/settings",
        "/w/northwind/onboarding/new",
        "/w/northwind/away",
        deliverablePath,
        evidencePath,
      ]) {
        const label = `${path.split("/").slice(2, 4).join("-")}${path.endsWith("/evidence") ? "-evidence" : ""}-${name}`;
        expect(await check(path, width, label, true), `${path} ${width}px`).toEqual([]);
      }
    }
  }, 120_000);
});
