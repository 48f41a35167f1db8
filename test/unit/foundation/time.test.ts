import { describe, expect, it } from "vitest";
import {
  canonicalTimeZone,
  DAY_MS,
  formatDuration,
  formatIn,
  fromLocalInput,
  HOUR_MS,
  MINUTE_MS,
  ONE_UNIT,
  toLocalInput,
  zoneOffset,
  zonePlace,
} from "~/utils/time";

const utc = (iso: string) => new Date(iso);

describe("datetime-local input conversion", () => {
  it("reads a wall-clock time in Berlin, winter and summer", () => {
    expect(fromLocalInput("2026-01-15T10:00", "Europe/Berlin")?.toISOString()).toBe("2026-01-15T09:00:00.000Z");
    expect(fromLocalInput("2026-07-15T10:00", "Europe/Berlin")?.toISOString()).toBe("2026-07-15T08:00:00.000Z");
  });
  it("moves a time in the spring-forward gap forward by the gap (Berlin 29 Mar 2026, New York 8 Mar 2026)", () => {
    expect(fromLocalInput("2026-03-29T02:30", "Europe/Berlin")?.toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(fromLocalInput("2026-03-08T02:30", "America/New_York")?.toISOString()).toBe("2026-03-08T07:30:00.000Z");
  });
  it("reads a time in the repeated fall-back hour as one of its two real instants (Berlin 25 Oct 2026, New York 1 Nov 2026)", () => {
    const berlin = fromLocalInput("2026-10-25T02:30", "Europe/Berlin")!.toISOString();
    expect(["2026-10-25T00:30:00.000Z", "2026-10-25T01:30:00.000Z"]).toContain(berlin);
    expect(toLocalInput(new Date(berlin), "Europe/Berlin")).toBe("2026-10-25T02:30");
    const newYork = fromLocalInput("2026-11-01T01:30", "America/New_York")!.toISOString();
    expect(["2026-11-01T05:30:00.000Z", "2026-11-01T06:30:00.000Z"]).toContain(newYork);
    expect(toLocalInput(new Date(newYork), "America/New_York")).toBe("2026-11-01T01:30");
  });
  it("writes both sides of a DST change with the right local clock", () => {
    expect(toLocalInput(utc("2026-03-29T00:59:00Z"), "Europe/Berlin")).toBe("2026-03-29T01:59");
    expect(toLocalInput(utc("2026-03-29T01:00:00Z"), "Europe/Berlin")).toBe("2026-03-29T03:00");
    expect(toLocalInput(utc("2026-11-01T05:30:00Z"), "America/New_York")).toBe("2026-11-01T01:30");
    expect(toLocalInput(utc("2026-11-01T06:30:00Z"), "America/New_York")).toBe("2026-11-01T01:30");
  });
  it("round-trips every hour of a DST day outside the gap", () => {
    for (let h = 0; h < 24; h++) {
      const at = new Date(Date.UTC(2026, 2, 8, 0) + h * HOUR_MS);
      expect(fromLocalInput(toLocalInput(at, "America/New_York"), "America/New_York")?.getTime()).toBe(
        // the second 01:xx of fall-back does not exist in March; every March hour round-trips
        at.getTime(),
      );
    }
  });
  it("refuses malformed values and falls back to UTC for an unknown zone", () => {
    expect(fromLocalInput("2026-02-30T10:00", "Europe/Berlin")).toBeNull();
    expect(fromLocalInput("2026-01-15 10:00", "Europe/Berlin")).toBeNull();
    expect(fromLocalInput("", "Europe/Berlin")).toBeNull();
    expect(toLocalInput(utc("2026-01-15T09:00:00Z"), "Mars/Olympus")).toBe("2026-01-15T09:00");
  });
});

describe("zone labels", () => {
  it("names the place and the offset at that instant", () => {
    expect(zonePlace("America/New_York")).toBe("New York");
    expect(zoneOffset(utc("2026-01-15T12:00:00Z"), "Europe/Berlin")).toBe("UTC+1");
    expect(zoneOffset(utc("2026-07-15T12:00:00Z"), "Europe/Berlin")).toBe("UTC+2");
    expect(zoneOffset(utc("2026-07-15T12:00:00Z"), "America/New_York")).toBe("UTC-4");
    expect(zoneOffset(utc("2026-07-15T12:00:00Z"), "Asia/Kolkata")).toBe("UTC+5:30");
  });
  it("canonicalises a zone's spelling", () => {
    expect(canonicalTimeZone("europe/berlin")).toBe("Europe/Berlin");
    expect(canonicalTimeZone("Mars/Olympus")).toBe("Mars/Olympus");
  });
  it("formats in the one locale", () => {
    expect(formatIn(utc("2025-09-05T14:30:05Z"), "UTC", "cccc, d LLLL yyyy 'at' HH:mm ZZZZ")).toBe("Friday, 5 September 2025 at 14:30 UTC");
  });
});

describe("formatDuration", () => {
  it("shows two units at most, rounded down, days from 24 h", () => {
    expect(formatDuration(27 * HOUR_MS + 59 * MINUTE_MS)).toBe("1 d 3 h");
    expect(formatDuration(2 * DAY_MS)).toBe("2 d");
    expect(formatDuration(3 * HOUR_MS + 59 * MINUTE_MS + 59_000)).toBe("3 h 59 min");
    expect(formatDuration(45 * MINUTE_MS)).toBe("45 min");
    expect(formatDuration(59_999)).toBe("less than 1 min");
    expect(formatDuration(-2 * HOUR_MS)).toBe("2 h");
  });
  it("spells days out from 48 h, so never '1 days'", () => {
    expect(formatDuration(47 * HOUR_MS + 30 * MINUTE_MS, { days: "days" })).toBe("47 h 30 min");
    expect(formatDuration(3 * DAY_MS + 4 * HOUR_MS, { days: "days" })).toBe("3 days 4 h");
  });
  it("shows one unit, at least a minute, at a glance", () => {
    expect(formatDuration(3 * DAY_MS + 23 * HOUR_MS, ONE_UNIT)).toBe("3 days");
    expect(formatDuration(5 * HOUR_MS + 59 * MINUTE_MS, ONE_UNIT)).toBe("5 h");
    expect(formatDuration(10_000, ONE_UNIT)).toBe("1 min");
  });
});
