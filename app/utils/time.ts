// The one home for time: constants, zones, datetime-local inputs, instants as text, durations.
// Everything goes through luxon with one locale, so two pages never write the same instant two ways.
// Pure and safe in the browser. eslint keeps Intl.DateTimeFormat and Date#toLocale*String out of every
// other file.

import { DateTime, IANAZone } from "luxon";

export const SECOND_MS = 1000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** The locale every date is written in (luxon's setLocale); numbers use Intl.NumberFormat. */
export const LOCALE = "en-GB";

/**
 * Zones already found valid. luxon checks a zone by building an Intl.DateTimeFormat (0.1 to 0.25 ms),
 * and lists label every row in two zones: on the insights page at scale that was about half of the
 * loader's CPU (npm run bench:load). Only valid zones are kept, and at most a few thousand spellings.
 */
const validZones = new Set<string>();

export function isValidTimeZone(timeZone: string): boolean {
  if (validZones.has(timeZone)) return true;
  const valid = IANAZone.isValidZone(timeZone);
  if (valid && validZones.size < 5000) validZones.add(timeZone);
  return valid;
}

/** Every IANA zone this runtime knows, UTC first: the choices of a time-zone setting. */
export function timeZoneChoices(): string[] {
  return ["UTC", ...Intl.supportedValuesOf("timeZone").filter((zone) => zone !== "UTC")];
}

/** The canonical spelling of a known zone ("europe/berlin" -> "Europe/Berlin"); the input when unknown. */
export function canonicalTimeZone(timeZone: string): string {
  // luxon keeps the spelling it was given; only Intl knows the canonical one (the one Intl use allowed).
  return isValidTimeZone(timeZone) ? new Intl.DateTimeFormat(LOCALE, { timeZone }).resolvedOptions().timeZone : timeZone;
}

/** The instant as wall-clock time in `timeZone`; UTC when the zone is unknown, so a bad stored zone never breaks a page. */
export function inZone(date: Date | string, timeZone: string): DateTime {
  const jsDate = typeof date === "string" ? new Date(date) : date;
  const local = DateTime.fromJSDate(jsDate, { zone: timeZone }).setLocale(LOCALE);
  return local.isValid ? local : DateTime.fromJSDate(jsDate, { zone: "UTC" }).setLocale(LOCALE);
}

/** The instant in `timeZone` with a luxon format ("d LLL yyyy, HH:mm"). */
export function formatIn(date: Date | string, timeZone: string, format: string): string {
  return inZone(date, timeZone).toFormat(format);
}

/** A "YYYY-MM-DD" calendar date with a luxon format; a day has no zone, so it is read as UTC. */
export function formatIsoDate(isoDate: string, format: string): string {
  return DateTime.fromISO(isoDate, { zone: "utc" }).setLocale(LOCALE).toFormat(format);
}

/** "Berlin" from "Europe/Berlin". */
export function zonePlace(timeZone: string): string {
  return timeZone.split("/").pop()?.replaceAll("_", " ") ?? timeZone;
}

/** "UTC+1", "UTC+5:30" (the offset at that instant, so it is right across daylight-saving changes). */
export function zoneOffset(date: Date, timeZone: string): string {
  return `UTC${inZone(date, timeZone).toFormat("Z")}`;
}

/** "2026-11-03T14:30" for a datetime-local input, in the given zone (UTC when the zone is unknown). */
export function toLocalInput(date: Date, timeZone: string): string {
  return formatIn(date, timeZone, "yyyy-MM-dd'T'HH:mm");
}

/**
 * A datetime-local value read as wall-clock time in `timeZone`, as an absolute instant; null when it
 * is malformed or not a real time. In a daylight-saving gap (02:30 on the spring-forward night) luxon
 * moves the time forward by the gap, as clocks do; a time in the repeated hour of the fall-back
 * night is one of its two real instants (luxon's choice), which reads back as the same wall clock.
 */
export function fromLocalInput(value: string, timeZone: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const local = DateTime.fromISO(value, { zone: timeZone });
  return local.isValid ? local.toJSDate() : null;
}

export interface DurationStyle {
  /** "d": "1 d 3 h", days from 24 h. "days": "3 days 4 h", hours up to 48 h (so never "1 days"). */
  days: "d" | "days";
  /** At most this many units, largest first. */
  units: 1 | 2;
  /** What a duration under one minute reads as. */
  underAMinute: string;
}

/** "3 days", "5 h", "12 min", never less than "1 min": how long something has waited or has left, at a glance. */
export const ONE_UNIT: Partial<DurationStyle> = { days: "days", units: 1, underAMinute: "1 min" };

const DEFAULT_DURATION_STYLE: DurationStyle = { days: "d", units: 2, underAMinute: "less than 1 min" };

/**
 * "2 d 4 h", "3 h 15 min", "45 min" (or "3 days 4 h" with days: "days"). The sign is ignored and
 * every unit is rounded DOWN, so time left is never overstated and a gap one minute short of a 4 h
 * limit reads "3 h 59 min", not a contradictory "4 h".
 */
export function formatDuration(ms: number, style: Partial<DurationStyle> = {}): string {
  const { days: dayUnit, units, underAMinute } = { ...DEFAULT_DURATION_STYLE, ...style };
  const totalMinutes = Math.floor(Math.abs(ms) / MINUTE_MS);
  if (totalMinutes === 0) return underAMinute;
  const totalHours = Math.floor(totalMinutes / 60);
  const dayFrom = dayUnit === "d" ? 24 : 48;
  const parts: string[] =
    totalHours >= dayFrom
      ? [`${Math.floor(totalHours / 24)} ${dayUnit}`, `${totalHours % 24} h`]
      : totalHours > 0
        ? [`${totalHours} h`, `${totalMinutes % 60} min`]
        : [`${totalMinutes} min`];
  const [first, second] = parts;
  return units === 2 && second && !second.startsWith("0 ") ? `${first} ${second}` : first;
}

/**
 * Dates and numbers in a reader's own language (the client pages and their emails): `locale` is a
 * BCP 47 tag such as "es-ES". Everything else keeps LOCALE, so agency pages read the same as before.
 */
export type DateStyle = "day" | "weekday" | "dayTime";

const DATE_STYLES: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  day: DateTime.DATE_FULL,
  weekday: DateTime.DATE_HUGE,
  dayTime: { ...DateTime.DATETIME_MED, timeZoneName: "short" },
};

export function formatDateIn(date: Date | string, timeZone: string, locale: string, style: DateStyle = "day"): string {
  return inZone(date, timeZone).setLocale(locale).toLocaleString(DATE_STYLES[style]);
}

/** A "YYYY-MM-DD" calendar day in the reader's language (read as UTC: a day has no zone). */
export function formatIsoDateIn(isoDate: string, locale: string, style: DateStyle = "day"): string {
  return DateTime.fromISO(isoDate, { zone: "utc" }).setLocale(locale).toLocaleString(DATE_STYLES[style]);
}

export function formatNumberIn(value: number, locale: string, options: Intl.NumberFormatOptions = {}): string {
  return new Intl.NumberFormat(locale, options).format(value);
}
