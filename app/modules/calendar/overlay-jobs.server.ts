// The daily refresh of URL overlays (issue 21, decision 067): one chained job for the instance at
// 04:00 UTC (like the nightly access checks) queues one read per URL overlay, so each read has its
// own lease; a read that fails is recorded on the overlay (its last good events stay), not retried.

import { eq } from "drizzle-orm";
import { calendarOverlays } from "@db/schema";
import { db, type Queryable } from "~/utils/db.server";
import { enqueue } from "~/modules/jobs/queue.server";
import { DAY_MS } from "~/utils/time";
import { refreshOverlayById } from "./overlay-sources.server";

export const OVERLAYS_DAILY_JOB = "calendar.overlays-daily";
export const OVERLAY_REFRESH_JOB = "calendar.overlay-refresh";
const DAILY_HOUR_UTC = 4;

/** The next 04:00 UTC strictly after `now`. */
export function nextOverlayRefresh(now: Date): Date {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), DAILY_HOUR_UTC);
  return new Date(today > now.getTime() ? today : today + DAY_MS);
}

/** Idempotent: the dedupe key is the run time, so any number of processes start one chain. */
export async function ensureOverlayRefreshScheduled(tx: Queryable, now: Date): Promise<void> {
  const runAt = nextOverlayRefresh(now);
  await enqueue(tx, { kind: OVERLAYS_DAILY_JOB, payload: {}, runAt, dedupeKey: `${OVERLAYS_DAILY_JOB}:${runAt.toISOString()}` });
}

/** The daily run: one read per URL overlay (once per day each), then the next day's run. */
export async function queueOverlayRefreshes(now: Date): Promise<number> {
  const rows = await db()
    .select({ id: calendarOverlays.id, workspaceId: calendarOverlays.workspaceId })
    .from(calendarOverlays)
    .where(eq(calendarOverlays.source, "url"));
  const day = now.toISOString().slice(0, 10);
  return db().transaction(async (tx) => {
    for (const row of rows) {
      await enqueue(tx, {
        kind: OVERLAY_REFRESH_JOB,
        workspaceId: row.workspaceId,
        payload: { overlayId: row.id },
        runAt: now,
        dedupeKey: `${OVERLAY_REFRESH_JOB}:${row.id}:${day}`,
        maxAttempts: 1,
      });
    }
    await ensureOverlayRefreshScheduled(tx, now);
    return rows.length;
  });
}

/** One overlay's read; an overlay removed since, or a file, is nothing to do. */
export async function runOverlayRefresh(overlayId: string, now: Date): Promise<void> {
  await refreshOverlayById(overlayId, { now });
}
