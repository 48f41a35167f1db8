import { and, eq, inArray } from "drizzle-orm";
import { agencies } from "@db/schema";
import { db } from "~/utils/db.server";
import type { ScopedContext } from "~/modules/workspaces/authz.server";
import { brandLeadsConflictLogScope, brandLeadsFactScope } from "~/modules/workspaces/scope.server";
import { groupBy } from "~/modules/calendar/conflicts/sort-and-group";
import type { Period } from "./periods";
import { conflictEntriesWhere, factsWhere } from "./queries.server";
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

const factsOf = (workspace: Workspace, brandIds: string[], days: Period) => factsWhere(brandLeadsFactScope({ workspace }, brandIds), days);

const conflictsOf = (workspace: Workspace, brandIds: string[], days: Period) =>
  conflictEntriesWhere(brandLeadsConflictLogScope({ workspace }, brandIds), days, workspace.timeZone);

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
