import { useId } from "react";
import type { ReactNode } from "react";
import { cx } from "./cx";

export type ProgressBarProps = {
  /** 0-100; clamped. */
  value: number;
  label: ReactNode;
  /** Text read instead of the percentage, e.g. "3 of 5 steps". */
  valueText?: string;
  /** Show the label and percentage above the bar (default true). */
  showLabel?: boolean;
  tone?: "accent" | "success" | "warning" | "danger";
  className?: string;
};

const barTones = {
  accent: "bg-accent",
  success: "bg-emerald-500",
  warning: "bg-amber-500",
  danger: "bg-red-500",
} as const;

export function ProgressBar({ value, label, valueText, showLabel = true, tone = "accent", className }: ProgressBarProps) {
  const labelId = useId();
  const pct = Math.round(Math.min(100, Math.max(0, Number.isFinite(value) ? value : 0)));
  return (
    <div className={className}>
      <div className={cx("mb-1.5 flex items-baseline justify-between gap-3 text-sm", !showLabel && "sr-only")}>
        <span id={labelId} className="font-medium text-ink">
          {label}
        </span>
        <span className="tabular-nums text-ink-muted" aria-hidden="true">
          {valueText ?? `${pct}%`}
        </span>
      </div>
      <div
        role="progressbar"
        aria-labelledby={labelId}
        aria-valuenow={pct}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuetext={valueText ?? `${pct}%`}
        className="h-2 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div className={cx("h-full rounded-full transition-[width] duration-300", barTones[tone])} style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
