import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations } from "../support/axe";
import { launchBrowser, signInContext } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

/**
 * Decision 060 in Chromium: an agency makes a link in Spanish, the client's page reads Spanish
 * (and says so in <html lang>), axe-core finds no serious or critical violation at phone and
 * desktop widths, and the client's switch to German turns the page German.
 * Screenshots: test-results/screenshots/lang-*.png.
 */
const shots = "test-results/screenshots";

let server: RunningServer;
let browser: Browser;
let owner: Page;
let clientPath = "";

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  owner = (await signInContext(browser, server.url, "owner@northwind.test")).page;
  await owner.goto(`${server.url}/w/northwind/onboarding/new`);
  await owner.getByLabel("New client's name").fill("Estudio Brisa");
  await owner.getByLabel("Contact's name").fill("Lucía");
  await owner.getByLabel("Contact's email").fill("lucia@brisa.test");
  await owner.getByLabel("Client's language").selectOption("es");
  for (const name of ["Meta ad account", "Google Analytics 4"]) await owner.getByRole("checkbox", { name, exact: true }).check();
  // The intake sections too: they were the last English part of the page (decision 060).
  for (const name of ["Brand kit", "Contacts and approvers", "Questionnaire", "Agreement"])
    await owner.getByRole("checkbox", { name, exact: true }).check();
  await owner.getByRole("button", { name: "Create link" }).click();
  await owner.getByRole("heading", { level: 1, name: "Link created" }).waitFor();
  clientPath = new URL(await owner.getByLabel("Onboarding link").inputValue()).pathname;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("the client's page in the link's language", () => {
  for (const width of [375, 1280] as const) {
    it(`is Spanish and passes axe at ${width} px`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      expect((await page.goto(`${server.url}${clientPath}`))?.status()).toBe(200);
      expect(await page.locator("html").getAttribute("lang")).toBe("es");
      await page.getByRole("heading", { level: 1, name: "Te damos la bienvenida, Lucía" }).waitFor();
      await page.getByText("Tu progreso", { exact: true }).first().waitFor();
      await page.getByRole("heading", { name: "Cuenta publicitaria de Meta" }).first().waitFor();
      const body = await page.locator("body").innerText();
      for (const spanish of ["Contactos y aprobadores", "Sobre tu marca", "La historia de tu marca", "Kit de marca", "Firmar el acuerdo"])
        expect(body, spanish).toContain(spanish);
      for (const english of [
        "Your progress",
        "What to do",
        "I've granted access",
        "Go to Users > Partners and click Add.",
        "Contacts and approvers",
        "About your brand",
        "Your brand story",
        "Where are your brand assets?",
        "Sign the agreement",
        "I confirm that I may give these accesses",
        "Save answers",
      ]) {
        expect(body, english).not.toContain(english);
      }
      // Nothing scrolls sideways on a phone.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await page.screenshot({ path: `${shots}/lang-es-${width}.png`, fullPage: true });
      // The full page is long; the first screen and the first platform step, at reading size.
      await page.screenshot({ path: `${shots}/lang-es-${width}-top.png` });
      await page.locator("section[id^='step-']").first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${shots}/lang-es-${width}-step.png` });
      for (const section of ["contacts", "questionnaire", "brand-kit", "agreement"]) {
        await page.locator(`#section-${section}`).scrollIntoViewIfNeeded();
        await page.locator(`#section-${section}`).screenshot({ path: `${shots}/lang-es-${width}-${section}.png` });
      }
      const found = (await axeViolations(page)).filter((v) => /\((serious|critical)\)/.test(v));
      expect(found).toEqual([]);
      await context.close();
    });
  }

  it("switches to German with the language form", async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}${clientPath}`);
    await page.getByLabel("Idioma").selectOption("de");
    await page.getByRole("button", { name: "Cambiar idioma" }).click();
    await page.getByText("Ihr Fortschritt", { exact: true }).first().waitFor();
    await page.waitForLoadState("load");
    expect(await page.locator("html").getAttribute("lang")).toBe("de");
    await page.getByRole("heading", { name: "Meta-Werbekonto" }).first().waitFor();
    expect(await page.getByLabel("Sprache").inputValue()).toBe("de");
    await page.screenshot({ path: `${shots}/lang-de-375.png`, fullPage: true });
    const found = (await axeViolations(page)).filter((v) => /\((serious|critical)\)/.test(v));
    expect(found).toEqual([]);
    await context.close();
  });
});
