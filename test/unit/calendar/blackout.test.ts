import { describe, expect, it } from "vitest";
import { MINUTE, at, brand, campaign, deliverable, detectOnly, plus } from "./conflict-factories";

const quietPeriod = {
  id: "bo-1",
  startsAt: at("2026-12-10T00:00:00Z"),
  endsAt: at("2026-12-12T00:00:00Z"),
  reason: "Earnings quiet period",
};
const brands = [brand({ blackouts: [quietPeriod] })];

describe("BLACKOUT", () => {
  it("flags a deliverable publishing inside a blackout", () => {
    const d = deliverable({ title: "Teaser", publishAt: at("2026-12-11T09:00:00Z") });
    expect(detectOnly("BLACKOUT", { brands, deliverables: [d] })).toEqual([
      expect.objectContaining({
        severity: "error",
        key: "BLACKOUT:del-1:bo-1",
        objectIds: ["del-1"],
        startsAt: d.publishAt,
        message: "“Teaser” is set to publish during Acme's blackout (Earnings quiet period).",
        details: { subject: "deliverable", blackout: quietPeriod },
      }),
    ]);
  });

  it("does not flag a blackout that ends exactly at the publish minute", () => {
    const d = deliverable({ publishAt: quietPeriod.endsAt });
    expect(detectOnly("BLACKOUT", { brands, deliverables: [d] })).toEqual([]);
  });

  it("flags the blackout's first and last minute", () => {
    const deliverables = [
      deliverable({ id: "del-1", publishAt: quietPeriod.startsAt }),
      deliverable({ id: "del-2", publishAt: plus(quietPeriod.endsAt, -MINUTE) }),
    ];
    expect(detectOnly("BLACKOUT", { brands, deliverables })).toHaveLength(2);
  });

  it("flags a campaign whose window intersects a blackout, not one that only touches it", () => {
    const intersecting = campaign({
      id: "camp-1",
      name: "Spring launch",
      startsAt: at("2026-12-01T00:00:00Z"),
      endsAt: at("2026-12-10T06:00:00Z"),
    });
    const touching = campaign({ id: "camp-2", startsAt: quietPeriod.endsAt, endsAt: at("2026-12-20T00:00:00Z") });
    expect(detectOnly("BLACKOUT", { brands, campaigns: [touching, intersecting] })).toEqual([
      expect.objectContaining({
        key: "BLACKOUT:camp-1:bo-1",
        startsAt: quietPeriod.startsAt,
        message: "Campaign “Spring launch” runs into Acme's blackout (Earnings quiet period) for 6 h.",
        details: { subject: "campaign", blackout: quietPeriod },
      }),
    ]);
  });

  it("reports each blackout a deliverable falls in, keyed by its window when a blackout has no id", () => {
    const overlapping = { startsAt: at("2026-12-11T00:00:00Z"), endsAt: at("2026-12-13T00:00:00Z"), reason: "" };
    const d = deliverable({ publishAt: at("2026-12-11T12:00:00Z") });
    const conflicts = detectOnly("BLACKOUT", { brands: [brand({ blackouts: [overlapping, quietPeriod] })], deliverables: [d] });
    expect(conflicts.map((c) => c.key).sort()).toEqual([
      "BLACKOUT:del-1:2026-12-11T00:00:00.000Z/2026-12-13T00:00:00.000Z",
      "BLACKOUT:del-1:bo-1",
    ]);
  });

  it("only looks at the deliverable's own brand's blackouts", () => {
    const d = deliverable({ brandId: "brand-b", publishAt: at("2026-12-11T09:00:00Z") });
    expect(detectOnly("BLACKOUT", { brands: [...brands, brand({ id: "brand-b" })], deliverables: [d] })).toEqual([]);
  });
});
