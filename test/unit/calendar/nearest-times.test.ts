import { describe, expect, it } from "vitest";
import { nearestClearingTimes, type ClearingInput } from "~/modules/calendar/conflicts/nearest-times";
import { detectConflicts } from "~/modules/calendar/conflicts/detect";
import { at, brand, DAY, deliverable, HOUR, NOW, plus } from "./conflict-factories";

/**
 * Fixtures: "now" is 2026-11-21 12:00 UTC; the approvals' earliest allowed time is given as
 * 2026-11-24 12:00 (the sign-off window and review time are approvals' business, tested there).
 * Each test puts one rule in the way and checks the answer steps past exactly that rule.
 */
const EARLIEST = at("2026-11-24T12:00:00Z");
const moving = deliverable({ id: "moving", publishAt: at("2026-12-05T10:00:00Z") });

function times(parts: Partial<ClearingInput>) {
  return nearestClearingTimes({ now: NOW, deliverable: moving, brands: [brand()], others: [], earliest: EARLIEST, ...parts });
}
const iso = (list: { at: Date }[]) => list.map((t) => t.at.toISOString());

describe("nearestClearingTimes", () => {
  it("with nothing in the way offers the earliest allowed time and the quarter hours either side of the current time", () => {
    const found = times({});
    expect(found.map((t) => t.kind)).toEqual(["earliest", "before", "after"]);
    expect(iso(found)).toEqual(["2026-11-24T12:00:00.000Z", "2026-12-05T09:45:00.000Z", "2026-12-05T10:15:00.000Z"]);
  });

  it("never offers a time before the approvals' earliest allowed time, and rounds it up to a quarter hour", () => {
    const late = deliverable({ id: "moving", publishAt: at("2026-11-24T13:00:00Z") });
    const found = times({ deliverable: late, earliest: at("2026-11-24T12:50:00Z") });
    expect(found.every((t) => t.at.getTime() >= at("2026-11-24T12:50:00Z").getTime())).toBe(true);
    expect(found[0]).toEqual({ at: at("2026-11-24T13:00:00Z"), kind: "earliest" });
    // The "before" candidate (12:45) is before the earliest allowed time, so none is offered.
    expect(found.map((t) => t.kind)).not.toContain("before");
  });

  it("steps past a blackout (half-open: its end minute is free) in both directions", () => {
    const blackouts = [{ id: "bo", startsAt: at("2026-12-04T00:00:00Z"), endsAt: at("2026-12-06T00:00:00Z"), reason: "Recall" }];
    const found = times({ brands: [brand({ blackouts })], earliest: at("2026-12-04T08:00:00Z") });
    // Earliest and after are both the blackout's end; before would be before the earliest allowed.
    expect(iso(found)).toEqual(["2026-12-06T00:00:00.000Z"]);
    const wider = times({ brands: [brand({ blackouts })] });
    expect(iso(wider)).toEqual(["2026-11-24T12:00:00.000Z", "2026-12-03T23:45:00.000Z", "2026-12-06T00:00:00.000Z"]);
  });

  it("keeps the brand's spacing on the channel (exactly the minimum apart is fine), other channels and brands do not count", () => {
    const neighbour = deliverable({ id: "n1", publishAt: at("2026-12-05T09:00:00Z") });
    const elsewhere = deliverable({ id: "n2", channel: "tiktok", publishAt: at("2026-12-05T10:00:00Z") });
    const otherBrand = deliverable({ id: "n3", brandId: "brand-b", creatorId: null, publishAt: at("2026-12-05T10:00:00Z") });
    const found = times({
      brands: [brand({ minSpacingMinutesByChannel: { instagram: 180 } }), brand({ id: "brand-b", name: "Other", category: null })],
      others: [neighbour, elsewhere, otherBrand],
    });
    expect(iso(found).slice(1)).toEqual(["2026-12-05T06:00:00.000Z", "2026-12-05T12:00:00.000Z"]);
  });

  it("keeps the longer exclusivity window against a competing brand of the same category, for the same creator only", () => {
    const rival = brand({ id: "brand-b", name: "Rival", category: "Skincare ", exclusivityDays: 3 });
    const own = brand({ exclusivityDays: 2 });
    const clash = deliverable({ id: "r1", brandId: "brand-b", publishAt: at("2026-12-05T10:00:00Z") });
    const otherCreator = deliverable({ id: "r2", brandId: "brand-b", creatorId: "creator-2", publishAt: at("2026-12-09T10:00:00Z") });
    const found = times({ brands: [own, rival], others: [clash, otherCreator] });
    expect(iso(found)).toEqual(["2026-11-24T12:00:00.000Z", "2026-12-02T10:00:00.000Z", "2026-12-08T10:00:00.000Z"]);
  });

  it("every time it offers is clear of blackouts, spacing and exclusivity by the detector's own judgement", () => {
    const rival = brand({ id: "brand-b", name: "Rival", category: "skincare", exclusivityDays: 3 });
    const blackouts = [{ startsAt: at("2026-11-24T00:00:00Z"), endsAt: at("2026-11-26T06:10:00Z"), reason: "" }];
    const brands = [brand({ blackouts, exclusivityDays: 2 }), rival];
    const others = [
      deliverable({ id: "s1", creatorId: null, publishAt: at("2026-11-26T08:00:00Z") }),
      deliverable({ id: "x1", brandId: "brand-b", publishAt: at("2026-12-05T11:00:00Z") }),
    ];
    const found = times({ brands, others });
    expect(found.length).toBe(3);
    for (const t of found) {
      const conflicts = detectConflicts({ brands, campaigns: [], deliverables: [...others, { ...moving, publishAt: t.at }] }, NOW, {
        only: ["BLACKOUT", "POST_COLLISION", "CREATOR_EXCLUSIVITY"],
      });
      expect(
        conflicts.filter((c) => c.objectIds.includes("moving")),
        t.at.toISOString(),
      ).toEqual([]);
    }
    // Past the blackout (06:10 → 06:15), then past the spacing of s1 (08:00 + 4 h).
    expect(iso(found)).toEqual(["2026-11-26T12:00:00.000Z", "2026-12-02T11:00:00.000Z", "2026-12-08T11:00:00.000Z"]);
  });

  it("answers nothing when no time within three years clears", () => {
    const blackouts = [{ startsAt: at("2026-01-01T00:00:00Z"), endsAt: plus(NOW, 4 * 366 * DAY), reason: "Forever" }];
    expect(times({ brands: [brand({ blackouts })] })).toEqual([]);
  });

  it("ignores cancelled work in the way", () => {
    const cancelled = deliverable({ id: "c1", status: "cancelled", publishAt: plus(moving.publishAt, HOUR) });
    expect(iso(times({ others: [cancelled] }))[2]).toBe("2026-12-05T10:15:00.000Z");
  });
});
