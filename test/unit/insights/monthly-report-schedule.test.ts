import { describe, expect, it } from "vitest";
import {
  CATCH_UP_MS,
  dueReport,
  firstWorkingDay,
  monthPeriod,
  nextCheckAt,
  nextReportSendAt,
  previousMonthOf,
  reportSendAt,
} from "~/modules/insights/monthly-report-schedule";

/**
 * The monthly report's schedule (issue 16, part 6): 09:00 in the brand's zone on the month's first
 * working day, with last month's figures. Every case runs on a controlled clock (an instant given
 * in UTC), never on the machine's.
 */
const at = (iso: string) => new Date(iso);
const MINUTE = 60_000;

describe("the first working day", () => {
  it("is the 1st when the month starts on a weekday", () => {
    expect(firstWorkingDay("2026-06")).toBe("2026-06-01"); // a Monday
    expect(firstWorkingDay("2027-01")).toBe("2027-01-01"); // a Friday, New Year's Day: holidays are not known
  });

  it("is the Monday after when the month starts on a Saturday or a Sunday", () => {
    expect(firstWorkingDay("2026-08")).toBe("2026-08-03"); // 1 August 2026 is a Saturday
    expect(firstWorkingDay("2026-11")).toBe("2026-11-02"); // 1 November 2026 is a Sunday
  });
});

describe("the send time", () => {
  it("is 09:00 on the first working day in the brand's zone", () => {
    expect(reportSendAt("2026-08", "Europe/Berlin")).toEqual(at("2026-08-03T07:00:00Z")); // CEST, UTC+2
    expect(reportSendAt("2026-08", "UTC")).toEqual(at("2026-08-03T09:00:00Z"));
  });

  it("falls on the previous UTC day, even in the previous UTC month, in a zone far ahead of UTC", () => {
    // 09:00 on Monday 1 June in Auckland (NZST, UTC+12) is 21:00 on Sunday 31 May in UTC.
    const sendAt = reportSendAt("2026-06", "Pacific/Auckland");
    expect(sendAt).toEqual(at("2026-05-31T21:00:00Z"));
    // A minute before, nothing is due there; at the minute, May's report is.
    expect(dueReport(new Date(sendAt.getTime() - MINUTE), "Pacific/Auckland")).toBeNull();
    expect(dueReport(sendAt, "Pacific/Auckland")).toEqual({ month: "2026-05", period: monthPeriod("2026-05"), sendAt });
    // The same instant in UTC is still May there: May's own send (April's report) is long past.
    expect(dueReport(sendAt, "UTC")).toBeNull();
  });

  it("uses the offset of the day itself in a month whose first days change the clocks", () => {
    // New York leaves daylight saving at 02:00 on Sunday 1 November 2026: the first working day,
    // Monday 2 November, is on EST (UTC-5), while 1 October's 09:00 was EDT (UTC-4).
    expect(reportSendAt("2026-11", "America/New_York")).toEqual(at("2026-11-02T14:00:00Z"));
    expect(reportSendAt("2026-10", "America/New_York")).toEqual(at("2026-10-01T13:00:00Z"));
    expect(dueReport(at("2026-11-02T13:59:00Z"), "America/New_York")).toBeNull();
    expect(dueReport(at("2026-11-02T14:00:00Z"), "America/New_York")?.month).toBe("2026-10");
  });

  it("reads an unknown zone as UTC, as every other time in Baton", () => {
    expect(reportSendAt("2026-08", "Not/AZone")).toEqual(at("2026-08-03T09:00:00Z"));
  });
});

describe("what is due at a given instant", () => {
  const sendAt = at("2026-08-03T07:00:00Z"); // Berlin, August 2026

  it("is last month's report from the send time on", () => {
    expect(dueReport(sendAt, "Europe/Berlin")).toEqual({
      month: "2026-07",
      period: { from: "2026-07-01", to: "2026-07-31" },
      sendAt,
    });
  });

  it("nothing before the send time: the Saturday 1st, the Sunday, the Monday at 08:59", () => {
    for (const iso of ["2026-08-01T07:00:00Z", "2026-08-02T12:00:00Z", "2026-08-03T06:59:00Z"])
      expect(dueReport(at(iso), "Europe/Berlin"), iso).toBeNull();
  });

  it("is still due while a stopped worker catches up, and no longer after the catch-up window", () => {
    expect(dueReport(new Date(sendAt.getTime() + CATCH_UP_MS - MINUTE), "Europe/Berlin")?.month).toBe("2026-07");
    expect(dueReport(new Date(sendAt.getTime() + CATCH_UP_MS), "Europe/Berlin")).toBeNull();
    expect(dueReport(at("2026-08-20T09:00:00Z"), "Europe/Berlin")).toBeNull();
  });

  it("in January reports December of the year before", () => {
    const january = reportSendAt("2027-01", "Europe/Berlin");
    expect(january).toEqual(at("2027-01-01T08:00:00Z"));
    expect(dueReport(january, "Europe/Berlin")).toMatchObject({ month: "2026-12", period: { from: "2026-12-01", to: "2026-12-31" } });
    expect(previousMonthOf("2027-01")).toBe("2026-12");
  });
});

describe("when the job looks next", () => {
  it("the next send time is strictly after now: this month's, or next month's once it has passed", () => {
    expect(nextReportSendAt(at("2026-08-01T00:00:00Z"), "Europe/Berlin")).toEqual(at("2026-08-03T07:00:00Z"));
    expect(nextReportSendAt(at("2026-08-03T07:00:00Z"), "Europe/Berlin")).toEqual(reportSendAt("2026-09", "Europe/Berlin"));
  });

  it("at the next send time of any zone, and at least every hour", () => {
    const zones = ["Europe/Berlin", "Asia/Kolkata"]; // Kolkata: UTC+5:30, so its 09:00 is 03:30 UTC
    expect(nextCheckAt(at("2026-08-03T03:10:00Z"), zones)).toEqual(at("2026-08-03T03:30:00Z"));
    expect(nextCheckAt(at("2026-08-03T03:30:00Z"), zones)).toEqual(at("2026-08-03T04:00:00Z"));
    expect(nextCheckAt(at("2026-08-03T06:20:00Z"), zones)).toEqual(at("2026-08-03T07:00:00Z"));
    expect(nextCheckAt(at("2026-08-10T06:20:00Z"), [])).toEqual(at("2026-08-10T07:00:00Z"));
  });
});
