// The insights rows of the §8 workspace, written by the app's own code over the generated history
// (scripts/bench-load-history.ts): the conflict log by its sync (as its job runs it, here every
// two weeks over the last 24 weeks and once now, so conflicts have ages), then the handoff facts
// by the insights backfill (app/modules/insights/backfill.server.ts), as at start-up on a database
// that predates facts. Both are timed: they are work the app does at this scale too.
import { eq } from "drizzle-orm";
import { performance } from "node:perf_hooks";
import { migrate, openDatabase } from "../db/client";
import { workspaces } from "../db/schema";
import { installDb } from "../app/utils/db.server";
import { DAY_MS } from "../app/utils/time";
import { backfillInsights } from "../app/modules/insights/backfill.server";
import { syncConflictLog } from "../app/modules/insights/conflict-log.server";

export interface InsightsWrite {
  syncs: number;
  /** The slowest single sync of the whole workspace (the conflict-log job's work after a change). */
  worstSyncMs: number;
  syncMs: number;
  facts: number;
  backfillMs: number;
}

/** Opens the app's database module on `url` (the bench process calls app services directly). */
export async function openApp(url: string, poolSize = 4) {
  const open = await openDatabase({ databaseUrl: url, poolSize });
  await migrate(open);
  installDb(open.db);
  return {
    db: open.db,
    close: async () => {
      installDb(undefined);
      await open.close();
    },
  };
}

export async function writeInsights(url: string, workspaceId: string, syncs = 12): Promise<InsightsWrite> {
  const open = await openApp(url);
  try {
    const [workspace] = await open.db.select().from(workspaces).where(eq(workspaces.id, workspaceId));
    const now = Date.now();
    let syncMs = 0;
    let worstSyncMs = 0;
    for (let k = syncs; k >= 0; k--) {
      const t0 = performance.now();
      await syncConflictLog(workspace, new Date(now - k * 14 * DAY_MS));
      const ms = performance.now() - t0;
      syncMs += ms;
      worstSyncMs = Math.max(worstSyncMs, ms);
    }
    const t1 = performance.now();
    const backfill = await backfillInsights(open.db, { force: true });
    return { syncs: syncs + 1, worstSyncMs, syncMs, facts: backfill.inserted, backfillMs: performance.now() - t1 };
  } finally {
    await open.close();
  }
}
