import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { draftComments, files } from "@db/schema";
import { decide } from "~/modules/approvals/decide.server";
import { deliverablePage } from "~/modules/approvals/deliverable-page.server";
import { submitVersion } from "~/modules/approvals/submit.server";
import { useTestDatabase } from "../../support/db";
import { call, jsonOf, makeRequest, sessionCookie } from "../../support/http";
import { buildWorld, type World } from "../../support/world";
import { linkTokenFor, openLinkPage } from "./decision-link-fixtures";
import { campaignFixture, ctxOf, GOOD_COPY, GOOD_LINK, submittedDeliverable } from "./fixtures";

/**
 * Pins on images (issue 18 part 2, decision 058), through the deliverable page's action and
 * loader and the decision-link page: a pin is stored only on an image of its version and inside
 * it; each reader's pins are numbered over the comments that reader sees, so internal pins leave
 * no gap for a creator; a new version starts with none and lists the old ones as history.
 */
const t = useTestDatabase();
let world: World;
let id: string;
const img = { photo: "", pdf: "", photo2: "" };
const SECRET = "INTERNAL-PIN-51c2: the logo is cropped";

async function post(form: Record<string, string | string[]>, who: keyof World["users"] = "agencyMember") {
  const { action } = await import("~/routes/w.$workspace.deliverables.$deliverableId");
  return call(action, makeRequest(`/w/${world.a.slug}/deliverables/${id}`, { form, cookie: await sessionCookie(world.users[who].id) }), {
    workspace: world.a.slug,
    deliverableId: id,
  });
}
const comment = (pin: string, body: string, extra: Record<string, string> = {}) =>
  post({ intent: "comment", version: "1", body, pin, ...extra });

async function fileRow(name: string, mimeType: string) {
  const [row] = await t.db
    .insert(files)
    .values({
      workspaceId: world.a.id,
      storageKey: `${name}.bin`,
      driver: "local",
      originalName: name,
      mimeType,
      size: 10,
      purpose: "draft_media",
      uploadedBy: world.users.creator.id,
    })
    .returning();
  return row.id;
}

const pageFor = async (who: keyof World["users"]) => (await deliverablePage(await ctxOf(world, who), id, {}))!;
const v = (page: Awaited<ReturnType<typeof pageFor>>, n: number) => page.versions.find((x) => x.version === n)!;
const storedBodies = async () => (await t.db.select().from(draftComments)).map((c) => c.body);

beforeAll(async () => {
  world = await buildWorld(t.db);
  const campaign = await campaignFixture(t.db, world);
  id = await submittedDeliverable(world, campaign, { submit: false });
  img.photo = await fileRow("photo.png", "image/png");
  img.pdf = await fileRow("brief.pdf", "application/pdf");
  img.photo2 = await fileRow("photo-2.png", "image/png");
  const creator = await ctxOf(world, "creator");
  const submitted = await submitVersion(creator, {
    ...{ deliverableId: id, copy: GOOD_COPY, title: null, link: GOOD_LINK },
    ...{ mediaFileIds: [img.photo, img.pdf], basedOnVersion: 0 },
  });
  expect(submitted.ok).toBe(true);
  // The agency's reviewer: a pin top right, an internal pin in the centre, a plain comment, a pin bottom left.
  expect((await comment(`${img.photo}:9000:1000`, "Logo is too small here.")).status).toBe(200);
  expect((await comment(`${img.photo}:5000:5000`, SECRET, { internal: "on" })).status).toBe(200);
  expect((await comment("", "Love the colours.")).status).toBe(200);
  expect((await comment(`${img.photo}:1667:8333`, "Crop the hand out.")).status).toBe(200);
});

describe("a pinned comment", () => {
  it("is stored with its spot and numbered 1..n for the team, internal pins included", async () => {
    const pins = v(await pageFor("coordinator"), 1).comments.map((c) => c.pin && [c.pin.number, c.pin.name, c.internal]);
    expect(pins).toEqual([
      [1, "Pin 1, top right of photo.png", false],
      [2, "Pin 2, centre of photo.png", true],
      null,
      [3, "Pin 3, bottom left of photo.png", false],
    ]);
  });

  it.each(["creator", "brandLead"] as const)("is numbered for the %s over what they see: no gap, no internal pin", async (who) => {
    const page = await pageFor(who);
    expect(JSON.stringify(page)).not.toContain("INTERNAL-PIN");
    expect(v(page, 1).comments.map((c) => c.pin?.name ?? null)).toEqual([
      "Pin 1, top right of photo.png",
      null,
      "Pin 2, bottom left of photo.png",
    ]);
  });

  it("is refused with 400 and a message by the pin field on a file that is not an image of the version", async () => {
    const before = await storedBodies();
    for (const fileId of [img.pdf, img.photo2, "f".repeat(32)]) {
      const res = await comment(`${fileId}:100:100`, "Here?");
      expect(res.status).toBe(400);
      const data = await jsonOf<{ errors: Record<string, string[]> }>(res);
      expect(data.errors.pin?.[0]).toMatch(/image of this version/);
    }
    expect(await storedBodies()).toEqual(before);
  });

  it("is refused with 400 for a spot outside the image, NaN, a NUL byte, a repeated or half-filled field", async () => {
    const before = await storedBodies();
    for (const pin of [
      `${img.photo}:10001:5`,
      `${img.photo}:5:99999`,
      `${img.photo}:NaN:5`,
      `${img.photo}:-1:5`,
      `${img.photo}\u0000:5:5`,
      `${img.photo}:5`,
      "on",
    ]) {
      const res = await comment(pin, "Here?");
      expect(res.status, pin).toBe(400);
      expect(JSON.stringify(await jsonOf(res))).toMatch(/inside the image|Pin to/);
    }
    const repeated = await post({ intent: "comment", version: "1", body: "Here?", pin: [`${img.photo}:1:1`, `${img.photo}:2:2`] });
    expect(repeated.status).toBe(400);
    expect(await storedBodies()).toEqual(before);
  });

  it("is drawn on the decision-link page without the internal ones, numbered as the lead sees them", async () => {
    const approved = await decide(await ctxOf(world, "agencyMember"), {
      deliverableId: id,
      version: 1,
      decision: "approve",
      comment: null,
    });
    expect(approved.ok).toBe(true);
    const res = await openLinkPage(await linkTokenFor(t.db, id, world.users.brandLead.email));
    expect(res.status).toBe(200);
    const data = await jsonOf<{ page: { version: { comments: { body: string; pin: { name: string } | null }[] } } }>(res);
    expect(JSON.stringify(data)).not.toContain("INTERNAL-PIN");
    expect(data.page.version.comments.map((c) => [c.body, c.pin?.name ?? null])).toEqual([
      ["Logo is too small here.", "Pin 1, top right of photo.png"],
      ["Love the colours.", null],
      ["Crop the hand out.", "Pin 2, bottom left of photo.png"],
    ]);
  });
});

describe("a new version", () => {
  it("starts with no pins, keeps version 1's as history, and refuses a pin on version 1's image", async () => {
    const changes = await decide(await ctxOf(world, "brandLead"), {
      deliverableId: id,
      version: 1,
      decision: "request_changes",
      comment: "Fix the crop.",
    });
    expect(changes.ok).toBe(true);
    const creator = await ctxOf(world, "creator");
    const submitted = await submitVersion(creator, {
      ...{ deliverableId: id, copy: GOOD_COPY, title: null, link: GOOD_LINK },
      ...{ mediaFileIds: [img.photo2], basedOnVersion: 1 },
    });
    expect(submitted.ok).toBe(true);
    const page = await pageFor("creator");
    expect(page.viewed?.version).toBe(2);
    expect(page.viewed?.comments).toEqual([]);
    expect(
      v(page, 1)
        .comments.filter((c) => c.pin)
        .map((c) => c.pin!.name),
    ).toEqual(["Pin 1, top right of photo.png", "Pin 2, bottom left of photo.png"]);

    const old = await post({ intent: "comment", version: "2", body: "Still cropped?", pin: `${img.photo}:100:100` });
    expect(old.status).toBe(400);
    const fresh = await post({ intent: "comment", version: "2", body: "Better.", pin: `${img.photo2}:100:100` });
    expect(fresh.status).toBe(200);
    const [row] = await t.db.select().from(draftComments).where(eq(draftComments.body, "Better."));
    expect(row).toMatchObject({ pinFileId: img.photo2, pinX: 100, pinY: 100 });
    expect(v(await pageFor("creator"), 2).comments.map((c) => c.pin?.number)).toEqual([1]);
  });
});
