import { cx } from "~/components/ui";
import type { ChartModel } from "./chart-geometry.server";
import { CHART_BOX } from "./chart-box";

/**
 * An insights chart as plain SVG from geometry the loader computed (chart-geometry.server.ts): no
 * script draws it, so it is in the first HTML, prints, and costs the browser no chart library.
 * `role="img"` with a title and a description that says what it shows; the same rows sit in a
 * table under "Show as table", and the CSV link downloads them.
 */

const INK = "#475569"; // slate-600: 7.5:1 on white
const GRID = "#e2e8f0"; // slate-200
const NO_DATA = "#94a3b8"; // slate-400: a week without data, quieter than a measured zero
const MARK = "#4f46e5"; // indigo-600: 6.3:1 on white, a fixed colour so a pale brand accent never fades a chart

export function ChartSvg({ chart }: { chart: ChartModel }) {
  const titleId = `${chart.id}-title`;
  const descId = `${chart.id}-desc`;
  const { width, height, left, right } = CHART_BOX;
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
      className="h-auto w-full overflow-visible"
      fontSize={11}
      fontFamily="inherit"
    >
      <title id={titleId}>{chart.title}</title>
      <desc id={descId}>{chart.description}</desc>
      <g aria-hidden="true">
        {chart.ticks.map((t) => (
          <g key={t.label}>
            <line x1={left} x2={width - right} y1={t.y} y2={t.y} stroke={GRID} />
            <text x={left - 6} y={t.y} dy="0.32em" textAnchor="end" fill={INK}>
              {t.label}
            </text>
          </g>
        ))}
        <line x1={left} x2={width - right} y1={chart.baseline} y2={chart.baseline} stroke={INK} />
        {chart.xLabels.map((l) => (
          <text key={`${l.x}-${l.label}`} x={l.x} y={height - 8} textAnchor="middle" fill={INK}>
            {l.label}
          </text>
        ))}
        {chart.gaps.map((g) => (
          <line key={g.x} x1={g.x - 3} x2={g.x + 3} y1={chart.baseline - 4} y2={chart.baseline - 4} stroke={NO_DATA} strokeWidth={2} />
        ))}
        {chart.bars.map((b) => (
          <rect key={b.x} x={b.x} y={b.y} width={b.width} height={b.height} rx={2} fill={MARK}>
            <title>{b.label}</title>
          </rect>
        ))}
        {chart.path ? <path d={chart.path} fill="none" stroke={MARK} strokeWidth={2} strokeLinejoin="round" /> : null}
        {chart.points.map((p) => (
          <circle key={p.x} cx={p.x} cy={p.y} r={3.5} fill="white" stroke={MARK} strokeWidth={2}>
            <title>{p.label}</title>
          </circle>
        ))}
      </g>
    </svg>
  );
}

/** The chart's rows as a table, behind a disclosure (it is the same data the chart draws). */
export function ChartTable({ chart, rowHeader }: { chart: ChartModel; rowHeader: string }) {
  return (
    <details className="group mt-3 text-sm print:hidden">
      <summary className="cursor-pointer select-none font-medium text-accent hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-accent">
        Show as table
      </summary>
      <div className="mt-2 overflow-x-auto rounded-md ring-1 ring-slate-200">
        {/* Body cells styled once from the table: twelve charts' tables are a good part of the page. */}
        <table
          className={cx(
            "min-w-full divide-y divide-slate-200 text-left",
            "[&_tbody_th]:whitespace-nowrap [&_tbody_th]:px-3 [&_tbody_th]:py-1.5 [&_tbody_th]:font-normal [&_tbody_th]:text-ink",
            "[&_td]:px-3 [&_td]:py-1.5 [&_td]:text-right [&_td]:tabular-nums [&_td]:text-ink [&_td:last-child]:text-ink-muted",
          )}
        >
          <caption className="sr-only">{chart.title}</caption>
          <thead className="bg-slate-50 text-xs font-semibold uppercase tracking-wide text-ink-muted">
            <tr>
              <th scope="col" className="px-3 py-2">
                {rowHeader}
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                Value
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                Measured
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 bg-white">
            {chart.rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">
                  {r.label} <span className="text-ink-muted">{r.key.includes("-W") ? `(${r.key})` : ""}</span>
                </th>
                <td>{r.text}</td>
                <td>{r.n}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
