import type { ReactNode } from "react";
import { cx } from "./cx";

export type StatProps = {
  label: ReactNode;
  value: ReactNode;
  hint?: ReactNode;
  className?: string;
};

/** Key figure for dashboards. Renders as a card; put several in a grid. */
export function Stat({ label, value, hint, className }: StatProps) {
  return (
    <div className={cx("rounded-lg bg-white px-4 py-5 shadow-sm ring-1 ring-slate-200 sm:px-6", className)}>
      <dl>
        <dt className="truncate text-sm font-medium text-ink-muted">{label}</dt>
        <dd className="mt-1 text-2xl font-semibold tracking-tight text-ink tabular-nums">{value}</dd>
        {hint ? <dd className="mt-1 text-sm text-ink-muted">{hint}</dd> : null}
      </dl>
    </div>
  );
}
