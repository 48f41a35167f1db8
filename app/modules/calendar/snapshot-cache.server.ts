// Snapshots are computed on read (decision 040) and remembered until the data under them changes
// (the fingerprint cache, app/utils/fingerprint-cache.server.ts, decision 055), per workspace and
// recomputed from the previous one where a change allows it (decision 068).
//
// The fingerprint is (count, max id) of a workspace's rows in calendar_changes (and of the rows of
// no workspace), a log that statement triggers on every table a snapshot reads append to
// (migrations 0004 and 0013). It is read before the snapshot's own queries, so a change that
// commits while a snapshot is being computed moves the fingerprint and the next read recomputes;
// a change that commits out of id order still moves the count. Entries are also keyed by the
// minute of `now`, because sign-off state and SIGNOFF_RISK move with the clock.
//
// Two levels: the finished snapshot per key (exact fingerprint and minute), and under it the
// "base" (the window's rows and every conflict over them) per key without the minute. When the
// fingerprint moved, the changes since the base's fingerprint are read: if every one of them was a
// deliverables statement (naming its brands and creators) or a table the base does not read, the
// base is refreshed for those brands and creators only; anything else, or a log that does not add
// up (a change committed out of order, a prune), recomputes the whole window.

import { and, count, eq, gt, isNull, lt, max, or, type SQL } from "drizzle-orm";
import { calendarChanges } from "@db/schema";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { fingerprintCache, pruneChangeLog } from "~/utils/fingerprint-cache.server";
import type { AffectedGroups } from "./conflicts/incremental";

const snapshots = fingerprintCache("calendar-snapshots", 24);

interface Fingerprint {
  n: number;
  last: number;
}

const fingerprintKey = (f: Fingerprint) => `${f.n}:${f.last}`;

/** This workspace's rows and the rows of no workspace; every workspace's rows without one. */
function changesOf(workspaceId?: string): SQL | undefined {
  return workspaceId === undefined ? undefined : or(eq(calendarChanges.workspaceId, workspaceId), isNull(calendarChanges.workspaceId));
}

async function readFingerprint(workspaceId?: string): Promise<Fingerprint> {
  const [row] = await db()
    .select({ n: count(), last: max(calendarChanges.id) })
    .from(calendarChanges)
    .where(changesOf(workspaceId));
  return { n: Number(row?.n ?? 0), last: Number(row?.last ?? 0) };
}

/** The change fingerprint of one workspace's calendar, or of every workspace's without an id. */
export async function calendarFingerprint(workspaceId?: string): Promise<string> {
  return fingerprintKey(await readFingerprint(workspaceId));
}

/** Tables a snapshot's base does not read (the waiting lists do; acknowledgments and names are read for each snapshot). */
const NOT_IN_BASE = new Set([
  "approval_routes",
  "draft_versions",
  "approval_decisions",
  "brief_acknowledgments",
  "memberships",
  "users",
  "conflict_acknowledgments",
  "conflict_waivers",
]);

/**
 * What changed between two fingerprints of a workspace, as the brands and creators whose
 * deliverables changed; null when a full recompute is needed (another table changed, or the log
 * between the two does not add up to the difference of the counts).
 */
async function changedGroups(workspaceId: string, since: Fingerprint, now: Fingerprint): Promise<AffectedGroups | null> {
  if (now.n < since.n || now.last < since.last) return null;
  const rows = await db()
    .select({
      id: calendarChanges.id,
      source: calendarChanges.source,
      brandIds: calendarChanges.brandIds,
      creatorIds: calendarChanges.creatorIds,
    })
    .from(calendarChanges)
    .where(and(changesOf(workspaceId), gt(calendarChanges.id, since.last)));
  // Rows below since.last that committed later, or rows pruned meanwhile: the counts tell.
  if (rows.length !== now.n - since.n || rows.some((r) => r.id > now.last)) return null;
  const brandIds = new Set<string>();
  const creatorIds = new Set<string>();
  for (const row of rows) {
    if (row.source !== null && NOT_IN_BASE.has(row.source)) continue;
    if (row.source !== "deliverables" || !row.brandIds) return null;
    for (const id of row.brandIds) brandIds.add(id);
    for (const id of row.creatorIds ?? []) creatorIds.add(id);
  }
  return { brandIds, creatorIds };
}

interface BaseEntry {
  fingerprint: Fingerprint;
  minute: number;
  base: Promise<unknown>;
}

const BASE_ENTRIES = 24;

/** How bases were made since start: tests and scripts/profile-calendar.ts read the difference. */
export const snapshotCacheStats = { full: 0, refreshed: 0 };
const holder = globalThis as unknown as { __batonSnapshotBases?: Map<string, BaseEntry> };
const bases = () => (holder.__batonSnapshotBases ??= new Map());

export interface SnapshotParts<B, T> {
  workspaceId: string;
  /** The finished snapshot's key (with the minute and everything that shapes the result). */
  key: string;
  /** The base's key: the key without the minute. */
  baseKey: string;
  minute: number;
  /** The whole window from scratch. */
  full: () => Promise<B>;
  /** `base` with the deliverables of these brands and creators read again, at this minute. */
  refresh: (base: B, changed: AffectedGroups, clockMoved: boolean) => Promise<B>;
  /** The snapshot a page reads, from a base. */
  finish: (base: B) => Promise<T>;
}

/** The base for this fingerprint and minute: cached, refreshed from an older one, or computed. */
async function baseFor<B, T>(parts: SnapshotParts<B, T>, fingerprint: Fingerprint): Promise<B> {
  const map = bases();
  const seen = map.get(parts.baseKey);
  const same = seen !== undefined && fingerprintKey(seen.fingerprint) === fingerprintKey(fingerprint);
  let base: Promise<B>;
  if (seen && same && seen.minute === parts.minute) base = seen.base as Promise<B>;
  else if (seen) {
    const changed = same
      ? { brandIds: new Set<string>(), creatorIds: new Set<string>() }
      : await changedGroups(parts.workspaceId, seen.fingerprint, fingerprint);
    const clockMoved = seen.minute !== parts.minute;
    base = changed ? (seen.base as Promise<B>).then((b) => parts.refresh(b, changed, clockMoved)) : parts.full();
    snapshotCacheStats[changed ? "refreshed" : "full"]++;
  } else {
    base = parts.full();
    snapshotCacheStats.full++;
  }
  map.delete(parts.baseKey);
  const entry = { fingerprint, minute: parts.minute, base };
  map.set(parts.baseKey, entry);
  base.catch(() => {
    if (map.get(parts.baseKey) === entry) map.delete(parts.baseKey);
  });
  while (map.size > BASE_ENTRIES) map.delete(map.keys().next().value as string);
  return base;
}

/** The cached snapshot for `parts.key` if nothing changed since it was computed, else computed from the freshest base that allows it. */
export async function cachedSnapshot<B, T>(parts: SnapshotParts<B, T>): Promise<T> {
  if (env().SNAPSHOT_CACHE === "off") return parts.finish(await parts.full());
  const fingerprint = await readFingerprint(parts.workspaceId);
  const value = snapshots.get(parts.key, fingerprintKey(fingerprint), async () => parts.finish(await baseFor(parts, fingerprint)));
  pruneChangeLog("calendar_changes", (before) => db().delete(calendarChanges).where(lt(calendarChanges.at, before)));
  return value;
}

/** Tests that swap databases start from an empty cache. */
export function clearSnapshotCache(): void {
  snapshots.clear();
  bases().clear();
}
