import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { axeViolations } from "../support/axe";
import { launchBrowser, signInContext } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

/**
 * Issue 20 part 2 end to end in Chromium: an admin defines a platform Baton does not know, sends a
 * link with it; the client (no account) enters a wrong then a right ID; the agency verifies by
 * hand; the admin edits the platform, and the sent link still shows the steps it was sent with.
 * Screenshots of the settings page and the client's step at 375 and 1280 px, axe on both.
 */
let server: RunningServer;
let browser: Browser;
let admin: Page;
const shots = "test-results/screenshots";
const local = (url: string) => url.replace(/^https?:\/\/[^/]+/, server.url);

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  admin = (await signInContext(browser, server.url, "owner@northwind.test", { width: 1280 })).page;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const step = (page: Page, name: string) =>
  page.locator("section[id^='step-']").filter({ has: page.getByRole("heading", { level: 3, name, exact: true }) });

async function shoot(page: Page, label: string) {
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${shots}/custom-platform-${label}-${width}.png`, fullPage: true });
    expect(await axeViolations(page), `${label} at ${width}`).toEqual([]);
  }
}

it("create a platform, send it, wrong then right ID, verify by hand; an edit leaves the sent link as it was", async () => {
  // The admin defines the platform; a bad pattern is refused next to its field and nothing typed is lost.
  await admin.goto(`${server.url}/w/northwind/settings/platforms/new`);
  await admin.getByLabel("Name").fill("Pinterest Ads");
  await admin.getByLabel("Your account to share").fill("ads@northwind.test");
  await admin.getByLabel("Steps in English").fill("1. Open Business settings > Partners.\n2. Add {agencyId} with the {role} role.");
  await admin.getByLabel("Label").fill("Ad account ID");
  await admin.getByLabel("Pattern").fill("(\\d+)+");
  await admin.getByLabel("Example of a right ID").fill("549755813888");
  await admin.getByLabel("Message for a wrong ID").fill("An ad account ID is 12 digits: Business settings > Ad accounts.");
  await admin.getByLabel("Roles").fill("Analyst\nAdmin");
  await admin.getByRole("checkbox", { name: "Paid social" }).check();
  await admin.getByRole("button", { name: "Create platform" }).click();
  await admin
    .getByText(/A repeated group holds another repeat/)
    .first()
    .waitFor();
  expect(await admin.getByLabel("Your account to share").inputValue()).toBe("ads@northwind.test");
  await admin.getByLabel("Pattern").fill("\\d{12}");
  await admin.getByRole("button", { name: "Create platform" }).click();
  await admin.getByText("Platform created as version 1.").waitFor();
  await shoot(admin, "settings");

  // The new-link form offers it; the Paid social preset ticks it.
  await admin.goto(`${server.url}/w/northwind/onboarding/new?serviceType=paid_social`);
  await admin.getByLabel("New client's name").fill("Harbor Tea");
  await admin.getByLabel("Contact's name").fill("Mia");
  await admin.getByLabel("Contact's email").fill("mia@harbor.test");
  expect(await admin.getByRole("checkbox", { name: "Pinterest Ads", exact: true }).isChecked()).toBe(true);
  // Only the custom platform, so the client's page is about it.
  const ticked = await admin
    .locator("input[type=checkbox][name^='platform_']:checked")
    .evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).name));
  for (const name of ticked) if (name !== "platform_custom:pinterest-ads") await admin.locator(`input[name='${name}']`).uncheck();
  await admin.getByRole("checkbox", { name: "Contacts and approvers" }).uncheck();
  await admin.getByRole("checkbox", { name: "Questionnaire" }).uncheck();
  await admin.getByRole("checkbox", { name: "Agreement" }).uncheck();
  await admin.getByRole("button", { name: "Create link" }).click();
  await admin.getByRole("heading", { level: 1, name: "Link created" }).waitFor();
  const url = local(await admin.getByLabel("Onboarding link").inputValue());
  await admin.getByRole("link", { name: "Open the link's page" }).click();
  await admin.getByRole("heading", { level: 1, name: "Harbor Tea" }).waitFor();
  const agencyPage = admin.url();

  // The client, with no account: the steps, our account to copy, a wrong then a right ID.
  const clientCtx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const client = await clientCtx.newPage();
  expect((await client.goto(url))?.status()).toBe(200);
  const pin = step(client, "Pinterest Ads");
  await pin.getByText("Add ads@northwind.test with the Analyst role.").waitFor();
  await shoot(client, "client-step");
  await client.setViewportSize({ width: 1280, height: 900 });
  await pin.getByLabel("Ad account ID").fill("12345");
  await pin.getByRole("button", { name: "I've granted access" }).click();
  await step(client, "Pinterest Ads").getByText("An ad account ID is 12 digits: Business settings > Ad accounts.").first().waitFor();
  await step(client, "Pinterest Ads").getByLabel("Ad account ID").fill("549755813888");
  await step(client, "Pinterest Ads").getByRole("button", { name: "I've granted access" }).click();
  await step(client, "Pinterest Ads").getByText("Thank you! We'll verify the access on our side.").waitFor();

  // The agency checks in Pinterest itself, then marks it verified by hand.
  await admin.goto(agencyPage);
  await admin.getByText("549755813888").first().waitFor();
  await admin.getByRole("button", { name: /^Mark Pinterest Ads .*verified$/ }).click();
  await admin.getByText("Pinterest Ads verified.").waitFor();

  // The admin rewrites the steps: version 2. The sent link keeps version 1's.
  await admin.goto(`${server.url}/w/northwind/settings/platforms`);
  await admin.getByRole("link", { name: "Pinterest Ads" }).click();
  await admin.getByLabel("Steps in English").fill("1. A completely different flow.");
  await admin.getByRole("button", { name: "Save as version 2" }).click();
  await admin.getByText("Saved as version 2. Links already sent keep their version.").waitFor();
  await client.goto(url);
  await client.getByText("Verified").first().waitFor();
  const html = await client.content();
  expect(html).not.toContain("A completely different flow.");
  await clientCtx.close();
}, 240_000);
