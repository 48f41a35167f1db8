import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { conflictLog, type workspaces } from "@db/schema";
import { db } from "~/utils/db.server";
import { DAY_MS } from "~/utils/time";
import { loadSnapshot } from "~/modules/calendar/calendar.server";
import { minuteOf } from "~/modules/calendar/snapshot";
import { systemContext } from "~/modules/workspaces/authz.server";
import { diffConflictLog, loggedConflict, type ObjectIndex } from "./conflict-log";

/**
 * Writes the conflict log (decision 053): conflicts stay computed on read (decision 040), and this
 * records when each conflict key started holding and when it stopped. It runs from a background
 * job after the calendar's data changed (jobs.server.ts), never on a page read, and is set-based:
 * one read of the open rows, then at most one statement per 1,000 rows opened, resolved or moved.
 */

/** How far ahead the log looks: conflicts about things going live later are not worth a row yet. */
export const CONFLICT_LOG_HORIZON_DAYS = 180;
const CHUNK = 1000;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

export interface ConflictLogSync {
  holding: number;
  opened: number;
  resolved: number;
  moved: number;
}

/**
 * Compares the conflicts holding now (workspace-wide, everything going live from now to the
 * horizon) with the log's open rows: a new key opens a row first seen `now`, a key gone resolves
 * its row at `now`. A conflict whose items went live drops out of the window, so its row is
 * resolved after going live: it was not resolved before it.
 */
export async function syncConflictLog(workspace: typeof workspaces.$inferSelect, now: Date): Promise<ConflictLogSync> {
  const from = new Date(minuteOf(now));
  const snapshot = await loadSnapshot(
    systemContext(workspace, "conflict log"),
    { from, to: new Date(from.getTime() + CONFLICT_LOG_HORIZON_DAYS * DAY_MS) },
    { now, withAcknowledgments: false, cache: false },
  );
  const deliverablesById = new Map(snapshot.deliverables.map((d) => [d.id, d]));
  const campaignsById = new Map(snapshot.campaigns.map((c) => [c.id, c]));
  const objects: ObjectIndex = {
    agencyIdsOf: (id) => deliverablesById.get(id)?.agencyIds ?? campaignsById.get(id)?.agencyIds ?? [],
    channelOf: (id) => deliverablesById.get(id)?.channel ?? null,
  };
  const current = snapshot.conflicts.map((c) => loggedConflict(c, objects));

  return db().transaction(async (tx) => {
    const open = await tx
      .select({ id: conflictLog.id, conflictKey: conflictLog.conflictKey, goesLiveAt: conflictLog.goesLiveAt })
      .from(conflictLog)
      .where(and(eq(conflictLog.workspaceId, workspace.id), isNull(conflictLog.resolvedAt)));
    const diff = diffConflictLog(current, open);
    let opened = 0;
    for (const part of chunks(diff.toOpen)) {
      const rows = await tx
        .insert(conflictLog)
        .values(part.map((c) => ({ ...c, workspaceId: workspace.id, firstSeenAt: now })))
        // A sync running at the same moment opened it first (the partial unique index on open keys).
        .onConflictDoNothing()
        .returning({ id: conflictLog.id });
      opened += rows.length;
    }
    let resolved = 0;
    for (const ids of chunks(diff.toResolve)) {
      const rows = await tx
        .update(conflictLog)
        .set({ resolvedAt: now })
        .where(and(inArray(conflictLog.id, ids), isNull(conflictLog.resolvedAt)))
        .returning({ id: conflictLog.id });
      resolved += rows.length;
    }
    for (const part of chunks(diff.toMove)) {
      const moves = JSON.stringify(part.map((m) => ({ id: m.id, at: m.goesLiveAt?.toISOString() ?? null })));
      await tx.execute(
        sql`update conflict_log c set goes_live_at = v.at from jsonb_to_recordset(${moves}::jsonb) as v(id text, at timestamptz) where c.id = v.id`,
      );
    }
    return { holding: current.length, opened, resolved, moved: diff.toMove.length };
  });
}
