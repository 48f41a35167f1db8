import { scaleBand, scaleLinear } from "d3-scale";
import { line } from "d3-shape";
import type { MetricDefinition } from "~/modules/insights/metrics";
import { CHART_BOX } from "./chart-box";
import { formatValue, shortDay } from "./format";

/**
 * The geometry of insights' charts, computed on the server (decision 054): d3-scale places the
 * values and picks round ticks, d3-shape draws the line, and the page receives plain numbers and a
 * path, so the SVG renders in the first HTML, prints, reads without JavaScript, and d3 never ships to
 * the browser. Every chart carries its own text alternative (a title and a sentence describing it)
 * and the rows of its table.
 */

type Unit = MetricDefinition["unit"];

const CHART = CHART_BOX;
/** Most x labels a chart shows; the table beside it has every row. */
const MAX_X_LABELS = 6;

export interface ChartDatum {
  /** "2026-W14" or a name. */
  key: string;
  /** Its label on the axis and in the table ("30 Mar"). */
  label: string;
  value: number | null;
  n: number;
}

export interface ChartModel {
  id: string;
  title: string;
  description: string;
  kind: "bars" | "line";
  unit: Unit;
  ticks: { y: number; label: string }[];
  xLabels: { x: number; label: string }[];
  bars: { x: number; y: number; width: number; height: number; label: string }[];
  path: string | null;
  points: { x: number; y: number; label: string }[];
  /** Where a week without data sits on the axis (a small dash, so a gap is not read as zero). */
  gaps: { x: number }[];
  baseline: number;
  rows: (ChartDatum & { text: string })[];
}

/**
 * The y axis in the metric's unit: rates run to 100 %; durations in one unit people count in
 * (minutes, hours up to three days, then days: "30 h", never "1 d 6 h"); counts in whole numbers.
 * d3's nice() and ticks() pick the round values.
 */
function axisFor(unit: Unit, values: number[]): { ticks: number[]; label: (t: number) => string } {
  const max = Math.max(0, ...values);
  const nice = (top: number) => scaleLinear().domain([0, top]).nice(4).ticks(4);
  switch (unit) {
    case "rate":
      return { ticks: [0, 0.25, 0.5, 0.75, 1], label: (t) => `${Math.round(t * 100)}%` };
    case "duration": {
      const [step, name] = max <= 3600 ? [60, "min"] : max <= 72 * 3600 ? [3600, "h"] : [86400, "d"];
      const ticks = nice(Math.max(1, max / step)).filter((t) => Number.isInteger(t));
      return { ticks: ticks.map((t) => t * step), label: (t) => (t === 0 ? "0" : `${t / step} ${name}`) };
    }
    case "count":
      return { ticks: nice(Math.max(4, max)).filter((t) => Number.isInteger(t)), label: (t) => String(t) };
    case "rounds":
      return { ticks: nice(Math.max(1, max)), label: (t) => String(t) };
  }
}

function describe(title: string, unit: Unit, data: readonly ChartDatum[]): string {
  const measured = data.filter((d) => d.value !== null) as (ChartDatum & { value: number })[];
  if (measured.length === 0) return `${title}: nothing was measured in this period.`;
  const high = measured.reduce((a, b) => (b.value > a.value ? b : a));
  const low = measured.reduce((a, b) => (b.value < a.value ? b : a));
  const empty = data.length - measured.length;
  const parts = [
    `${title}, ${data.length} ${data.length === 1 ? "row" : "rows"}.`,
    `Highest ${formatValue(unit, high.value)} (${high.label}); lowest ${formatValue(unit, low.value)} (${low.label}).`,
    empty ? `${empty} without data.` : "",
  ];
  return parts.filter(Boolean).join(" ");
}

export function chartModel(input: { id: string; title: string; kind: "bars" | "line"; unit: Unit; data: ChartDatum[] }): ChartModel {
  const { id, title, kind, unit, data } = input;
  const values = data.flatMap((d) => (d.value === null ? [] : [d.value]));
  const axis = axisFor(unit, values);
  const top = Math.max(...values, ...axis.ticks);
  const y = scaleLinear()
    .domain([0, top])
    .range([CHART.height - CHART.bottom, CHART.top]);
  const x = scaleBand<string>()
    .domain(data.map((d) => d.key))
    .range([CHART.left, CHART.width - CHART.right])
    .paddingInner(kind === "bars" ? 0.3 : 0)
    .paddingOuter(kind === "bars" ? 0.15 : 0.5);
  const center = (key: string) => (x(key) ?? 0) + x.bandwidth() / 2;
  const every = Math.max(1, Math.ceil(data.length / MAX_X_LABELS));
  const baseline = y(0);
  const round = (v: number) => Math.round(v * 10) / 10;
  const measured = data.filter((d) => d.value !== null) as (ChartDatum & { value: number })[];

  const path =
    kind === "line" && measured.length > 0
      ? line<ChartDatum>()
          .defined((d) => d.value !== null)
          .x((d) => round(center(d.key)))
          .y((d) => round(y(d.value ?? 0)))(data)
      : null;

  return {
    id,
    title,
    description: describe(title, unit, data),
    kind,
    unit,
    ticks: axis.ticks.map((t) => ({ y: round(y(t)), label: axis.label(t) })),
    xLabels: data.filter((_, i) => i % every === 0).map((d) => ({ x: round(center(d.key)), label: d.label })),
    bars:
      kind === "bars"
        ? measured.map((d) => ({
            x: round(x(d.key) ?? 0),
            y: round(y(d.value)),
            width: round(x.bandwidth()),
            // A measured zero still shows as a hairline, so it is not read as a week without data.
            height: Math.max(1, round(baseline - y(d.value))),
            label: `${d.label}: ${formatValue(unit, d.value)}`,
          }))
        : [],
    path,
    points:
      kind === "line"
        ? measured.map((d) => ({ x: round(center(d.key)), y: round(y(d.value)), label: `${d.label}: ${formatValue(unit, d.value)}` }))
        : [],
    gaps: data.filter((d) => d.value === null).map((d) => ({ x: round(center(d.key)) })),
    baseline: round(baseline),
    rows: data.map((d) => ({ ...d, text: formatValue(unit, d.value) })),
  };
}

/** The weekly rows of one metric, labelled by the first day of each week ("30 Mar"). */
export function weekData(
  weeks: readonly { week: string; from: string; values: Record<string, { value: number | null; n: number }> }[],
  key: string,
): ChartDatum[] {
  return weeks.map((w) => ({ key: w.week, label: shortDay(w.from), value: w.values[key]?.value ?? null, n: w.values[key]?.n ?? 0 }));
}
