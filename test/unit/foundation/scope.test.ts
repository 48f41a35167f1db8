import { describe, expect, it } from "vitest";
import type { ScopedContext } from "~/modules/workspaces/authz.server";
import { conflictVisibleTo, mayNameBrand, scopeKey } from "~/modules/workspaces/scope.server";

const ctxOf = (scope: ScopedContext["scope"]) => ({ scope }) as ScopedContext;
const workspace = ctxOf({ kind: "workspace" });
const brandX = ctxOf({ kind: "brand", brandId: "x" });
const creatorM = ctxOf({ kind: "creator", creatorId: "m" });

describe("the scoping module's pure rules", () => {
  it("never lets a brand-scoped viewer name another brand", () => {
    expect(mayNameBrand(brandX, "x")).toBe(true);
    expect(mayNameBrand(brandX, "y")).toBe(false);
    expect(mayNameBrand(workspace, "y")).toBe(true);
    expect(mayNameBrand(ctxOf({ kind: "agency", agencyId: "p" }), "y")).toBe(true);
  });

  it("hides a conflict naming a competing brand from brand people, and shows a creator only its own", () => {
    const exclusivity = { namesCompetingBrand: true, creatorId: "m", objectIds: ["d1"] };
    expect(conflictVisibleTo(brandX, exclusivity, new Set())).toBe(false);
    expect(conflictVisibleTo(workspace, exclusivity, new Set())).toBe(true);
    expect(conflictVisibleTo(creatorM, exclusivity, new Set())).toBe(true);
    expect(conflictVisibleTo(ctxOf({ kind: "creator", creatorId: "n" }), exclusivity, new Set(["d1"]))).toBe(false);
    const collision = { namesCompetingBrand: false, objectIds: ["d1"] };
    expect(conflictVisibleTo(brandX, collision, new Set())).toBe(true);
    expect(conflictVisibleTo(creatorM, collision, new Set(["d2"]))).toBe(false);
    expect(conflictVisibleTo(creatorM, collision, new Set(["d1"]))).toBe(true);
  });

  it("gives each scope its own cache key", () => {
    const keys = [workspace, brandX, creatorM, ctxOf({ kind: "agency", agencyId: "x" })].map(scopeKey);
    expect(new Set(keys).size).toBe(4);
  });
});
