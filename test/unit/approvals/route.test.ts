import { describe, expect, it } from "vitest";
import {
  canDecide,
  decisionCommentProblem,
  defaultRoute,
  evaluateRoute,
  validateRoute,
  type ApprovalRoute,
  type RouteDecision,
} from "~/modules/approvals/route";

// Agency review needs ANY of ana/ben; the brand sign-off needs ALL of lea/lou (rule set explicitly).
const route: ApprovalRoute = {
  stages: [
    { name: "Agency review", kind: "review", rule: "any", approverUserIds: ["ana", "ben"] },
    { name: "Brand sign-off", kind: "brand_signoff", rule: "all", approverUserIds: ["lea", "lou"] },
  ],
};
const approve = (stageIndex: number, userId: string, version = 2): RouteDecision => ({ stageIndex, userId, decision: "approve", version });
const requestChanges = (stageIndex: number, userId: string, version = 2): RouteDecision => ({
  stageIndex,
  userId,
  decision: "request_changes",
  version,
});

describe("defaultRoute", () => {
  it("is agency review, then brand sign-off, and valid", () => {
    const r = defaultRoute({ agencyReviewerIds: ["ana"], brandLeadIds: ["lea"] });
    expect(r.stages).toEqual([
      { name: "Agency review", kind: "review", rule: "any", approverUserIds: ["ana"] },
      { name: "Brand sign-off", kind: "brand_signoff", rule: "any", approverUserIds: ["lea"] },
    ]);
    expect(validateRoute(r)).toEqual({ ok: true, problems: [] });
  });
});

describe("validateRoute", () => {
  const review = { name: "Review", kind: "review" as const, rule: "any" as const, approverUserIds: ["ana"] };
  const signoff = { name: "Sign-off", kind: "brand_signoff" as const, rule: "any" as const, approverUserIds: ["lea"] };
  const problemCodes = (r: ApprovalRoute) => validateRoute(r).problems.map((p) => p.code);

  it("accepts a brand sign-off alone", () => {
    expect(validateRoute({ stages: [signoff] }).ok).toBe(true);
  });
  it("refuses an empty route", () => {
    expect(problemCodes({ stages: [] })).toEqual(["route_empty"]);
  });
  it("refuses a route that does not end with the brand sign-off", () => {
    expect(problemCodes({ stages: [signoff, review] })).toEqual(["last_stage_not_brand_signoff"]);
  });
  it("refuses two brand sign-off stages", () => {
    expect(problemCodes({ stages: [signoff, review, signoff] })).toEqual(["multiple_brand_signoff_stages"]);
  });
  it("refuses a stage without approvers and says which", () => {
    expect(validateRoute({ stages: [{ ...review, approverUserIds: [] }, signoff] }).problems).toEqual([
      { code: "stage_without_approvers", message: 'Add at least one approver to "Review".', stageIndex: 0 },
    ]);
  });
});

describe("evaluateRoute", () => {
  it("starts at the first stage with all its approvers pending", () => {
    expect(evaluateRoute(route, [], 2)).toEqual({
      currentStageIndex: 0,
      pendingApproverIds: ["ana", "ben"],
      changesRequested: false,
      fullySignedOff: false,
    });
  });
  it("completes an 'any' stage with one approval", () => {
    expect(evaluateRoute(route, [approve(0, "ben")], 2)).toEqual({
      currentStageIndex: 1,
      pendingApproverIds: ["lea", "lou"],
      changesRequested: false,
      fullySignedOff: false,
    });
  });
  it("waits for every approver of an 'all' stage", () => {
    const partial = evaluateRoute(route, [approve(0, "ana"), approve(1, "lou")], 2);
    expect(partial).toMatchObject({ currentStageIndex: 1, pendingApproverIds: ["lea"], fullySignedOff: false });
    const full = evaluateRoute(route, [approve(0, "ana"), approve(1, "lou"), approve(1, "lea")], 2);
    expect(full).toEqual({ currentStageIndex: null, pendingApproverIds: [], changesRequested: false, fullySignedOff: true });
  });
  it("stops at the stage where changes were requested", () => {
    expect(evaluateRoute(route, [approve(0, "ana"), approve(1, "lea"), requestChanges(1, "lou")], 2)).toEqual({
      currentStageIndex: 1,
      pendingApproverIds: [],
      changesRequested: true,
      fullySignedOff: false,
    });
  });
  it("counts only decisions on the given version: a new version resets the route", () => {
    const onV1 = [approve(0, "ana", 1), approve(1, "lea", 1), approve(1, "lou", 1)];
    expect(evaluateRoute(route, onV1, 1).fullySignedOff).toBe(true);
    expect(evaluateRoute(route, onV1, 2)).toMatchObject({ currentStageIndex: 0, fullySignedOff: false });
    // Changes requested on v1 do not stop v2.
    expect(evaluateRoute(route, [requestChanges(0, "ana", 1), approve(0, "ben", 2)], 2)).toMatchObject({
      currentStageIndex: 1,
      changesRequested: false,
    });
  });
  it("ignores decisions by people who are not approvers of that stage", () => {
    expect(evaluateRoute(route, [approve(0, "mallory"), approve(0, "lea")], 2).currentStageIndex).toBe(0);
    expect(evaluateRoute(route, [approve(0, "ana"), requestChanges(1, "ana")], 2).changesRequested).toBe(false);
  });
  it("never signs off a route without stages", () => {
    expect(evaluateRoute({ stages: [] }, [], 1)).toMatchObject({ currentStageIndex: null, fullySignedOff: false });
  });
});

describe("canDecide", () => {
  const base = {
    userId: "ana",
    submitterUserId: "cleo",
    route,
    currentStageIndex: 0 as number | null,
    decidedVersion: 2,
    currentVersion: 2,
    existingDecisions: [] as RouteDecision[],
  };

  it("lets an approver of the current stage decide on the current version", () => {
    expect(canDecide(base)).toEqual({ ok: true });
  });
  it("refuses self-approval", () => {
    expect(
      canDecide({ ...base, userId: "cleo", route: { stages: [{ ...route.stages[0], approverUserIds: ["cleo"] }, route.stages[1]] } }),
    ).toEqual({
      ok: false,
      code: "self_approval",
      message: "You submitted this draft, so someone else has to approve it.",
    });
  });
  it("refuses a decision on an old version", () => {
    expect(canDecide({ ...base, decidedVersion: 1 })).toEqual({
      ok: false,
      code: "stale_version",
      message: "You're looking at version 1, but version 2 is the current one. Review that instead.",
    });
  });
  it("refuses someone who is not an approver of the current stage", () => {
    expect(canDecide({ ...base, userId: "lea" })).toEqual({
      ok: false,
      code: "not_stage_approver",
      message: `You're not an approver for the current stage, "Agency review".`,
    });
    expect(canDecide({ ...base, userId: "ana", currentStageIndex: 1 })).toMatchObject({ ok: false, code: "not_stage_approver" });
  });
  it("refuses a second decision at the same stage on the same version", () => {
    const existingDecisions = [approve(1, "lea")];
    expect(canDecide({ ...base, userId: "lea", currentStageIndex: 1, existingDecisions })).toEqual({
      ok: false,
      code: "already_decided",
      message: `You already gave your decision on version 2 at "Brand sign-off".`,
    });
    // A decision on the previous version does not count against the new one.
    expect(canDecide({ ...base, userId: "lea", currentStageIndex: 1, existingDecisions: [approve(1, "lea", 1)] })).toEqual({ ok: true });
  });
  it("refuses decisions once the route is complete", () => {
    expect(canDecide({ ...base, userId: "lea", currentStageIndex: null })).toMatchObject({ ok: false, code: "route_complete" });
  });
});

describe("decisionCommentProblem", () => {
  it("requires a comment to request changes, not to approve", () => {
    expect(decisionCommentProblem("request_changes", "  ")).toBe("Say what should change: a comment is required.");
    expect(decisionCommentProblem("request_changes", null)).toBe("Say what should change: a comment is required.");
    expect(decisionCommentProblem("request_changes", "Move #ad to the first line")).toBeNull();
    expect(decisionCommentProblem("approve", null)).toBeNull();
  });
});
