import { and, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accessSteps, auditEvents, conflictLog, deliverables, handoffFacts, jobs, workspaces } from "@db/schema";
import { seedDemo } from "../../../db/seed";
import { backfillInsights } from "~/modules/insights/backfill.server";
import { CONFLICT_LOG_JOB, ensureConflictLogScheduled, nextSlot, SYNC_EVERY_MS } from "~/modules/insights/jobs.server";
import { localDateOf } from "~/modules/insights/periods";
import { jobHandlers } from "~/modules/jobs/handlers.server";
import { runDueJobs } from "~/modules/jobs/worker.server";
import { useTestDatabase } from "../../support/db";

/**
 * The demo workspace was written as rows, without facts: what start-up does with it (server/boot.ts).
 * The backfill counts every handoff the rows show, on the same day luxon would, once; the conflict
 * log's job syncs after a change and not while nothing changes.
 */
const t = useTestDatabase();
const NOW = new Date();
let workspaceId: string;

beforeAll(async () => {
  await seedDemo(t.db, NOW);
  const [ws] = await t.db.select().from(workspaces).where(eq(workspaces.slug, "northwind"));
  workspaceId = ws.id;
  // Days counted in New York: an evening in UTC is the same day there, a night is the one before.
  await t.db.update(workspaces).set({ timeZone: "America/New_York" }).where(eq(workspaces.id, workspaceId));
});

describe("the backfill at start-up", () => {
  it("records a fact per handoff the demo rows show, once", async () => {
    const result = await backfillInsights(t.db);
    expect(result.ran).toBe(true);
    const facts = await t.db.select().from(handoffFacts);
    expect(result.inserted).toBe(facts.length);
    const count = (kind: string) => facts.filter((f) => f.kind === kind).length;
    const verifiedSteps = await t.db
      .select()
      .from(accessSteps)
      .where(sql`${accessSteps.verifiedAt} is not null`);
    expect(count("access_verified")).toBe(verifiedSteps.length);
    expect(verifiedSteps.length).toBeGreaterThan(0);
    const signed = await t.db
      .select()
      .from(deliverables)
      .where(sql`${deliverables.signedOffAt} is not null`);
    expect(count("signed_off")).toBe(signed.length);
    // Publish outcomes: one per hand-off, block and override the rows show, and one per scheduling
    // and block the audit trail recorded (the demo's history has blocks since rescheduled or
    // overridden), each once, by the subject keys of fact-kinds.ts.
    const iso = (at: Date | string | number) => new Date(at).toISOString();
    const expected = new Set<string>();
    for (const d of await t.db.select().from(deliverables)) {
      if (d.status === "published") expected.add(`${d.id}:published`);
      if (d.status === "scheduled") expected.add(`${d.id}:scheduled:${iso(d.publishAt)}`);
      if (d.overriddenAt) expected.add(`${d.id}:overridden:${iso(d.overriddenAt)}`);
      // The demo's brands keep the workspace's 48-hour window.
      if (d.blocked || d.status === "blocked") expected.add(`${d.id}:blocked:${iso(d.publishAt.getTime() - 48 * 3_600_000)}`);
    }
    const trail = await t.db
      .select()
      .from(auditEvents)
      .where(inArray(auditEvents.action, ["deliverable.scheduled", "deliverable.blocked"]));
    for (const e of trail) {
      const data = e.data as { publishAt?: string; deadline?: string };
      if (e.action === "deliverable.scheduled" && data.publishAt) expected.add(`${e.objectId}:scheduled:${iso(data.publishAt)}`);
      if (e.action === "deliverable.blocked" && data.deadline && data.publishAt) expected.add(`${e.objectId}:blocked:${data.deadline}`);
    }
    const outcomes = facts.filter((f) => f.kind === "publish_outcome").map((f) => f.subjectKey);
    expect(outcomes.sort()).toEqual([...expected].sort());
    for (const kind of ["brief_acknowledged", "draft_submitted", "stage_decided"]) expect(count(kind), kind).toBeGreaterThan(0);

    expect(await backfillInsights(t.db, { force: true })).toEqual({ ran: true, inserted: 0 });
    expect(await backfillInsights(t.db)).toEqual({ ran: false, inserted: 0 });
  });

  it("counts each fact on the day luxon gives in the workspace's zone (the day of going live for publish outcomes)", async () => {
    const facts = await t.db.select().from(handoffFacts).where(eq(handoffFacts.workspaceId, workspaceId));
    const wrong = facts.filter((f) => {
      const countsAt = f.kind === "publish_outcome" ? new Date((f.data as { publishAt: string }).publishAt) : f.finishedAt;
      return f.localDate !== localDateOf(countsAt, "America/New_York");
    });
    expect(wrong).toEqual([]);
  });
});

describe("the conflict log's job", () => {
  const openRows = () =>
    t.db
      .select()
      .from(conflictLog)
      .where(and(eq(conflictLog.workspaceId, workspaceId), isNull(conflictLog.resolvedAt)));

  it("logs the conflicts holding, then syncs again only after a change", async () => {
    await t.db.transaction((tx) => ensureConflictLogScheduled(tx, NOW));
    // Only this job runs here: a reminder running beside it would be a change of its own.
    await t.db.delete(jobs).where(ne(jobs.kind, CONFLICT_LOG_JOB));
    const first = nextSlot(NOW);
    expect(await runDueJobs(jobHandlers, { now: first })).toBeGreaterThan(0);
    const logged = await openRows();
    // The demo data has conflicts on purpose (overlapping campaigns of one brand, sign-offs at risk).
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.every((r) => r.firstSeenAt.getTime() === first.getTime())).toBe(true);

    // A row for a conflict that no longer holds: a sync would resolve it.
    const [stale] = await t.db
      .insert(conflictLog)
      .values({ workspaceId, conflictKey: "POST_COLLISION:gone", rule: "POST_COLLISION", severity: "warning", firstSeenAt: first })
      .returning();
    const second = new Date(first.getTime() + SYNC_EVERY_MS);
    await runDueJobs(jobHandlers, { now: second });
    expect((await t.db.select().from(conflictLog).where(eq(conflictLog.id, stale.id)))[0].resolvedAt).toBeNull();

    // A change the calendar depends on (the statement trigger notes it): the next run syncs.
    const [any] = await t.db.select().from(deliverables).where(eq(deliverables.workspaceId, workspaceId)).limit(1);
    await t.db
      .update(deliverables)
      .set({ title: `${any.title} ` })
      .where(eq(deliverables.id, any.id));
    const third = new Date(second.getTime() + SYNC_EVERY_MS);
    await runDueJobs(jobHandlers, { now: third });
    expect((await t.db.select().from(conflictLog).where(eq(conflictLog.id, stale.id)))[0].resolvedAt).toEqual(third);
    // Nothing else moved: the same keys are open, each once.
    expect((await openRows()).map((r) => r.conflictKey).sort()).toEqual(logged.map((r) => r.conflictKey).sort());

    // One job per slot, however often the chain is started.
    await t.db.transaction((tx) => ensureConflictLogScheduled(tx, third));
    const pending = await t.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.kind, CONFLICT_LOG_JOB), eq(jobs.status, "pending")));
    expect(pending).toHaveLength(1);
  });
});
