import { DateTime } from "luxon";

/**
 * iCalendar overlays in tests (decision 067): calendars served by MSW at a public address literal
 * (no DNS lookup), so the address guard passes them and nothing leaves the machine.
 */
export const CAL_HOST = "https://93.184.216.34";

/** A calendar of all-day events, `days` from today (UTC), each `[title, days]`. */
export function holidaysIcs(events: Array<[string, number]>, uidPrefix = "h"): string {
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Baton tests//EN"];
  events.forEach(([title, days], i) => {
    const date = DateTime.utc().startOf("day").plus({ days }).toFormat("yyyyLLdd");
    lines.push(
      "BEGIN:VEVENT",
      `UID:${uidPrefix}-${i}`,
      "DTSTAMP:20260101T000000Z",
      `DTSTART;VALUE=DATE:${date}`,
      `SUMMARY:${title}`,
      "END:VEVENT",
    );
  });
  return [...lines, "END:VCALENDAR", ""].join("\r\n");
}

export const icsHeaders = { "content-type": "text/calendar; charset=utf-8" };
