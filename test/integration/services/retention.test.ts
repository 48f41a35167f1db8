import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { idempotencyKeys, jobs, oauthStates } from "@db/schema";
import { OAUTH_STATE_TTL_MS } from "~/modules/connections/manage.server";
import { ensureRetentionScheduled, pruneFinished, RETENTION_JOB } from "~/modules/jobs/retention.server";
import { useTestDatabase } from "../../support/db";
import { buildWorld } from "../../support/world";

/**
 * The hourly clean-up (decision 063) lets go of old done jobs, old form keys and expired OAuth
 * states, and nothing else.
 */
const t = useTestDatabase();
const now = new Date("2026-12-07T12:00:00.000Z");
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);

describe("pruneFinished", () => {
  it("deletes done jobs finished over 14 days ago and keys over 30 days old; keeps the rest", async () => {
    const job = (kind: string, status: "pending" | "done" | "failed", finishedDaysAgo: number | null) => ({
      kind,
      payload: {},
      status,
      runAt: daysAgo(40),
      finishedAt: finishedDaysAgo === null ? null : daysAgo(finishedDaysAgo),
    });
    await t.db
      .insert(jobs)
      .values([
        job("old-done", "done", 20),
        job("recent-done", "done", 3),
        job("old-failed", "failed", 60),
        job("old-pending", "pending", null),
      ]);
    await t.db.insert(idempotencyKeys).values([
      { scope: "ws", key: "old-key-000001", kind: "comment", createdAt: daysAgo(31) },
      { scope: "ws", key: "new-key-000001", kind: "comment", createdAt: daysAgo(2) },
    ]);
    expect(await pruneFinished(now)).toEqual({ jobs: 1, idempotencyKeys: 1, oauthStates: 0 });
    const kinds = (await t.db.select({ kind: jobs.kind }).from(jobs)).map((j) => j.kind).sort();
    expect(kinds).toEqual(["old-failed", "old-pending", "recent-done"]);
    expect((await t.db.select().from(idempotencyKeys)).map((k) => k.key)).toEqual(["new-key-000001"]);
    expect(await pruneFinished(now)).toEqual({ jobs: 0, idempotencyKeys: 0, oauthStates: 0 });
  });

  it("deletes a Google OAuth state once it expired (past the 10 minutes' grace); keeps a fresh one and one just expired", async () => {
    const world = await buildWorld(t.db);
    const minutes = (n: number) => new Date(now.getTime() + n * 60_000);
    const state = (name: string, expiresAt: Date) => ({
      workspaceId: world.a.id,
      userId: world.users.admin.id,
      provider: "google",
      stateHash: `hash-${name}`,
      sealedVerifier: "v1.sealed",
      expiresAt,
    });
    expect(OAUTH_STATE_TTL_MS).toBe(10 * 60_000);
    await t.db.insert(oauthStates).values([state("expired", minutes(-11)), state("just-expired", minutes(-1)), state("fresh", minutes(9))]);
    expect(await pruneFinished(now)).toMatchObject({ oauthStates: 1 });
    const left = (await t.db.select({ hash: oauthStates.stateHash }).from(oauthStates)).map((s) => s.hash).sort();
    expect(left).toEqual(["hash-fresh", "hash-just-expired"]);
    expect(await pruneFinished(minutes(20))).toMatchObject({ oauthStates: 2 });
    expect(await t.db.select().from(oauthStates)).toEqual([]);
  });

  it("schedules one run per hour however many processes start the chain", async () => {
    await ensureRetentionScheduled(t.db, now);
    await ensureRetentionScheduled(t.db, new Date(now.getTime() + 60_000));
    const queued = await t.db.select().from(jobs).where(eq(jobs.kind, RETENTION_JOB));
    expect(queued.map((j) => j.runAt.toISOString())).toEqual(["2026-12-07T13:00:00.000Z"]);
  });
});
