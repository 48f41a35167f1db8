import { and, eq, gte, inArray, isNotNull, isNull, lt, lte, or, sql } from "drizzle-orm";
import { agencies, conflictAcknowledgments, conflictLog, handoffFacts } from "@db/schema";
import { db } from "~/utils/db.server";
import type { ScopedContext } from "~/modules/workspaces/authz.server";
import { brandLeadsConflictLogScope, brandLeadsFactScope } from "~/modules/workspaces/scope.server";
import { groupBy } from "~/modules/calendar/conflicts/sort-and-group";
import { FACT_KINDS, type Fact } from "./fact-kinds";
import type { ConflictEntry } from "./metrics";
import { periodBounds, type Period } from "./periods";
import { buildMonthlyReport, type MonthlyReport } from "./monthly-report";
import { monthPeriod, previousMonthOf, type Month } from "./monthly-report-schedule";

/**
 * The rows of the monthly report for many brands of one workspace at once (issue 16, speed: all 50
 * brands of PRODUCT.md §8 in under a minute): ONE query for the facts of every brand due, one for
 * their conflict-log entries and one for the agency names, whatever the number of brands; then
 * each brand's figures from its own rows, in memory. What each brand lead may see is the scope
 * module's (brandLeadsFactScope, brandLeadsConflictLogScope), the same rows as on their insights page.
 */

export interface ReportBrand {
  id: string;
  name: string;
}

type Workspace = ScopedContext["workspace"];

/** The month and the one before it, so each figure can say what it was. */
const loadedPeriod = (month: Month): Period => ({ from: monthPeriod(previousMonthOf(month)).from, to: monthPeriod(month).to });

async function factsOf(workspace: Workspace, brandIds: string[], days: Period): Promise<Fact[]> {
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
        brandLeadsFactScope({ workspace }, brandIds),
        // Every kind named, so the (workspace, kind, local_date) index serves the day range.
        inArray(handoffFacts.kind, [...FACT_KINDS]),
        gte(handoffFacts.localDate, days.from),
        lte(handoffFacts.localDate, days.to),
      ),
    );
  // Rows are written through recordFact (or the backfill) with the kind's data shape (fact-kinds.ts).
  return rows as unknown as Fact[];
}

async function conflictsOf(workspace: Workspace, brandIds: string[], days: Period): Promise<ConflictEntry[]> {
  const { start, end } = periodBounds(days, workspace.timeZone);
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
        brandLeadsConflictLogScope({ workspace }, brandIds),
        // Holding at some point of the two months, or going live in them.
        or(
          and(lt(conflictLog.firstSeenAt, end), or(isNull(conflictLog.resolvedAt), gte(conflictLog.resolvedAt, start))),
          and(isNotNull(conflictLog.goesLiveAt), gte(conflictLog.goesLiveAt, start), lt(conflictLog.goesLiveAt, end)),
        ),
      ),
    );
  return rows.map((r) => ({ ...r, agencyIds: Array.isArray(r.agencyIds) ? r.agencyIds : [] }));
}

async function agencyNames(workspace: Workspace, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db()
    .select({ id: agencies.id, name: agencies.name })
    .from(agencies)
    .where(and(eq(agencies.workspaceId, workspace.id), inArray(agencies.id, ids)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Each brand's report for `month`, in the order given; three queries in all. */
export async function loadMonthlyReports(
  workspace: Workspace,
  brands: readonly ReportBrand[],
  month: Month,
  now: Date,
): Promise<MonthlyReport[]> {
  if (brands.length === 0) return [];
  const ids = brands.map((b) => b.id);
  const days = loadedPeriod(month);
  const [facts, conflicts] = await Promise.all([factsOf(workspace, ids, days), conflictsOf(workspace, ids, days)]);
  const names = await agencyNames(workspace, [
    ...new Set([...facts.flatMap((f) => (f.agencyId ? [f.agencyId] : [])), ...conflicts.flatMap((c) => c.agencyIds)]),
  ]);
  const factsByBrand = groupBy(facts, (f) => f.brandId);
  const conflictsByBrand = groupBy(conflicts, (c) => c.brandId);
  return brands.map((brand) =>
    buildMonthlyReport({
      brand,
      month,
      timeZone: workspace.timeZone,
      now,
      facts: factsByBrand.get(brand.id) ?? [],
      conflicts: conflictsByBrand.get(brand.id) ?? [],
      agencyNames: names,
    }),
  );
}
