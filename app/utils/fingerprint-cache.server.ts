// Read caches that hold a computed value until the data under it changes (decision 055).
//
// The caller reads a fingerprint of that data from the database (a count and the last id of a
// change log that statement triggers append to) BEFORE computing, so a change that commits while
// the value is computed moves the fingerprint and the next read recomputes. A value is remembered
// with the fingerprint it was computed under; a read with another fingerprint recomputes.
// Every instance keeps its own entries; the fingerprints live in the database, so instances agree.

import { env } from "~/utils/env.server";

interface Entry {
  fingerprint: string;
  value: Promise<unknown>;
}

export interface FingerprintCache {
  /**
   * The value cached for `key` under `fingerprint`, else `compute()`. Concurrent misses for one key
   * share one computation; a failed computation is not remembered. Values are shared between
   * requests: callers treat them as read-only.
   */
  get<T>(key: string, fingerprint: string, compute: () => Promise<T>): Promise<T>;
  clear(): void;
}

const holder = globalThis as unknown as { __batonReadCaches?: Map<string, Map<string, Entry>> };

/** One named cache of at most `maxEntries` keys, least recently used first out. */
export function fingerprintCache(name: string, maxEntries: number): FingerprintCache {
  // On globalThis: the dev server reloads modules, and every copy must share the entries.
  const entries = () => {
    holder.__batonReadCaches ??= new Map();
    let map = holder.__batonReadCaches.get(name);
    if (!map) holder.__batonReadCaches.set(name, (map = new Map()));
    return map;
  };
  return {
    get<T>(key: string, fingerprint: string, compute: () => Promise<T>): Promise<T> {
      // SNAPSHOT_CACHE=off turns every read cache off (to compare, or to rule the caches out).
      if (env().SNAPSHOT_CACHE === "off") return compute();
      const map = entries();
      const hit = map.get(key);
      if (hit && hit.fingerprint === fingerprint) {
        // Re-insert: the Map's order is the recency order the eviction below relies on.
        map.delete(key);
        map.set(key, hit);
        return hit.value as Promise<T>;
      }
      const value = compute();
      map.set(key, { fingerprint, value });
      value.catch(() => {
        if (map.get(key)?.value === value) map.delete(key);
      });
      while (map.size > maxEntries) map.delete(map.keys().next().value as string);
      return value;
    },
    clear() {
      entries().clear();
    },
  };
}

const PRUNE_EVERY_MS = 10 * 60_000;
const KEEP_CHANGES_MS = 60 * 60_000;
const pruned = globalThis as unknown as { __batonChangeLogsPrunedAt?: Map<string, number> };

/**
 * For a change log the fingerprints read: drops its rows older than an hour, at most every ten
 * minutes per instance (a fingerprint moves once when old rows go, which only recomputes).
 * Never awaited by a reader; a failure waits for the next turn.
 */
export function pruneChangeLog(name: string, deleteOlderThan: (before: Date) => Promise<unknown>, now = Date.now()): void {
  pruned.__batonChangeLogsPrunedAt ??= new Map();
  if (now - (pruned.__batonChangeLogsPrunedAt.get(name) ?? 0) < PRUNE_EVERY_MS) return;
  pruned.__batonChangeLogsPrunedAt.set(name, now);
  void deleteOlderThan(new Date(now - KEEP_CHANGES_MS)).catch(() => undefined);
}
