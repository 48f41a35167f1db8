import { and, eq, gte, inArray, isNotNull, isNull, lt, lte, or, sql } from "drizzle-orm";
import { agencies, brands, conflictAcknowledgments, conflictLog, creators, handoffFacts, users, type Role } from "@db/schema";
import { db } from "~/utils/db.server";
import type { ScopedContext } from "~/modules/workspaces/authz.server";
import { conflictLogScope, factScope } from "~/modules/workspaces/scope.server";
import { FACT_KINDS, type Fact } from "./fact-kinds";
import type { ConflictEntry } from "./metrics";
import { periodBounds } from "./periods";
import { buildReport, loadedDays, type InsightsFilter, type InsightsReport, type ReportNames } from "./report";

/**
 * The insights report for one viewer and one filter: the facts and conflict-log rows in the
 * viewer's scope (scope.server.ts `factScope`, `conflictLogScope`) for the period and the one
 * before it, read in one query each, the names of what they mention in one query per kind, and the
 * figures from the pure modules. No query per row.
 */

export type InsightsViewer = ScopedContext & { role?: Role };

export async function loadFacts(viewer: InsightsViewer, filter: InsightsFilter): Promise<Fact[]> {
  const days = loadedDays(filter.period);
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
        factScope(viewer),
        // Every kind named, so the (workspace, kind, local_date) index serves the day range.
        inArray(handoffFacts.kind, [...FACT_KINDS]),
        gte(handoffFacts.localDate, days.from),
        lte(handoffFacts.localDate, days.to),
        filter.brandId ? eq(handoffFacts.brandId, filter.brandId) : undefined,
        filter.agencyId ? eq(handoffFacts.agencyId, filter.agencyId) : undefined,
        filter.channel ? eq(handoffFacts.channel, filter.channel) : undefined,
      ),
    );
  // Rows are written through recordFact with the kind's data shape (fact-kinds.ts).
  return rows as unknown as Fact[];
}

export async function loadConflictEntries(viewer: InsightsViewer, filter: InsightsFilter): Promise<ConflictEntry[]> {
  const days = loadedDays(filter.period);
  const { start, end } = periodBounds(days, viewer.workspace.timeZone);
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
        conflictLogScope(viewer),
        filter.brandId ? eq(conflictLog.brandId, filter.brandId) : undefined,
        filter.agencyId ? sql`${conflictLog.agencyIds} @> jsonb_build_array(${filter.agencyId}::text)` : undefined,
        filter.channel ? eq(conflictLog.channel, filter.channel) : undefined,
        // Holding at some point of the two periods, or going live in them.
        or(
          and(lt(conflictLog.firstSeenAt, end), or(isNull(conflictLog.resolvedAt), gte(conflictLog.resolvedAt, start))),
          and(isNotNull(conflictLog.goesLiveAt), gte(conflictLog.goesLiveAt, start), lt(conflictLog.goesLiveAt, end)),
        ),
      ),
    );
  return rows.map((r) => ({ ...r, agencyIds: Array.isArray(r.agencyIds) ? r.agencyIds : [] }));
}

const idsOf = (facts: readonly Fact[], pick: (f: Fact) => string | null) => [
  ...new Set(facts.map(pick).filter((id): id is string => id !== null)),
];

async function namesOf(viewer: InsightsViewer, facts: readonly Fact[]): Promise<ReportNames> {
  const here = viewer.workspace.id;
  const lookup = async <T extends { id: string; name: string }>(ids: string[], read: (ids: string[]) => Promise<T[]>) =>
    new Map(ids.length === 0 ? [] : (await read(ids)).map((r) => [r.id, r.name] as const));
  const [brandNames, agencyNames, creatorNames, people] = await Promise.all([
    lookup(
      idsOf(facts, (f) => f.brandId),
      (ids) =>
        db()
          .select({ id: brands.id, name: brands.name })
          .from(brands)
          .where(and(eq(brands.workspaceId, here), inArray(brands.id, ids))),
    ),
    lookup(
      idsOf(facts, (f) => f.agencyId),
      (ids) =>
        db()
          .select({ id: agencies.id, name: agencies.name })
          .from(agencies)
          .where(and(eq(agencies.workspaceId, here), inArray(agencies.id, ids))),
    ),
    lookup(
      idsOf(facts, (f) => f.creatorId),
      (ids) =>
        db()
          .select({ id: creators.id, name: creators.name })
          .from(creators)
          .where(and(eq(creators.workspaceId, here), inArray(creators.id, ids))),
    ),
    lookup(
      idsOf(facts, (f) => f.personId),
      (ids) => db().select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids)),
    ),
  ]);
  return { brands: brandNames, agencies: agencyNames, creators: creatorNames, people };
}

/** The report the insights page and the monthly email render, for what `viewer` may see. */
export async function loadInsightsReport(viewer: InsightsViewer, filter: InsightsFilter, now = new Date()): Promise<InsightsReport> {
  const [facts, conflicts] = await Promise.all([loadFacts(viewer, filter), loadConflictEntries(viewer, filter)]);
  const names = await namesOf(viewer, facts);
  return buildReport({ filter, timeZone: viewer.workspace.timeZone, now, facts, conflicts, names });
}
