import { mkdirSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations } from "../support/axe";
import { launchBrowser, signInContext } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

/**
 * Issue 20, parts 3 and 4, in Chromium: every onboarding page (the client's page, a forwarded step,
 * the agency's links list, one link's page, the new-link form and a brand's access ledger) at phone
 * and desktop widths, with the default accent, a pale one (#ffd60a) and a mid-tone one (#10b981):
 * axe-core (WCAG 2.1 A and AA) finds no serious or critical violation, no page scrolls sideways,
 * and the layout defects of part 3 stay fixed. Screenshots: test-results/screenshots/onb-*.png.
 */
const ACCENTS = { default: "#4f46e5", pale: "#ffd60a", midtone: "#10b981" } as const;
const WIDTHS = [375, 1280] as const;
const shots = "test-results/screenshots";

let server: RunningServer;
let browser: Browser;
let owner: Page;
const pages = { client: "", step: "", link: "", ledger: "" };

const step = (page: Page, name: string) =>
  page.locator("section[id^='step-']").filter({ has: page.getByRole("heading", { level: 3, name, exact: true }) });

async function linkFromMailbox(page: Page, to: string, prefix: string): Promise<string> {
  for (let i = 0; i < 60; i++) {
    await page.goto(`${server.url}/dev/mail?to=${encodeURIComponent(to)}`);
    const mail = page.locator("main a[href^='/dev/mail/']").first();
    if ((await mail.count()) > 0) {
      await mail.click();
      const match = (await page.content()).match(new RegExp(`https?://[^"'\\s<]+(${prefix}/[A-Za-z0-9_-]+)`));
      if (match) return match[1];
    }
    await page.waitForTimeout(200);
  }
  throw new Error(`no email with ${prefix} for ${to}`);
}

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

  // A link as an agency makes one: two platforms, the questionnaire and the agreement.
  await owner.goto(`${server.url}/w/northwind/onboarding/new`);
  await owner.getByLabel("New client's name").fill("Aster Goods");
  await owner.getByLabel("Contact's name").fill("Ada");
  await owner.getByLabel("Contact's email").fill("ada@aster.test");
  for (const name of ["Meta ad account", "Google Analytics 4"]) await owner.getByRole("checkbox", { name, exact: true }).check();
  await owner.getByRole("checkbox", { name: "Questionnaire" }).setChecked(true);
  await owner.getByRole("button", { name: "Create link" }).click();
  await owner.getByRole("heading", { level: 1, name: "Link created" }).waitFor();
  pages.client = new URL(await owner.getByLabel("Onboarding link").inputValue()).pathname;
  await owner.getByRole("link", { name: "Open the link's page" }).click();
  await owner.getByRole("heading", { level: 1, name: "Aster Goods" }).waitFor();
  pages.link = new URL(owner.url()).pathname;

  // The client confirms GA4 and forwards the Meta step to a colleague.
  const clientContext = await browser.newContext();
  const client = await clientContext.newPage();
  await client.goto(`${server.url}${pages.client}`);
  const ga4 = step(client, "Google Analytics 4");
  await ga4.getByLabel("GA4 property ID").fill("312456789");
  await ga4.getByRole("button", { name: "I've granted access" }).click();
  await step(client, "Google Analytics 4").getByText("Thank you! We'll verify the access on our side.").waitFor();
  const meta = step(client, "Meta ad account");
  await meta.getByText("Someone else has access? Forward this step").click();
  await meta.getByLabel("Their name").fill("Ben");
  await meta.getByLabel("Their work email").fill("ben@aster.test");
  await meta.getByRole("button", { name: "Send them this step" }).click();
  await step(client, "Meta ad account")
    .getByText(/A link to this step was sent to Ben/)
    .waitFor();
  pages.step = await linkFromMailbox(client, "ben@aster.test", "/onboard/step");
  await clientContext.close();

  // The agency rejects GA4: a fix link goes to Ada, which is not a forward.
  await owner.goto(`${server.url}${pages.link}`);
  await owner.getByText("Reject Google Analytics 4…").click();
  await owner.getByLabel("What is wrong (the client reads this)").fill("The property shows no user access@northwind.test yet.");
  await owner.getByRole("button", { name: "Reject and email the client" }).click();
  await owner.getByText(/Google Analytics 4 rejected\./).waitFor();

  // A brand with confirmed and verified grants (demo data): its ledger.
  await owner.goto(`${server.url}/w/northwind/onboarding?q=lumen`);
  await owner.getByRole("region", { name: "Onboarding links" }).getByRole("link").first().click();
  await owner.getByRole("link", { name: /^Access ledger of / }).click();
  await owner.waitForURL(/\/brands\/[0-9a-f]{32}\/access$/);
  pages.ledger = new URL(owner.url()).pathname;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The pages under test: the client's two (no session) and the agency's four. */
const targets = () => [
  { label: "client", path: pages.client, signedIn: false },
  { label: "step", path: pages.step, signedIn: false },
  { label: "links", path: "/w/northwind/onboarding", signedIn: true },
  { label: "link", path: pages.link, signedIn: true },
  { label: "new", path: "/w/northwind/onboarding/new", signedIn: true },
  { label: "ledger", path: pages.ledger, signedIn: true },
];

async function contextsAt(width: number): Promise<{ signedIn: BrowserContext; anonymous: BrowserContext }> {
  const signedIn = (await signInContext(browser, server.url, "owner@northwind.test", { width })).context;
  const anonymous = await browser.newContext({ viewport: { width, height: 900 } });
  return { signedIn, anonymous };
}

async function open(context: BrowserContext, path: string): Promise<Page> {
  const page = await context.newPage();
  const response = await page.goto(`${server.url}${path}`);
  expect(response?.status(), path).toBeLessThan(400);
  return page;
}

describe("part 3: the pages look finished", () => {
  it("at 1280 px: the ledger's table fits its card, the links list keeps each client's dates on one line", async () => {
    const { signedIn, anonymous } = await contextsAt(1280);
    const ledger = await open(signedIn, pages.ledger);
    const grants = ledger.getByRole("region", { name: "Grants" });
    const fits = await grants.evaluate((el) => el.scrollWidth <= el.clientWidth);
    expect(fits, "the Verified column is cut off").toBe(true);

    const list = await open(signedIn, "/w/northwind/onboarding");
    const lines = await list
      .locator("[data-dates]")
      .evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight))));
    expect(lines.length).toBeGreaterThan(2);
    expect(new Set(lines)).toEqual(new Set([1]));
    await list.screenshot({ path: `${shots}/onb-links-dates-1280.png`, fullPage: true });

    // The client page says its progress once (the bar's own text), not twice.
    const client = await open(anonymous, pages.client);
    expect(await client.getByText(/^\d+ of \d+ steps done$/).count()).toBe(1);
    await Promise.all([signedIn.close(), anonymous.close()]);
  }, 60_000);

  it("the links list filters from the URL and says when nothing matches", async () => {
    const list = owner;
    await list.goto(`${server.url}/w/northwind/onboarding?q=aster`);
    const table = list.getByRole("region", { name: "Onboarding links" });
    await expect.poll(() => table.getByRole("row").count()).toBe(2);
    await table.getByRole("link", { name: "Aster Goods" }).waitFor();
    await list.getByLabel("Search").fill("no-such-client");
    await list.getByRole("button", { name: "Apply filters" }).click();
    await list.getByText("No link matches these filters").waitFor();
    expect(new URL(list.url()).searchParams.get("q")).toBe("no-such-client");
    await list.screenshot({ path: `${shots}/onb-links-none-1280.png`, fullPage: true });
  }, 30_000);
});

describe.each(Object.entries(ACCENTS))("part 4: with the %s accent", (name, hex) => {
  it(`every onboarding page passes WCAG 2.1 AA at 375 and 1280 px (${hex})`, async () => {
    await setAccent(hex);
    // The settings page says when it had to adjust the colour, and only then.
    const warned = await owner.getByText("Baton adjusts this colour to keep text readable").count();
    expect(warned, "settings warning").toBe(name === "default" ? 0 : 1);
    for (const width of WIDTHS) {
      const { signedIn, anonymous } = await contextsAt(width);
      for (const target of targets()) {
        const page = await open(target.signedIn ? signedIn : anonymous, target.path);
        await page.screenshot({ path: `${shots}/onb-${target.label}-${name}-${width}.png`, fullPage: true });
        const found = (await axeViolations(page)).filter((v) => /\((serious|critical)\)/.test(v));
        expect(found, `${target.label} ${width}px`).toEqual([]);
        const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(sideways, `${target.label} ${width}px scrolls sideways`).toBeLessThanOrEqual(0);
        await page.close();
      }
      await Promise.all([signedIn.close(), anonymous.close()]);
    }
  }, 240_000);
});
