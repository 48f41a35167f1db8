import { cx } from "~/components/ui";
import type { MetricDefinition } from "~/modules/insights/metrics";
import { formatChange, formatValue } from "./format";

export interface HeadlineView {
  key: string;
  label: string;
  definition: string;
  unit: MetricDefinition["unit"];
  value: number | null;
  /** What the number stands on: "median of 14 deliverables". */
  basis: string;
  change: number | null;
  trend: "better" | "worse" | "same" | null;
  /** Said beside it (48-hour compliance: overrides and blocks). */
  aside: string | null;
}

export interface HeadlineSection {
  title: string;
  items: HeadlineView[];
}

const TREND_STYLE = {
  better: "text-emerald-700",
  worse: "text-red-700",
  same: "text-ink-muted",
} as const;

function Change({ h, previousLabel }: { h: HeadlineView; previousLabel: string }) {
  if (h.change === null || h.trend === null)
    return <p className="mt-2 text-xs text-ink-muted">No figure for {previousLabel} to compare with</p>;
  const arrow = h.change > 0 ? "▲" : h.change < 0 ? "▼" : "•";
  return (
    <p className={cx("mt-2 text-xs font-medium", TREND_STYLE[h.trend])}>
      <span aria-hidden="true">{arrow} </span>
      {formatChange(h.unit, h.change)} against {previousLabel}
      {h.trend === "same" ? "" : `: ${h.trend}`}
    </p>
  );
}

/** The headline figures, grouped by handoff, each with what it stands on and its change against the previous period. */
export function Headlines({ sections, previousLabel }: { sections: HeadlineSection[]; previousLabel: string }) {
  return (
    <div className="space-y-6">
      {sections.map((section) => (
        <section key={section.title} aria-labelledby={`headlines-${section.title}`}>
          <h3
            id={`headlines-${section.title}`}
            className="text-sm font-semibold uppercase tracking-wide text-ink-muted print:break-after-avoid"
          >
            {section.title}
          </h3>
          <dl className="mt-3 grid gap-4 sm:grid-cols-2 xl:grid-cols-4 print:grid-cols-4">
            {section.items.map((h) => (
              <div
                key={h.key}
                data-metric={h.key}
                className="flex flex-col rounded-lg bg-white px-4 py-4 shadow-sm ring-1 ring-slate-200 break-inside-avoid sm:px-5"
              >
                <dt className="text-sm font-medium text-ink-soft" title={h.definition}>
                  {h.label}
                </dt>
                <dd className="mt-1 text-2xl font-semibold tracking-tight text-ink tabular-nums">{formatValue(h.unit, h.value)}</dd>
                <dd className="text-sm text-ink-muted">{h.basis}</dd>
                {h.aside ? <dd className="text-sm text-ink-muted">{h.aside}</dd> : null}
                <dd className="mt-auto">
                  <Change h={h} previousLabel={previousLabel} />
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </div>
  );
}
