import { describe, expect, it } from "vitest";
import { DAY, MINUTE, at, brand, deliverable, detectOnly, plus } from "./conflict-factories";

const brands = [
  brand({ id: "brand-a", name: "Acme", category: "Skincare" }),
  brand({ id: "brand-b", name: "Glow", category: "skincare " }),
  brand({ id: "brand-c", name: "Fizz", category: "beverages" }),
  brand({ id: "brand-d", name: "Plain", category: null }),
];
const creators = [{ id: "creator-1", name: "Mia Chen" }];
const forAcme = deliverable({ id: "del-1", brandId: "brand-a", title: "Teaser", publishAt: at("2026-12-01T10:00:00Z") });

function forBrand(brandId: string, gapMs: number, overrides: Parameters<typeof deliverable>[0] = {}) {
  return deliverable({ id: "del-2", brandId, title: "Review", publishAt: plus(forAcme.publishAt, gapMs), ...overrides });
}

describe("CREATOR_EXCLUSIVITY", () => {
  it("flags one creator posting for two same-category brands inside the window", () => {
    const conflicts = detectOnly("CREATOR_EXCLUSIVITY", {
      brands,
      creators,
      deliverables: [forBrand("brand-b", 3 * DAY), forAcme],
    });
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({
      severity: "error",
      key: "CREATOR_EXCLUSIVITY:del-1+del-2",
      objectIds: ["del-1", "del-2"],
      startsAt: forAcme.publishAt,
      details: { creatorId: "creator-1", category: "Skincare", brandIds: ["brand-a", "brand-b"], exclusivityDays: 14 },
      message:
        "Mia Chen has “Teaser” for Acme and “Review” for Glow, both Skincare brands, 3 days apart; " +
        "Acme's exclusivity needs 14 days between competing brands.",
    });
  });

  it("allows exactly the exclusivity window apart, flags one minute less", () => {
    expect(detectOnly("CREATOR_EXCLUSIVITY", { brands, deliverables: [forAcme, forBrand("brand-b", 14 * DAY)] })).toEqual([]);
    expect(detectOnly("CREATOR_EXCLUSIVITY", { brands, deliverables: [forAcme, forBrand("brand-b", 14 * DAY - MINUTE)] })).toHaveLength(1);
  });

  it("does not flag brands of different categories, or brands without one", () => {
    expect(detectOnly("CREATOR_EXCLUSIVITY", { brands, deliverables: [forAcme, forBrand("brand-c", DAY)] })).toEqual([]);
    expect(detectOnly("CREATOR_EXCLUSIVITY", { brands, deliverables: [forAcme, forBrand("brand-d", DAY)] })).toEqual([]);
  });

  it("does not flag two posts for the same brand, or posts by different creators", () => {
    expect(detectOnly("CREATOR_EXCLUSIVITY", { brands, deliverables: [forAcme, forBrand("brand-a", DAY)] })).toEqual([]);
    expect(
      detectOnly("CREATOR_EXCLUSIVITY", { brands, deliverables: [forAcme, forBrand("brand-b", DAY, { creatorId: "creator-2" })] }),
    ).toEqual([]);
    expect(detectOnly("CREATOR_EXCLUSIVITY", { brands, deliverables: [forAcme, forBrand("brand-b", DAY, { creatorId: null })] })).toEqual(
      [],
    );
  });

  it("applies the longer of the two brands' windows", () => {
    const strict = [brands[0], brand({ id: "brand-b", name: "Glow", category: "skincare", exclusivityDays: 30 })];
    const [conflict] = detectOnly("CREATOR_EXCLUSIVITY", { brands: strict, deliverables: [forAcme, forBrand("brand-b", 20 * DAY)] });
    expect(conflict).toMatchObject({ brandId: "brand-b", details: { exclusivityDays: 30 } });
    expect(detectOnly("CREATOR_EXCLUSIVITY", { brands: strict, deliverables: [forAcme, forBrand("brand-b", 30 * DAY)] })).toEqual([]);
  });

  it("pairs a post with every competitor post in reach, skipping same-brand ones", () => {
    const deliverables = [
      forAcme,
      deliverable({ id: "del-2", brandId: "brand-a", publishAt: plus(forAcme.publishAt, DAY) }),
      deliverable({ id: "del-3", brandId: "brand-b", publishAt: plus(forAcme.publishAt, 2 * DAY) }),
    ];
    const keys = detectOnly("CREATOR_EXCLUSIVITY", { brands, deliverables }).map((c) => c.key);
    expect(keys.sort()).toEqual(["CREATOR_EXCLUSIVITY:del-1+del-3", "CREATOR_EXCLUSIVITY:del-2+del-3"]);
  });

  it("keeps each pair's own window when a third competitor has a longer one", () => {
    const mixed = [
      brand({ id: "brand-a", name: "Acme", category: "skincare", exclusivityDays: 1 }),
      brand({ id: "brand-b", name: "Glow", category: "skincare", exclusivityDays: 1 }),
      brand({ id: "brand-c", name: "Dew", category: "skincare", exclusivityDays: 14 }),
    ];
    const deliverables = [
      deliverable({ id: "del-0", brandId: "brand-c", publishAt: plus(forAcme.publishAt, -30 * DAY) }),
      forAcme,
      forBrand("brand-b", DAY),
    ];
    expect(detectOnly("CREATOR_EXCLUSIVITY", { brands: mixed, deliverables })).toEqual([]);
    deliverables[2] = forBrand("brand-b", DAY - MINUTE);
    expect(detectOnly("CREATOR_EXCLUSIVITY", { brands: mixed, deliverables }).map((c) => c.key)).toEqual([
      "CREATOR_EXCLUSIVITY:del-1+del-2",
    ]);
  });
});
