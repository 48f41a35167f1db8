import { describe, expect, it } from "vitest";
import { MAX_OVERLAY_EVENTS, OVERLAY_HORIZON_MS, parseOverlayIcs } from "~/modules/calendar/overlay-ics";

/** iCalendar overlays (issue 21, decision 067): what a file becomes, and what is refused. */
const now = new Date("2026-03-10T12:00:00Z");

/** A calendar around the given lines, with CRLF line ends as RFC 5545 writes them. */
const ics = (...lines: string[]) => ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//EN", ...lines, "END:VCALENDAR", ""].join("\r\n");
const vevent = (...lines: string[]) => ["BEGIN:VEVENT", "DTSTAMP:20260101T000000Z", ...lines, "END:VEVENT"];

function parsed(text: string, fallbackZone?: string) {
  const result = parseOverlayIcs(text, { now, fallbackZone });
  if (!result.ok) throw new Error(result.problem.message);
  return result.value;
}

const PARIS_ZONE = [
  "BEGIN:VTIMEZONE",
  "TZID:Paris local",
  "BEGIN:STANDARD",
  "DTSTART:19701025T030000",
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
  "TZOFFSETFROM:+0200",
  "TZOFFSETTO:+0100",
  "END:STANDARD",
  "BEGIN:DAYLIGHT",
  "DTSTART:19700329T020000",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
  "TZOFFSETFROM:+0100",
  "TZOFFSETTO:+0200",
  "END:DAYLIGHT",
  "END:VTIMEZONE",
];

describe("an all-day event", () => {
  it("sits on its date as UTC midnights, the end exclusive (one day when DTEND is missing)", () => {
    const { events } = parsed(
      ics(
        ...vevent("UID:may-day", "SUMMARY:Labour Day", "DTSTART;VALUE=DATE:20260501", "DTEND;VALUE=DATE:20260502"),
        ...vevent("UID:easter", "SUMMARY:Easter Monday", "DTSTART;VALUE=DATE:20260406"),
      ),
    );
    expect(events).toEqual([
      {
        uid: "easter",
        title: "Easter Monday",
        startsAt: new Date("2026-04-06T00:00:00Z"),
        endsAt: new Date("2026-04-07T00:00:00Z"),
        allDay: true,
      },
      {
        uid: "may-day",
        title: "Labour Day",
        startsAt: new Date("2026-05-01T00:00:00Z"),
        endsAt: new Date("2026-05-02T00:00:00Z"),
        allDay: true,
      },
    ]);
  });
});

describe("a timed event", () => {
  it("reads a TZID through the file's own VTIMEZONE, on both sides of a daylight-saving change", () => {
    const { events } = parsed(
      ics(
        ...PARIS_ZONE,
        ...vevent("UID:w", "SUMMARY:Winter show", "DTSTART;TZID=Paris local:20260320T100000", "DTEND;TZID=Paris local:20260320T113000"),
        ...vevent("UID:s", "SUMMARY:Spring show", "DTSTART;TZID=Paris local:20260401T100000", "DURATION:PT1H"),
      ),
    );
    expect(events.map((e) => [e.title, e.startsAt.toISOString(), e.endsAt?.toISOString(), e.allDay])).toEqual([
      ["Winter show", "2026-03-20T09:00:00.000Z", "2026-03-20T10:30:00.000Z", false],
      ["Spring show", "2026-04-01T08:00:00.000Z", "2026-04-01T09:00:00.000Z", false],
    ]);
  });

  it("reads a TZID the file does not define as the IANA zone of that name, UTC times as UTC", () => {
    const { events } = parsed(
      ics(
        ...vevent("UID:ny", "SUMMARY:New York launch", "DTSTART;TZID=America/New_York:20260701T090000"),
        ...vevent("UID:z", "SUMMARY:UTC call", "DTSTART:20260701T090000Z"),
      ),
    );
    expect(events.map((e) => [e.title, e.startsAt.toISOString(), e.endsAt])).toEqual([
      ["UTC call", "2026-07-01T09:00:00.000Z", null],
      ["New York launch", "2026-07-01T13:00:00.000Z", null],
    ]);
  });

  it("reads a floating time, or an unknown TZID, in the fallback zone (UTC by default)", () => {
    const text = ics(
      ...vevent("UID:f", "SUMMARY:Floating", "DTSTART:20260701T090000"),
      ...vevent("UID:u", "SUMMARY:Nowhere", "DTSTART;TZID=Mars/Olympus:20260702T090000"),
    );
    expect(parsed(text).events.map((e) => e.startsAt.toISOString())).toEqual(["2026-07-01T09:00:00.000Z", "2026-07-02T09:00:00.000Z"]);
    expect(parsed(text, "Asia/Tokyo").events.map((e) => e.startsAt.toISOString())).toEqual([
      "2026-07-01T00:00:00.000Z",
      "2026-07-02T00:00:00.000Z",
    ]);
  });

  it("keeps a title to one clean line, names an untitled event, and leaves out a cancelled one", () => {
    const { events } = parsed(
      ics(
        ...vevent("UID:a", "SUMMARY:Line one\\nline two", "DTSTART:20260701T090000Z"),
        ...vevent("UID:b", "DTSTART:20260702T090000Z"),
        ...vevent("UID:c", "SUMMARY:Called off", "STATUS:CANCELLED", "DTSTART:20260703T090000Z"),
      ),
    );
    expect(events.map((e) => e.title)).toEqual(["Line one line two", "Untitled event"]);
  });
});

describe("a recurring event", () => {
  it("is expanded within the horizon only: a yearly holiday since 1990 gives the years around now", () => {
    const { events, truncated } = parsed(
      ics(...vevent("UID:xmas", "SUMMARY:Christmas Day", "DTSTART;VALUE=DATE:19901225", "RRULE:FREQ=YEARLY")),
    );
    expect(truncated).toBe(false);
    expect(events.map((e) => e.startsAt.toISOString().slice(0, 10))).toEqual(["2024-12-25", "2025-12-25", "2026-12-25", "2027-12-25"]);
    for (const e of events) {
      expect(Math.abs(e.startsAt.getTime() - now.getTime())).toBeLessThanOrEqual(OVERLAY_HORIZON_MS);
      expect(e).toMatchObject({ uid: "xmas", allDay: true });
    }
  });

  it("follows the series' zone across daylight saving, with EXDATE and a moved occurrence", () => {
    const { events } = parsed(
      ics(
        ...PARIS_ZONE,
        ...vevent(
          "UID:stand-up",
          "SUMMARY:Weekly review",
          "DTSTART;TZID=Paris local:20260316T090000",
          "DTEND;TZID=Paris local:20260316T093000",
          "RRULE:FREQ=WEEKLY;COUNT=4",
          "EXDATE;TZID=Paris local:20260323T090000",
        ),
        ...vevent(
          "UID:stand-up",
          "SUMMARY:Weekly review (moved)",
          "RECURRENCE-ID;TZID=Paris local:20260406T090000",
          "DTSTART;TZID=Paris local:20260407T140000",
          "DTEND;TZID=Paris local:20260407T143000",
        ),
      ),
    );
    expect(events.map((e) => [e.title, e.startsAt.toISOString()])).toEqual([
      ["Weekly review", "2026-03-16T08:00:00.000Z"],
      // After the change on 29 March, 09:00 in Paris is 07:00 UTC.
      ["Weekly review", "2026-03-30T07:00:00.000Z"],
      ["Weekly review (moved)", "2026-04-07T12:00:00.000Z"],
    ]);
  });

  it("with a huge COUNT stops at the horizon, and a minutely one at the event cap", () => {
    const daily = parsed(ics(...vevent("UID:d", "SUMMARY:Daily", "DTSTART:20260101T090000Z", "RRULE:FREQ=DAILY;COUNT=1000000")));
    // From 1 January 2026 to two years after `now`.
    expect(daily.events.length).toBe(
      Math.floor((now.getTime() + OVERLAY_HORIZON_MS - Date.parse("2026-01-01T09:00:00Z")) / 86_400_000) + 1,
    );
    expect(daily.truncated).toBe(false);

    const minutely = parsed(ics(...vevent("UID:m", "SUMMARY:Tick", "DTSTART:20260301T000000Z", "RRULE:FREQ=MINUTELY")));
    expect(minutely.events.length).toBe(MAX_OVERLAY_EVENTS);
    expect(minutely.truncated).toBe(true);
  });

  it("that starts long before the horizon gives up after its step budget instead of walking for ever", () => {
    const started = Date.now();
    const { events, truncated } = parsed(
      ics(...vevent("UID:s", "SUMMARY:Every minute since 1980", "DTSTART:19800101T000000Z", "RRULE:FREQ=MINUTELY")),
    );
    expect(events).toEqual([]);
    expect(truncated).toBe(true);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe("text that is not iCalendar", () => {
  it.each([
    ["an HTML page", "<!doctype html><html><body>Sign in</body></html>"],
    ["JSON", '{"events": []}'],
    ["empty text", ""],
    ["a vCard", "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Someone\r\nEND:VCARD\r\n"],
  ])("refuses %s with a sentence saying what was expected", (_name, text) => {
    const result = parseOverlayIcs(text, { now });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem).toMatchObject({ kind: "invalid", code: "not_icalendar" });
    expect(result.problem.message).toMatch(/not an iCalendar file/);
  });

  it("refuses a calendar that breaks off, naming it unreadable", () => {
    const result = parseOverlayIcs("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Half\r\n", { now });
    expect(result.ok ? null : result.problem.code).toBe("unreadable_icalendar");
  });

  it("accepts a calendar with no events (an empty overlay), and a byte-order mark", () => {
    expect(parsed(`\uFEFF${ics()}`)).toEqual({ events: [], truncated: false });
  });
});
