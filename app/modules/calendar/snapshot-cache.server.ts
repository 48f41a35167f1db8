// Snapshots are computed on read (decision 040) and remembered until the data under them changes.
//
// The fingerprint is (count, max id) of calendar_changes, a log that statement triggers on every
// table a snapshot reads append to (migration 0004). It is read before the snapshot's own queries,
// so a change that commits while a snapshot is being computed moves the fingerprint and the next
// read recomputes; a change that commits out of id order still moves the count. Entries are also
// keyed by the minute of `now`, because sign-off state and SIGNOFF_RISK move with the clock.
// Every instance keeps its own cache; the fingerprint lives in the database, so instances agree.

import { count, lt, max } from "drizzle-orm";
import { calendarChanges } from "@db/schema";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { MINUTE_MS } from "~/utils/time";

const MAX_ENTRIES = 24;
const PRUNE_EVERY_MS = 10 * MINUTE_MS;
const KEEP_CHANGES_MS = 60 * MINUTE_MS;

interface Entry<T> {
  fingerprint: string;
  value: Promise<T>;
}

const holder = globalThis as unknown as { __batonSnapshotCache?: Map<string, Entry<unknown>>; __batonChangesPrunedAt?: number };

function cache(): Map<string, Entry<unknown>> {
  holder.__batonSnapshotCache ??= new Map();
  return holder.__batonSnapshotCache;
}

export async function calendarFingerprint(): Promise<string> {
  const [row] = await db()
    .select({ n: count(), last: max(calendarChanges.id) })
    .from(calendarChanges);
  return `${row?.n ?? 0}:${row?.last ?? 0}`;
}

/** Drops change rows older than an hour, at most every ten minutes per instance. */
async function pruneChanges(now: number): Promise<void> {
  if (now - (holder.__batonChangesPrunedAt ?? 0) < PRUNE_EVERY_MS) return;
  holder.__batonChangesPrunedAt = now;
  await db()
    .delete(calendarChanges)
    .where(lt(calendarChanges.at, new Date(now - KEEP_CHANGES_MS)));
}

/**
 * The cached value for `key` if nothing changed since it was computed, else `compute()`.
 * Concurrent misses for one key share one computation. Values are shared between requests, so
 * callers must treat them as read-only.
 */
export async function cachedSnapshot<T>(key: string, compute: () => Promise<T>): Promise<T> {
  if (env().SNAPSHOT_CACHE === "off") return compute();
  const fingerprint = await calendarFingerprint();
  const entries = cache();
  const hit = entries.get(key);
  if (hit && hit.fingerprint === fingerprint) {
    // Re-insert: the Map's order is the recency order the eviction below relies on.
    entries.delete(key);
    entries.set(key, hit);
    return hit.value as Promise<T>;
  }
  const value = compute();
  entries.set(key, { fingerprint, value });
  // A failed computation is not remembered.
  value.catch(() => {
    if (entries.get(key)?.value === value) entries.delete(key);
  });
  while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  void pruneChanges(Date.now()).catch(() => undefined);
  return value;
}

/** Tests that swap databases start from an empty cache. */
export function clearSnapshotCache(): void {
  cache().clear();
}
