import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { conflictAcknowledgments, conflictLog, deliverables } from "@db/schema";
import { recordFact } from "~/modules/insights/facts.server";
import { loadInsightsReport } from "~/modules/insights/queries.server";
import type { FactInput } from "~/modules/insights/fact-kinds";
import type { InsightsFilter } from "~/modules/insights/report";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { env, setEnvForTests } from "~/utils/env.server";
import { useTestDatabase } from "../../support/db";
import { buildWorld, type World } from "../../support/world";
import { campaignFixture } from "../approvals/fixtures";
import { memberContext } from "../services/helpers";

/**
 * The insights report's cache (decision 055, report-cache.server.ts): the fact part is kept while
 * no fact is written, the conflict part while the conflict log and its acknowledgments stay as they
 * are (and within the minute); any such write is seen by the very next read, whoever wrote it.
 * "Kept" is observed as the same object coming back; "recomputed" as the new figure.
 */
const t = useTestDatabase();
let world: World;
let coordinator: MemberContext;
const filter: InsightsFilter = { period: { from: "2026-03-01", to: "2026-03-31" }, brandId: null, agencyId: null, channel: null };
// After the period: open conflicts are judged at its end, whatever the minute.
const now = new Date("2026-04-02T09:00:10Z");
let keyCount = 0;

function ack(attribution: Pick<FactInput, "brandId" | "agencyId" | "creatorId">): FactInput {
  return {
    workspaceId: world.a.id,
    kind: "brief_acknowledged",
    subjectKey: `cache-${++keyCount}`,
    startedAt: new Date("2026-03-10T08:00:00Z"),
    finishedAt: new Date("2026-03-10T10:00:00Z"),
    ...attribution,
    channel: null,
    personId: null,
    data: { campaignId: "c", version: 1 },
  };
}

const logged = (key: string, brandId: string) => ({
  workspaceId: world.a.id,
  conflictKey: key,
  rule: "POST_COLLISION",
  severity: "warning",
  brandId,
  agencyIds: [world.agencyP.id],
  channel: "x",
  goesLiveAt: new Date("2026-03-20T10:00:00Z"),
  firstSeenAt: new Date("2026-03-05T10:00:00Z"),
});

const report = (ctx: MemberContext = coordinator, at = now) => loadInsightsReport(ctx, filter, at);

let deliverableId: string;
beforeAll(async () => {
  world = await buildWorld(t.db);
  coordinator = await memberContext(world.users.coordinator.id, world.a.slug);
  const { brandX: x, brandY: y, agencyP: p, creatorM: m } = world;
  await recordFact(t.db, ack({ brandId: x.id, agencyId: p.id, creatorId: m.id }));
  await recordFact(t.db, ack({ brandId: y.id, agencyId: p.id, creatorId: null }));
  await t.db.insert(conflictLog).values([logged("POST_COLLISION:a+b", x.id)]);
  const campaign = await campaignFixture(t.db, world);
  const [row] = await t.db
    .insert(deliverables)
    .values({
      workspaceId: world.a.id,
      campaignId: campaign.id,
      brandId: x.id,
      creatorId: m.id,
      channel: "x",
      title: "A post",
      publishAt: new Date("2026-03-20T10:00:00Z"),
    })
    .returning();
  deliverableId = row.id;
});

describe("the insights report cache", () => {
  it("gives both parts back unchanged while nothing under them changed", async () => {
    const first = await report();
    const second = await report();
    expect(second.figures.briefAcknowledgment).toEqual({ count: 2, median: 7200, p90: 7200 });
    expect(second.figures.briefAcknowledgment).toBe(first.figures.briefAcknowledgment);
    expect(second.figures.openConflicts).toBe(first.figures.openConflicts);
    // Assembled per read: the instant of the read is its own.
    expect(second).not.toBe(first);
  });

  it("keeps both parts through a change the calendar sees and insights do not (a reschedule)", async () => {
    const before = await report();
    await t.db
      .update(deliverables)
      .set({ publishAt: new Date("2026-03-21T10:00:00Z") })
      .where(eq(deliverables.id, deliverableId));
    const after = await report();
    expect(after.figures.briefAcknowledgment).toBe(before.figures.briefAcknowledgment);
    expect(after.figures.openConflicts).toBe(before.figures.openConflicts);
  });

  it("counts a fact written after the last read in the very next one, keeping the conflict part", async () => {
    const before = await report();
    await recordFact(t.db, ack({ brandId: world.brandX.id, agencyId: world.agencyP.id, creatorId: null }));
    const after = await report();
    expect(after.figures.briefAcknowledgment.count).toBe(before.figures.briefAcknowledgment.count + 1);
    expect(after.headlines.find((h) => h.key === "brief_acknowledgment")?.n).toBe(before.figures.briefAcknowledgment.count + 1);
    expect(after.figures.openConflicts).toBe(before.figures.openConflicts);
  });

  it("sees a conflict logged, then acknowledged, in the next read, keeping the fact part", async () => {
    const before = await report();
    await t.db.insert(conflictLog).values([logged("POST_COLLISION:c+d", world.brandX.id)]);
    const logged2 = await report();
    expect(logged2.figures.openConflicts.total).toBe(before.figures.openConflicts.total + 1);
    expect(logged2.figures.briefAcknowledgment).toBe(before.figures.briefAcknowledgment);
    await t.db.insert(conflictAcknowledgments).values({ workspaceId: world.a.id, conflictKey: "POST_COLLISION:c+d", note: "Known" });
    const acknowledged = await report();
    expect(acknowledged.figures.openConflicts.acknowledged).toBe(logged2.figures.openConflicts.acknowledged + 1);
  });

  it("judges conflicts again in the next minute, from the same entries", async () => {
    const first = await report(coordinator, now);
    const sameMinute = await report(coordinator, new Date(now.getTime() + 30_000));
    expect(sameMinute.figures.openConflicts).toBe(first.figures.openConflicts);
    const nextMinute = await report(coordinator, new Date(now.getTime() + 60_000));
    expect(nextMinute.figures.openConflicts).not.toBe(first.figures.openConflicts);
    expect(nextMinute.figures.openConflicts).toEqual(first.figures.openConflicts);
  });

  it("never hands one viewer's entry to another: the brand lead of X, a client contact, another workspace", async () => {
    const all = await report();
    const lead = await report(await memberContext(world.users.brandLead.id, world.a.slug));
    // Brand X's lead: its brand's two acknowledgments, never brand Y's.
    expect(lead.figures.briefAcknowledgment.count).toBe(all.figures.briefAcknowledgment.count - 1);
    expect(lead.breakdowns.brand.map((r) => r.name)).toEqual([world.brandX.name]);
    const client = await report(await memberContext(world.users.clientContact.id, world.a.slug));
    expect(client.headlines.every((h) => h.n === 0)).toBe(true);
    const other = await report(await memberContext(world.users.outsider.id, world.b.slug));
    expect(other.figures.briefAcknowledgment.count).toBe(0);
    expect(other.figures.openConflicts.total).toBe(0);
  });

  it("SNAPSHOT_CACHE=off computes every read", async () => {
    const saved = env();
    setEnvForTests({ ...saved, SNAPSHOT_CACHE: "off" });
    try {
      const first = await report();
      const second = await report();
      expect(second.figures.briefAcknowledgment).not.toBe(first.figures.briefAcknowledgment);
      expect(second.figures).toEqual(first.figures);
    } finally {
      setEnvForTests(saved);
    }
  });
});
