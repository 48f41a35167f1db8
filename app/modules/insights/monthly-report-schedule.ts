import { DateTime } from "luxon";
import { DAY_MS, HOUR_MS, isValidTimeZone } from "~/utils/time";
import type { Period } from "./periods";

/**
 * When the monthly accountability report goes out (issue 16, part 6): at 09:00 in the brand's time
 * zone on the first working day (Monday to Friday) of each month, with the figures of the month
 * before. Pure, no I/O, no clock of its own: the job asks "is a report due at `now` in this zone?".
 * Public holidays are not known to Baton, so a first working day is simply the first weekday.
 */

export const REPORT_HOUR = 9;

/**
 * A report whose send time passed while no worker ran (a deploy, an outage) still goes out this
 * long after it; later than that, the month is skipped rather than landing in the middle of the next
 * one. Three days cover a weekend outage: a Friday-the-1st send still leaves on Monday.
 */
export const CATCH_UP_MS = 3 * DAY_MS;

/** A calendar month, "2026-08". */
export type Month = string;

export const isMonth = (value: string): boolean => /^\d{4}-(0[1-9]|1[0-2])$/.test(value);

const zoneOf = (timeZone: string) => (isValidTimeZone(timeZone) ? timeZone : "UTC");
/** A month or a day has no zone: its arithmetic is done in UTC, where every day has 24 hours. */
const monthStart = (month: Month) => DateTime.fromISO(`${month}-01`, { zone: "utc" });

/** The first Monday-to-Friday day of `month` ("2026-08" starts on a Saturday: "2026-08-03"). */
export function firstWorkingDay(month: Month): string {
  let day = monthStart(month);
  // luxon: 1 = Monday … 6 = Saturday, 7 = Sunday.
  while (day.weekday > 5) day = day.plus({ days: 1 });
  return day.toISODate()!;
}

/**
 * The instant the report is sent in `month` (it reports the month before): 09:00 wall-clock time in
 * `timeZone` on the month's first working day. In a zone ahead of UTC that can be the previous
 * UTC day, even the last day of the previous UTC month; across a daylight-saving change the offset
 * of that very day is used. An unknown zone is read as UTC, as everywhere else.
 */
export function reportSendAt(month: Month, timeZone: string): Date {
  const [year, monthNumber, day] = firstWorkingDay(month).split("-").map(Number);
  return DateTime.fromObject({ year, month: monthNumber, day, hour: REPORT_HOUR }, { zone: zoneOf(timeZone) }).toJSDate();
}

/** The month before `month`: what a report sent in `month` is about. */
export function previousMonthOf(month: Month): Month {
  return monthStart(month).minus({ months: 1 }).toFormat("yyyy-MM");
}

/** The month after `month`. */
export function nextMonthOf(month: Month): Month {
  return monthStart(month).plus({ months: 1 }).toFormat("yyyy-MM");
}

/** The days of `month` as a period of insights ("2026-07-01" … "2026-07-31"). */
export function monthPeriod(month: Month): Period {
  const start = monthStart(month);
  return { from: start.toISODate()!, to: start.endOf("month").toISODate()! };
}

/** The month `at` falls in, in `timeZone`. */
export function monthOf(at: Date, timeZone: string): Month {
  return DateTime.fromJSDate(at, { zone: zoneOf(timeZone) }).toFormat("yyyy-MM");
}

export interface DueReport {
  /** The month the report is about (last month, seen from the send). */
  month: Month;
  period: Period;
  /** When it was due. */
  sendAt: Date;
}

/**
 * The report due at `now` in `timeZone`, or null: due from its send time on, for CATCH_UP_MS.
 * Only this month's send is considered (the month `now` falls in, locally), so a report is never
 * sent for a month twice removed; idempotence per brand, month and recipient is the database's
 * (report_sends), not this function's.
 */
export function dueReport(now: Date, timeZone: string): DueReport | null {
  const sendMonth = monthOf(now, timeZone);
  const sendAt = reportSendAt(sendMonth, timeZone);
  const since = now.getTime() - sendAt.getTime();
  if (since < 0 || since >= CATCH_UP_MS) return null;
  const month = previousMonthOf(sendMonth);
  return { month, period: monthPeriod(month), sendAt };
}

/** The next send time strictly after `now` in `timeZone` (this month's, or next month's). */
export function nextReportSendAt(now: Date, timeZone: string): Date {
  const thisMonth = monthOf(now, timeZone);
  const here = reportSendAt(thisMonth, timeZone);
  return here > now ? here : reportSendAt(nextMonthOf(thisMonth), timeZone);
}

/**
 * When the report job looks next: at the next send time of any zone Baton's brands are in, and at
 * least every hour, so a brand created (or moved to another zone) meanwhile is not missed for long:
 * inside the catch-up window a late look still sends.
 */
export function nextCheckAt(now: Date, timeZones: readonly string[]): Date {
  const nextHour = Math.floor(now.getTime() / HOUR_MS + 1) * HOUR_MS;
  return new Date(Math.min(nextHour, ...timeZones.map((zone) => nextReportSendAt(now, zone).getTime())));
}
