import { describe, expect, it } from "vitest";
import {
  isoWeekOf,
  lastDays,
  localDateOf,
  periodBounds,
  periodDays,
  previousMonth,
  previousPeriod,
  startOfLocalDay,
  weeksOf,
} from "~/modules/insights/periods";
import { percentile, rateOf, summarize } from "~/modules/insights/stats";
import { at, H } from "./factories";

describe("one percentile definition: nearest rank", () => {
  it("is always a measured value, the lower middle for an even count", () => {
    const ten = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
    expect(percentile(ten, 50)).toBe(5); // rank ⌈5⌉ = 5
    expect(percentile(ten, 90)).toBe(9); // rank ⌈9⌉ = 9
    expect(percentile([1, 2, 3, 4], 50)).toBe(2); // not 2.5
    expect(percentile([4, 1, 3], 90)).toBe(4); // rank ⌈2.7⌉ = 3: fewer than ten values give the largest
    expect(percentile([7], 50)).toBe(7);
    expect(percentile([1, 2, 3, 4, 5, 6], 90)).toBe(6); // rank ⌈5.4⌉ = 6, never rounded down to 5
    expect(percentile([1, 2, 3, 4, 5, 6, 7], 90)).toBe(7); // rank ⌈6.3⌉ = 7
    expect(percentile([], 50)).toBeNull();
    expect(() => percentile([1], 0)).toThrow(RangeError);
  });

  it("summaries and rates say when there is nothing to measure", () => {
    expect(summarize([])).toEqual({ count: 0, median: null, p90: null });
    expect(rateOf(0, 0)).toEqual({ count: 0, of: 0, rate: null });
    expect(rateOf(1, 4).rate).toBe(0.25);
  });
});

describe("days and ISO weeks in the workspace's zone", () => {
  it("puts an instant on its local day: the spring-forward night in Berlin (29 Mar 2026)", () => {
    // 22:30 UTC on Sunday 29 March is 00:30 on Monday 30 March in Berlin (UTC+2 since 01:00 UTC).
    expect(localDateOf(at("2026-03-29T22:30:00Z"), "Europe/Berlin")).toBe("2026-03-30");
    expect(localDateOf(at("2026-03-29T21:30:00Z"), "Europe/Berlin")).toBe("2026-03-29");
    expect(localDateOf(at("2026-03-29T22:30:00Z"), "UTC")).toBe("2026-03-29");
    // A zone nobody knows is read as UTC, as everywhere else (time.ts inZone).
    expect(localDateOf(at("2026-03-29T22:30:00Z"), "Mars/Olympus")).toBe("2026-03-29");
  });

  it("counts ISO weeks by the week-numbering year", () => {
    expect(isoWeekOf("2026-03-29")).toBe("2026-W13"); // a Sunday ends week 13
    expect(isoWeekOf("2026-03-30")).toBe("2026-W14");
    expect(isoWeekOf("2027-01-01")).toBe("2026-W53"); // Friday 1 Jan 2027 belongs to 2026's last week
    expect(isoWeekOf("2024-12-30")).toBe("2025-W01");
  });

  it("gives a period's instants in the zone: the week of the change has 167 hours", () => {
    const week13 = periodBounds({ from: "2026-03-23", to: "2026-03-29" }, "Europe/Berlin");
    expect(week13.start.toISOString()).toBe("2026-03-22T23:00:00.000Z");
    expect(week13.end.toISOString()).toBe("2026-03-29T22:00:00.000Z");
    expect((week13.end.getTime() - week13.start.getTime()) / 1000).toBe(167 * H);
    expect(startOfLocalDay("2026-10-25", "Europe/Berlin").toISOString()).toBe("2026-10-24T22:00:00.000Z");
  });

  it("cuts a period into its ISO weeks, the first and last short", () => {
    expect(weeksOf({ from: "2026-03-26", to: "2026-04-07" })).toEqual([
      { week: "2026-W13", from: "2026-03-26", to: "2026-03-29" },
      { week: "2026-W14", from: "2026-03-30", to: "2026-04-05" },
      { week: "2026-W15", from: "2026-04-06", to: "2026-04-07" },
    ]);
  });

  it("compares with the period of the same length right before", () => {
    expect(periodDays({ from: "2026-03-01", to: "2026-03-31" })).toBe(31);
    expect(previousPeriod({ from: "2026-03-01", to: "2026-03-31" })).toEqual({ from: "2026-01-29", to: "2026-02-28" });
    expect(lastDays(28, at("2026-03-29T22:30:00Z"), "Europe/Berlin")).toEqual({ from: "2026-03-03", to: "2026-03-30" });
    expect(previousMonth(at("2026-03-01T00:30:00Z"), "Europe/Berlin")).toEqual({ from: "2026-02-01", to: "2026-02-28", month: "2026-02" });
    // 00:30 UTC on 1 March is still February in New York.
    expect(previousMonth(at("2026-03-01T00:30:00Z"), "America/New_York")).toEqual({
      from: "2026-01-01",
      to: "2026-01-31",
      month: "2026-01",
    });
  });
});
