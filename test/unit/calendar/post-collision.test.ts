import { describe, expect, it } from "vitest";
import { HOUR, MINUTE, at, brand, deliverable, detectOnly, plus } from "./conflict-factories";

const first = deliverable({ id: "del-1", title: "Teaser", publishAt: at("2026-12-05T10:00:00Z") });

function second(gapMs: number, overrides: Parameters<typeof deliverable>[0] = {}) {
  return deliverable({ id: "del-2", title: "Unboxing", publishAt: plus(first.publishAt, gapMs), ...overrides });
}

describe("POST_COLLISION", () => {
  it("allows posts exactly the default minimum spacing (4 h) apart", () => {
    expect(detectOnly("POST_COLLISION", { deliverables: [first, second(4 * HOUR)] })).toEqual([]);
  });

  it("flags posts one minute closer than the minimum spacing", () => {
    const conflicts = detectOnly("POST_COLLISION", { deliverables: [second(4 * HOUR - MINUTE), first] });
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({
      severity: "warning",
      key: "POST_COLLISION:del-1+del-2",
      objectIds: ["del-1", "del-2"],
      startsAt: first.publishAt,
      details: { channel: "instagram", gapMinutes: 239, minSpacingMinutes: 240 },
      message: "“Teaser” and “Unboxing” for Acme go out on Instagram 3 h 59 min apart; Acme wants at least 4 h between posts there.",
    });
  });

  it("flags posts at the same minute", () => {
    const [conflict] = detectOnly("POST_COLLISION", { deliverables: [first, second(0)] });
    expect(conflict.message).toContain("at the same time");
  });

  it("uses the brand's own spacing for that channel", () => {
    const brands = [brand({ minSpacingMinutesByChannel: { instagram: 60 } })];
    expect(detectOnly("POST_COLLISION", { brands, deliverables: [first, second(60 * MINUTE)] })).toEqual([]);
    expect(detectOnly("POST_COLLISION", { brands, deliverables: [first, second(59 * MINUTE)] })).toHaveLength(1);
  });

  it("does not compare different channels or different brands", () => {
    expect(detectOnly("POST_COLLISION", { deliverables: [first, second(HOUR, { channel: "tiktok" })] })).toEqual([]);
    expect(
      detectOnly("POST_COLLISION", {
        brands: [brand(), brand({ id: "brand-b", name: "Glow" })],
        deliverables: [first, second(HOUR, { brandId: "brand-b" })],
      }),
    ).toEqual([]);
  });

  it("reports every pair inside the spacing, not just neighbours", () => {
    const third = deliverable({ id: "del-3", publishAt: plus(first.publishAt, 2 * HOUR) });
    const keys = detectOnly("POST_COLLISION", { deliverables: [first, second(HOUR), third] }).map((c) => c.key);
    expect(keys.sort()).toEqual(["POST_COLLISION:del-1+del-2", "POST_COLLISION:del-1+del-3", "POST_COLLISION:del-2+del-3"]);
  });

  it("ignores cancelled deliverables", () => {
    expect(detectOnly("POST_COLLISION", { deliverables: [first, second(HOUR, { status: "cancelled" })] })).toEqual([]);
  });
});
