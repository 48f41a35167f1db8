import type { ReactNode } from "react";
import { cx } from "./cx";

export type Tone = "neutral" | "info" | "success" | "warning" | "danger" | "accent";

const badgeTones: Record<Tone, string> = {
  neutral: "bg-slate-100 text-slate-700 ring-slate-500/20",
  info: "bg-sky-50 text-sky-800 ring-sky-600/20",
  success: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  warning: "bg-amber-50 text-amber-800 ring-amber-600/25",
  danger: "bg-red-50 text-red-800 ring-red-600/20",
  accent: "bg-accent/10 text-ink ring-accent/30",
};

const dotTones: Record<Tone, string> = {
  neutral: "bg-slate-400",
  info: "bg-sky-500",
  success: "bg-emerald-500",
  warning: "bg-amber-500",
  danger: "bg-red-500",
  accent: "bg-accent",
};

export type BadgeProps = { tone?: Tone; children: ReactNode; className?: string; dot?: boolean };

/** Small status pill. Always carries text, so colour is never the only signal. */
export function Badge({ tone = "neutral", children, className, dot = false }: BadgeProps) {
  return (
    <span
      className={cx(
        "inline-flex items-center gap-1.5 whitespace-nowrap rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset",
        badgeTones[tone],
        className,
      )}
    >
      {dot ? <span className={cx("h-1.5 w-1.5 rounded-full", dotTones[tone])} aria-hidden="true" /> : null}
      {children}
    </span>
  );
}

export type StatusDotProps = {
  tone?: Tone;
  /** Screen-reader text; when omitted the dot is decorative. */
  label?: string;
  className?: string;
};

export function StatusDot({ tone = "neutral", label, className }: StatusDotProps) {
  return (
    <span className={cx("inline-flex items-center", className)}>
      <span className={cx("inline-block h-2 w-2 shrink-0 rounded-full", dotTones[tone])} aria-hidden="true" />
      {label ? <span className="sr-only">{label}</span> : null}
    </span>
  );
}
