import { describe, expect, it } from "vitest";
import { filterQuery, parseInsightsFilter, periodPresets, weeksToToday } from "~/modules/insights/page-filter";

const BRAND = "b".repeat(32);
const AGENCY = "a".repeat(32);
const choices = { brandIds: new Set([BRAND]), agencyIds: new Set([AGENCY]) };
const parse = (query: string, now = new Date("2026-03-10T12:00:00Z"), zone = "UTC") =>
  parseInsightsFilter(new URLSearchParams(query), choices, now, zone);

describe("the insights URL", () => {
  it("defaults to 12 ISO weeks up to today, counted in the workspace's zone", () => {
    // Monday 9 March 00:30 in Berlin is still Sunday 8 March in UTC: the week (and today) differ.
    const now = new Date("2026-03-08T23:30:00Z");
    expect(weeksToToday(12, now, "UTC")).toEqual({ from: "2025-12-15", to: "2026-03-08" });
    expect(weeksToToday(12, now, "Europe/Berlin")).toEqual({ from: "2025-12-22", to: "2026-03-09" });
    expect(parse("", now, "Europe/Berlin")).toEqual({
      ok: true,
      filter: { period: { from: "2025-12-22", to: "2026-03-09" }, brandId: null, agencyId: null, channel: null },
    });
  });

  it("offers presets of whole ISO weeks and the last calendar month", () => {
    const presets = periodPresets(new Date("2026-03-10T12:00:00Z"), "UTC");
    expect(presets.map((p) => [p.key, p.period.from, p.period.to])).toEqual([
      ["4w", "2026-02-16", "2026-03-10"],
      ["12w", "2025-12-22", "2026-03-10"],
      ["26w", "2025-09-15", "2026-03-10"],
      ["last-month", "2026-02-01", "2026-02-28"],
    ]);
  });

  it("reads a period, a brand, an agency and a channel; empty fields mean no filter", () => {
    expect(parse(`from=2026-02-01&to=2026-02-28&brand=${BRAND}&agency=${AGENCY}&channel=tiktok`)).toEqual({
      ok: true,
      filter: { period: { from: "2026-02-01", to: "2026-02-28" }, brandId: BRAND, agencyId: AGENCY, channel: "tiktok" },
    });
    expect(parse("from=2026-02-01&to=2026-02-28&brand=&agency=&channel=")).toMatchObject({
      ok: true,
      filter: { brandId: null, channel: null },
    });
  });

  it("names the parameter that is wrong", () => {
    expect(parse("from=2026-02-29&to=2026-03-01")).toMatchObject({ ok: false, field: "from" });
    expect(parse("from=2026-01-01&to=2027-01-02")).toMatchObject({
      ok: false,
      field: "to",
      message: "Choose a period of at most 366 days.",
    });
    expect(parse("from=2024-01-01&to=2024-12-31")).toMatchObject({ ok: true }); // 366 days of a leap year fit
    expect(parse(`brand=${"c".repeat(32)}`)).toMatchObject({ ok: false, field: "brand" });
    expect(parse(`agency=${BRAND}`)).toMatchObject({ ok: false, field: "agency" });
    expect(parse("channel=Instagram")).toMatchObject({ ok: false, field: "channel" });
    expect(parse("channel=x&channel=x")).toMatchObject({ ok: false, field: "channel" });
  });

  it("writes a filter back as a query string, leaving out what is not set", () => {
    const filter = { period: { from: "2026-02-01", to: "2026-02-28" }, brandId: BRAND, agencyId: null, channel: null };
    expect(filterQuery(filter)).toBe(`?from=2026-02-01&to=2026-02-28&brand=${BRAND}`);
    expect(filterQuery(filter, { table: "weeks", brand: null })).toBe("?from=2026-02-01&to=2026-02-28&table=weeks");
  });
});
