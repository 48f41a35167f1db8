import { describe, expect, it } from "vitest";
import { buildReport, type ReportNames } from "~/modules/insights/report";
import { METRIC_KEYS } from "~/modules/insights/metrics";
import { at, conflictEntry, fact, H, outcome } from "./factories";

const ZONE = "Europe/Berlin";
const names: ReportNames = {
  brands: new Map([["bx", "Brand X"]]),
  agencies: new Map([
    ["ap", "Agency P"],
    ["aq", "Agency Q"],
  ]),
  creators: new Map([["cm", "Creator M"]]),
  people: new Map([["lead", "Lena Lead"]]),
};
const filter = (from: string, to: string) => ({ period: { from, to }, brandId: null, agencyId: null, channel: null });

const ack = (requested: string, acknowledged: string, extra: { agencyId?: string } = {}) =>
  fact("brief_acknowledged", {
    started: requested,
    finished: acknowledged,
    zone: ZONE,
    brandId: "bx",
    ...extra,
    data: { campaignId: "c", version: 1 },
  });

describe("the insights report", () => {
  it("buckets by ISO week in the workspace's zone across the daylight-saving change, and judges conflicts at each week's end", () => {
    const facts = [
      // 23:30 on Sunday 29 March in Berlin: week 13. Requested 24 real hours earlier (a 25-hour span on the wall clock).
      ack("2026-03-28T21:30:00Z", "2026-03-29T21:30:00Z"),
      // 00:30 on Monday 30 March in Berlin (still Sunday in UTC): week 14.
      ack("2026-03-29T20:30:00Z", "2026-03-29T22:30:00Z"),
    ];
    const conflicts = [
      // First seen 21:00 UTC Sunday = 23:00 Berlin, inside week 13; the week ends 22:00 UTC.
      conflictEntry({ key: "early", firstSeen: "2026-03-29T21:00:00Z" }),
      // First seen 22:30 UTC = 00:30 Monday in Berlin: open in week 14 only.
      conflictEntry({ key: "late", firstSeen: "2026-03-29T22:30:00Z" }),
    ];
    const report = buildReport({
      filter: filter("2026-03-23", "2026-04-05"),
      timeZone: ZONE,
      now: at("2026-04-10T00:00:00Z"),
      facts,
      conflicts,
      names,
    });
    expect(report.weeks.map((w) => [w.week, w.values.brief_acknowledgment, w.values.open_conflicts])).toEqual([
      ["2026-W13", { value: 24 * H, n: 1 }, { value: 1, n: 1 }],
      ["2026-W14", { value: 2 * H, n: 1 }, { value: 2, n: 2 }],
    ]);
    expect(report.period).toMatchObject({ days: 14, start: "2026-03-22T23:00:00.000Z", end: "2026-04-05T22:00:00.000Z" });
  });

  it("keeps only the period's rows, compares with the previous period and says which way is better", () => {
    const signed = (id: string, started: string, finished: string) =>
      fact("signed_off", {
        key: id,
        started,
        finished,
        zone: ZONE,
        brandId: "bx",
        agencyId: "ap",
        personId: "lead",
        data: { deliverableId: id, version: 1, revisionRounds: 0, firstPass: true },
      });
    const facts = [
      // Previous period (2–8 March): cycles of 30 and 50 h → median 30 h.
      signed("p1", "2026-03-02T08:00:00Z", "2026-03-03T14:00:00Z"),
      signed("p2", "2026-03-04T08:00:00Z", "2026-03-06T10:00:00Z"),
      // This period (9–15 March): 20 h.
      signed("n1", "2026-03-10T08:00:00Z", "2026-03-11T04:00:00Z"),
      // After the period: ignored.
      signed("x1", "2026-03-16T08:00:00Z", "2026-03-17T04:00:00Z"),
      // Going live in the period though handed off in the previous one: counts by its publish day.
      outcome("o1", "scheduled", {
        publishAt: "2026-03-12T10:00:00Z",
        at: "2026-03-06T10:00:00Z",
        counted: true,
        brandId: "bx",
        agencyId: "aq",
      }),
    ];
    const report = buildReport({
      filter: filter("2026-03-09", "2026-03-15"),
      timeZone: ZONE,
      now: at("2026-03-20T00:00:00Z"),
      facts,
      conflicts: [],
      names,
    });
    expect(report.previousPeriod).toEqual({ from: "2026-03-02", to: "2026-03-08" });
    const cycle = report.headlines.find((h) => h.key === "approval_cycle")!;
    expect(cycle).toEqual({
      key: "approval_cycle",
      value: 20 * H,
      n: 1,
      previous: { value: 30 * H, n: 2 },
      change: -10 * H,
      trend: "better",
    });
    const compliance = report.headlines.find((h) => h.key === "compliance_48h")!;
    expect(compliance).toMatchObject({ value: 1, n: 1, previous: { value: null, n: 0 }, change: null, trend: null });
    expect(report.headlines.map((h) => h.key)).toEqual([...METRIC_KEYS]);
    // Breakdowns name only what the rows carry.
    expect(report.breakdowns.agency.map((r) => [r.name, r.values.approval_cycle.value, r.values.compliance_48h.value])).toEqual([
      ["Agency P", 20 * H, null],
      ["Agency Q", null, 1],
    ]);
    expect(report.breakdowns.brand.map((r) => r.name)).toEqual(["Brand X"]);
    expect(report.breakdowns.approver).toEqual([]);
    // JSON-safe: a loader can return it as is.
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});
