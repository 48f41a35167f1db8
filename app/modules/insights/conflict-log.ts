import type { Conflict } from "~/modules/calendar/conflicts/types";

/**
 * What the conflict log (decision 053) keeps of a conflict, and the diff between the conflicts
 * holding now and the log's open rows. Pure: conflict-log.server.ts does the reading and writing.
 */

export interface LoggedConflict {
  conflictKey: string;
  rule: string;
  severity: string;
  brandId: string | null;
  agencyIds: string[];
  channel: string | null;
  /** The earliest moment one of its items goes live. */
  goesLiveAt: Date | null;
}

/** The calendar objects a conflict names, as far as the snapshot holds them (neighbours outside the window may be missing). */
export interface ObjectIndex {
  agencyIdsOf(objectId: string): readonly string[];
  channelOf(objectId: string): string | null;
}

/** When the conflict's first item goes live: the publish time (SIGNOFF_RISK starts at the deadline, before it). */
export function goesLiveAt(conflict: Conflict): Date {
  return conflict.code === "SIGNOFF_RISK" ? conflict.details.publishAt : conflict.startsAt;
}

export function loggedConflict(conflict: Conflict, objects: ObjectIndex): LoggedConflict {
  const agencyIds = [...new Set(conflict.objectIds.flatMap((id) => objects.agencyIdsOf(id)))].sort();
  const channels = new Set(conflict.objectIds.map((id) => objects.channelOf(id)).filter((c): c is string => c !== null));
  const named = conflict.code === "POST_COLLISION" || conflict.code === "ACCESS_MISSING" ? conflict.details.channel : null;
  return {
    conflictKey: conflict.key,
    rule: conflict.code,
    severity: conflict.severity,
    brandId: conflict.brandId,
    agencyIds,
    // One channel when the conflict is about one (a collision, missing access, or items on a single channel).
    channel: named ?? (channels.size === 1 ? [...channels][0] : null),
    goesLiveAt: goesLiveAt(conflict),
  };
}

export interface OpenRow {
  id: string;
  conflictKey: string;
  goesLiveAt: Date | null;
}

export interface ConflictLogDiff {
  /** Keys holding now without an open row: open one, first seen now. */
  toOpen: LoggedConflict[];
  /** Open rows whose key no longer holds: resolved now. */
  toResolve: string[];
  /** Open rows still holding whose items moved: their go-live time follows. */
  toMove: { id: string; goesLiveAt: Date | null }[];
}

export function diffConflictLog(current: readonly LoggedConflict[], open: readonly OpenRow[]): ConflictLogDiff {
  const holding = new Map(current.map((c) => [c.conflictKey, c]));
  const openKeys = new Set(open.map((r) => r.conflictKey));
  const toMove: ConflictLogDiff["toMove"] = [];
  const toResolve: string[] = [];
  for (const row of open) {
    const now = holding.get(row.conflictKey);
    if (!now) toResolve.push(row.id);
    else if ((now.goesLiveAt?.getTime() ?? null) !== (row.goesLiveAt?.getTime() ?? null))
      toMove.push({ id: row.id, goesLiveAt: now.goesLiveAt });
  }
  return { toOpen: [...holding.values()].filter((c) => !openKeys.has(c.conflictKey)), toResolve, toMove };
}
