import { CONFLICT_RULES } from "~/modules/calendar/conflicts/detect";
import { METRICS, type MetricKey } from "~/modules/insights/metrics";
import { getPlatform } from "~/modules/onboarding/catalog";
import { filterQuery } from "~/modules/insights/page-filter";
import type { InsightsPageData } from "~/modules/insights/page.server";
import type { InsightsReport } from "~/modules/insights/report";
import { chartModel, weekData, type ChartModel } from "./chart-geometry.server";
import type { FilterView } from "./filters";
import { periodLabel } from "./format";
import type { HeadlineSection, HeadlineView } from "./headlines";

/**
 * The insights page's view model, built in the loader from the report: headline cards with what
 * each stands on, the weekly charts' geometry, the breakdown columns. Keeps the route thin and the
 * browser free of the metric definitions' code (it receives their words).
 */

const SECTIONS: { title: string; keys: MetricKey[] }[] = [
  { title: "Access and briefs", keys: ["access_per_link", "access_per_platform", "brief_acknowledgment"] },
  { title: "Approvals", keys: ["approval_cycle", "time_in_stage", "revision_rounds", "first_pass_rate"] },
  { title: "The 48-hour rule and drafts", keys: ["compliance_48h", "on_time_drafts", "late_submissions"] },
  { title: "Conflicts", keys: ["open_conflicts", "resolved_before_live"] },
];

/** The weekly charts: the figures people follow week to week. */
const WEEK_CHARTS: { key: MetricKey; kind: "bars" | "line"; title: string }[] = [
  { key: "approval_cycle", kind: "line", title: "Approval cycle time, median per week" },
  { key: "compliance_48h", kind: "bars", title: "48-hour compliance per week" },
  { key: "access_per_platform", kind: "line", title: "Time to verified access, median per week" },
  { key: "brief_acknowledgment", kind: "line", title: "Brief acknowledgment time, median per week" },
  { key: "on_time_drafts", kind: "bars", title: "On-time draft rate per week" },
  { key: "open_conflicts", kind: "bars", title: "Open conflicts at the end of each week" },
];

/** The columns of the brand, agency and creator tables, with short headers (the CSV has every metric). */
const BREAKDOWN_COLUMNS: { key: MetricKey; short: string }[] = [
  { key: "access_per_platform", short: "Access" },
  { key: "brief_acknowledgment", short: "Brief ack." },
  { key: "approval_cycle", short: "Cycle time" },
  { key: "first_pass_rate", short: "First pass" },
  { key: "compliance_48h", short: "48-h rule" },
  { key: "on_time_drafts", short: "On-time drafts" },
  { key: "late_submissions", short: "Late versions" },
  { key: "open_conflicts", short: "Open conflicts" },
];

export const breakdownColumns = () =>
  BREAKDOWN_COLUMNS.map((c) => ({ key: c.key, label: c.short, unit: METRICS[c.key].unit, title: METRICS[c.key].label }));

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function basisOf(key: MetricKey, report: InsightsReport): string {
  const f = report.figures;
  const rate = (r: { count: number; of: number }, what: string, many?: string) =>
    r.of === 0 ? "Nothing measured" : `${r.count} of ${plural(r.of, what, many)}`;
  const median = (n: number, what: string) => (n === 0 ? "Nothing measured" : `Median of ${plural(n, what)}`);
  switch (key) {
    case "access_per_link":
      return median(f.accessPerLink.count, "link");
    case "access_per_platform":
      return median(f.accessPerPlatform.all.count, "platform grant");
    case "brief_acknowledgment":
      return median(f.briefAcknowledgment.count, "acknowledgment");
    case "approval_cycle":
      return median(f.approvalCycle.count, "deliverable");
    case "time_in_stage":
      return median(f.timeInStage.all.count, "stage decision");
    case "revision_rounds":
      return f.revisionRounds.count === 0 ? "Nothing measured" : `Mean of ${plural(f.revisionRounds.count, "deliverable")}`;
    case "first_pass_rate":
      return rate(f.firstPassRate, "signed-off deliverable");
    case "compliance_48h":
      return rate(f.compliance48h, "deliverable going live", "deliverables going live");
    case "on_time_drafts":
      return rate(f.onTimeDrafts, "first draft");
    case "late_submissions":
      return `Of ${plural(f.lateSubmissions.of, "version")} submitted`;
    case "open_conflicts":
      return `${f.openConflicts.acknowledged} acknowledged; median age ${f.openConflicts.age.median === null ? "none" : `${Math.round(f.openConflicts.age.median / 3600)} h`}`;
    case "resolved_before_live":
      return rate(f.resolvedBeforeLive, "conflict gone live", "conflicts gone live");
  }
}

export function headlineSections(report: InsightsReport): HeadlineSection[] {
  const byKey = new Map(report.headlines.map((h) => [h.key, h]));
  const c = report.figures.compliance48h;
  return SECTIONS.map((s) => ({
    title: s.title,
    items: s.keys.map((key): HeadlineView => {
      const h = byKey.get(key)!;
      const m = METRICS[key];
      return {
        key,
        label: m.label,
        definition: m.definition,
        unit: m.unit,
        value: h.value,
        basis: basisOf(key, report),
        change: h.change,
        trend: h.trend,
        aside: key === "compliance_48h" ? `${plural(c.overrides, "override")} · ${plural(c.blocks, "block")}` : null,
      };
    }),
  }));
}

export function weekCharts(report: InsightsReport): (ChartModel & { metric: MetricKey })[] {
  return WEEK_CHARTS.map((c) => ({
    ...chartModel({ id: `chart-${c.key}`, title: c.title, kind: c.kind, unit: METRICS[c.key].unit, data: weekData(report.weeks, c.key) }),
    metric: c.key,
  }));
}

export function filterView(data: InsightsPageData, path: string): FilterView {
  const { filter } = data;
  const same = (p: { from: string; to: string }) => p.from === filter.period.from && p.to === filter.period.to;
  const defaultPeriod = data.presets.find((p) => p.key === "12w")!.period;
  return {
    values: {
      from: filter.period.from,
      to: filter.period.to,
      brand: filter.brandId ?? "",
      agency: filter.agencyId ?? "",
      channel: filter.channel ?? "",
    },
    options: data.options,
    presets: data.presets.map((p) => ({
      label: p.label,
      href: `${path}${filterQuery(filter, { from: p.period.from, to: p.period.to })}`,
      current: same(p.period),
    })),
    filtered: Boolean(filter.brandId || filter.agencyId || filter.channel) || !same(defaultPeriod),
  };
}

/** Words for the period and the one it is compared with. */
export function periodWords(report: InsightsReport) {
  return {
    label: periodLabel(report.period),
    previous: `the ${report.period.days} days before`,
    previousRange: periodLabel(report.previousPeriod),
  };
}

/** The detail tables' rows, named as people know them: stage names, platform names, conflict rule titles. */
export function detailTables(report: InsightsReport, customNames: ReadonlyMap<string, string> = new Map()) {
  const f = report.figures;
  const rules = new Map<string, string>(CONFLICT_RULES.map((r) => [r.code, r.title]));
  return {
    stages: f.timeInStage.stages.map((s) => ({ key: String(s.stageIndex), name: `${s.stageIndex + 1}. ${s.stageName}`, ...s.summary })),
    platforms: f.accessPerPlatform.platforms.map((p) => ({
      key: p.platform,
      // A custom platform (decision 061) by the name the agency gave it, never its key.
      name: getPlatform(p.platform)?.name ?? customNames.get(p.platform) ?? p.platform,
      ...p.summary,
    })),
    conflicts: f.openConflicts.byRule.map((r) => ({
      key: r.rule,
      name: rules.get(r.rule) ?? r.rule,
      ...r.age,
      extra: r.acknowledged ? `${r.acknowledged} acknowledged` : undefined,
    })),
  };
}

/** Each metric's words for the "how it is measured" list. */
export const definitions = () => Object.values(METRICS).map((m) => ({ label: m.label, definition: m.definition }));

/** How many rows each breakdown table shows on the page; the CSV has every row. */
export const BREAKDOWN_ROWS_SHOWN = 25;

export interface ShownRows<T> {
  rows: T[];
  /** How many rows the full table (the CSV) has. */
  total: number;
}

/**
 * At most `limit` rows of a breakdown: the ones that stand on the most handoffs, in name order.
 * A §8 workspace has 500 creators; 500 rows of 12 figures would weigh a megabyte of HTML and
 * help nobody read them (decision 055). The CSV of the same table has them all.
 */
export function mostActive<T extends { id: string; name: string }>(
  rows: readonly T[],
  weight: (row: T) => number,
  limit: number,
): ShownRows<T> {
  if (rows.length <= limit) return { rows: [...rows], total: rows.length };
  const kept = [...rows]
    .sort((a, b) => weight(b) - weight(a) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
    .slice(0, limit)
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return { rows: kept, total: rows.length };
}

const handoffsOf = (row: InsightsReport["breakdowns"]["brand"][number]) => Object.values(row.values).reduce((sum, v) => sum + v.n, 0);

export function shownBreakdowns(breakdowns: InsightsReport["breakdowns"], limit = BREAKDOWN_ROWS_SHOWN) {
  return {
    brand: mostActive(breakdowns.brand, handoffsOf, limit),
    agency: mostActive(breakdowns.agency, handoffsOf, limit),
    creator: mostActive(breakdowns.creator, handoffsOf, limit),
    approver: mostActive(breakdowns.approver, (a) => a.decisions + a.signOffs, limit),
  };
}
