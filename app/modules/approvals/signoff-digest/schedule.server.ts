import { brands } from "@db/schema";
import type { Queryable } from "~/utils/db.server";
import { enqueue } from "~/modules/jobs/queue.server";
import { nextDigestSlot } from "./schedule";

/**
 * Keeps each brand's daily sign-off digest (issue 17 part 3) on the queue: one job per brand and
 * 08:00 slot, written in the caller's transaction. Asked at start-up for every brand, when a draft
 * starts waiting for a brand's sign-off, and by each run for the next day.
 */

export const SIGNOFF_DIGEST_JOB = "approvals.signoff-digest";

type Brand = Pick<typeof brands.$inferSelect, "id" | "workspaceId" | "timeZone">;

/** Schedules the brand's first digest strictly after `after` (idempotent: the dedupe key is the slot). */
export async function ensureSignoffDigestScheduled(tx: Queryable, brand: Brand, after: Date): Promise<void> {
  const { at } = nextDigestSlot(after, brand.timeZone);
  await enqueue(tx, {
    kind: SIGNOFF_DIGEST_JOB,
    payload: { brandId: brand.id, at: at.toISOString() },
    runAt: at,
    workspaceId: brand.workspaceId,
    dedupeKey: `${SIGNOFF_DIGEST_JOB}:${brand.id}:${at.toISOString()}`,
  });
}

/** At start-up: every brand has its next digest (brands made since, and zones changed, are caught here too). */
export async function ensureSignoffDigestsScheduled(q: Queryable, now: Date): Promise<void> {
  const all = await q.select({ id: brands.id, workspaceId: brands.workspaceId, timeZone: brands.timeZone }).from(brands);
  for (const brand of all) await ensureSignoffDigestScheduled(q, brand, now);
}
