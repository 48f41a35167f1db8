import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchBrowser } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;
let browser: Browser;
const shots = "test-results/screenshots";

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  [server, browser] = await Promise.all([startServer({ env: { SEED_DEMO: "false" } }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function readLinkFromMailbox(page: Page, to: string, pathPrefix: string): Promise<string> {
  // The worker sends within a second when idle; give a loaded CI machine (the whole suite in parallel) up to 45 s.
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    await page.goto(`${server.url}/dev/mail?to=${encodeURIComponent(to)}`);
    const link = page.locator("main a[href^='/dev/mail/']").first();
    if ((await link.count()) > 0) {
      await link.click();
      const html = await page.content();
      const match = html.match(new RegExp(`https?://[^"'\\s<]+${pathPrefix}/[A-Za-z0-9_-]+`));
      if (match) return match[0].replace(/&amp;/g, "&");
    }
    await page.waitForTimeout(200);
  }
  throw new Error(`no email with ${pathPrefix} for ${to}`);
}

/** Sign-up starts no session: the link in the verification email does, after its confirm button. */
async function confirmFromMailbox(page: Page, to: string) {
  await page.getByText("Check your inbox").waitFor();
  const url = await readLinkFromMailbox(page, to, "/verify-email");
  await page.goto(url.replace(/^https?:\/\/[^/]+/, server.url));
  await page.getByRole("button", { name: "Confirm my email" }).click();
}

it("signs up, creates a workspace, invites a member who accepts from the local mailbox and sees only what the role allows", async () => {
  const owner = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await owner.newPage();
  await page.goto(`${server.url}/signup`);
  await page.getByLabel("Your name").fill("Olivia Owner");
  await page.getByLabel("Work email").fill("olivia@acme.test");
  await page.getByLabel("Password").fill("a long passphrase");
  await page.getByRole("button", { name: "Create account" }).click();
  await confirmFromMailbox(page, "olivia@acme.test");
  await page.waitForURL("**/workspaces/new");

  await page.getByLabel("Workspace name").fill("Acme Partners");
  await page.getByLabel("Web address").fill("acme");
  await page.getByRole("button", { name: "Create workspace" }).click();
  await page.waitForURL("**/w/acme");
  await page.getByRole("heading", { level: 1, name: /Olivia/ }).waitFor();

  await page.goto(`${server.url}/w/acme/members`);
  await page.locator("input[name=email]").first().fill("carla@acme.test");
  await page.locator("select[name=role]").first().selectOption("coordinator");
  await page
    .getByRole("button", { name: /send invitation|invite/i })
    .first()
    .click();
  await page.getByText("carla@acme.test").first().waitFor();
  await page.screenshot({ path: `${shots}/members.png`, fullPage: true });

  const inviteUrl = await readLinkFromMailbox(page, "carla@acme.test", "/invite");
  const invitee = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const p2 = await invitee.newPage();
  await p2.goto(inviteUrl.replace(/^https?:\/\/[^/]+/, server.url));
  await p2.getByRole("heading", { level: 1, name: "Join Acme Partners" }).waitFor();
  await p2.getByRole("link", { name: /Create an account/ }).click();
  await p2.getByLabel("Your name").fill("Carla Coordinator");
  await p2.getByLabel("Work email").fill("carla@acme.test");
  await p2.getByLabel("Password").fill("another passphrase");
  await p2.getByRole("button", { name: "Create account" }).click();
  await confirmFromMailbox(p2, "carla@acme.test");
  await p2.waitForURL("**/invite/**");
  await p2.getByRole("button", { name: "Accept invitation" }).click();
  await p2.waitForURL("**/w/acme");
  await p2.getByRole("heading", { level: 1, name: /Carla/ }).waitFor();

  // The coordinator's menu has no admin pages, and those pages answer 404.
  await p2.locator("header summary").first().click();
  await p2.getByRole("link", { name: "Home" }).first().waitFor();
  expect(await p2.getByRole("link", { name: "Members" }).count()).toBe(0);
  expect(await p2.getByRole("link", { name: "Settings" }).count()).toBe(0);
  const settings = await p2.goto(`${server.url}/w/acme/settings`);
  expect(settings?.status()).toBe(404);
  const members = await p2.goto(`${server.url}/w/acme/members`);
  expect(members?.status()).toBe(404);
  await p2.goto(`${server.url}/w/acme`);
  await p2.screenshot({ path: `${shots}/coordinator-home-phone.png`, fullPage: true });

  await invitee.close();
  await owner.close();
}, 120_000);
