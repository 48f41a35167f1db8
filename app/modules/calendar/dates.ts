// Calendar arithmetic in the viewer's IANA time zone. Dates are walked as plain calendar dates
// (in UTC, where every day has 24 hours) and only each day's boundaries are converted into the
// viewer's zone, so a daylight-saving day simply comes out 23 or 25 hours long.

import { DateTime } from "luxon";
import { isValidTimeZone } from "~/utils/time";
import { z } from "zod";

/** 0 = Sunday … 6 = Saturday, as Date#getDay counts. */
export type WeekStart = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface CalendarDay {
  /** The local calendar date, "YYYY-MM-DD". */
  date: string;
  /** First instant of the local day. */
  startUtc: Date;
  /** First instant of the next local day (exclusive end). */
  endUtc: Date;
  inMonth: boolean;
}

export interface YearMonth {
  year: number;
  /** 1–12. */
  month: number;
}

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

function requireZone(tz: string): string {
  // Luxon would quietly return invalid dates; a bad zone is a bug worth hearing about.
  if (!isValidTimeZone(tz)) throw new RangeError(`Unknown time zone: ${tz}`);
  return tz;
}

function plainDate(isoDate: string): DateTime {
  const date = DateTime.fromISO(isoDate, { zone: "utc" });
  if (!date.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) throw new RangeError(`Not a date: ${isoDate}`);
  return date;
}

function isoDateOf(date: DateTime): string {
  return date.toFormat("yyyy-MM-dd");
}

/** Where a local day starts. If midnight is skipped (e.g. America/Santiago), the first real instant. */
function startOfLocalDay(date: DateTime, tz: string): Date {
  return DateTime.fromObject({ year: date.year, month: date.month, day: date.day }, { zone: tz }).toJSDate();
}

function calendarDay(date: DateTime, tz: string, month: number): CalendarDay {
  return {
    date: isoDateOf(date),
    startUtc: startOfLocalDay(date, tz),
    endUtc: startOfLocalDay(date.plus({ days: 1 }), tz),
    inMonth: date.month === month,
  };
}

function startOfWeek(date: DateTime, weekStartsOn: WeekStart): DateTime {
  const dayOfWeek = date.weekday % 7; // luxon: Monday 1 … Sunday 7
  return date.minus({ days: (dayOfWeek - weekStartsOn + 7) % 7 });
}

/** The local calendar date of an instant for a viewer in `tz`. */
export function dayKey(instant: Date, tz: string): string {
  return isoDateOf(DateTime.fromJSDate(instant, { zone: requireZone(tz) }));
}

/** Whole weeks (4 to 6) covering the month, with the neighbouring months' days marked. */
export function monthGrid(year: number, month: number, tz: string, weekStartsOn: WeekStart = 1): CalendarDay[][] {
  requireZone(tz);
  const first = DateTime.fromObject({ year, month, day: 1 }, { zone: "utc" });
  if (!first.isValid) throw new RangeError(`Not a month: ${year}-${month}`);
  const weeks: CalendarDay[][] = [];
  for (let weekStart = startOfWeek(first, weekStartsOn); weekStart.month === month || weekStart < first;) {
    const week: CalendarDay[] = [];
    for (let i = 0; i < 7; i++) week.push(calendarDay(weekStart.plus({ days: i }), tz, month));
    weeks.push(week);
    weekStart = weekStart.plus({ days: 7 });
  }
  return weeks;
}

/** The seven days of the week containing `isoDate`; inMonth is relative to that date's month. */
export function weekDays(isoDate: string, tz: string, weekStartsOn: WeekStart = 1): CalendarDay[] {
  requireZone(tz);
  const date = plainDate(isoDate);
  const weekStart = startOfWeek(date, weekStartsOn);
  return Array.from({ length: 7 }, (_, i) => calendarDay(weekStart.plus({ days: i }), tz, date.month));
}

export function currentMonth(now: Date, tz: string): YearMonth {
  const local = DateTime.fromJSDate(now, { zone: requireZone(tz) });
  return { year: local.year, month: local.month };
}

function clampMonth({ year, month }: YearMonth): YearMonth {
  if (year < MIN_YEAR) return { year: MIN_YEAR, month: 1 };
  if (year > MAX_YEAR) return { year: MAX_YEAR, month: 12 };
  return { year, month: Math.min(12, Math.max(1, month)) };
}

export function shiftMonth({ year, month }: YearMonth, delta: number): YearMonth {
  const index = year * 12 + (month - 1) + Math.trunc(delta);
  return clampMonth({ year: Math.floor(index / 12), month: (index % 12) + 1 });
}

export function formatMonthParam({ year, month }: YearMonth): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}`;
}

const monthParamSchema = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{1,2}$/)
  .transform((value) => {
    const [year, month] = value.split("-").map(Number);
    return clampMonth({ year, month });
  });

/**
 * Reads "?month=2026-11" from a URL. Anything malformed gives the fallback (usually
 * currentMonth); well-formed but out-of-range values are clamped (2026-13 → 2026-12).
 */
export function parseMonthParam(value: string | null | undefined, fallback: YearMonth): YearMonth {
  const parsed = monthParamSchema.safeParse(value);
  return parsed.success ? parsed.data : clampMonth(fallback);
}
