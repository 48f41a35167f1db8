import type { MetricDefinition } from "~/modules/insights/metrics";
import { formatCount } from "~/utils/numbers";
import { formatDuration, formatIsoDate, HOUR_MS, SECOND_MS } from "~/utils/time";

/**
 * How insights' numbers read, on the page, in the charts' labels and in their text alternatives.
 * Pure, safe in the browser and on the server (the charts' geometry is computed in the loader).
 */

type Unit = MetricDefinition["unit"];

/** A metric's value as a person reads it: "1 d 6 h", "67%", "3", "0.7"; "No data" when there is nothing to measure. */
export function formatValue(unit: Unit, value: number | null): string {
  if (value === null) return "No data";
  switch (unit) {
    case "duration":
      return formatDuration(value * SECOND_MS);
    case "rate":
      return `${Math.round(value * 100)}%`;
    case "count":
      return formatCount(value);
    case "rounds":
      return value.toFixed(1);
  }
}

/** A change against the previous period, signed: "+2 h", "−5 pts", "+1", "−0.3". */
export function formatChange(unit: Unit, change: number): string {
  const sign = change > 0 ? "+" : change < 0 ? "−" : "±";
  const size = Math.abs(change);
  switch (unit) {
    case "duration":
      return `${sign}${size === 0 ? "0 h" : formatDuration(size * SECOND_MS)}`;
    case "rate":
      return `${sign}${Math.round(size * 100)} pts`;
    case "count":
      return `${sign}${formatCount(size)}`;
    case "rounds":
      return `${sign}${size.toFixed(1)}`;
  }
}

/** "2 Mar", or "2 Mar 2026" when asked. */
export const shortDay = (isoDate: string, withYear = false) => formatIsoDate(isoDate, withYear ? "d LLL yyyy" : "d LLL");

/** "2 Mar – 24 May 2026" (the years of both ends when they differ). */
export function periodLabel(period: { from: string; to: string }): string {
  const sameYear = period.from.slice(0, 4) === period.to.slice(0, 4);
  return `${shortDay(period.from, !sameYear)} – ${shortDay(period.to, true)}`;
}

/** Hours with up to two decimals, for CSV cells and table cells that a spreadsheet reads. */
export const hours = (seconds: number | null): number | null => (seconds === null ? null : Math.round((seconds / 3600) * 100) / 100);

/** A wait in words for a list: "3 days", "5 h". */
export const waited = (ms: number) => formatDuration(ms, { days: "days", units: 1, underAMinute: "1 min" });

export const hoursOf = (ms: number) => ms / HOUR_MS;
