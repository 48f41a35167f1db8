import { METRIC_KEYS, METRICS, type MetricKey } from "./metrics";
import type { BreakdownRow, InsightsReport } from "./report";
import type { Summary } from "./stats";
import type { StuckGroup } from "./stuck";

/**
 * Every table of the insights page as CSV rows (issue 16: every table downloadable). Numbers stay
 * numbers a spreadsheet can sum: durations in hours (two decimals), rates in percent (one decimal),
 * and each figure beside the count it stands on. The route writes them through ~/utils/csv. Pure.
 */

export const CSV_TABLES = [
  "headlines",
  "weeks",
  "brands",
  "agencies",
  "creators",
  "approvers",
  "stages",
  "platforms",
  "conflicts",
  "stuck",
] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

export const isCsvTable = (value: unknown): value is CsvTable =>
  typeof value === "string" && (CSV_TABLES as readonly string[]).includes(value);

export interface CsvRows {
  header: string[];
  rows: (string | number | null)[][];
}

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

const UNIT_SUFFIX = { duration: "hours", rate: "percent", count: "count", rounds: "versions" } as const;

/** A metric's value in its CSV unit. */
export function csvValue(key: MetricKey, value: number | null): number | null {
  if (value === null) return null;
  switch (METRICS[key].unit) {
    case "duration":
      return round(value / 3600, 2);
    case "rate":
      return round(value * 100, 1);
    case "rounds":
      return round(value, 2);
    case "count":
      return value;
  }
}

const metricColumns = () => METRIC_KEYS.flatMap((k) => [`${k}_${METRICS[k].headline}_${UNIT_SUFFIX[METRICS[k].unit]}`, `${k}_n`]);
const metricCells = (values: BreakdownRow["values"]) => METRIC_KEYS.flatMap((k) => [csvValue(k, values[k].value), values[k].n]);
const hoursOf = (s: Summary) => [
  s.count,
  s.median === null ? null : round(s.median / 3600, 2),
  s.p90 === null ? null : round(s.p90 / 3600, 2),
];

/** `appUrl` makes the stuck list's links absolute (a spreadsheet has no page to be relative to). */
export function csvRows(table: CsvTable, report: InsightsReport, stuck: readonly StuckGroup[] = [], appUrl = ""): CsvRows {
  const f = report.figures;
  switch (table) {
    case "headlines":
      return {
        header: ["metric", "label", "figure", "unit", "value", "n", "previous_value", "previous_n", "change", "trend"],
        rows: report.headlines.map((h) => [
          h.key,
          METRICS[h.key].label,
          METRICS[h.key].headline,
          UNIT_SUFFIX[METRICS[h.key].unit],
          csvValue(h.key, h.value),
          h.n,
          csvValue(h.key, h.previous.value),
          h.previous.n,
          h.change === null ? null : csvValue(h.key, h.change),
          h.trend,
        ]),
      };
    case "weeks":
      return {
        header: ["iso_week", "from", "to", ...metricColumns()],
        rows: report.weeks.map((w) => [w.week, w.from, w.to, ...metricCells(w.values)]),
      };
    case "brands":
    case "agencies":
    case "creators": {
      const list = report.breakdowns[table === "brands" ? "brand" : table === "agencies" ? "agency" : "creator"];
      return { header: ["name", ...metricColumns()], rows: list.map((r) => [r.name, ...metricCells(r.values)]) };
    }
    case "approvers":
      return {
        header: [
          "approver",
          "decisions",
          "approvals",
          "changes_requested",
          "decision_time_median_hours",
          "decision_time_p90_hours",
          "sign_offs",
        ],
        rows: report.breakdowns.approver.map((a) => [
          a.name,
          a.decisions,
          a.approvals,
          a.changesRequested,
          ...hoursOf(a.decisionTime).slice(1),
          a.signOffs,
        ]),
      };
    case "stages":
      return {
        header: ["stage_position", "stage", "kind", "n", "median_hours", "p90_hours"],
        rows: f.timeInStage.stages.map((s) => [s.stageIndex + 1, s.stageName, s.stageKind, ...hoursOf(s.summary)]),
      };
    case "platforms":
      return {
        header: ["platform", "n", "median_hours", "p90_hours"],
        rows: f.accessPerPlatform.platforms.map((p) => [p.platform, ...hoursOf(p.summary)]),
      };
    case "conflicts":
      return {
        header: ["rule", "open", "acknowledged", "age_median_hours", "age_p90_hours"],
        rows: f.openConflicts.byRule.map((r) => [r.rule, r.count, r.acknowledged, ...hoursOf(r.age).slice(1)]),
      };
    case "stuck":
      return {
        header: ["holder", "kind", "item", "detail", "waiting_since", "waited_hours", "expected_hours", "due_at", "url"],
        rows: stuck.flatMap((g) =>
          g.items.map((i) => [
            g.name,
            i.kind,
            i.title,
            i.detail,
            i.since,
            round(i.waitedMs / 3_600_000, 1),
            round(i.expectedMs / 3_600_000, 1),
            i.dueAt,
            `${appUrl}${i.url}`,
          ]),
        ),
      };
  }
}
