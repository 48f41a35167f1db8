import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openDatabase } from "../../db/client";
import { axeViolations } from "../support/axe";
import { launchBrowser, signInContext } from "../support/browser";
import { STUB_GOOGLE_EMAIL, STUB_META, startProviderStub, type ProviderStub } from "../support/provider-stub";
import { startServer, type RunningServer } from "../support/server";

/**
 * Issue 19 end to end in Chromium, the providers answered by a local stub (test/support/provider-stub.ts)
 * that the server reaches through GOOGLE_OAUTH_BASE_URL, GOOGLE_API_BASE_URL and META_GRAPH_BASE_URL.
 * The owner connects Google (OAuth with PKCE, through the stub's consent redirect) and Meta (a pasted
 * system-user token); a client with no account confirms GA4 and the Facebook Page on a new Lumen
 * link; the server's own worker verifies both from the platforms within a minute. Then the Page
 * leaves the agency's portfolio, the nightly check runs, and the ledger shows it lost with when it
 * was last seen, the alerts and the client's reopen email arrive in the local mailbox, and a Lumen
 * Facebook deliverable carries ACCESS_MISSING again.
 *
 * The nightly job runs at 03:00 UTC; the test brings that one pending job's due time forward in
 * the server's database (nothing else), and the server's worker runs it as it would at night. On
 * PostgreSQL the running server's clone is updated in place; embedded PGlite is one process's, so
 * there the server is stopped, the job moved in its data directory, and the server started again.
 */
const onPostgres = Boolean(process.env.BATON_TEST_TEMPLATE_URL);
const dataDir = onPostgres ? null : mkdtempSync(path.join(tmpdir(), "baton-access-e2e-"));
const shots = "test-results/screenshots";
const tag = Date.now().toString(36);
const GA4_PROPERTY = "398765432";
const PAGE_ID = "106600770088990";
const CLIENT = { name: "Priya", email: `priya.${tag}@lumen.test` };
const DELIVERABLE = `SPF 50 Facebook feed ad ${tag}`;

let stub: ProviderStub;
let server: RunningServer;
let browser: Browser;
let owner: Page;

const start = () => startServer({ env: stub.env, ...(dataDir ? { dataDir, usePglite: true } : {}) });

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  stub = await startProviderStub();
  // What the agency's portfolio already holds from the demo's earlier links, so the nightly check
  // finds those grants still there and only the Page this test removes goes missing.
  stub.meta.adAccounts.set("120045678901234", ["MANAGE", "ADVERTISE", "ANALYZE"]);
  stub.meta.adAccounts.set("120045678909876", ["ANALYZE"]);
  stub.meta.pixels.set("712345678901234", ["EDIT", "ANALYZE"]);
  stub.meta.pages.set("104567890123456", ["MANAGE"]);
  [server, browser] = await Promise.all([start(), launchBrowser()]);
  owner = (await signInContext(browser, server.url, "owner@northwind.test")).page;
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await stub?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const local = (url: string) => url.replace(/^https?:\/\/[^/]+/, server.url);

async function fits(page: Page, width: number, name: string) {
  await page.setViewportSize({ width, height: 900 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: `${shots}/access-checks-${name}-${width}.png`, fullPage: true });
}

/** The deliverable's ACCESS_MISSING warnings on the conflicts page. */
async function accessMissing(page: Page, title: string): Promise<number> {
  await page.goto(`${server.url}/w/northwind/conflicts`);
  await page.getByRole("heading", { name: "Conflicts", level: 1 }).waitFor();
  return page.locator('li[data-conflict="ACCESS_MISSING"]').filter({ hasText: title }).count();
}

/** The ledger row of one grant, found by its asset ID. */
const grantRow = (page: Page, assetId: string): Locator =>
  page.locator("tbody tr").filter({ has: page.locator("code", { hasText: new RegExp(`^${assetId}$`) }) });

/** Reloads the ledger until the grant's row says `text` (the server's worker runs the checks). */
async function untilRowSays(ledgerPath: string, assetId: string, text: string | RegExp, timeout = 60_000) {
  const started = Date.now();
  for (;;) {
    await owner.goto(`${server.url}${ledgerPath}`);
    if ((await grantRow(owner, assetId).getByText(text).count()) > 0) return;
    if (Date.now() - started > timeout)
      throw new Error(`the ledger row of ${assetId} never said ${String(text)}:\n${server.output().slice(-3000)}`);
    await owner.waitForTimeout(500);
  }
}

/** The newest mail to `to` whose subject holds `subject`: its page (the local mailbox lists newest first). */
async function mail(page: Page, to: string, subject: string): Promise<string> {
  for (let i = 0; i < 80; i++) {
    await page.goto(`${server.url}/dev/mail?to=${encodeURIComponent(to)}`);
    const item = page.locator("main a[href^='/dev/mail/']", { hasText: subject }).first();
    if ((await item.count()) > 0) {
      await item.click();
      await page.getByRole("heading", { name: subject }).first().waitFor();
      return (await page.content()).replace(/&amp;/g, "&");
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no mail "${subject}" to ${to}`);
}

/**
 * The nightly check's 03:00 brought forward: the one pending nightly job's due time set to now in
 * the server's database; the server's worker then runs it (see the file comment for PGlite).
 */
async function nightlyCheckDueNow() {
  const due = sql`UPDATE jobs SET run_at = now() WHERE kind = 'access-checks.nightly' AND status = 'pending' RETURNING id`;
  const moved = (result: unknown) => ((result as { rows?: unknown[] }).rows ?? (result as unknown[])).length;
  if (server.database) {
    expect(moved(await server.database.open.db.execute(due))).toBe(1);
    return;
  }
  await server.stop();
  const open = await openDatabase({ dataDir: dataDir! });
  try {
    expect(moved(await open.db.execute(due))).toBe(1);
  } finally {
    await open.close();
  }
  server = await start();
}

it("connects Google and Meta, verifies a client's GA4 and Page from the platforms, and the nightly check finds the Page gone", async () => {
  // A Facebook post of Lumen: the demo has no verified Lumen Page, so it warns from the start.
  await owner.goto(`${server.url}/w/northwind/campaigns`);
  await owner.getByRole("link", { name: "Lumen Summer Paid Push" }).first().click();
  await owner.waitForURL(/\/campaigns\/[0-9a-f]{32}/);
  const campaign = new URL(owner.url()).pathname.match(/^\/w\/northwind\/campaigns\/[0-9a-f]{32}/)![0];
  await owner.goto(`${server.url}${campaign}/deliverables/new`);
  await owner.getByLabel("Title").fill(DELIVERABLE);
  await owner.getByLabel("Channel").selectOption("facebook");
  await owner.getByRole("button", { name: "Create deliverable" }).click();
  await owner.waitForURL(/\/w\/northwind\/deliverables\/[0-9a-f]{32}$/);
  expect(await accessMissing(owner, DELIVERABLE)).toBe(1);

  // Google, posted with JavaScript off (the path the CSP's form-action governs): the consent page
  // (the stub) sends the owner straight back with a code; the stub checks the PKCE verifier.
  const settings = `${server.url}/w/northwind/settings/connections`;
  const plain = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  await plain.addCookies(await owner.context().cookies());
  const noJs = await plain.newPage();
  await noJs.goto(settings);
  await noJs.getByRole("button", { name: "Connect Google" }).click();
  await noJs.waitForURL(/\/settings\/connections\?connected=google/);
  await noJs.getByText("Google connected. Steps on Google platforms are now checked automatically.").waitFor();
  await plain.close();
  expect(stub.tokenGrants).toEqual(["authorization_code"]);
  expect(stub.seen).toContain("GET /oauth/o/oauth2/v2/auth");
  await owner.goto(settings);
  await owner.getByText(STUB_GOOGLE_EMAIL).waitFor();

  // Meta: the token is a password field the browser does not remember, tried on the Graph API first.
  const token = owner.getByLabel("System user access token");
  expect(await token.getAttribute("type")).toBe("password");
  expect(await token.getAttribute("autocomplete")).toBe("off");
  await owner.getByLabel("Business portfolio ID").fill(STUB_META.businessId);
  await token.fill(STUB_META.token);
  await owner.getByRole("button", { name: "Connect Meta" }).click();
  await owner.getByText(`Meta connected: ${STUB_META.businessName}.`).waitFor();
  await owner.goto(settings);
  // Both cards connected: each offers its disconnect, Meta names its portfolio.
  for (const name of ["Disconnect Google", "Disconnect Meta"]) await owner.getByRole("button", { name }).waitFor();
  await owner.getByText(STUB_META.businessName).waitFor();
  expect(await owner.content()).not.toContain(STUB_META.token);
  await fits(owner, 1280, "connections");
  await fits(owner, 375, "connections");
  await owner.setViewportSize({ width: 1280, height: 900 });

  // A link for Lumen asking for GA4 and the Facebook Page; the owner is its account manager.
  await owner.goto(`${server.url}/w/northwind/onboarding/new`);
  await owner.getByLabel("Brand", { exact: true }).selectOption({ label: "Lumen Skincare" });
  await owner.getByLabel("Contact's name").fill(CLIENT.name);
  await owner.getByLabel("Contact's email").fill(CLIENT.email);
  for (const name of ["Google Analytics 4", "Facebook Page"]) await owner.getByRole("checkbox", { name, exact: true }).check();
  for (const name of ["Contacts and approvers", "Questionnaire"]) await owner.getByRole("checkbox", { name }).setChecked(false);
  await owner.getByRole("button", { name: "Create link" }).click();
  await owner.getByRole("heading", { level: 1, name: "Link created" }).waitFor();
  const linkUrl = local(await owner.getByLabel("Onboarding link").inputValue());
  await owner.getByRole("link", { name: "Open the link's page" }).click();
  await owner.getByRole("link", { name: "Access ledger of Lumen Skincare" }).click();
  await owner.waitForURL(/\/brands\/[0-9a-f]{32}\/access$/);
  // A path: on PGlite the server comes back on another port after the nightly job is moved.
  const ledger = new URL(owner.url()).pathname;

  // The client grants both (the platforms now list them) and says so; no account, no session.
  stub.ga4.set(GA4_PROPERTY, ["predefinedRoles/editor"]);
  stub.meta.pages.set(PAGE_ID, ["MANAGE"]);
  const clientCtx = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const client = await clientCtx.newPage();
  await client.goto(linkUrl);
  // Confirmed, or already verified: the server's worker may check before the page is drawn again.
  const SAID = /^(Done, being checked|Verified)$/;
  const step = (name: string) =>
    client.locator("section[id^='step-']").filter({ has: client.getByRole("heading", { level: 3, name, exact: true }) });
  await step("Google Analytics 4").getByLabel("GA4 property ID").fill(GA4_PROPERTY);
  await step("Google Analytics 4").getByRole("button", { name: "I've granted access" }).click();
  await step("Google Analytics 4").getByText(SAID).waitFor();
  await step("Facebook Page").getByLabel("Page ID").fill(PAGE_ID);
  await step("Facebook Page").getByRole("button", { name: "I've granted access" }).click();
  await step("Facebook Page").getByText(SAID).waitFor();
  await clientCtx.close();

  // Both verified by the automatic check, read from the platforms, within a minute.
  const confirmedAt = Date.now();
  await untilRowSays(ledger, GA4_PROPERTY, "Automatic check: found");
  await untilRowSays(ledger, PAGE_ID, "Automatic check: found");
  expect(Date.now() - confirmedAt).toBeLessThan(60_000);
  for (const id of [GA4_PROPERTY, PAGE_ID]) {
    await grantRow(owner, id).getByText("Verified", { exact: true }).waitFor();
    // Verified by no person: the ledger says by whom.
    await grantRow(owner, id).getByText("Automatic check", { exact: true }).waitFor();
  }
  expect(stub.seen).toContain("GET /google/analyticsadmin/v1beta/accountSummaries");
  expect(stub.seen).toContain(`GET /graph/v25.0/${STUB_META.businessId}/client_pages`);
  expect(await accessMissing(owner, DELIVERABLE)).toBe(0);

  // The client removes the agency from the Page; the nightly check runs.
  stub.meta.pages.delete(PAGE_ID);
  await nightlyCheckDueNow();
  await untilRowSays(ledger, PAGE_ID, /Found gone/);
  const lost = grantRow(owner, PAGE_ID);
  await lost.getByText("Lost", { exact: true }).waitFor();
  await lost.getByText(/Found gone .*\. Last seen .*\. The client was sent a link that reopens just this step\./).waitFor();
  await lost.getByText(`Facebook Page ${PAGE_ID} is not among the assets the client shared`, { exact: false }).waitFor();
  // GA4 is still there: seen again, still verified; so is the demo's earlier Lumen ad account, which
  // the portfolio still holds (recorded as "act_…": the same account as its digits).
  for (const id of [GA4_PROPERTY, "act_120045678901234"]) {
    await untilRowSays(ledger, id, /^Last seen/);
    expect(await grantRow(owner, id).getByText("Verified", { exact: true }).count()).toBe(1);
  }
  expect(await owner.getByText("Lost", { exact: true }).count()).toBe(1);
  await fits(owner, 1280, "ledger");
  await fits(owner, 375, "ledger");

  // The account manager and the coordinator are alerted; the client gets a link to just this step.
  const inbox = await (await browser.newContext()).newPage();
  for (const to of ["owner@northwind.test", "coordinator@northwind.test"]) {
    const alert = await mail(inbox, to, "Facebook Page access for Lumen Skincare is gone");
    expect(alert).toContain(PAGE_ID);
    // Once: the loss is announced in the transaction that marked it lost.
    await inbox.goto(`${server.url}/dev/mail?to=${encodeURIComponent(to)}`);
    expect(await inbox.locator("main a[href^='/dev/mail/']", { hasText: "access for Lumen Skincare is gone" }).count()).toBe(1);
  }
  const reopen = await mail(inbox, CLIENT.email, "Northwind Studio lost its Facebook Page access");
  const stepLink = reopen.match(/https?:\/\/[^"'\s<]+\/onboard\/step\/[A-Za-z0-9_-]+/)?.[0];
  expect(stepLink).toBeTruthy();
  await inbox.goto(local(stepLink!));
  await inbox.getByRole("heading", { name: "Facebook Page" }).first().waitFor();
  await inbox.getByText("Access lost, grant again").first().waitFor();
  expect(await inbox.getByRole("heading", { name: "Google Analytics 4" }).count()).toBe(0);

  // And Lumen's Facebook post warns again.
  expect(await accessMissing(owner, DELIVERABLE)).toBe(1);
}, 150_000);
