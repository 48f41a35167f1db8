import { and, count, eq } from "drizzle-orm";
import { DateTime } from "luxon";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, brands, campaignCreators, campaigns, conflictAcknowledgments, conflictWaivers, deliverables } from "@db/schema";
import { addMember, createBrand, createUser } from "../../../db/factories";
import { useTestDatabase } from "../../support/db";
import { call, makeRequest, sessionCookie } from "../../support/http";
import { buildWorld, type World } from "../../support/world";

/**
 * Issue 21 part 2 through real requests: the conflicts page grouped by rule and brand, "Acknowledge
 * all N" for a group, the nearest clearing times and their confirm step, a move through it (the
 * reschedule service, audited), and exclusivity waivers by the right brand lead only, with the
 * competing brand never named to a brand lead in any response.
 */
const t = useTestDatabase();
let world: World;
const cookie = {} as Record<"coordinator" | "brandLead" | "rivalLead" | "clientContact" | "agencyMember", string>;
let ids: { dA: string; dB: string; dZ: string; brandZ: string };
let path: (p: string) => string;

const conflictsRoute = () => import("~/routes/w.$workspace.conflicts");
const exclusivityRoute = () => import("~/routes/w.$workspace.exclusivity");
const deliverableRoute = () => import("~/routes/w.$workspace.deliverables.$deliverableId");

type Row = {
  key: string;
  code: string;
  waivers: string[];
  waived: boolean;
  objects: { id: string; suggestions: { at: string; url: string }[] }[];
};
type Rule = {
  code: string;
  open: number;
  brands: { brandId: string; brandName: string; openTotal: number; open: Row[]; settled: Row[] }[];
};

async function get(load: () => Promise<{ loader: (a: never) => unknown }>, url: string, who: keyof typeof cookie, params = {}) {
  const { loader } = await load();
  return call(loader as never, makeRequest(url, { cookie: cookie[who] }), { workspace: world.a.slug, ...params });
}
async function post(
  load: () => Promise<{ action: (a: never) => unknown }>,
  url: string,
  who: keyof typeof cookie,
  form: Record<string, string>,
) {
  const { action } = await load();
  return call(action as never, makeRequest(url, { cookie: cookie[who], form }), { workspace: world.a.slug });
}
async function page(query = "") {
  const res = await get(conflictsRoute, `${path("/conflicts")}${query}`, "coordinator");
  expect(res.status).toBe(200);
  return (await res.json()) as { rules: Rule[]; preview: Record<string, unknown> | null };
}
const rows = (rules: Rule[], code: string) => rules.filter((r) => r.code === code).flatMap((r) => r.brands.flatMap((b) => b.open));

beforeAll(async () => {
  world = await buildWorld(t.db);
  const brandZ = await createBrand(t.db, world.a.id, { name: "Zephyr Rival Cosmetics", category: "skincare" });
  const rival = await createUser(t.db, { name: "Rival Lead", email: "rival-lead@example.test" });
  await addMember(t.db, world.a.id, rival.id, "brand_lead", { brandId: brandZ.id });
  for (const who of ["coordinator", "brandLead", "clientContact", "agencyMember"] as const)
    cookie[who] = await sessionCookie(world.users[who].id);
  cookie.rivalLead = await sessionCookie(rival.id);
  path = (p) => `/w/${world.a.slug}${p}`;
  const day = DateTime.utc().startOf("day");
  const publish = day.plus({ days: 10 }).set({ hour: 12 });
  const mk = async (brandId: string, name: string, creatorId: string) => {
    const [row] = await t.db
      .insert(campaigns)
      .values({
        workspaceId: world.a.id,
        brandId,
        leadAgencyId: world.agencyP.id,
        name,
        status: "active",
        channels: ["instagram"],
        startsAt: day.toJSDate(),
        endsAt: day.plus({ days: 30 }).toJSDate(),
      })
      .returning();
    await t.db.insert(campaignCreators).values({ workspaceId: world.a.id, campaignId: row.id, creatorId });
    return row.id;
  };
  const campX = await mk(world.brandX.id, "X Launch", world.creatorN.id);
  const campZ = await mk(brandZ.id, "Z Week", world.creatorN.id);
  const d = (campaignId: string, brandId: string, title: string, at: DateTime) => ({
    workspaceId: world.a.id,
    campaignId,
    brandId,
    creatorId: world.creatorN.id,
    channel: "instagram",
    title,
    publishAt: at.toJSDate(),
    status: "draft",
  });
  const inserted = await t.db
    .insert(deliverables)
    .values([
      d(campX, world.brandX.id, "Alpha reveal", publish),
      d(campX, world.brandX.id, "Beta carousel", publish.plus({ hours: 1 })),
      d(campZ, brandZ.id, "Zeta competitor post", publish.plus({ days: 3 })),
    ])
    .returning();
  ids = { dA: inserted[0].id, dB: inserted[1].id, dZ: inserted[2].id, brandZ: brandZ.id };
});

describe("conflicts page with fixes", () => {
  it("groups by rule then brand with counts, and offers times that clear a collision, each leading to a what-if", async () => {
    const { rules } = await page();
    const collision = rows(rules, "POST_COLLISION")[0];
    expect(collision).toBeDefined();
    const rule = rules.find((r) => r.code === "POST_COLLISION")!;
    expect(rule.open).toBe(1);
    expect(rule.brands.map((b) => b.brandName)).toEqual(["Brand X"]);
    const beta = collision.objects.find((o) => o.id === ids.dB)!;
    expect(beta.suggestions.length).toBeGreaterThan(0);

    const suggestion = beta.suggestions[0];
    const { preview } = await page(new URL(suggestion.url, "http://x").search);
    expect(preview).toMatchObject({ ok: true, deliverableId: ids.dB, signOff: "none", insideWindow: false });
    expect((preview!.resolved as { key: string }[]).map((c) => c.key)).toContain(collision.key);
    expect(preview!.created).toEqual([]);
    // Nothing moved by looking.
    const [still] = await t.db.select().from(deliverables).where(eq(deliverables.id, ids.dB));
    expect(still.publishAt.toISOString()).not.toBe(suggestion.at);

    const bad = await page(`?move=${ids.dB}&to=not-a-time`);
    expect(bad.preview).toMatchObject({ ok: false });
  });

  it("moving to a suggested time goes through the reschedule service: audited once, the collision is gone", async () => {
    const beta = rows((await page()).rules, "POST_COLLISION")[0].objects.find((o) => o.id === ids.dB)!;
    const { preview } = await page(new URL(beta.suggestions[0].url, "http://x").search);
    const moved = await post(conflictsRoute, path("/conflicts"), "coordinator", {
      intent: "move",
      deliverableId: ids.dB,
      publishAt: String(preview!.publishAt),
    });
    expect(moved.status).toBe(200);
    const [after] = await t.db.select().from(deliverables).where(eq(deliverables.id, ids.dB));
    expect(after.publishAt.toISOString()).toBe(new Date(beta.suggestions[0].at).toISOString());
    expect(rows((await page()).rules, "POST_COLLISION")).toEqual([]);
    const audits = await t.db
      .select({ n: count() })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "deliverable.rescheduled"), eq(auditEvents.objectId, ids.dB)));
    expect(audits).toEqual([{ n: 1 }]);
  });

  it("acknowledges a whole group with one note: one row and one audit event per key; a stale count writes nothing", async () => {
    const { rules } = await page();
    const rule = rules.find((r) => r.code === "CREATOR_EXCLUSIVITY")!;
    const group = rule.brands[0];
    const stale = await post(conflictsRoute, path("/conflicts"), "coordinator", {
      intent: "acknowledge-group",
      code: rule.code,
      brandId: group.brandId,
      count: String(group.openTotal + 1),
      note: "Agreed with both brands",
    });
    expect(stale.status).toBe(409);
    expect(await t.db.select({ n: count() }).from(conflictAcknowledgments)).toEqual([{ n: 0 }]);
    const noNote = await post(conflictsRoute, path("/conflicts"), "coordinator", {
      intent: "acknowledge-group",
      code: rule.code,
      brandId: group.brandId,
      count: String(group.openTotal),
      note: "",
    });
    expect(noNote.status).toBe(400);
    expect((await noNote.json()).errors.note).toBeDefined();

    const ok = await post(conflictsRoute, path("/conflicts"), "coordinator", {
      intent: "acknowledge-group",
      code: rule.code,
      brandId: group.brandId,
      count: String(group.openTotal),
      note: "Agreed with both brands",
    });
    expect(ok.status).toBe(200);
    expect(await t.db.select({ n: count() }).from(conflictAcknowledgments)).toEqual([{ n: group.openTotal }]);
    expect(await t.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.action, "conflict.acknowledged"))).toEqual([
      { n: group.openTotal },
    ]);
    const again = await post(conflictsRoute, path("/conflicts"), "coordinator", {
      intent: "acknowledge-group",
      code: rule.code,
      brandId: group.brandId,
      count: String(group.openTotal),
      note: "Agreed with both brands",
    });
    expect(again.status).toBe(404);
    await t.db.delete(conflictAcknowledgments);
  });
});

describe("exclusivity waivers", () => {
  it("a brand lead sees its clash with the other side unnamed, in every response", async () => {
    const res = await get(exclusivityRoute, path("/exclusivity"), "brandLead");
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain("a competing brand in your category");
    expect(text).not.toContain("Zephyr");
    expect(text).not.toContain("Zeta competitor post");
    const body = JSON.parse(text) as { clashes: { key: string; breached: boolean }[] };
    expect(body.clashes).toHaveLength(1);
    expect(body.clashes[0].breached).toBe(true);
    for (const who of ["coordinator", "clientContact", "agencyMember"] as const)
      expect((await get(exclusivityRoute, path("/exclusivity"), who)).status, who).toBe(404);
  });

  it("refuses a waiver from anyone but a breached brand's lead, and a half-filled form by the field", async () => {
    const [{ key }] = ((await (await get(exclusivityRoute, path("/exclusivity"), "brandLead")).json()) as { clashes: { key: string }[] })
      .clashes;
    for (const who of ["coordinator", "clientContact", "agencyMember"] as const) {
      const res = await post(exclusivityRoute, path("/exclusivity"), who, { intent: "waive", conflictKey: key, reason: "Fine by us" });
      expect(res.status, who).toBe(404);
    }
    const empty = await post(exclusivityRoute, path("/exclusivity"), "brandLead", { intent: "waive", conflictKey: key, reason: " " });
    expect(empty.status).toBe(400);
    expect((await empty.json()).errors.reason[0]).toMatch(/why/i);
    // The rival's window is 3 days and the posts are 3 days apart: its window is kept, nothing to waive.
    await t.db.update(brands).set({ exclusivityDays: 3 }).where(eq(brands.id, ids.brandZ));
    const kept = await post(exclusivityRoute, path("/exclusivity"), "rivalLead", {
      intent: "waive",
      conflictKey: key,
      reason: "Fine by us",
    });
    expect(kept.status).toBe(409);
    expect(await kept.text()).not.toContain("Brand X");
    await t.db.update(brands).set({ exclusivityDays: 14 }).where(eq(brands.id, ids.brandZ));
    expect(await t.db.select({ n: count() }).from(conflictWaivers)).toEqual([{ n: 0 }]);
  });

  it("the right brand lead waives its side: audited, shown on both items, unnamed to the other brand's lead, open until both waive", async () => {
    const [{ key }] = ((await (await get(exclusivityRoute, path("/exclusivity"), "brandLead")).json()) as { clashes: { key: string }[] })
      .clashes;
    const ok = await post(exclusivityRoute, path("/exclusivity"), "brandLead", {
      intent: "waive",
      conflictKey: key,
      reason: "Different product lines",
    });
    expect(ok.status).toBe(200);
    const twice = await post(exclusivityRoute, path("/exclusivity"), "brandLead", { intent: "waive", conflictKey: key, reason: "again" });
    expect(twice.status).toBe(409);
    const [audit] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "conflict.waived"));
    expect(audit).toMatchObject({
      objectId: key,
      data: expect.objectContaining({ brandId: world.brandX.id, reason: "Different product lines" }),
    });

    // The coordinator: named, still open (the rival's window is breached too).
    let row = rows((await page()).rules, "CREATOR_EXCLUSIVITY").find((r) => r.key === key)!;
    expect(row.waivers).toEqual(["Waived by Brand X for its side: Different product lines"]);
    expect(row.waived).toBe(false);

    // Both deliverable pages; the rival's lead reads the waiver unnamed and without its reason.
    const onZ = await get(deliverableRoute, path(`/deliverables/${ids.dZ}`), "rivalLead", { deliverableId: ids.dZ });
    const zText = await onZ.text();
    expect(zText).toContain("Waived by a competing brand in your category for its side.");
    expect(zText).not.toContain("Brand X");
    expect(zText).not.toContain("Different product lines");
    const onA = await get(deliverableRoute, path(`/deliverables/${ids.dA}`), "brandLead", { deliverableId: ids.dA });
    expect(await onA.text()).toContain("Waived by Brand X for its side: Different product lines");
    const rivalPage = await (await get(exclusivityRoute, path("/exclusivity"), "rivalLead")).text();
    expect(rivalPage).not.toContain("Brand X");
    expect(rivalPage).toContain("Waived by a competing brand in your category for its side.");

    // The rival waives too: the clash is settled on the conflicts page.
    expect(
      (await post(exclusivityRoute, path("/exclusivity"), "rivalLead", { intent: "waive", conflictKey: key, reason: "Also fine" })).status,
    ).toBe(200);
    const settled = (await page()).rules.flatMap((r) => r.brands.flatMap((b) => b.settled)).find((r) => r.key === key);
    row = settled!;
    expect(row.waived).toBe(true);
    expect(rows((await page()).rules, "CREATOR_EXCLUSIVITY").some((r) => r.key === key)).toBe(false);
  });

  it("a lead withdraws its own waiver (audited, open again on both sides); nobody else's, and not twice", async () => {
    const [{ key }] = ((await (await get(exclusivityRoute, path("/exclusivity"), "brandLead")).json()) as { clashes: { key: string }[] })
      .clashes;
    const waivers = async () =>
      (await t.db.select().from(conflictWaivers).where(eq(conflictWaivers.conflictKey, key))).map((w) => w.brandId);
    expect(await waivers()).toContain(world.brandX.id);
    // A coordinator is no brand lead: as if the page were not there.
    const coordinator = await post(exclusivityRoute, path("/exclusivity"), "coordinator", { intent: "withdraw", conflictKey: key });
    expect(coordinator.status).toBe(404);
    const res = await post(exclusivityRoute, path("/exclusivity"), "brandLead", { intent: "withdraw", conflictKey: key });
    expect(res.status).toBe(200);
    expect(await waivers()).not.toContain(world.brandX.id);
    expect(await waivers()).toContain(ids.brandZ);
    const [audit] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "conflict.waiver_withdrawn"));
    expect(audit).toMatchObject({
      objectId: key,
      data: expect.objectContaining({ brandId: world.brandX.id, reason: "Different product lines" }),
    });
    const again = await post(exclusivityRoute, path("/exclusivity"), "brandLead", { intent: "withdraw", conflictKey: key });
    expect(again.status).toBe(409);
    // Open again for brand X: the coordinator's row no longer lists its waiver and is not settled.
    const row = rows((await page()).rules, "CREATOR_EXCLUSIVITY").find((r) => r.key === key)!;
    expect(row.waived).toBe(false);
    expect(row.waivers.some((w) => w.includes("Brand X"))).toBe(false);
  });

  it("bad input: NUL, huge and repeated submits get a 4xx and write nothing", async () => {
    const before = await t.db.select({ n: count() }).from(conflictWaivers);
    for (const form of [
      { intent: "waive", conflictKey: "CREATOR_EXCLUSIVITY:a\u0000b", reason: "ok ok" },
      { intent: "waive", conflictKey: "x".repeat(100_000), reason: "ok ok" },
      {
        intent: "waive",
        conflictKey: "CREATOR_EXCLUSIVITY:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa+bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
        reason: "a\u0000b",
      },
      {
        intent: "waive",
        conflictKey: "CREATOR_EXCLUSIVITY:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa+bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
        reason: "y".repeat(20_000),
      },
    ]) {
      const res = await post(exclusivityRoute, path("/exclusivity"), "brandLead", form);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    const group = await post(conflictsRoute, path("/conflicts"), "coordinator", {
      intent: "acknowledge-group",
      code: "POST_COLLISION",
      brandId: world.brandX.id,
      count: "9".repeat(50),
      note: "x\u0000",
    });
    expect(group.status).toBe(400);
    expect(await t.db.select({ n: count() }).from(conflictWaivers)).toEqual(before);
  });
});
