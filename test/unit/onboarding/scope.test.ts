import { describe, expect, it } from "vitest";
import type { ScopedContext } from "~/modules/workspaces/authz.server";
import { ownAgencyId } from "~/modules/workspaces/scope.server";

const ctxOf = (scope: ScopedContext["scope"]) => ({ scope }) as ScopedContext;

describe("ownAgencyId (the onboarding links an agency member sees are its agency's)", () => {
  it("names the agency of an agency member and nobody else's", () => {
    expect(ownAgencyId(ctxOf({ kind: "agency", agencyId: "p" }))).toBe("p");
    expect(ownAgencyId(ctxOf({ kind: "workspace" }))).toBeNull();
    expect(ownAgencyId(ctxOf({ kind: "brand", brandId: "p" }))).toBeNull();
    expect(ownAgencyId(ctxOf({ kind: "creator", creatorId: "p" }))).toBeNull();
  });
});
