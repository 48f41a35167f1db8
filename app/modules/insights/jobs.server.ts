import { z } from "zod";
import { workspaces } from "@db/schema";
import { db, type Queryable } from "~/utils/db.server";
import { MINUTE_MS } from "~/utils/time";
import { calendarFingerprint } from "~/modules/calendar/snapshot-cache.server";
import { defineJob } from "~/modules/jobs/job-kinds";
import { enqueue } from "~/modules/jobs/queue.server";
import { syncConflictLog } from "./conflict-log.server";

/**
 * The conflict log's clock (decision 053). One job every SYNC_EVERY minutes for the whole
 * instance: it reads the calendar's change fingerprint (decision 041: statement triggers append to
 * calendar_changes on every change a conflict depends on) and syncs the log only when a change was
 * processed since the last sync, or when FULL_EVERY has passed (sign-off risk moves with the clock,
 * not with a change). So the log costs nothing while nothing changes and never runs on a page read.
 * Runs are due at fixed slots with a dedupe key per slot: however many processes start the chain,
 * there is one job per slot.
 */

export const CONFLICT_LOG_JOB = "insights.conflict-log";
export const SYNC_EVERY_MS = 5 * MINUTE_MS;
export const FULL_EVERY_MS = 30 * MINUTE_MS;

const payload = z.object({
  /** The calendar fingerprint the last sync saw; null before the first. */
  fingerprint: z.string().nullable(),
  /** When the last sync ran (ISO); null before the first. */
  syncedAt: z.string().datetime().nullable(),
});
type LastSync = z.output<typeof payload>;

/** The first slot strictly after `now`. */
export function nextSlot(now: Date): Date {
  return new Date((Math.floor(now.getTime() / SYNC_EVERY_MS) + 1) * SYNC_EVERY_MS);
}

/** Whether a run at `now` has to sync: something changed since `last`, or it is time for the clock's sake. */
export function syncDue(last: LastSync, fingerprint: string, now: Date): boolean {
  if (last.fingerprint !== fingerprint || last.syncedAt === null) return true;
  return now.getTime() - Date.parse(last.syncedAt) >= FULL_EVERY_MS;
}

/** Schedules the next run (idempotent per slot). Called at start-up and by each run. */
export async function ensureConflictLogScheduled(tx: Queryable, now: Date, last: LastSync = { fingerprint: null, syncedAt: null }) {
  const runAt = nextSlot(now);
  await enqueue(tx, { kind: CONFLICT_LOG_JOB, payload: last, runAt, dedupeKey: `${CONFLICT_LOG_JOB}:${runAt.toISOString()}` });
}

async function run(last: LastSync, now: Date): Promise<void> {
  // Read before syncing: a change committing meanwhile moves it, and the next run syncs again.
  const fingerprint = await calendarFingerprint();
  const due = syncDue(last, fingerprint, now);
  if (due) for (const workspace of await db().select().from(workspaces)) await syncConflictLog(workspace, now);
  await db().transaction((tx) => ensureConflictLogScheduled(tx, now, due ? { fingerprint, syncedAt: now.toISOString() } : last));
}

/** Background jobs of insights, registered in jobs/handlers.server.ts. */
export const insightsJobs = {
  [CONFLICT_LOG_JOB]: defineJob({ payload, run: (last, _job, now) => run(last, now) }),
};
