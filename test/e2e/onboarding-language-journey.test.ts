import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { axeViolations } from "../support/axe";
import { launchBrowser, signInContext } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

/**
 * Issue 20, "Done when", first bullet, end to end in Chromium at 375 px: the agency makes a link in
 * Spanish; the Spanish client answers the questionnaire, confirms Meta with a valid ID and forwards
 * Google Analytics 4 to a colleague; the colleague's email and step page are Spanish and the
 * colleague completes it; the agency reads the answers and both IDs. Then the client switches the
 * page to German and forwards Tag Manager: that email is German.
 * Screenshots: test-results/screenshots/journey-*.png.
 */
const shots = "test-results/screenshots";
const phone = { width: 375, height: 812 };

let server: RunningServer;
let browser: Browser;
let agency: Page;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  agency = (await signInContext(browser, server.url, "owner@northwind.test")).page;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const local = (url: string) => url.replace(/^https?:\/\/[^/]+/, server.url);

const step = (page: Page, name: string) =>
  page.locator("section[id^='step-']").filter({ has: page.getByRole("heading", { level: 3, name, exact: true }) });

/** The newest email to `to` in the local mailbox: its subject, its text version and its step link. */
async function readMail(page: Page, to: string): Promise<{ subject: string; text: string; stepUrl: string }> {
  for (let i = 0; i < 100; i++) {
    await page.goto(`${server.url}/dev/mail?to=${encodeURIComponent(to)}`);
    const link = page.locator("main a[href^='/dev/mail/']").first();
    if ((await link.count()) > 0) {
      // Opened by its address, so the message's own page (not the list still on screen) is read.
      await page.goto(`${server.url}${await link.getAttribute("href")}`);
      await page.locator("main pre").waitFor();
      const subject = (await page.getByRole("heading", { level: 1 }).innerText()).trim();
      const text = await page.locator("main pre").innerText();
      const match = text.match(/https?:\/\/[^\s<>"')\]]+\/onboard\/step\/[A-Za-z0-9_-]+/);
      if (match) return { subject, text, stepUrl: local(match[0]) };
    }
    await page.waitForTimeout(200);
  }
  throw new Error(`no forwarded-step email for ${to}`);
}

it("a Spanish client completes the link in Spanish, a forwarded colleague gets Spanish, the agency reads the answers; after switching to German the next email is German", async () => {
  const story = "Cerámica hecha a mano en Valencia desde 2012.";
  const audience = "Parejas de 25 a 40 años que amueblan su primera casa.";

  // The agency makes a link in Spanish: three platform steps and the questionnaire.
  await agency.goto(`${server.url}/w/northwind/onboarding/new`);
  await agency.getByLabel("New client's name").fill("Cerámica Sol");
  await agency.getByLabel("Contact's name").fill("Lucía");
  await agency.getByLabel("Contact's email").fill("lucia@ceramicasol.test");
  await agency.getByLabel("Client's language").selectOption("es");
  for (const name of ["Meta ad account", "Google Analytics 4", "Google Tag Manager"])
    await agency.getByRole("checkbox", { name, exact: true }).check();
  await agency.getByRole("checkbox", { name: "Questionnaire", exact: true }).check();
  for (const name of ["Contacts and approvers", "Brand kit", "Agreement"])
    await agency.getByRole("checkbox", { name, exact: true }).setChecked(false);
  await agency.getByRole("button", { name: "Create link" }).click();
  await agency.getByRole("heading", { level: 1, name: "Link created" }).waitFor();
  const clientUrl = local(await agency.getByLabel("Onboarding link").inputValue());
  await agency.getByRole("link", { name: "Open the link's page" }).click();
  await agency.getByRole("heading", { level: 1, name: "Cerámica Sol" }).waitFor();
  const agencyLinkPage = agency.url();

  // The client, on a phone, with no account: the page is Spanish, not English.
  const clientCtx = await browser.newContext({ viewport: phone });
  const client = await clientCtx.newPage();
  expect((await client.goto(clientUrl))?.status()).toBe(200);
  expect(await client.locator("html").getAttribute("lang")).toBe("es");
  await client.getByRole("heading", { level: 1, name: "Te damos la bienvenida, Lucía" }).waitFor();
  const body = await client.locator("body").innerText();
  for (const spanish of [
    "Tu progreso",
    "0 de 4 pasos hechos",
    "Sobre tu marca",
    "Qué hacer",
    "Ya he dado acceso",
    "Cuenta publicitaria de Meta",
  ])
    expect(body, spanish).toContain(spanish);
  for (const english of [
    "Welcome, Lucía",
    "Your progress",
    "0 of 4 steps done",
    "About your brand",
    "What to do",
    "I've granted access",
    "Meta ad account",
  ])
    expect(body, english).not.toContain(english);
  expect(await client.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await client.screenshot({ path: `${shots}/journey-client-es-375.png` });
  const serious = (await axeViolations(client)).filter((v) => /\((serious|critical)\)/.test(v));
  expect(serious).toEqual([]);

  // The questionnaire, answered in Spanish labels.
  const questionnaire = client.locator("#section-questionnaire");
  await questionnaire.getByLabel("La historia de tu marca").fill(story);
  await questionnaire.getByLabel("A quién quieres llegar").fill(audience);
  await questionnaire.getByRole("button", { name: "Guardar respuestas" }).click();
  await client.locator("#section-questionnaire").getByText("Respuestas guardadas. ¡Gracias!").waitFor();

  // Meta: a wrong ID is refused in Spanish, a valid one is confirmed.
  const meta = step(client, "Cuenta publicitaria de Meta");
  await meta.getByLabel("Identificador de la cuenta publicitaria").fill("no es un número");
  await meta.getByRole("button", { name: "Ya he dado acceso" }).click();
  await step(client, "Cuenta publicitaria de Meta")
    .getByText(/^El identificador de una cuenta publicitaria es un número/)
    .first()
    .waitFor();
  await step(client, "Cuenta publicitaria de Meta").getByLabel("Identificador de la cuenta publicitaria").fill("act_120045678901234");
  await step(client, "Cuenta publicitaria de Meta").getByRole("button", { name: "Ya he dado acceso" }).click();
  await step(client, "Cuenta publicitaria de Meta").getByText("Hecho, en revisión").first().waitFor();

  // GA4 goes to a colleague, forwarded with the Spanish form.
  const ga4 = step(client, "Google Analytics 4");
  await ga4.getByText("¿Tiene acceso otra persona? Reenvíale este paso").click();
  await ga4.getByLabel("Su nombre").fill("Bea");
  await ga4.getByLabel("Su correo de trabajo").fill("bea@ceramicasol.test");
  await ga4.getByRole("button", { name: "Enviarle este paso" }).click();
  await step(client, "Google Analytics 4")
    .getByText(/Se envió un enlace a este paso a .*bea@ceramicasol\.test/)
    .waitFor();
  await step(client, "Google Analytics 4").scrollIntoViewIfNeeded();
  await client.screenshot({ path: `${shots}/journey-client-es-forwarded-375.png` });

  // The colleague's email is Spanish; the step page it opens is Spanish at 375 px.
  const colleagueCtx = await browser.newContext({ viewport: phone });
  const colleague = await colleagueCtx.newPage();
  const es = await readMail(colleague, "bea@ceramicasol.test");
  expect(es.subject).toMatch(/te pide que des acceso a Google Analytics 4 a Northwind Studio$/);
  expect(es.subject).not.toMatch(/asks you|bittet Sie/);
  expect(es.text).toContain("Abrir el paso");
  expect(es.text).toContain("La página muestra los clics exactos");
  expect(es.text).not.toContain("Open the step");
  await colleague.screenshot({ path: `${shots}/journey-mail-es-375.png`, fullPage: true });
  await colleague.goto(es.stepUrl);
  expect(await colleague.locator("html").getAttribute("lang")).toBe("es");
  await colleague.getByRole("heading", { level: 1, name: "Hola, Bea: tienes un paso pendiente" }).waitFor();
  const stepBody = await colleague.locator("body").innerText();
  for (const spanish of ["Qué hacer", "Ya he dado acceso", "ID de propiedad de GA4"]) expect(stepBody, spanish).toContain(spanish);
  for (const english of ["Hi Bea, one step for you", "What to do", "I've granted access", "GA4 property ID"])
    expect(stepBody, english).not.toContain(english);
  // Only that step: nothing else of the link.
  expect(stepBody).not.toContain("Cuenta publicitaria de Meta");
  expect(stepBody).not.toContain(story);
  expect(await colleague.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await colleague.screenshot({ path: `${shots}/journey-colleague-es-375.png` });
  await colleague.getByLabel("ID de propiedad de GA4").fill("312456789");
  await colleague.getByRole("button", { name: "Ya he dado acceso" }).click();
  await colleague.getByText("¡Gracias! Verificaremos el acceso por nuestra parte.").waitFor();
  await colleagueCtx.close();

  // The agency reads the answers and the confirmed IDs on the link's page, on a phone.
  await agency.setViewportSize(phone);
  await agency.goto(agencyLinkPage);
  await agency.getByText(story).waitFor();
  await agency.getByText(audience).waitFor();
  await agency
    .getByText(/120045678901234/)
    .first()
    .waitFor();
  await agency.getByText("312456789").first().waitFor();
  expect(await agency.getByText("Confirmed by client").count()).toBe(2);
  await agency.screenshot({ path: `${shots}/journey-agency-375.png`, fullPage: true });

  // The client switches the page to German; the next forwarded step's email is German.
  await client.goto(clientUrl);
  await client.getByLabel("Idioma").selectOption("de");
  await client.getByRole("button", { name: "Cambiar idioma" }).click();
  await client.getByText("Ihr Fortschritt", { exact: true }).first().waitFor();
  await client.waitForLoadState("load");
  expect(await client.locator("html").getAttribute("lang")).toBe("de");
  const gtm = step(client, "Google Tag Manager");
  await gtm.getByText("Jemand anderes hat den Zugang? Diesen Schritt weiterleiten").click();
  await gtm.getByLabel("Name", { exact: true }).fill("Jonas");
  await gtm.getByLabel("Geschäftliche E-Mail-Adresse").fill("jonas@ceramicasol.test");
  await gtm.getByRole("button", { name: "Diesen Schritt senden" }).click();
  await step(client, "Google Tag Manager")
    .getByText(/Ein Link zu diesem Schritt wurde an .*jonas@ceramicasol\.test/)
    .waitFor();
  await client.screenshot({ path: `${shots}/journey-client-de-375.png` });
  await clientCtx.close();

  const mailCtx = await browser.newContext({ viewport: phone });
  const mailbox = await mailCtx.newPage();
  const de = await readMail(mailbox, "jonas@ceramicasol.test");
  expect(de.subject).toMatch(/bittet Sie, Northwind Studio Zugriff auf Google Tag Manager zu geben$/);
  expect(de.subject).not.toMatch(/te pide/);
  expect(de.text).toContain("Schritt öffnen");
  expect(de.text).not.toContain("Abrir el paso");
  await mailbox.screenshot({ path: `${shots}/journey-mail-de-375.png`, fullPage: true });
  await mailCtx.close();
}, 240_000);
