import { DateTime } from "luxon";

/** "2026-11-03T14:30" for a datetime-local input, read in the given zone. */
export function toLocalInput(date: Date, timeZone: string): string {
  const local = DateTime.fromJSDate(date, { zone: timeZone });
  return (local.isValid ? local : DateTime.fromJSDate(date, { zone: "UTC" })).toFormat("yyyy-MM-dd'T'HH:mm");
}

/**
 * A datetime-local value read as wall-clock time in `timeZone`, as an absolute instant; null when
 * it is not a real time. In a daylight-saving gap (02:30 on the spring-forward night) luxon moves
 * the time forward by the gap, as clocks do.
 */
export function fromLocalInput(value: string, timeZone: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const parsed = DateTime.fromISO(value, { zone: timeZone });
  if (!parsed.isValid) return null;
  return parsed.toJSDate();
}
