// Snapshots are computed on read (decision 040) and remembered until the data under them changes
// (the fingerprint cache, app/utils/fingerprint-cache.server.ts, decision 055).
//
// The fingerprint is (count, max id) of calendar_changes, a log that statement triggers on every
// table a snapshot reads append to (migration 0004). It is read before the snapshot's own queries,
// so a change that commits while a snapshot is being computed moves the fingerprint and the next
// read recomputes; a change that commits out of id order still moves the count. Entries are also
// keyed by the minute of `now`, because sign-off state and SIGNOFF_RISK move with the clock.

import { count, lt, max } from "drizzle-orm";
import { calendarChanges } from "@db/schema";
import { db } from "~/utils/db.server";
import { fingerprintCache, pruneChangeLog } from "~/utils/fingerprint-cache.server";

const snapshots = fingerprintCache("calendar-snapshots", 24);

export async function calendarFingerprint(): Promise<string> {
  const [row] = await db()
    .select({ n: count(), last: max(calendarChanges.id) })
    .from(calendarChanges);
  return `${row?.n ?? 0}:${row?.last ?? 0}`;
}

/** The cached snapshot for `key` if nothing changed since it was computed, else `compute()`. */
export async function cachedSnapshot<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const value = snapshots.get(key, await calendarFingerprint(), compute);
  pruneChangeLog("calendar_changes", (before) => db().delete(calendarChanges).where(lt(calendarChanges.at, before)));
  return value;
}

/** Tests that swap databases start from an empty cache. */
export function clearSnapshotCache(): void {
  snapshots.clear();
}
