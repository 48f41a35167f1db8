import { describe, expect, it } from "vitest";
import type { ScopedContext } from "~/modules/workspaces/authz.server";
import { actsForBrand } from "~/modules/workspaces/scope.server";

const ctxOf = (scope: ScopedContext["scope"]) => ({ scope }) as ScopedContext;

describe("actsForBrand (who may give a brand's sign-off, before the role check)", () => {
  it("is true only for a member scoped to that very brand", () => {
    expect(actsForBrand(ctxOf({ kind: "brand", brandId: "x" }), "x")).toBe(true);
    expect(actsForBrand(ctxOf({ kind: "brand", brandId: "x" }), "y")).toBe(false);
    // Seeing the whole workspace is not acting for the brand.
    expect(actsForBrand(ctxOf({ kind: "workspace" }), "x")).toBe(false);
    expect(actsForBrand(ctxOf({ kind: "agency", agencyId: "x" }), "x")).toBe(false);
    expect(actsForBrand(ctxOf({ kind: "creator", creatorId: "x" }), "x")).toBe(false);
  });
});
