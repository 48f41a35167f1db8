import { describe, expect, it } from "vitest";
import { scopedConflict } from "~/modules/calendar/snapshot";
import type { ScopedContext } from "~/modules/workspaces/authz.server";
import { conflictVisibleTo } from "~/modules/workspaces/scope.server";
import { DAY, at, brand, deliverable, detectOnly, plus } from "./conflict-factories";

/** The calendar hands each conflict to the scoping module's one rule for names across brands. */
const ctxOf = (scope: ScopedContext["scope"]) => ({ scope }) as ScopedContext;
const brands = [brand({ id: "brand-a", name: "Acme", category: "skincare" }), brand({ id: "brand-b", name: "Glow", category: "skincare" })];
const first = deliverable({ id: "del-1", brandId: "brand-a", creatorId: "creator-1", publishAt: at("2026-12-01T10:00:00Z") });
const second = deliverable({ id: "del-2", brandId: "brand-b", creatorId: "creator-1", publishAt: plus(first.publishAt, DAY) });

describe("scopedConflict", () => {
  it("marks CREATOR_EXCLUSIVITY as naming a competitor, so brand people never see it and a creator only its own", () => {
    const [exclusivity] = detectOnly("CREATOR_EXCLUSIVITY", { brands, deliverables: [first, second] });
    const scoped = scopedConflict(exclusivity);
    expect(scoped).toEqual({ namesCompetingBrand: true, creatorId: "creator-1", objectIds: ["del-1", "del-2"] });
    expect(conflictVisibleTo(ctxOf({ kind: "brand", brandId: "brand-a" }), scoped, new Set())).toBe(false);
    expect(conflictVisibleTo(ctxOf({ kind: "creator", creatorId: "creator-1" }), scoped, new Set())).toBe(true);
    expect(conflictVisibleTo(ctxOf({ kind: "workspace" }), scoped, new Set())).toBe(true);
  });

  it("lets a brand's people see a conflict about their own brand only", () => {
    const close = deliverable({ id: "del-3", brandId: "brand-a", publishAt: plus(first.publishAt, 60_000) });
    const [collision] = detectOnly("POST_COLLISION", { brands, deliverables: [first, close] });
    const scoped = scopedConflict(collision);
    expect(scoped.namesCompetingBrand).toBe(false);
    expect(conflictVisibleTo(ctxOf({ kind: "brand", brandId: "brand-a" }), scoped, new Set())).toBe(true);
  });
});
