// Formatting instants for one viewer. Used by loaders (not components) so that the server render
// and the hydrated page agree, and every person sees their own time zone. Built on ~/utils/time.

import { formatIn, formatIsoDate } from "~/utils/time";

/** "14:30" */
export function timeOfDay(date: Date, tz: string): string {
  return formatIn(date, tz, "HH:mm");
}

/** "Mon 3 Nov" */
export function shortDay(date: Date, tz: string): string {
  return formatIn(date, tz, "ccc d LLL");
}

/** "Mon 3 Nov 2026, 14:30" */
export function dayAndTime(date: Date, tz: string): string {
  return formatIn(date, tz, "ccc d LLL yyyy, HH:mm");
}

/** "Monday 3 November 2026" for a "YYYY-MM-DD" local date. */
export function longDate(isoDate: string): string {
  return formatIsoDate(isoDate, "cccc d LLLL yyyy");
}

/** "November 2026" */
export function monthTitle(year: number, month: number): string {
  return formatIsoDate(`${year}-${String(month).padStart(2, "0")}-01`, "LLLL yyyy");
}

/** "3 Nov" / "3 Nov 2026" for a "YYYY-MM-DD" local date. */
export function dayMonth(isoDate: string, withYear = false): string {
  return formatIsoDate(isoDate, withYear ? "d LLL yyyy" : "d LLL");
}
