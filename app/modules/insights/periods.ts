import { DateTime } from "luxon";
import { inZone, isValidTimeZone } from "~/utils/time";

/**
 * Days, periods and ISO weeks of insights, counted in the workspace's time zone (decision 053).
 * A fact's day is fixed when it is recorded (`local_date`), so a period is a range of local days
 * and a week is the ISO week of a local day: a daylight-saving change moves no fact to another day.
 * Pure, no I/O.
 */

/** A range of local days, both ends included: "2026-03-01" … "2026-03-31". */
export interface Period {
  from: string;
  to: string;
}

const zoneOf = (timeZone: string) => (isValidTimeZone(timeZone) ? timeZone : "UTC");
/** A calendar day has no zone: arithmetic on it is done in UTC, where every day has 24 hours. */
const day = (date: string) => DateTime.fromISO(date, { zone: "utc" });

export const isLocalDate = (value: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(value) && day(value).isValid;

/** The day `at` falls on in `timeZone` ("YYYY-MM-DD"); UTC when the zone is unknown. */
export function localDateOf(at: Date, timeZone: string): string {
  return inZone(at, timeZone).toISODate()!;
}

export function addDays(date: string, days: number): string {
  return day(date).plus({ days }).toISODate()!;
}

/** The instant a local day starts in `timeZone` (midnight, or the first moment after a gap). */
export function startOfLocalDay(date: string, timeZone: string): Date {
  return DateTime.fromISO(date, { zone: zoneOf(timeZone) })
    .startOf("day")
    .toJSDate();
}

/** [start, end) of a period as instants: from the start of its first day to the start of the day after its last. */
export function periodBounds(period: Period, timeZone: string): { start: Date; end: Date } {
  return { start: startOfLocalDay(period.from, timeZone), end: startOfLocalDay(addDays(period.to, 1), timeZone) };
}

export function periodDays(period: Period): number {
  return Math.round(day(period.to).diff(day(period.from), "days").days) + 1;
}

/** The period of the same number of days that ends the day before this one starts. */
export function previousPeriod(period: Period): Period {
  const to = addDays(period.from, -1);
  return { from: addDays(to, 1 - periodDays(period)), to };
}

export const inPeriod = (date: string, period: Period): boolean => date >= period.from && date <= period.to;

/** "2026-W14": the ISO week (Monday to Sunday, week-numbering year) of a local day. */
export function isoWeekOf(date: string): string {
  const d = day(date);
  return `${d.weekYear}-W${String(d.weekNumber).padStart(2, "0")}`;
}

export interface WeekSpan extends Period {
  /** "2026-W14" */
  week: string;
}

/** The ISO weeks a period touches, in order, each cut to the period (the first and last may be short). */
export function weeksOf(period: Period): WeekSpan[] {
  const weeks: WeekSpan[] = [];
  let monday = day(period.from).startOf("week");
  const last = day(period.to);
  while (monday <= last) {
    const from = monday.toISODate()!;
    const to = monday.plus({ days: 6 }).toISODate()!;
    weeks.push({ week: isoWeekOf(from), from: from < period.from ? period.from : from, to: to > period.to ? period.to : to });
    monday = monday.plus({ weeks: 1 });
  }
  return weeks;
}

/** The last `days` days up to and including the day of `now` in `timeZone`. */
export function lastDays(days: number, now: Date, timeZone: string): Period {
  const to = localDateOf(now, timeZone);
  return { from: addDays(to, 1 - days), to };
}

/** The calendar month before the one `now` falls in, in `timeZone` (the monthly report's period). */
export function previousMonth(now: Date, timeZone: string): Period & { month: string } {
  const first = inZone(now, zoneOf(timeZone)).startOf("month").minus({ months: 1 });
  return { from: first.toISODate()!, to: first.endOf("month").toISODate()!, month: first.toFormat("yyyy-MM") };
}
