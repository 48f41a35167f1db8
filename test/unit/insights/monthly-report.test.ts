import { describe, expect, it } from "vitest";
import { buildMonthlyReport, monthLabel, reportLines } from "~/modules/insights/monthly-report";
import { at, conflictEntry, D, fact, H, outcome } from "./factories";

/**
 * The monthly report of one brand (issue 16, part 6): July 2026 for brand "bx", agencies P and Q,
 * each figure worked out by hand below. Facts of another brand and of June are in the rows too.
 */
const ZONE = "UTC";
const NOW = at("2026-08-03T09:00:00Z");

const signedOff = (id: string, agencyId: string, firstSubmitted: string, signed: string, brandId = "bx") =>
  fact("signed_off", {
    key: `${id}:v1`,
    started: firstSubmitted,
    finished: signed,
    brandId,
    agencyId,
    data: { deliverableId: id, version: 1, revisionRounds: 0, firstPass: true },
  });
const draft = (id: string, agencyId: string, submitted: string, late: boolean) =>
  fact("draft_submitted", {
    key: `${id}:${submitted}`,
    started: "2026-06-20T00:00:00Z",
    finished: submitted,
    brandId: "bx",
    agencyId,
    data: { deliverableId: id, version: 1, dueDate: null, onTime: null, late },
  });
const linkVerified = (id: string, agencyId: string, created: string, verified: string) =>
  fact("link_verified", {
    key: id,
    started: created,
    finished: verified,
    brandId: "bx",
    agencyId,
    data: { linkId: id, platforms: ["ga4"] },
  });

const facts = [
  // Agency P: cycles of 1 day and 3 days (median, nearest rank, of two: the lower, 1 day; p90: 3 days).
  signedOff("d1", "ap", "2026-07-02T10:00:00Z", "2026-07-03T10:00:00Z"),
  signedOff("d2", "ap", "2026-07-10T10:00:00Z", "2026-07-13T10:00:00Z"),
  // Agency Q: one cycle of 2 days.
  signedOff("d3", "aq", "2026-07-20T10:00:00Z", "2026-07-22T10:00:00Z"),
  // June, agency P: a 5-day cycle (the "was").
  signedOff("d0", "ap", "2026-06-01T10:00:00Z", "2026-06-06T10:00:00Z"),
  // Another brand in July: never in bx's report.
  signedOff("other", "ap", "2026-07-01T10:00:00Z", "2026-07-11T10:00:00Z", "by"),
  // 48-hour rule, counted on the publish day: P published d1 in time, d2 after an override; Q's d3 in time.
  outcome("d1", "published", {
    publishAt: "2026-07-06T10:00:00Z",
    at: "2026-07-06T10:00:00Z",
    counted: true,
    brandId: "bx",
    agencyId: "ap",
  }),
  outcome("d2", "overridden", {
    publishAt: "2026-07-16T10:00:00Z",
    at: "2026-07-15T09:00:00Z",
    counted: false,
    brandId: "bx",
    agencyId: "ap",
  }),
  outcome("d2", "published", {
    publishAt: "2026-07-16T10:00:00Z",
    at: "2026-07-16T10:00:00Z",
    counted: false,
    overridden: true,
    brandId: "bx",
    agencyId: "ap",
  }),
  outcome("d3", "published", {
    publishAt: "2026-07-25T10:00:00Z",
    at: "2026-07-25T10:00:00Z",
    counted: true,
    brandId: "bx",
    agencyId: "aq",
  }),
  // Drafts: P one late of two; Q none late of one.
  draft("d1", "ap", "2026-07-02T10:00:00Z", false),
  draft("d2", "ap", "2026-07-14T10:00:00Z", true),
  draft("d3", "aq", "2026-07-20T10:00:00Z", false),
  // Access: one link of P's, verified in 30 hours.
  linkVerified("l1", "ap", "2026-07-01T00:00:00Z", "2026-07-02T06:00:00Z"),
];

const conflicts = [
  // Open at the end of July, involving P and Q.
  conflictEntry({ key: "k1", brandId: "bx", agencyIds: ["ap", "aq"], firstSeen: "2026-07-28T00:00:00Z" }),
  // Resolved before its item went live in July (P).
  conflictEntry({
    key: "k2",
    brandId: "bx",
    agencyIds: ["ap"],
    firstSeen: "2026-07-01T08:00:00Z",
    resolved: "2026-07-04T00:00:00Z",
    live: "2026-07-06T10:00:00Z",
  }),
];

const names = new Map([
  ["ap", "Agency P"],
  ["aq", "Agency Q"],
]);
const report = buildMonthlyReport({
  brand: { id: "bx", name: "Brand X" },
  month: "2026-07",
  timeZone: ZONE,
  now: NOW,
  facts,
  conflicts,
  agencyNames: names,
});

describe("the monthly report of a brand", () => {
  it("gives the brand's figures across agencies for the month, and the month before", () => {
    expect(report.period).toEqual({ from: "2026-07-01", to: "2026-07-31" });
    // Cycles 1 d, 3 d, 2 d: median 2 d, p90 3 d. The other brand's 10 days are not there.
    expect(report.total.cycle).toEqual({ count: 3, median: 2 * D, p90: 3 * D });
    expect(report.previous.cycle).toEqual({ count: 1, median: 5 * D, p90: 5 * D });
    // d1 and d3 in time, d2 overridden: 2 of 3.
    expect(report.total.compliance).toMatchObject({ count: 2, of: 3, overrides: 1, blocks: 0 });
    expect(report.total.lateDrafts).toEqual({ count: 1, of: 3, rate: 1 / 3 });
    expect(report.total.access).toEqual({ count: 1, median: 30 * H, p90: 30 * H });
    expect(report.total.openConflicts).toBe(1);
    expect(report.total.resolvedBeforeLive).toEqual({ count: 1, of: 1, rate: 1 });
  });

  it("gives each agency its own figures, by name", () => {
    expect(report.agencies.map((a) => a.name)).toEqual(["Agency P", "Agency Q"]);
    const [p, q] = report.agencies;
    expect(p.figures.cycle).toEqual({ count: 2, median: 1 * D, p90: 3 * D });
    expect(p.previous.cycle.median).toBe(5 * D);
    expect(p.figures.compliance).toMatchObject({ count: 1, of: 2, overrides: 1 });
    expect(p.figures.lateDrafts).toMatchObject({ count: 1, of: 2 });
    expect(p.figures.openConflicts).toBe(1);
    expect(q.figures.cycle).toEqual({ count: 1, median: 2 * D, p90: 2 * D });
    expect(q.figures.compliance).toMatchObject({ count: 1, of: 1, overrides: 0 });
    expect(q.figures.access.count).toBe(0);
    expect(q.figures.openConflicts).toBe(1);
  });

  it("writes each figure as a line a brand lead reads", () => {
    const lines = reportLines(report.total, report.previous);
    expect(lines.map((l) => [l.label, l.value])).toEqual([
      ["Time to verified access", "1 d 6 h"],
      ["Approval cycle time", "2 d"],
      ["48-hour compliance", "67%"],
      ["Late drafts", "1"],
      ["Conflicts", "1 open"],
    ]);
    expect(lines[1].detail).toBe("Median of 3 sign-offs, 90th percentile 3 d · was 5 d");
    expect(lines[2].detail).toBe("2 of 3 signed off in time · 1 overridden");
    expect(lines[3].detail).toBe("1 of 3 versions came in too late for review");
    expect(lines[4].detail).toBe("At the end of the month · 100% resolved before going live · was 0 open");
    // Agency Q had no onboarding link: said so, not a zero.
    const q = reportLines(report.agencies[1].figures, report.agencies[1].previous);
    expect(q[0]).toEqual({ label: "Time to verified access", value: "No data", detail: "No onboarding links this month" });
    expect(monthLabel("2026-07")).toBe("July 2026");
  });

  it("leaves out an agency that did nothing for the brand that month", () => {
    const quiet = buildMonthlyReport({
      brand: { id: "bx", name: "Brand X" },
      month: "2026-08",
      timeZone: ZONE,
      now: at("2026-09-01T09:00:00Z"),
      facts,
      conflicts: [],
      agencyNames: names,
    });
    expect(quiet.agencies).toEqual([]);
    expect(quiet.total.cycle.count).toBe(0);
  });
});
