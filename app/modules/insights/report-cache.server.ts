// The insights report's read cache (decision 055). Building a report reads every fact of two
// periods (over 100,000 rows at the scale of PRODUCT.md §8) and the conflict log; both change far
// less often than they are read: facts when a handoff finishes, the log when conflicts are synced or
// acknowledged. So the two parts of the report (report.ts) are cached apart, each under the
// fingerprint of its own source: (count, max id) of insights_changes rows per source, appended by
// statement triggers (migration 0008). A reschedule, the calendar's everyday change, moves neither.

import { count, lt, max } from "drizzle-orm";
import { insightsChanges } from "@db/schema";
import { db } from "~/utils/db.server";
import { fingerprintCache, pruneChangeLog } from "~/utils/fingerprint-cache.server";

/** Parts of reports (per workspace, scope and filter) and the conflict entries under them. */
export const reportParts = fingerprintCache("insights-report-parts", 64);

export interface InsightsFingerprint {
  facts: string;
  conflicts: string;
}

/** One query: the fingerprint of each source. */
export async function insightsFingerprint(): Promise<InsightsFingerprint> {
  const rows = await db()
    .select({ source: insightsChanges.source, n: count(), last: max(insightsChanges.id) })
    .from(insightsChanges)
    .groupBy(insightsChanges.source);
  const of = (source: string) => {
    const row = rows.find((r) => r.source === source);
    return `${row?.n ?? 0}:${row?.last ?? 0}`;
  };
  pruneChangeLog("insights_changes", (before) => db().delete(insightsChanges).where(lt(insightsChanges.at, before)));
  return { facts: of("facts"), conflicts: of("conflicts") };
}
