import { and, eq, gte, inArray, isNotNull, isNull, lt, lte, or, sql, type SQL } from "drizzle-orm";
import { agencies, brands, conflictAcknowledgments, conflictLog, creators, handoffFacts, users, type Role } from "@db/schema";
import { db } from "~/utils/db.server";
import type { ScopedContext } from "~/modules/workspaces/authz.server";
import { conflictLogScope, factScope, insightsScopeKey, ownCreatorId } from "~/modules/workspaces/scope.server";
import { FACT_KINDS, type Fact } from "./fact-kinds";
import type { ConflictEntry } from "./metrics";
import { minuteOf } from "~/modules/calendar/snapshot";
import { periodBounds, type Period } from "./periods";
import {
  assembleReport,
  conflictPartOf,
  factPartOf,
  idsNamed,
  loadedDays,
  type InsightsFilter,
  type InsightsReport,
  type ReportNames,
} from "./report";
import { insightsFingerprint, reportParts } from "./report-cache.server";

/**
 * The insights report for one viewer and one filter: the facts and conflict-log rows in the
 * viewer's scope (scope.server.ts `factScope`, `conflictLogScope`) for the period and the one
 * before it, read in one query each, the names of what they mention in one query per kind, and the
 * figures from the pure modules. No query per row.
 */

export type InsightsViewer = ScopedContext & { role?: Role };

/**
 * Facts under `scope` for the days of `days`, narrowed by `narrow`: the one reader of
 * handoff_facts, for the insights page (one viewer) and the monthly report (many brands at once).
 */
export async function factsWhere(scope: SQL, days: Period, narrow: (SQL | undefined)[] = []): Promise<Fact[]> {
  const rows = await db()
    .select({
      kind: handoffFacts.kind,
      subjectKey: handoffFacts.subjectKey,
      startedAt: handoffFacts.startedAt,
      finishedAt: handoffFacts.finishedAt,
      durationSeconds: handoffFacts.durationSeconds,
      brandId: handoffFacts.brandId,
      agencyId: handoffFacts.agencyId,
      channel: handoffFacts.channel,
      creatorId: handoffFacts.creatorId,
      personId: handoffFacts.personId,
      localDate: handoffFacts.localDate,
      data: handoffFacts.data,
    })
    .from(handoffFacts)
    .where(
      and(
        scope,
        // Every kind named, so the (workspace, kind, local_date) index serves the day range.
        inArray(handoffFacts.kind, [...FACT_KINDS]),
        gte(handoffFacts.localDate, days.from),
        lte(handoffFacts.localDate, days.to),
        ...narrow,
      ),
    );
  // Rows are written through recordFact (or the backfill) with the kind's data shape (fact-kinds.ts).
  return rows as unknown as Fact[];
}

/**
 * Conflict-log entries under `scope` that matter to `days` (holding at some point of them, or
 * going live in them), with whether each is acknowledged: the one reader of conflict_log for reports.
 */
export async function conflictEntriesWhere(
  scope: SQL,
  days: Period,
  timeZone: string,
  narrow: (SQL | undefined)[] = [],
): Promise<ConflictEntry[]> {
  const { start, end } = periodBounds(days, timeZone);
  const rows = await db()
    .select({
      conflictKey: conflictLog.conflictKey,
      rule: conflictLog.rule,
      severity: conflictLog.severity,
      brandId: conflictLog.brandId,
      agencyIds: conflictLog.agencyIds,
      channel: conflictLog.channel,
      goesLiveAt: conflictLog.goesLiveAt,
      firstSeenAt: conflictLog.firstSeenAt,
      resolvedAt: conflictLog.resolvedAt,
      acknowledged: sql<boolean>`${conflictAcknowledgments.id} is not null`,
    })
    .from(conflictLog)
    .leftJoin(
      conflictAcknowledgments,
      and(
        eq(conflictAcknowledgments.workspaceId, conflictLog.workspaceId),
        eq(conflictAcknowledgments.conflictKey, conflictLog.conflictKey),
      ),
    )
    .where(
      and(
        scope,
        ...narrow,
        or(
          and(lt(conflictLog.firstSeenAt, end), or(isNull(conflictLog.resolvedAt), gte(conflictLog.resolvedAt, start))),
          and(isNotNull(conflictLog.goesLiveAt), gte(conflictLog.goesLiveAt, start), lt(conflictLog.goesLiveAt, end)),
        ),
      ),
    );
  return rows.map((r) => ({ ...r, agencyIds: Array.isArray(r.agencyIds) ? r.agencyIds : [] }));
}

/** The viewer's facts of the filter's period and the one before it. */
export const loadFacts = (viewer: InsightsViewer, filter: InsightsFilter): Promise<Fact[]> =>
  factsWhere(factScope(viewer), loadedDays(filter.period), [
    filter.brandId ? eq(handoffFacts.brandId, filter.brandId) : undefined,
    filter.agencyId ? eq(handoffFacts.agencyId, filter.agencyId) : undefined,
    filter.channel ? eq(handoffFacts.channel, filter.channel) : undefined,
  ]);

/** The viewer's conflict-log entries that matter to the filter's period and the one before it. */
export const loadConflictEntries = (viewer: InsightsViewer, filter: InsightsFilter): Promise<ConflictEntry[]> =>
  conflictEntriesWhere(conflictLogScope(viewer), loadedDays(filter.period), viewer.workspace.timeZone, [
    filter.brandId ? eq(conflictLog.brandId, filter.brandId) : undefined,
    filter.agencyId ? sql`${conflictLog.agencyIds} @> jsonb_build_array(${filter.agencyId}::text)` : undefined,
    filter.channel ? eq(conflictLog.channel, filter.channel) : undefined,
  ]);

async function namesOf(viewer: InsightsViewer, ids: ReturnType<typeof idsNamed>): Promise<ReportNames> {
  const here = viewer.workspace.id;
  const lookup = async <T extends { id: string; name: string }>(list: string[], read: (ids: string[]) => Promise<T[]>) =>
    new Map(list.length === 0 ? [] : (await read(list)).map((r) => [r.id, r.name] as const));
  const [brandNames, agencyNames, creatorNames, people] = await Promise.all([
    lookup(ids.brands, (list) =>
      db()
        .select({ id: brands.id, name: brands.name })
        .from(brands)
        .where(and(eq(brands.workspaceId, here), inArray(brands.id, list))),
    ),
    lookup(ids.agencies, (list) =>
      db()
        .select({ id: agencies.id, name: agencies.name })
        .from(agencies)
        .where(and(eq(agencies.workspaceId, here), inArray(agencies.id, list))),
    ),
    lookup(ids.creators, (list) =>
      db()
        .select({ id: creators.id, name: creators.name })
        .from(creators)
        .where(and(eq(creators.workspaceId, here), inArray(creators.id, list))),
    ),
    lookup(ids.people, (list) => db().select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, list))),
  ]);
  return { brands: brandNames, agencies: agencyNames, creators: creatorNames, people };
}

/**
 * The report the insights page, its CSV and the monthly email render, for what `viewer` may see.
 * Its two parts come from the report cache (report-cache.server.ts, decision 055): the fact part
 * while no fact changed; the conflict entries while the log did not change, and their figures
 * within the minute of `now` (ages and "still open" move with the clock). Names are read fresh.
 */
export async function loadInsightsReport(viewer: InsightsViewer, filter: InsightsFilter, now = new Date()): Promise<InsightsReport> {
  const timeZone = viewer.workspace.timeZone;
  const key = [
    viewer.workspace.id,
    insightsScopeKey(viewer),
    timeZone,
    filter.period.from,
    filter.period.to,
    filter.brandId ?? "",
    filter.agencyId ?? "",
    filter.channel ?? "",
  ].join("|");
  const fingerprint = await insightsFingerprint();
  // A creator's conflicts are found through its deliverables (conflictLogScope), which the log's
  // fingerprint does not follow: theirs are read each time (a creator's share is small).
  const conflictPart = async () => conflictPartOf(await loadConflictEntries(viewer, filter), filter.period, timeZone, now);
  const [facts, conflicts] = await Promise.all([
    reportParts.get(`facts|${key}`, fingerprint.facts, async () => factPartOf(await loadFacts(viewer, filter), filter.period)),
    ownCreatorId(viewer) ? conflictPart() : reportParts.get(`conflicts|${key}|${minuteOf(now)}`, fingerprint.conflicts, conflictPart),
  ]);
  const names = await namesOf(viewer, idsNamed(facts));
  return assembleReport(facts, conflicts, { filter, timeZone, now, names });
}
