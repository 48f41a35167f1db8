import { describe, expect, it } from "vitest";
import {
  currentMonth,
  dayKey,
  formatMonthParam,
  monthGrid,
  parseMonthParam,
  shiftMonth,
  weekDays,
  type CalendarDay,
} from "~/modules/calendar/dates";

const HOUR = 3_600_000;
const hoursLong = (day: CalendarDay) => (day.endUtc.getTime() - day.startUtc.getTime()) / HOUR;
const dayOf = (grid: CalendarDay[][], date: string) => grid.flat().find((d) => d.date === date);

describe("calendar days across daylight-saving changes", () => {
  it.each([
    ["Europe/Berlin", 2026, 3, "2026-03-29", 23, "2026-03-28T23:00:00.000Z"],
    ["Europe/Berlin", 2026, 10, "2026-10-25", 25, "2026-10-24T22:00:00.000Z"],
    ["America/New_York", 2026, 3, "2026-03-08", 23, "2026-03-08T05:00:00.000Z"],
    ["America/New_York", 2026, 11, "2026-11-01", 25, "2026-11-01T04:00:00.000Z"],
  ] as const)("%s %s is %s hours long", (tz, year, month, date, hours, startUtc) => {
    const grid = monthGrid(year, month, tz);
    const day = dayOf(grid, date);
    expect(day && hoursLong(day)).toBe(hours);
    expect(day?.startUtc.toISOString()).toBe(startUtc);
    // Days tile time exactly: no gaps or overlaps anywhere in the grid.
    const days = grid.flat();
    days.slice(1).forEach((d, i) => expect(d.startUtc).toEqual(days[i].endUtc));
    expect(days.filter((d) => hoursLong(d) !== 24).map((d) => d.date)).toEqual([date]);
  });

  it("starts a day at its first real instant when midnight is skipped", () => {
    const [day] = weekDays("2026-09-06", "America/Santiago").filter((d) => d.date === "2026-09-06");
    expect(day.startUtc.toISOString()).toBe("2026-09-06T04:00:00.000Z"); // 01:00 local, -03:00
    expect(hoursLong(day)).toBe(23);
  });
});

describe("monthGrid", () => {
  it("covers the month in whole weeks starting on Monday by default", () => {
    const grid = monthGrid(2026, 11, "Europe/Berlin");
    expect(grid.map((week) => week.length)).toEqual([7, 7, 7, 7, 7, 7]);
    expect(grid[0][0]).toMatchObject({ date: "2026-10-26", inMonth: false });
    expect(grid[5][6]).toMatchObject({ date: "2026-12-06", inMonth: false });
    expect(grid.flat().filter((d) => d.inMonth)).toHaveLength(30);
  });

  it("can start weeks on Sunday, and uses only the weeks it needs", () => {
    const grid = monthGrid(2026, 2, "UTC", 0);
    expect(grid).toHaveLength(4); // February 2026 begins on a Sunday and has 28 days
    expect(grid[0][0].date).toBe("2026-02-01");
    expect(grid[3][6].date).toBe("2026-02-28");
  });

  it("rejects unknown time zones and impossible months", () => {
    expect(() => monthGrid(2026, 11, "Mars/Olympus")).toThrow(RangeError);
    expect(() => monthGrid(2026, 13, "UTC")).toThrow(RangeError);
  });
});

describe("weekDays and dayKey", () => {
  it("returns the week around a date", () => {
    const week = weekDays("2026-11-01", "America/New_York");
    expect(week.map((d) => d.date)).toEqual([
      "2026-10-26",
      "2026-10-27",
      "2026-10-28",
      "2026-10-29",
      "2026-10-30",
      "2026-10-31",
      "2026-11-01",
    ]);
    expect(week.map((d) => d.inMonth)).toEqual([false, false, false, false, false, false, true]);
    expect(() => weekDays("2026-02-30", "UTC")).toThrow(RangeError);
  });

  it("files an instant under the viewer's local date", () => {
    const instant = new Date("2026-11-21T23:30:00Z");
    expect(dayKey(instant, "UTC")).toBe("2026-11-21");
    expect(dayKey(instant, "Europe/Berlin")).toBe("2026-11-22");
    expect(dayKey(instant, "America/New_York")).toBe("2026-11-21");
    // The repeated hour on 2026-11-01 in New York still belongs to that day.
    expect(dayKey(new Date("2026-11-01T05:30:00Z"), "America/New_York")).toBe("2026-11-01");
  });
});

describe("month parameters", () => {
  const fallback = { year: 2026, month: 11 };

  it("parses well-formed values and clamps out-of-range ones", () => {
    expect(parseMonthParam("2026-03", fallback)).toEqual({ year: 2026, month: 3 });
    expect(parseMonthParam(" 2027-1 ", fallback)).toEqual({ year: 2027, month: 1 });
    expect(parseMonthParam("2026-13", fallback)).toEqual({ year: 2026, month: 12 });
    expect(parseMonthParam("2026-00", fallback)).toEqual({ year: 2026, month: 1 });
    expect(parseMonthParam("1066-10", fallback)).toEqual({ year: 2000, month: 1 });
    expect(parseMonthParam("9999-10", fallback)).toEqual({ year: 2100, month: 12 });
  });

  it("falls back on anything malformed", () => {
    for (const value of [null, undefined, "", "nope", "2026", "2026-11-01", "26-11", "2026-1x"]) {
      expect(parseMonthParam(value, fallback)).toEqual(fallback);
    }
  });

  it("navigates months and reads the current one in the viewer's zone", () => {
    expect(shiftMonth({ year: 2026, month: 12 }, 1)).toEqual({ year: 2027, month: 1 });
    expect(shiftMonth({ year: 2026, month: 1 }, -1)).toEqual({ year: 2025, month: 12 });
    expect(shiftMonth({ year: 2026, month: 11 }, -23)).toEqual({ year: 2024, month: 12 });
    expect(formatMonthParam({ year: 2026, month: 3 })).toBe("2026-03");
    expect(currentMonth(new Date("2026-11-30T23:30:00Z"), "Europe/Berlin")).toEqual({ year: 2026, month: 12 });
  });
});
