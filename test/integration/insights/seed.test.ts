import { eq, sql } from "drizzle-orm";
import { performance } from "node:perf_hooks";
import { beforeAll, describe, expect, it } from "vitest";
import { briefAcknowledgments, campaigns, conflictLog, deliverables, handoffFacts, workspaces } from "@db/schema";
import { seedDemo } from "../../../db/seed";
import { HISTORY_MONTHS } from "../../../db/seeds/history";
import { backfillInsights } from "~/modules/insights/backfill.server";
import { loadSnapshot } from "~/modules/calendar/calendar.server";
import { systemContext } from "~/modules/workspaces/authz.server";
import { DAY_MS } from "~/utils/time";
import { useTestDatabase } from "../../support/db";

/**
 * The demo's six months of history (issue 16, part 7): seeded fast, with the shapes insights needs
 * (late drafts, revision rounds, blocks, overrides, rejected grants, conflicts come and gone) in
 * every past month, and without touching the present: no conflict, no waiting item, nothing dated
 * after now. Start-up's backfill turns it into facts, as server/boot.ts does.
 */
const t = useTestDatabase();
const NOW = new Date();
let seedMs = 0;
let backfillMs = 0;
let workspace: typeof workspaces.$inferSelect;

beforeAll(async () => {
  const t0 = performance.now();
  await seedDemo(t.db, NOW);
  seedMs = performance.now() - t0;
  const t1 = performance.now();
  await backfillInsights(t.db);
  backfillMs = performance.now() - t1;
  [workspace] = await t.db.select().from(workspaces).where(eq(workspaces.slug, "northwind"));
});

/** "2026-07" for each of the past six months, oldest first. */
function pastMonths(): string[] {
  return Array.from({ length: HISTORY_MONTHS }, (_, i) => {
    const d = new Date(Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth() - HISTORY_MONTHS + i, 1));
    return d.toISOString().slice(0, 7);
  });
}

const history = () =>
  t.db
    .select({ d: deliverables })
    .from(deliverables)
    .innerJoin(campaigns, eq(campaigns.id, deliverables.campaignId))
    .where(eq(campaigns.status, "completed"));

describe("the demo's history", () => {
  it("is seeded, and turned into facts, in well under 30 seconds on PGlite", () => {
    console.info(`demo seed ${Math.round(seedMs)} ms, backfill ${Math.round(backfillMs)} ms`);
    expect(seedMs + backfillMs).toBeLessThan(30_000);
  });

  it("has sign-offs, publish outcomes, drafts and acknowledgments in each of the past six months", async () => {
    const rows = await t.db
      .select({ kind: handoffFacts.kind, month: sql<string>`to_char(${handoffFacts.localDate}, 'YYYY-MM')`, n: sql<number>`count(*)::int` })
      .from(handoffFacts)
      .groupBy(handoffFacts.kind, sql`2`);
    const n = (kind: string, month: string) => rows.find((r) => r.kind === kind && r.month === month)?.n ?? 0;
    // The oldest month may start after its 1st (history begins six months back from today).
    for (const month of pastMonths().slice(1)) {
      for (const kind of ["signed_off", "publish_outcome", "draft_submitted", "stage_decided"])
        expect(n(kind, month), `${kind} ${month}`).toBeGreaterThan(5);
      expect(n("access_verified", month), `access ${month}`).toBeGreaterThan(0);
    }
  });

  it("has the shapes the figures are about: late drafts, revision rounds, blocks, overrides, rejected grants, conflicts resolved", async () => {
    const facts = await t.db.select().from(handoffFacts);
    const data = (kind: string) => facts.filter((f) => f.kind === kind).map((f) => f.data as Record<string, unknown>);
    expect(data("draft_submitted").filter((d) => d.late).length).toBeGreaterThan(5);
    expect(data("draft_submitted").filter((d) => d.onTime === false).length).toBeGreaterThan(5);
    expect(data("signed_off").filter((d) => (d.revisionRounds as number) > 0).length).toBeGreaterThan(10);
    expect(data("publish_outcome").filter((d) => d.event === "blocked").length).toBeGreaterThan(5);
    expect(data("publish_outcome").filter((d) => d.event === "overridden").length).toBeGreaterThan(3);
    expect(data("publish_outcome").filter((d) => d.event === "published" && d.signOffCounted === false).length).toBeGreaterThan(3);
    expect(data("access_verified").filter((d) => d.rejected).length).toBeGreaterThan(2);
    const log = await t.db.select().from(conflictLog);
    expect(log.filter((c) => c.resolvedAt !== null && c.goesLiveAt && c.resolvedAt < c.goesLiveAt).length).toBeGreaterThan(10);
    expect(new Set(log.map((c) => c.rule))).toEqual(new Set(["SIGNOFF_RISK", "POST_COLLISION"]));
  });

  it("shows one agency keeping the brands waiting: Kite Creative's approval cycle is the slowest", async () => {
    const rows = await t.db.execute<{ agency: string; median: number }>(sql`
      select a.name as agency, percentile_disc(0.5) within group (order by f.duration_seconds) as median
      from handoff_facts f join agencies a on a.id = f.agency_id where f.kind = 'signed_off' group by a.name order by median desc`);
    const list = "rows" in rows ? (rows as { rows: { agency: string }[] }).rows : (rows as unknown as { agency: string }[]);
    expect(list[0].agency).toBe("Kite Creative");
  });

  it("leaves the present alone: nothing after now, nothing waiting, no conflict on the calendar", async () => {
    for (const { d } of await history()) {
      expect(d.status).toBe("published");
      expect(d.publishAt.getTime()).toBeLessThan(NOW.getTime());
      expect(d.updatedAt.getTime()).toBeLessThan(NOW.getTime());
    }
    const pending = await t.db
      .select()
      .from(briefAcknowledgments)
      .innerJoin(campaigns, eq(campaigns.id, briefAcknowledgments.campaignId))
      .where(sql`${campaigns.status} = 'completed' and ${briefAcknowledgments.acknowledgedAt} is null`);
    expect(pending).toEqual([]);
    const ids = new Set((await history()).map(({ d }) => d.id));
    for (const c of await t.db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.status, "completed"))) ids.add(c.id);
    const snapshot = await loadSnapshot(
      systemContext(workspace),
      { from: new Date(NOW.getTime() - 200 * DAY_MS), to: new Date(NOW.getTime() + 60 * DAY_MS) },
      { now: NOW, cache: false },
    );
    expect(snapshot.conflicts.length).toBeGreaterThan(0);
    expect(snapshot.conflicts.filter((c) => c.objectIds.some((id) => ids.has(id))).map((c) => c.message)).toEqual([]);
  });
});
