import { mkdirSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchBrowser } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

/**
 * Issue 4, end to end in Chromium: the agency creates a link for a new client; the client (no
 * account) fills it in, forwards one step to a colleague who completes it from the emailed link,
 * signs; the agency verifies two and rejects one; the client sees the reopened step. Then the same
 * page with JavaScript disabled.
 */
let server: RunningServer;
let browser: Browser;
let agency: BrowserContext;
let admin: Page;
const shots = "test-results/screenshots";

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  agency = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  admin = await agency.newPage();
  await admin.goto(`${server.url}/login`);
  await admin.getByLabel("Email").fill("owner@northwind.test");
  await admin.getByLabel("Password").fill("baton-demo");
  await admin.getByRole("button", { name: "Sign in" }).click();
  await admin.waitForURL("**/w/northwind");
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const local = (url: string) => url.replace(/^https?:\/\/[^/]+/, server.url);

async function readLinkFromMailbox(page: Page, to: string, pathPrefix: string): Promise<string> {
  for (let i = 0; i < 60; i++) {
    await page.goto(`${server.url}/dev/mail?to=${encodeURIComponent(to)}`);
    const link = page.locator("main a[href^='/dev/mail/']").first();
    if ((await link.count()) > 0) {
      await link.click();
      const match = (await page.content()).match(new RegExp(`https?://[^"'\\s<]+${pathPrefix}/[A-Za-z0-9_-]+`));
      if (match) return match[0];
    }
    await page.waitForTimeout(200);
  }
  throw new Error(`no email with ${pathPrefix} for ${to}`);
}

/** Creates a link on the agency's "New link" page; returns its client URL and its agency page. */
async function createLink(
  clientName: string,
  contact: { name: string; email: string },
  platforms: string[],
  opts: { questionnaire?: boolean } = {},
) {
  await admin.goto(`${server.url}/w/northwind/onboarding/new`);
  await admin.getByLabel("New client's name").fill(clientName);
  await admin.getByLabel("Contact's name").fill(contact.name);
  await admin.getByLabel("Contact's email").fill(contact.email);
  for (const name of platforms) await admin.getByRole("checkbox", { name, exact: true }).check();
  await admin.getByRole("checkbox", { name: "Contacts and approvers" }).uncheck();
  await admin.getByRole("checkbox", { name: "Questionnaire" }).setChecked(opts.questionnaire ?? false);
  await admin.getByRole("button", { name: "Create link" }).click();
  await admin.getByRole("heading", { level: 1, name: "Link created" }).waitFor();
  const url = await admin.getByLabel("Onboarding link").inputValue();
  await admin.getByRole("link", { name: "Open the link's page" }).click();
  await admin.getByRole("heading", { level: 1, name: clientName }).waitFor();
  return { url: local(url), agencyPage: admin.url() };
}

const step = (page: Page, name: string) =>
  page.locator("section[id^='step-']").filter({ has: page.getByRole("heading", { level: 3, name, exact: true }) });

it("agency creates a link; client fills it, forwards a step, signs; agency verifies two and rejects one; client sees the reopened step", async () => {
  const { url, agencyPage } = await createLink("Harbor Tea", { name: "Mia", email: "mia@harbor.test" }, [
    "Meta ad account",
    "Google Analytics 4",
    "Google Tag Manager",
  ]);

  // A fresh context with no session: the branded page, nothing consumed by opening it.
  const clientCtx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const client = await clientCtx.newPage();
  const res = await client.goto(url);
  expect(res?.status()).toBe(200);
  expect(res?.headers()["referrer-policy"]).toBe("no-referrer");
  await client.getByRole("heading", { level: 1, name: "Welcome, Mia" }).waitFor();
  await client.getByText("Northwind Studio", { exact: true }).first().waitFor();
  await client.getByText("Onboarding for Harbor Tea").waitFor();
  // No app bundle and no third-party script: only our own inline script.
  expect(await client.locator("script[src]").count()).toBe(0);
  expect(await client.locator("script").count()).toBe(1);

  // GA4: a measurement ID is explained as it is typed (autosave), then fixed and confirmed.
  const ga4 = step(client, "Google Analytics 4");
  await ga4.getByLabel("GA4 property ID").fill("G-ABC1234567");
  await ga4.getByText(/That is a measurement ID \(G-…\)/).waitFor();
  await expect.poll(() => ga4.getByLabel("GA4 property ID").getAttribute("aria-invalid")).toBe("true");
  await ga4.getByLabel("GA4 property ID").fill("312456789");
  await ga4.getByText("Saved.").waitFor();
  await ga4.getByRole("button", { name: "I've granted access" }).click();
  await step(client, "Google Analytics 4").getByText("Thank you! We'll verify the access on our side.").waitFor();

  const meta = step(client, "Meta ad account");
  // The copy button answers in the page's words (the script holds none), whichever way the browser copies.
  // The page was just reloaded by the confirm above and streams its script last: click until the script answers.
  const copyAnswer = meta.getByText(/^(Copied to your clipboard\.|Press Ctrl\+C \(Cmd\+C on a Mac\) to copy the selected text\.)$/);
  await expect
    .poll(
      async () => {
        await meta.locator("[data-copy]").click();
        return copyAnswer.isVisible();
      },
      { timeout: 20_000, interval: 500 },
    )
    .toBe(true);
  await meta.getByLabel("Ad account ID").fill("act_120045678901234");
  await meta.getByRole("button", { name: "I've granted access" }).click();
  await step(client, "Meta ad account").getByText("Done, being checked").waitFor();

  // Tag Manager goes to a colleague, who completes it from the emailed link.
  const gtm = step(client, "Google Tag Manager");
  await gtm.getByText("Someone else has access? Forward this step").click();
  await gtm.getByLabel("Their name").fill("Dev");
  await gtm.getByLabel("Their work email").fill("dev@harbor.test");
  await gtm.getByRole("button", { name: "Send them this step" }).click();
  await step(client, "Google Tag Manager")
    .getByText(/A link to this step was sent to Dev \(dev@harbor.test\)/)
    .waitFor();

  const colleagueCtx = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const colleague = await colleagueCtx.newPage();
  const stepUrl = await readLinkFromMailbox(colleague, "dev@harbor.test", "/onboard/step");
  await colleague.goto(local(stepUrl));
  await colleague.getByRole("heading", { level: 1, name: "Hi Dev, one step for you" }).waitFor();
  expect(await colleague.locator("script").count()).toBe(1);
  // Only that step: nothing else of the link.
  expect(await colleague.getByRole("heading", { name: "Google Analytics 4" }).count()).toBe(0);
  expect(await colleague.getByText("312456789").count()).toBe(0);
  await colleague.getByLabel("Container ID").fill("GTM-ABC1234");
  await colleague.getByRole("button", { name: "I've granted access" }).click();
  await colleague.getByText("Thank you! We'll verify the access on our side.").waitFor();
  await colleague.screenshot({ path: `${shots}/onboarding-forwarded-step-390.png`, fullPage: true });
  await colleagueCtx.close();

  // The client signs the agreement and is done.
  await client.reload();
  await client.getByLabel("Type your full name to sign").fill("Mia Harbor");
  await client.getByLabel("I have read and accept the text above").check();
  await client.getByRole("button", { name: "Sign the agreement" }).click();
  await client.getByText("You're all done. Thank you!").waitFor();
  await client.getByText("4 of 4 steps done").first().waitFor();

  // The agency verifies two and rejects one with a reason.
  await admin.goto(agencyPage);
  await admin.getByText("Signed by Mia Harbor").waitFor();
  await admin.getByRole("button", { name: "Mark Meta ad account verified" }).click();
  await admin.getByText("Meta ad account verified.").waitFor();
  await admin.getByRole("button", { name: "Mark Google Analytics 4 verified" }).click();
  await admin.getByText("Google Analytics 4 verified.").waitFor();
  await admin.getByText("Reject Google Tag Manager…").click();
  // Each step has its own reject form (closed ones too): the one for Tag Manager.
  const rejectGtm = admin.locator("details", { hasText: "Reject Google Tag Manager…" });
  await rejectGtm.getByRole("button", { name: "Reject and email the client" }).click();
  await admin.getByText(/Give a reason the other side can read/).waitFor();
  await admin
    .locator("details", { hasText: "Reject Google Tag Manager…" })
    .getByLabel("What is wrong (the client reads this)")
    .fill("The container shows no user access@northwind.test yet: please add it with Publish.");
  await admin
    .locator("details", { hasText: "Reject Google Tag Manager…" })
    .getByRole("button", { name: "Reject and email the client" })
    .click();
  await admin.getByText(/Google Tag Manager rejected\. dev@harbor\.test was emailed/).waitFor();
  // Time to verified access, per platform step, on the link.
  expect(await admin.getByText(/after asking\)/).count()).toBe(2);
  await admin.screenshot({ path: `${shots}/onboarding-agency-link.png`, fullPage: true });

  // The client sees the reopened step with the reason.
  await client.goto(url);
  const reopened = step(client, "Google Tag Manager");
  await reopened.getByText("Needs a fix").waitFor();
  await reopened.getByText("The container shows no user access@northwind.test yet").waitFor();
  await client.getByText("3 of 4 steps done").first().waitFor();
  await client.evaluate(() => window.scrollTo(0, 0));
  await client.screenshot({ path: `${shots}/onboarding-client-1280.png`, fullPage: true });
  await client.setViewportSize({ width: 375, height: 812 });
  await client.goto(url);
  const width = await client.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(375);
  await client.screenshot({ path: `${shots}/onboarding-client-375.png`, fullPage: true });
  await clientCtx.close();

  // The list shows time to verified access per platform and the median across links.
  await admin.goto(`${server.url}/w/northwind/onboarding`);
  await admin.getByText("Median time to verified access").waitFor();
  const perPlatform = admin.getByRole("region", { name: "Time to verified access per platform" }).first();
  await perPlatform.getByRole("cell", { name: "Meta ad account" }).waitFor();
  await admin.screenshot({ path: `${shots}/onboarding-links.png`, fullPage: true });
}, 90_000);

it("works with JavaScript disabled: open (consumes nothing), fill a step, confirm, see progress", async () => {
  const { url, agencyPage } = await createLink("Quiet Client", { name: "Ola", email: "ola@quiet.test" }, ["Google Analytics 4"]);
  const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 812 } });
  const page = await ctx.newPage();
  await page.goto(url);
  await page.goto(url);
  await page.getByRole("heading", { level: 1, name: "Welcome, Ola" }).waitFor();
  await admin.goto(agencyPage);
  await admin.getByText("the client has not opened it").waitFor();

  await page.getByText("0 of 2 steps done").first().waitFor();
  await page.getByLabel("GA4 property ID").fill("G-XYZ98765");
  await page.getByRole("button", { name: "I've granted access" }).click();
  await page.getByText(/That is a measurement ID \(G-…\)/).waitFor();
  // The typed value is kept, and saved: a reload shows it again.
  expect(await page.getByLabel("GA4 property ID").inputValue()).toBe("G-XYZ98765");
  await page.goto(url);
  expect(await page.getByLabel("GA4 property ID").inputValue()).toBe("G-XYZ98765");
  await page.getByLabel("GA4 property ID").fill("987654321");
  await page.getByRole("button", { name: "I've granted access" }).click();
  await page.getByText("Thank you! We'll verify the access on our side.").waitFor();
  await page.getByText("1 of 2 steps done").first().waitFor();
  await page.screenshot({ path: `${shots}/onboarding-client-no-js-375.png`, fullPage: true });

  await admin.goto(agencyPage);
  await admin.getByText("Confirmed by client").first().waitFor();
  expect(await admin.getByText("the client has not opened it").count()).toBe(0);

  // Revoked: the page says so and names whom to contact (13).
  await admin.getByRole("button", { name: "Revoke the link" }).click();
  await admin.getByText("The link is revoked.").waitFor();
  const gone = await page.goto(url);
  expect(gone?.status()).toBe(410);
  await page.getByRole("heading", { level: 1, name: "This link was turned off" }).waitFor();
  await page
    .getByText(/Questions\? Contact Olivia Owner/)
    .first()
    .waitFor();
  await page.screenshot({ path: `${shots}/onboarding-link-revoked-375.png`, fullPage: true });
  await ctx.close();
}, 60_000);

it("questionnaire: one answer typed is saved and kept; only the field typed into shows a message", async () => {
  const story = "Small batch tea, blended in Cornwall since 2015.";
  const { url, agencyPage } = await createLink("Story Tea", { name: "Sam", email: "sam@story.test" }, ["Google Analytics 4"], {
    questionnaire: true,
  });
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const client = await ctx.newPage();
  await client.goto(url);
  const section = client.locator("#section-questionnaire");
  await section.getByLabel("Your brand story").fill(story);
  await section.getByText("Saved.").waitFor();
  // "Who you want to reach" is required, but untouched: no message, not marked invalid.
  expect(await section.getByLabel("Who you want to reach").getAttribute("aria-invalid")).toBeNull();
  expect(await section.getByText("Tell us who you want to reach.").count()).toBe(0);

  // A value the person did not type (a browser restoring the form sets it without events) is
  // refused by the server but not marked: the person's own answer is saved and said to be.
  const tone = section.getByLabel("Tone of voice (optional)");
  await tone.evaluate((el) => {
    el.removeAttribute("maxlength");
    (el as HTMLInputElement).value = "x".repeat(501);
  });
  const saved = client.waitForResponse((r) => r.url().endsWith("/autosave") && r.request().method() === "POST");
  await section.getByLabel("Who you want to reach").fill("Tea lovers in the UK.");
  expect((await saved).status()).toBe(400);
  await expect.poll(() => section.locator("[data-save-status]").textContent()).toBe("Saved.");
  expect(await tone.getAttribute("aria-invalid")).toBeNull();

  // A field the person did type into, with too much text, says so; the other answers stay saved.
  await tone.fill("y".repeat(501));
  await section.getByText("That is too long: at most 500 characters.").waitFor();
  await expect.poll(() => section.getByLabel("Tone of voice (optional)").getAttribute("aria-invalid")).toBe("true");
  expect(await section.getByLabel("Who you want to reach").getAttribute("aria-invalid")).toBeNull();

  await client.goto(url);
  expect(await client.locator("#section-questionnaire").getByLabel("Your brand story").inputValue()).toBe(story);
  expect(await client.locator("#section-questionnaire").getByLabel("Who you want to reach").inputValue()).toBe("Tea lovers in the UK.");
  await ctx.close();
  await admin.goto(agencyPage);
  await admin.getByText(story).waitFor();
}, 60_000);
