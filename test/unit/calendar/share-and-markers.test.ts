import { describe, expect, it } from "vitest";
import { clampShareDays, SHARE_DEFAULT_DAYS, SHARE_MAX_DAYS, shareExpiry, shareLinkState } from "~/modules/calendar/share-links";
import { markerDays, markerVisible, onDay } from "~/modules/calendar/markers";
import { scopedViewQuery, viewHref, viewQueryOf } from "~/modules/calendar/saved-views";
import { DAY_MS } from "~/utils/time";

describe("a share link's lifetime (decision 067)", () => {
  it("defaults to 30 days, clamps to 1–90, rounds to whole days", () => {
    expect(clampShareDays(undefined)).toBe(SHARE_DEFAULT_DAYS);
    expect(clampShareDays(null)).toBe(30);
    expect(clampShareDays(Number.NaN)).toBe(30);
    expect(clampShareDays(0)).toBe(1);
    expect(clampShareDays(-5)).toBe(1);
    expect(clampShareDays(7.4)).toBe(7);
    expect(clampShareDays(90)).toBe(SHARE_MAX_DAYS);
    expect(clampShareDays(365)).toBe(90);
  });

  it("expires that many days after it is made", () => {
    const now = new Date("2026-03-01T10:00:00Z");
    expect(shareExpiry(now, 200).getTime() - now.getTime()).toBe(90 * DAY_MS);
    expect(shareExpiry(now, undefined).getTime() - now.getTime()).toBe(30 * DAY_MS);
  });

  it("is revoked before it is expired, and live until its expiry", () => {
    const now = new Date("2026-03-01T10:00:00Z");
    const later = new Date(now.getTime() + 1000);
    expect(shareLinkState({ expiresAt: later, revokedAt: null }, now)).toBe("live");
    expect(shareLinkState({ expiresAt: now, revokedAt: null }, now)).toBe("expired");
    expect(shareLinkState({ expiresAt: new Date(0), revokedAt: now }, now)).toBe("revoked");
  });
});

describe("markers", () => {
  it("a workspace marker is everyone's; a brand's only for viewers of that brand", () => {
    expect(markerVisible({ brandId: null }, { all: false, brandIds: new Set() })).toBe(true);
    expect(markerVisible({ brandId: "x" }, { all: true })).toBe(true);
    expect(markerVisible({ brandId: "x" }, { all: false, brandIds: new Set(["x"]) })).toBe(true);
    expect(markerVisible({ brandId: "y" }, { all: false, brandIds: new Set(["x"]) })).toBe(false);
  });

  it("covers its local days; an end at midnight closes the day before", () => {
    const m = markerDays({ startsAt: new Date("2026-02-26T09:00:00Z"), endsAt: new Date("2026-03-01T00:00:00Z") }, "UTC");
    expect(m).toEqual({ startDay: "2026-02-26", endDay: "2026-02-28" });
    expect(onDay(m, "2026-02-28")).toBe(true);
    expect(onDay(m, "2026-03-01")).toBe(false);
    // A launch is a moment, on its day in the viewer's zone.
    expect(markerDays({ startsAt: new Date("2026-03-01T23:30:00Z"), endsAt: null }, "Europe/Paris")).toEqual({
      startDay: "2026-03-02",
      endDay: "2026-03-02",
    });
  });
});

describe("saved views", () => {
  const X = "a".repeat(32);
  const Y = "b".repeat(32);
  const P = "c".repeat(32);
  it("keep only the view and the filters of a query string", () => {
    expect(viewQueryOf(`?view=list&brand=${X}&month=2026-03&peek=d:1&status=draft&agency=nonsense&channel=tiktok`)).toEqual({
      view: "list",
      brand: X,
      status: "draft",
      channel: "tiktok",
    });
    expect(viewQueryOf("?view=month&brand=")).toEqual({});
  });

  it("a shared view opens through each viewer's scope: values outside it are dropped", () => {
    const stored = { view: "week", brand: Y, agency: P, status: "draft" };
    const lead = { brands: new Set([X]), agencies: new Set<string>(), creators: new Set<string>() };
    expect(scopedViewQuery(stored, lead)).toEqual({ view: "week", status: "draft" });
    const team = { brands: new Set([X, Y]), agencies: new Set([P]), creators: new Set<string>() };
    expect(scopedViewQuery(stored, team)).toEqual(stored);
    expect(scopedViewQuery({ brand: 42, view: "nonsense" }, team)).toEqual({});
    expect(viewHref("alpha", { view: "week", status: "draft" })).toBe("/w/alpha/calendar?view=week&status=draft");
  });
});
