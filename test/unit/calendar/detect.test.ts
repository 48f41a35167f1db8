import { describe, expect, it } from "vitest";
import { CONFLICT_RULES, compareConflicts, conflictRuleMetadata, detectConflicts } from "~/modules/calendar/conflicts/detect";
import { HOUR, NOW, at, brand, campaign, deliverable, input, plus } from "./conflict-factories";

function busyWorkspace() {
  return input({
    brands: [
      brand({ blackouts: [{ id: "bo-1", startsAt: at("2026-12-20T00:00:00Z"), endsAt: at("2026-12-21T00:00:00Z"), reason: "Stocktake" }] }),
      brand({ id: "brand-b", name: "Glow", category: "skincare" }),
    ],
    campaigns: [
      campaign({ id: "camp-1", agencyId: "agency-1" }),
      campaign({ id: "camp-2", agencyId: "agency-2", startsAt: at("2026-12-10T00:00:00Z"), endsAt: at("2026-12-30T00:00:00Z") }),
    ],
    deliverables: [
      deliverable({ id: "del-1", publishAt: at("2026-12-05T10:00:00Z") }),
      deliverable({ id: "del-2", publishAt: at("2026-12-05T11:00:00Z") }),
      deliverable({ id: "del-3", brandId: "brand-b", publishAt: at("2026-12-06T10:00:00Z") }),
      deliverable({ id: "del-4", publishAt: at("2026-12-20T10:00:00Z") }),
      deliverable({ id: "del-5", signedOff: false, publishAt: plus(NOW, 50 * HOUR) }),
    ],
  });
}

describe("detectConflicts", () => {
  it("runs every rule and lists errors first, then soonest first", () => {
    const conflicts = detectConflicts(busyWorkspace(), NOW);
    expect(new Set(conflicts.map((c) => c.code))).toEqual(
      new Set(["CAMPAIGN_OVERLAP", "POST_COLLISION", "CREATOR_EXCLUSIVITY", "BLACKOUT", "SIGNOFF_RISK", "ACCESS_MISSING"]),
    );
    const severities = conflicts.map((c) => c.severity);
    expect(severities).toEqual([...severities].sort());
    for (const severity of ["error", "warning"]) {
      const times = conflicts.filter((c) => c.severity === severity).map((c) => c.startsAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
  });

  it("orders exactly as compareConflicts does, so callers can merge lists with it", () => {
    const conflicts = detectConflicts(busyWorkspace(), NOW);
    expect(conflicts.map((c) => c.key)).toEqual([...conflicts].sort(compareConflicts).map((c) => c.key));
  });

  it("skips rows with invalid dates instead of letting them derail the sweeps", () => {
    const workspace = busyWorkspace();
    const invalid = new Date(Number.NaN);
    workspace.campaigns.push(campaign({ id: "camp-bad", agencyId: "agency-3", startsAt: invalid }));
    workspace.deliverables.push(deliverable({ id: "del-bad", publishAt: invalid, signOffDeadline: invalid, signedOff: false }));
    const keys = detectConflicts(workspace, NOW).map((c) => c.key);
    expect(keys).toEqual(detectConflicts(busyWorkspace(), NOW).map((c) => c.key));
  });

  it("gives every conflict a unique key that does not depend on input order", () => {
    const workspace = busyWorkspace();
    const reversed = { ...workspace, campaigns: [...workspace.campaigns].reverse(), deliverables: [...workspace.deliverables].reverse() };
    const keys = detectConflicts(workspace, NOW).map((c) => c.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(detectConflicts(reversed, NOW)).toEqual(detectConflicts(workspace, NOW));
  });

  it("drops a conflict's key once the cause is fixed", () => {
    const workspace = busyWorkspace();
    const key = "POST_COLLISION:del-1+del-2";
    expect(detectConflicts(workspace, NOW).map((c) => c.key)).toContain(key);
    workspace.deliverables[1] = { ...workspace.deliverables[1], publishAt: at("2026-12-05T14:00:00Z") };
    expect(detectConflicts(workspace, NOW).map((c) => c.key)).not.toContain(key);
  });

  it("can run a subset of rules", () => {
    const conflicts = detectConflicts(busyWorkspace(), NOW, { only: ["BLACKOUT"] });
    expect(conflicts.length).toBeGreaterThan(0);
    expect(conflicts.every((c) => c.code === "BLACKOUT")).toBe(true);
  });

  it("exports rule metadata the UI can list", () => {
    expect(CONFLICT_RULES.map((r) => [r.code, r.severity])).toEqual([
      ["CAMPAIGN_OVERLAP", "warning"],
      ["POST_COLLISION", "warning"],
      ["CREATOR_EXCLUSIVITY", "error"],
      ["BLACKOUT", "error"],
      ["SIGNOFF_RISK", "warning"],
      ["ACCESS_MISSING", "warning"],
    ]);
    expect(conflictRuleMetadata("SIGNOFF_RISK").escalatesTo).toBe("error");
    for (const rule of CONFLICT_RULES) {
      expect(rule.title).not.toBe("");
      expect(rule.description).toMatch(/\.$/);
    }
  });

  it("checks deliverables of brands it was not given with default rules", () => {
    const conflicts = detectConflicts(
      input({
        brands: [],
        deliverables: [
          deliverable({ id: "del-1", brandId: "ghost" }),
          deliverable({ id: "del-2", brandId: "ghost", publishAt: at("2026-12-05T12:00:00Z") }),
        ],
      }),
      NOW,
      { only: ["POST_COLLISION"] },
    );
    expect(conflicts.map((c) => c.key)).toEqual(["POST_COLLISION:del-1+del-2"]);
  });
});
