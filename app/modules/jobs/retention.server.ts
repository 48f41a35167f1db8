import { and, eq, inArray, lt } from "drizzle-orm";
import { z } from "zod";
import { idempotencyKeys, jobs } from "@db/schema";
import { db, type Queryable } from "~/utils/db.server";
import { deleteExpiredOAuthStates } from "~/modules/connections/manage.server";
import { defineJob } from "./job-kinds";
import { enqueue } from "./queue.server";
import { nextRetentionRun, RETENTION_BATCH, retentionCutoffs } from "./retention";

/**
 * The hourly clean-up of finished bookkeeping (decision 063), one job for the whole instance,
 * chained like the monthly report's clock: each run deletes in batches and schedules the next,
 * deduplicated per run time so any number of processes start one chain.
 */
export const RETENTION_JOB = "jobs.retention";

export async function ensureRetentionScheduled(tx: Queryable, now: Date): Promise<void> {
  const runAt = nextRetentionRun(now);
  await enqueue(tx, { kind: RETENTION_JOB, payload: {}, runAt, dedupeKey: `${RETENTION_JOB}:${runAt.toISOString()}` });
}

/**
 * Deletes what the retention rules let go, and the Google OAuth states that expired unused
 * (decision 064); returns how many rows of each.
 */
export async function pruneFinished(now: Date): Promise<{ jobs: number; idempotencyKeys: number; oauthStates: number }> {
  const { doneJobsBefore, idempotencyKeysBefore } = retentionCutoffs(now);
  let doneJobs = 0;
  for (;;) {
    const batch = await db()
      .select({ id: jobs.id })
      .from(jobs)
      .where(and(eq(jobs.status, "done"), lt(jobs.finishedAt, doneJobsBefore)))
      .limit(RETENTION_BATCH);
    if (batch.length === 0) break;
    await db()
      .delete(jobs)
      .where(
        and(
          eq(jobs.status, "done"),
          inArray(
            jobs.id,
            batch.map((b) => b.id),
          ),
        ),
      );
    doneJobs += batch.length;
    if (batch.length < RETENTION_BATCH) break;
  }
  const keys = await db()
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, idempotencyKeysBefore))
    .returning({ key: idempotencyKeys.key });
  const states = await deleteExpiredOAuthStates(now);
  return { jobs: doneJobs, idempotencyKeys: keys.length, oauthStates: states };
}

async function run(now: Date): Promise<void> {
  await pruneFinished(now);
  await db().transaction((tx) => ensureRetentionScheduled(tx, now));
}

/** Registered in jobs/handlers.server.ts. */
export const retentionJobs = {
  [RETENTION_JOB]: defineJob({ payload: z.object({}), run: (_payload, _job, now) => run(now) }),
};
