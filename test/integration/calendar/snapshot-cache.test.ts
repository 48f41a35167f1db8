import { count, eq, sql } from "drizzle-orm";
import { DateTime } from "luxon";
import { beforeAll, describe, expect, it } from "vitest";
import { brandBlackouts, brands, calendarChanges, campaigns, conflictAcknowledgments, deliverables } from "@db/schema";
import { prng } from "../../../scripts/prng";
import { useTestDatabase } from "../../support/db";
import { makeRequest, sessionCookie } from "../../support/http";
import { buildWorld, type World } from "../../support/world";
import { env, setEnvForTests } from "~/utils/env.server";

/**
 * The snapshot cache (snapshot-cache.server.ts): a second read of an unchanged calendar is the
 * same snapshot, and any committed change to what conflicts depend on (a move, a blackout, a
 * campaign window) is seen by the very next read, including a change that commits out of order.
 * Per workspace and incremental (decision 068): a write in another workspace keeps this one's
 * entry, and a change to deliverables recomputes only their brands and creators, with the same
 * result as a recompute of the whole window.
 */
const t = useTestDatabase();
let world: World;
let coordinatorCookie: string;
let ids: { dA: string; dB: string; campaign: string };
const day = DateTime.utc().startOf("day");
const window = { from: day.toJSDate(), to: day.plus({ days: 14 }).toJSDate() };

async function coordinator() {
  return member(coordinatorCookie);
}
async function member(cookie: string) {
  const { requireMember } = await import("~/modules/workspaces/authz.server");
  return requireMember(makeRequest(`/w/${world.a.slug}`, { cookie }), world.a.slug);
}
async function snapshot(now = new Date()) {
  const { loadSnapshot } = await import("~/modules/calendar/calendar.server");
  return loadSnapshot(await coordinator(), window, { now });
}
const collisions = (s: Awaited<ReturnType<typeof snapshot>>) => s.conflicts.filter((c) => c.code === "POST_COLLISION");

beforeAll(async () => {
  world = await buildWorld(t.db);
  coordinatorCookie = await sessionCookie(world.users.coordinator.id);
  const [campaign] = await t.db
    .insert(campaigns)
    .values({
      workspaceId: world.a.id,
      brandId: world.brandX.id,
      leadAgencyId: world.agencyP.id,
      name: "Cache Launch",
      status: "active",
      channels: ["instagram"],
      startsAt: day.toJSDate(),
      endsAt: day.plus({ days: 10 }).toJSDate(),
    })
    .returning();
  const publish = day.plus({ days: 3 }).set({ hour: 12 });
  const rows = await t.db
    .insert(deliverables)
    .values(
      [publish, publish.plus({ minutes: 30 })].map((at, i) => ({
        workspaceId: world.a.id,
        campaignId: campaign.id,
        brandId: world.brandX.id,
        creatorId: world.creatorM.id,
        channel: "instagram",
        title: `Post ${i + 1}`,
        publishAt: at.toJSDate(),
        status: "draft",
      })),
    )
    .returning();
  ids = { dA: rows[0].id, dB: rows[1].id, campaign: campaign.id };
});

describe("calendar snapshot cache", () => {
  it("every write to a table the calendar reads appends to the change log, one row per statement", async () => {
    const before = (await t.db.select({ n: count() }).from(calendarChanges))[0].n;
    await t.db.update(deliverables).set({ title: "Post 1" }).where(eq(deliverables.campaignId, ids.campaign));
    expect((await t.db.select({ n: count() }).from(calendarChanges))[0].n).toBe(before + 1);
  });

  it("an unchanged calendar is served from the cache; the next minute recomputes", async () => {
    const now = new Date();
    const first = await snapshot(now);
    expect(collisions(first)).toHaveLength(1);
    expect(await snapshot(now)).toBe(first);
    expect(await snapshot(new Date(now.getTime() + 60_000))).not.toBe(first);
  });

  it("moving a deliverable apart removes the collision on the very next read", async () => {
    const before = await snapshot();
    expect(collisions(before)).toHaveLength(1);
    await t.db
      .update(deliverables)
      .set({ publishAt: day.plus({ days: 4 }).set({ hour: 12 }).toJSDate() })
      .where(eq(deliverables.id, ids.dB));
    const after = await snapshot();
    expect(after).not.toBe(before);
    expect(collisions(after)).toHaveLength(0);
  });

  it("a blackout added or a campaign window changed shows at once", async () => {
    expect((await snapshot()).conflicts.some((c) => c.code === "BLACKOUT")).toBe(false);
    await t.db.insert(brandBlackouts).values({
      workspaceId: world.a.id,
      brandId: world.brandX.id,
      startsAt: day.plus({ days: 3 }).toJSDate(),
      endsAt: day.plus({ days: 5 }).toJSDate(),
      reason: "Cache test freeze",
    });
    expect((await snapshot()).conflicts.some((c) => c.code === "BLACKOUT")).toBe(true);
    await t.db.update(campaigns).set({ status: "cancelled" }).where(eq(campaigns.id, ids.campaign));
    expect((await snapshot()).conflicts.some((c) => c.code === "BLACKOUT")).toBe(false);
    await t.db.update(campaigns).set({ status: "active" }).where(eq(campaigns.id, ids.campaign));
  });

  it("a change that commits after a later change (ids out of order) is still seen", async (ctx) => {
    if (!t.url) return ctx.skip(); // PGlite has one connection: two transactions cannot be open at once.
    const postgres = (await import("postgres")).default;
    const other = postgres(t.url, { max: 2, onnotice: () => {} });
    try {
      // Transaction A takes its change-log id first but commits last.
      const reserved = await other.reserve();
      await reserved`BEGIN`;
      await reserved`UPDATE deliverables SET publish_at = ${day.plus({ days: 3 }).set({ hour: 12, minute: 30 }).toJSDate()} WHERE id = ${ids.dB}`;
      await t.db.execute(sql`UPDATE brands SET name = name WHERE id = ${world.brandX.id}`);
      const between = await snapshot();
      expect(collisions(between)).toHaveLength(0);
      await reserved`COMMIT`;
      reserved.release();
      expect(collisions(await snapshot())).toHaveLength(1);
    } finally {
      await other.end();
    }
  });

  it("SNAPSHOT_CACHE=off recomputes every read", async () => {
    const saved = env();
    setEnvForTests({ ...saved, SNAPSHOT_CACHE: "off" });
    try {
      const now = new Date();
      const first = await snapshot(now);
      const second = await snapshot(now);
      expect(second).not.toBe(first);
      expect(second.conflicts.map((c) => c.key)).toEqual(first.conflicts.map((c) => c.key));
    } finally {
      setEnvForTests(saved);
    }
  });

  it("a write in another workspace keeps this workspace's cached snapshot; a write here does not", async () => {
    const now = new Date();
    const first = await snapshot(now);
    await t.db.update(brands).set({ name: "Beta Brand" }).where(eq(brands.id, world.brandB.id));
    await t.db.insert(brandBlackouts).values({
      workspaceId: world.b.id,
      brandId: world.brandB.id,
      startsAt: day.toJSDate(),
      endsAt: day.plus({ days: 30 }).toJSDate(),
      reason: "Beta's freeze",
    });
    expect(await snapshot(now)).toBe(first);
    await t.db.update(brands).set({ name: "Brand X" }).where(eq(brands.id, world.brandX.id));
    expect(await snapshot(now)).not.toBe(first);
  });

  it("changes to deliverables recompute only their brands and creators, equal to a whole recompute, for every scope", async () => {
    const { loadSnapshot } = await import("~/modules/calendar/calendar.server");
    const { snapshotCacheStats } = await import("~/modules/calendar/snapshot-cache.server");
    // Competitors, so a creator's posts for both brands can break exclusivity.
    await t.db.update(brands).set({ category: "skincare" }).where(eq(brands.id, world.brandY.id));
    const [campaignY] = await t.db
      .insert(campaigns)
      .values({
        workspaceId: world.a.id,
        brandId: world.brandY.id,
        leadAgencyId: world.agencyQ.id,
        name: "Outdoor Push",
        status: "active",
        channels: ["instagram", "tiktok"],
        startsAt: day.toJSDate(),
        endsAt: day.plus({ days: 14 }).toJSDate(),
      })
      .returning();
    const rand = prng(68);
    const int = (n: number) => Math.floor(rand() * n);
    const pick = <T>(items: readonly T[]): T => items[int(items.length)];
    const creatorsOf = [world.creatorM.id, world.creatorN.id, null];
    const row = (i: number) => {
      const brandX = rand() < 0.5;
      return {
        workspaceId: world.a.id,
        campaignId: brandX ? ids.campaign : campaignY.id,
        brandId: brandX ? world.brandX.id : world.brandY.id,
        creatorId: pick(creatorsOf),
        channel: pick(["instagram", "tiktok"]),
        title: `Random ${i}`,
        publishAt: day.plus({ hours: 2 + int(20 * 6) * 2 }).toJSDate(),
        status: pick(["draft", "in_review", "approved"]),
      };
    };
    await t.db.insert(deliverables).values(Array.from({ length: 24 }, (_, i) => row(i)));

    const cookies = {
      coordinator: coordinatorCookie,
      creator: await sessionCookie(world.users.creator.id),
      agency: await sessionCookie(world.users.agencyMember.id),
      lead: await sessionCookie(world.users.brandLead.id),
    };
    const now = new Date();
    const comparable = (s: Awaited<ReturnType<typeof snapshot>>) => ({
      deliverables: [...s.deliverables].sort((a, b) => a.id.localeCompare(b.id)),
      campaigns: s.campaigns,
      conflicts: s.conflicts,
      acknowledgments: s.acknowledgments,
    });
    const check = async (step: string) => {
      for (const [who, cookie] of Object.entries(cookies)) {
        const ctx = await member(cookie);
        const cached = await loadSnapshot(ctx, window, { now });
        const whole = await loadSnapshot(ctx, window, { now, cache: false });
        expect(comparable(cached), `${step}, ${who}`).toEqual(comparable(whole));
      }
    };
    await check("before any change");
    const stats = { ...snapshotCacheStats };
    let conflictsSeen = 0;
    for (let step = 0; step < 12; step++) {
      const all = await t.db.select().from(deliverables).where(eq(deliverables.workspaceId, world.a.id));
      const target = pick(all);
      const kind = int(7);
      if (kind === 0) await t.db.insert(deliverables).values(row(100 + step));
      else if (kind === 1) await t.db.delete(deliverables).where(eq(deliverables.id, target.id));
      else if (kind === 2)
        await t.db
          .update(deliverables)
          .set({ creatorId: pick(creatorsOf) })
          .where(eq(deliverables.id, target.id));
      else if (kind === 3)
        await t.db
          .update(deliverables)
          .set({ channel: pick(["instagram", "tiktok"]) })
          .where(eq(deliverables.id, target.id));
      else if (kind === 4)
        await t.db
          .update(deliverables)
          .set({ status: "signed_off", title: `Signed ${step}` })
          .where(eq(deliverables.id, target.id));
      else if (kind === 5) {
        const [open] = (await snapshot(now)).conflicts;
        if (open)
          await t.db
            .insert(conflictAcknowledgments)
            .values({ workspaceId: world.a.id, conflictKey: open.key, note: "Known" })
            .onConflictDoNothing();
      } else
        await t.db
          .update(deliverables)
          .set({ publishAt: day.plus({ hours: 2 + int(20 * 6) * 2 }).toJSDate() })
          .where(eq(deliverables.id, target.id));
      await check(`step ${step}, change ${kind}`);
      conflictsSeen += (await snapshot(now)).conflicts.length;
    }
    // The minute moved: sign-off risk follows the clock, still without a whole recompute.
    const later = new Date(now.getTime() + 3 * 60 * 60_000);
    for (const cookie of Object.values(cookies)) {
      const ctx = await member(cookie);
      expect(comparable(await loadSnapshot(ctx, window, { now: later }))).toEqual(
        comparable(await loadSnapshot(ctx, window, { now: later, cache: false })),
      );
    }
    expect(conflictsSeen).toBeGreaterThan(12);
    expect(snapshotCacheStats.full).toBe(stats.full);
    expect(snapshotCacheStats.refreshed).toBeGreaterThan(stats.refreshed);
  }, 180_000);
});
