import { mkdirSync } from "node:fs";
import { crc32, deflateSync } from "node:zlib";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { axeViolations } from "../support/axe";
import { launchBrowser, signInContext } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

/**
 * Pins on images (issue 18 part 2, decision 058) in Chromium, on the demo workspace: the reviewer
 * (the operator's coordinator on the default route) pins two comments by clicking the creator's
 * photo; the creator sees two numbered markers and submits version 2, which starts with none and
 * lists the two as history; then the reviewer pins a comment on version 2 with the keyboard only
 * (a reload on the way brings back what was typed, and posting forgets it).
 */
let server: RunningServer;
let browser: Browser;
const shots = "test-results/screenshots";
const TITLE = `Pins e2e ${Date.now().toString(36)}`;
const LINK = "https://lumen.example/glow?utm_source=instagram&utm_medium=influencer&utm_campaign=lumen_glow_pins";

/** A 600×400 PNG: a warm gradient, so the markers sit on a picture like a real photo. */
function photo(shift: number): Buffer {
  const [w, h] = [600, 400];
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const o = y * (w * 3 + 1) + 1 + x * 3;
      raw[o] = 200 + Math.round((x / w) * 55);
      raw[o + 1] = 120 + Math.round((y / h) * 100) - shift;
      raw[o + 2] = 90 + Math.round(((w - x) / w) * 80);
    }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const signIn = (email: string, width = 1280) => signInContext(browser, server.url, email, { width });
const markers = (page: Page) => page.locator("ul[aria-label='Media'] a[data-pin]");

/** The image's box once its pixels are in: before that its height is not the picture's, and a click lands elsewhere. */
async function loadedBox(image: ReturnType<Page["locator"]>) {
  await image
    .locator("img")
    .evaluate((img: HTMLImageElement) =>
      img.complete && img.naturalWidth > 0 ? null : new Promise((resolve) => img.addEventListener("load", resolve, { once: true })),
    );
  return (await image.boundingBox())!;
}

async function addComment(page: Page, text: string, version: number) {
  await page.getByLabel(`Comment on v${version}`).fill(text);
  await page.getByRole("button", { name: "Add comment" }).click();
  await page.getByText("Comment added.").waitFor();
  await page.getByText(text).first().waitFor();
}

it("a reviewer pins two comments by clicking; the creator sees them and submits v2, which starts clean; the keyboard adds a pin", async () => {
  const coordinator = await signIn("coordinator@northwind.test");
  const cp = coordinator.page;
  await cp.goto(`${server.url}/w/northwind/campaigns`);
  await cp.getByRole("link", { name: "Lumen Glow Launch" }).first().click();
  await cp.waitForURL(/\/campaigns\/[0-9a-f]{32}/);
  const campaignPath = new URL(cp.url()).pathname.match(/^\/w\/northwind\/campaigns\/[0-9a-f]{32}/)![0];
  await cp.goto(`${server.url}${campaignPath}/deliverables/new`);
  await cp.getByLabel("Title").fill(TITLE);
  await cp.getByLabel("Channel").selectOption("instagram");
  await cp.getByLabel("Creator").selectOption({ label: "Maya Chen (@mayamakes)" });
  await cp.getByRole("button", { name: "Create deliverable" }).click();
  await cp.waitForURL(/\/w\/northwind\/deliverables\/[0-9a-f]{32}$/);
  const path = new URL(cp.url()).pathname;

  // The creator submits version 1 with a photo.
  const creator = await signIn("creator@studio.test", 375);
  const mp = creator.page;
  await mp.goto(`${server.url}${path}`);
  await mp.getByLabel("The caption").fill("Lumen Glow Serum: real skin, real glow. #ad");
  await mp.getByLabel("Link").fill(LINK);
  await mp.locator("input[type=file]").setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: photo(0) });
  await mp.getByText("Uploaded", { exact: true }).waitFor();
  await mp.getByRole("button", { name: "Submit for review" }).click();
  await mp.getByText("Version 1 submitted").waitFor();

  // The reviewer clicks two spots of the photo and comments on each.
  await cp.goto(`${server.url}${path}`);
  const image = cp.getByRole("button", { name: "Pin your comment to a spot on photo.png" });
  const box = await loadedBox(image);
  await image.click({ position: { x: box.width * 0.85, y: box.height * 0.15 } });
  await cp.locator("[data-picked]").waitFor();
  expect(await cp.getByLabel("Pin to").locator("option:checked").innerText()).toBe("The spot you clicked: top right of photo.png");
  await addComment(cp, "The logo is too small up here.", 1);
  await expect.poll(() => cp.locator("[data-picked]").count()).toBe(0);
  await image.click({ position: { x: box.width * 0.2, y: box.height * 0.8 } });
  await addComment(cp, "Crop the hand out of this corner.", 1);
  expect(await markers(cp).evaluateAll((as) => as.map((a) => a.getAttribute("aria-label")))).toEqual([
    "Pin 1, top right of photo.png",
    "Pin 2, bottom left of photo.png",
  ]);
  await cp.screenshot({ path: `${shots}/pins-reviewer-1280.png`, fullPage: true });
  expect(await axeViolations(cp)).toEqual([]);

  // The creator sees both markers where they were put, and each list entry says its number and region.
  await mp.goto(`${server.url}${path}`);
  await expect.poll(() => markers(mp).count()).toBe(2);
  const first = mp.getByRole("link", { name: "Pin 1, top right of photo.png" });
  const [img, pin] = [(await mp.locator("img[alt='photo.png']").boundingBox())!, (await first.boundingBox())!];
  expect(Math.abs(pin.x + pin.width / 2 - (img.x + img.width * 0.85))).toBeLessThan(3);
  expect(Math.abs(pin.y + pin.height / 2 - (img.y + img.height * 0.15))).toBeLessThan(3);
  expect(await mp.locator("li[id^='comment-']", { hasText: "Crop the hand" }).innerText()).toContain("bottom left of photo.png");
  await mp.screenshot({ path: `${shots}/pins-creator-375.png`, fullPage: true });
  expect(await axeViolations(mp)).toEqual([]);

  // The creator fixes the draft: version 2 has no markers and lists version 1's pins as history.
  await mp.getByLabel("The caption").fill("Lumen Glow Serum, up close: real skin, real glow. #ad");
  await mp.locator("input[type=file]").setInputFiles({ name: "photo-2.png", mimeType: "image/png", buffer: photo(40) });
  await mp.getByText("Uploaded", { exact: true }).waitFor();
  await mp.getByRole("button", { name: "Submit version 2" }).click();
  await mp.getByText("Version 2 submitted").waitFor();
  await mp.getByRole("heading", { name: "Version 2 (current)" }).waitFor();
  expect(await markers(mp).count()).toBe(0);
  const history = mp.locator("details", { hasText: "Pins on version 1 (history, 2)" });
  await history.locator("summary").click();
  expect(await history.innerText()).toContain("The logo is too small up here.");
  expect(await history.innerText()).toContain("Crop the hand out of this corner.");

  // The reviewer pins a comment on version 2 with the keyboard alone: Tab to the list, arrows, Tab, Enter.
  await cp.goto(`${server.url}${path}`);
  await cp.getByLabel("Comment on v2").focus();
  await cp.keyboard.type("Better. Brighten the top right a touch.");
  // Nothing typed is lost: a reload (a closed tab) brings the unsent comment back, said so.
  await cp.waitForTimeout(500);
  await cp.reload();
  await expect.poll(() => cp.getByLabel("Comment on v2").inputValue()).toBe("Better. Brighten the top right a touch.");
  await cp.getByText("Restored what you had typed here before; it is not posted yet.").waitFor();
  await cp.getByLabel("Comment on v2").focus();
  await cp.keyboard.press("Tab");
  expect(await cp.evaluate(() => document.activeElement?.id)).toBe("comment-pin");
  for (let i = 0; i < 3; i++) await cp.keyboard.press("ArrowDown");
  expect(await cp.getByLabel("Pin to").locator("option:checked").innerText()).toBe("top right of photo-2.png");
  await cp.keyboard.press("Tab"); // Clear pin
  await cp.keyboard.press("Tab"); // Internal
  await cp.keyboard.press("Tab"); // Add comment
  await cp.keyboard.press("Enter");
  await cp.getByText("Comment added.").waitFor();
  await cp.getByRole("link", { name: "Pin 1, top right of photo-2.png" }).waitFor();
  expect(await markers(cp).count()).toBe(1);
  // Once posted, the kept draft is gone: the box starts empty after a reload.
  await cp.reload();
  expect(await cp.getByLabel("Comment on v2").inputValue()).toBe("");

  // An internal pin: drawn apart (dashed, amber) for the team, numbered after the public one.
  const image2 = cp.getByRole("button", { name: "Pin your comment to a spot on photo-2.png" });
  const box2 = await loadedBox(image2);
  await image2.click({ position: { x: box2.width * 0.15, y: box2.height * 0.15 } });
  await cp.getByLabel("Internal: only the agency team sees it").check();
  await addComment(cp, "Team only: ask Lena about the crop.", 2);
  await cp.getByRole("link", { name: "Internal pin 2, top left of photo-2.png" }).waitFor();
  await cp.screenshot({ path: `${shots}/pins-v2-1280.png`, fullPage: true });
  expect(await axeViolations(cp)).toEqual([]);

  // The reviewer approves; the brand lead's decision link shows the public pin only, numbered 1.
  await cp.getByRole("button", { name: "Approve v2" }).click();
  await cp.getByText("Approved. The next stage has been told.").waitFor();
  const link = await decisionLinkFromMail(mp, "lead@lumen.test", `submitted v2 of ${TITLE}`);
  for (const width of [375, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const lp = await context.newPage();
    expect((await lp.goto(link))?.status()).toBe(200);
    expect(await markers(lp).evaluateAll((as) => as.map((a) => a.getAttribute("aria-label")))).toEqual(["Pin 1, top right of photo-2.png"]);
    expect(await lp.content()).not.toContain("Team only");
    await lp.screenshot({ path: `${shots}/pins-decision-link-${width}.png`, fullPage: true });
    expect(await axeViolations(lp)).toEqual([]);
    await context.close();
  }
}, 120_000);

/** The decision link in the newest mail to `to` whose subject names `text` (the local mailbox lists newest first). */
async function decisionLinkFromMail(page: Page, to: string, text: string): Promise<string> {
  for (let i = 0; i < 80; i++) {
    await page.goto(`${server.url}/dev/mail?to=${encodeURIComponent(to)}`);
    const mail = page.locator("main a[href^='/dev/mail/']", { hasText: text }).first();
    if ((await mail.count()) > 0) {
      await mail.click();
      const match = (await page.content()).match(/https?:\/\/[^"'\s<]+\/d\/[A-Za-z0-9_-]{40,}/);
      if (match) return match[0].replace(/^https?:\/\/[^/]+/, server.url);
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no mail "${text}" with a decision link to ${to}`);
}
