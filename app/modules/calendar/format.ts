// Formatting instants for one viewer. Used by loaders (not components) so that the server render
// and the hydrated page agree, and every person sees their own time zone.

import { DateTime } from "luxon";

function zoned(date: Date, tz: string): DateTime {
  const local = DateTime.fromJSDate(date, { zone: tz }).setLocale("en-GB");
  return local.isValid ? local : DateTime.fromJSDate(date, { zone: "UTC" }).setLocale("en-GB");
}

/** "14:30" */
export function timeOfDay(date: Date, tz: string): string {
  return zoned(date, tz).toFormat("HH:mm");
}

/** "Mon 3 Nov" */
export function shortDay(date: Date, tz: string): string {
  return zoned(date, tz).toFormat("ccc d LLL");
}

/** "Mon 3 Nov 2026, 14:30" */
export function dayAndTime(date: Date, tz: string): string {
  return zoned(date, tz).toFormat("ccc d LLL yyyy, HH:mm");
}

/** "Monday 3 November 2026" for a "YYYY-MM-DD" local date. */
export function longDate(isoDate: string): string {
  return DateTime.fromISO(isoDate, { zone: "utc" }).setLocale("en-GB").toFormat("cccc d LLLL yyyy");
}

/** "November 2026" */
export function monthTitle(year: number, month: number): string {
  return DateTime.fromObject({ year, month, day: 1 }, { zone: "utc" }).setLocale("en-GB").toFormat("LLLL yyyy");
}

/** "UTC+1" (the offset at that instant, so it is right across daylight-saving changes). */
export function zoneOffset(date: Date, tz: string): string {
  const local = zoned(date, tz);
  return `UTC${local.toFormat("Z")}`;
}

/** "Berlin" from "Europe/Berlin". */
export function zonePlace(tz: string): string {
  return tz.split("/").pop()?.replaceAll("_", " ") ?? tz;
}

/** "2026-11-03T14:30" for a datetime-local input, in the viewer's zone. */
export function toLocalInput(date: Date, tz: string): string {
  return zoned(date, tz).toFormat("yyyy-LL-dd'T'HH:mm");
}

/**
 * A datetime-local value ("2026-11-03T14:30") read in the viewer's zone. In a daylight-saving gap
 * (02:30 on a spring-forward night) luxon moves forward to the next real instant; null if malformed.
 */
export function fromLocalInput(value: string, tz: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const local = DateTime.fromISO(value, { zone: tz });
  return local.isValid ? local.toJSDate() : null;
}

/** "3 Nov" / "3 Nov 2026" for a "YYYY-MM-DD" local date. */
export function dayMonth(isoDate: string, withYear = false): string {
  return DateTime.fromISO(isoDate, { zone: "utc" })
    .setLocale("en-GB")
    .toFormat(withYear ? "d LLL yyyy" : "d LLL");
}
