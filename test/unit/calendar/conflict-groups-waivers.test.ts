import { describe, expect, it } from "vitest";
import { groupByRuleAndBrand } from "~/modules/calendar/conflict-groups";
import { breachedBrandIds, COMPETING_BRAND, openForBrand, waivedByAll, waiverLine } from "~/modules/calendar/waivers";
import { brand, DAY, deliverable, detectOnly, input, NOW, plus } from "./conflict-factories";

const row = (code: "POST_COLLISION" | "BLACKOUT", brandId: string, key: string, severity = "warning") => ({ code, brandId, key, severity });

describe("groupByRuleAndBrand", () => {
  it("groups by rule then brand, splits open from settled, puts rules with errors first", () => {
    const groups = groupByRuleAndBrand(
      [
        row("POST_COLLISION", "a", "1"),
        row("POST_COLLISION", "b", "2"),
        row("POST_COLLISION", "b", "3"),
        row("POST_COLLISION", "a", "4"),
        row("BLACKOUT", "a", "5", "error"),
      ],
      (c) => c.key === "4",
    );
    expect(groups.map((g) => [g.code, g.open, g.settled])).toEqual([
      ["BLACKOUT", 1, 0],
      ["POST_COLLISION", 3, 1],
    ]);
    expect(groups[1].brands.map((b) => [b.brandId, b.open.map((c) => c.key), b.settled.map((c) => c.key)])).toEqual([
      ["b", ["2", "3"], []],
      ["a", ["1"], ["4"]],
    ]);
  });
});

describe("exclusivity waivers", () => {
  // Brand A keeps 14 days, brand B 5 days; the posts are 10 days apart: only A's window is breached.
  const a = brand({ id: "brand-a", name: "Acme", exclusivityDays: 14 });
  const b = brand({ id: "brand-b", name: "Bolt", exclusivityDays: 5 });
  const first = deliverable({ id: "d1", publishAt: plus(NOW, 20 * DAY) });
  const second = deliverable({ id: "d2", brandId: "brand-b", publishAt: plus(NOW, 30 * DAY) });
  const [clash] = detectOnly("CREATOR_EXCLUSIVITY", input({ brands: [a, b], deliverables: [first, second] }));
  const days = (id: string) => (id === "brand-a" ? 14 : 5);
  const waiver = (brandId: string) => ({ brandId, reason: "Different lines", by: "Lee", at: NOW });

  it("only brands whose own window the gap breaches may waive", () => {
    expect(breachedBrandIds(clash, days)).toEqual(["brand-a"]);
    expect(breachedBrandIds(clash, () => 14)).toEqual(["brand-a", "brand-b"]);
  });

  it("a waiver settles the clash only once every breached brand has waived, and speaks for its own brand", () => {
    expect(waivedByAll(clash, [waiver("brand-a")], days)).toBe(true);
    expect(waivedByAll(clash, [waiver("brand-b")], days)).toBe(false);
    expect(waivedByAll(clash, [waiver("brand-a")], () => 14)).toBe(false);
    expect(openForBrand(clash, "brand-b", [], () => 14)).toBe(true);
    expect(openForBrand(clash, "brand-a", [waiver("brand-a")], () => 14)).toBe(false);
  });

  it("names the waiving brand and its reason only to a viewer who may name it", () => {
    expect(waiverLine(waiver("brand-a"), "Acme", true)).toBe("Waived by Acme for its side: Different lines");
    const hidden = waiverLine(waiver("brand-a"), "Acme", false);
    expect(hidden).toBe(`Waived by ${COMPETING_BRAND} for its side.`);
    expect(hidden).not.toContain("Acme");
    expect(hidden).not.toContain("Different lines");
  });
});
