import { describe, expect, it } from "vitest";
import {
  canDecide,
  decisionCommentProblem,
  defaultRoute,
  evaluateRoute,
  NO_STAND_INS,
  routePeopleProblems,
  seatOf,
  validateRoute,
  WHOLE_STAGE,
  type ApprovalRoute,
  type RouteDecision,
  type StandIns,
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
    expect(canDecide(base)).toEqual({ ok: true, as: { kind: "approver" } });
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
    expect(canDecide({ ...base, userId: "lea", currentStageIndex: 1, existingDecisions: [approve(1, "lea", 1)] })).toEqual({
      ok: true,
      as: { kind: "approver" },
    });
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

describe("stand-ins in the route (decision 052)", () => {
  // Review needs EVERYONE of ana/ben, backup carl; the sign-off ANY of lea/lou, backup lin.
  const withBackups: ApprovalRoute = {
    stages: [
      { name: "Legal", kind: "review", rule: "all", approverUserIds: ["ana", "ben"], backupUserId: "carl" },
      { name: "Brand sign-off", kind: "brand_signoff", rule: "any", approverUserIds: ["lea", "lou"], backupUserId: "lin" },
    ],
  };
  const standIns = (s: Partial<StandIns>): StandIns => ({ ...NO_STAND_INS, ...s });

  it("a delegate's approval takes the away approver's seat, and only with the mark that says so", () => {
    const decisions = [approve(0, "ana"), approve(0, "dora")];
    expect(evaluateRoute(withBackups, decisions, 2)).toMatchObject({ currentStageIndex: 0, pendingApproverIds: ["ben"] });
    expect(evaluateRoute(withBackups, decisions, 2, standIns({ decidedFor: { "0:dora": "ben" } }))).toMatchObject({
      currentStageIndex: 1,
      pendingApproverIds: ["lea", "lou"],
    });
    // The mark names a stage: at another stage the same person holds no seat.
    expect(evaluateRoute(withBackups, decisions, 2, standIns({ decidedFor: { "1:dora": "ben" } })).currentStageIndex).toBe(0);
    // A mark for someone who is not on the stage gives no seat either.
    expect(evaluateRoute(withBackups, decisions, 2, standIns({ decidedFor: { "0:dora": "zoe" } })).currentStageIndex).toBe(0);
  });

  it("a delegate's request for changes stops the route like the approver's own", () => {
    const decisions = [requestChanges(0, "dora")];
    expect(evaluateRoute(withBackups, decisions, 2).changesRequested).toBe(false);
    expect(evaluateRoute(withBackups, decisions, 2, standIns({ decidedFor: { "0:dora": "ana" } })).changesRequested).toBe(true);
  });

  it("the backup's approval completes an escalated stage whatever its rule; before the escalation it is ignored", () => {
    const decisions = [approve(0, "carl")];
    expect(evaluateRoute(withBackups, decisions, 2).currentStageIndex).toBe(0);
    expect(evaluateRoute(withBackups, decisions, 2, standIns({ escalatedStages: [0] }))).toMatchObject({
      currentStageIndex: 1,
      pendingApproverIds: ["lea", "lou"],
    });
    // Escalating stage 1 gives carl nothing at stage 0.
    expect(evaluateRoute(withBackups, decisions, 2, standIns({ escalatedStages: [1] })).currentStageIndex).toBe(0);
  });

  it("canDecide: approver first, then a delegate for a pending away approver, then the escalated stage's backup", () => {
    const base = {
      submitterUserId: "cleo",
      route: withBackups,
      currentStageIndex: 0,
      decidedVersion: 2,
      currentVersion: 2,
      existingDecisions: [] as RouteDecision[],
    };
    const delegatesNow = new Map([["ben", "dora"]]);
    expect(canDecide({ ...base, userId: "dora", delegatesNow })).toEqual({ ok: true, as: { kind: "delegate", forUserId: "ben" } });
    // Without the delegation applying now, dora is nobody on this stage.
    expect(canDecide({ ...base, userId: "dora" })).toMatchObject({ ok: false, code: "not_stage_approver" });
    // Ben decided himself before leaving: his seat is filled, there is nothing left to decide for him.
    expect(canDecide({ ...base, userId: "dora", delegatesNow, existingDecisions: [approve(0, "ben")] })).toMatchObject({
      ok: false,
      code: "not_stage_approver",
    });
    expect(canDecide({ ...base, userId: "carl" })).toMatchObject({ ok: false, code: "not_stage_approver" });
    expect(canDecide({ ...base, userId: "carl", standIns: standIns({ escalatedStages: [0] }) })).toEqual({
      ok: true,
      as: { kind: "backup" },
    });
  });

  it("canDecide: a delegate or backup who submitted the draft is refused as self-approval", () => {
    const base = {
      route: withBackups,
      currentStageIndex: 0,
      decidedVersion: 2,
      currentVersion: 2,
      existingDecisions: [] as RouteDecision[],
    };
    expect(canDecide({ ...base, userId: "dora", submitterUserId: "dora", delegatesNow: new Map([["ben", "dora"]]) })).toMatchObject({
      ok: false,
      code: "self_approval",
    });
    expect(canDecide({ ...base, userId: "carl", submitterUserId: "carl", standIns: standIns({ escalatedStages: [0] }) })).toMatchObject({
      ok: false,
      code: "self_approval",
    });
  });

  it("seatOf names whose seat a decision takes", () => {
    const si = standIns({ escalatedStages: [0], decidedFor: { "0:dora": "ana" } });
    expect(seatOf(withBackups.stages[0], 0, "ben", si)).toBe("ben");
    expect(seatOf(withBackups.stages[0], 0, "dora", si)).toBe("ana");
    expect(seatOf(withBackups.stages[0], 0, "carl", si)).toBe(WHOLE_STAGE);
    expect(seatOf(withBackups.stages[0], 0, "zoe", si)).toBeNull();
  });
});

describe("route people and backups", () => {
  const people = {
    reviewers: new Set(["ana", "ben", "carl"]),
    brandLeads: new Set(["lea", "lou", "ivy"]),
    guests: new Set(["gus"]),
    members: new Set(["ana", "ben", "carl", "lea", "lou"]),
  };
  const stages = (review: Partial<ApprovalRoute["stages"][number]>, signoff: Partial<ApprovalRoute["stages"][number]> = {}) => ({
    stages: [
      { name: "Legal", kind: "review" as const, rule: "any" as const, approverUserIds: ["ana"], ...review },
      { name: "Brand sign-off", kind: "brand_signoff" as const, rule: "any" as const, approverUserIds: ["lea"], ...signoff },
    ],
  });
  const codes = (r: ApprovalRoute) => routePeopleProblems(r, people).map((p) => [p.code, p.stageIndex, p.field ?? null]);

  it("takes reviewers and guests on review stages, brand leads (joined or invited) on the sign-off", () => {
    expect(codes(stages({ approverUserIds: ["ana", "gus"] }, { approverUserIds: ["lea", "ivy"] }))).toEqual([]);
  });
  it("refuses a guest on the brand sign-off with its own words", () => {
    const problems = routePeopleProblems(stages({}, { approverUserIds: ["lea", "gus"] }), people);
    expect(problems).toEqual([
      {
        code: "guest_on_signoff",
        message: "Guests can approve review stages only: the brand sign-off is given by brand leads of this campaign's brand.",
        stageIndex: 1,
      },
    ]);
  });
  it("refuses someone outside the lists on either stage", () => {
    expect(codes(stages({ approverUserIds: ["mallory"] }, { approverUserIds: ["ana"] }))).toEqual([
      ["approver_not_allowed", 0, null],
      ["approver_not_allowed", 1, null],
    ]);
  });
  it("a backup is a member who could stand on the stage: a brand lead of the brand for the sign-off, never a guest", () => {
    expect(codes(stages({ backupUserId: "carl" }, { backupUserId: "lou" }))).toEqual([]);
    expect(codes(stages({ backupUserId: "gus" }, { backupUserId: "carl" }))).toEqual([
      ["backup_not_allowed", 0, "backup"],
      ["backup_not_allowed", 1, "backup"],
    ]);
    // An invited brand lead (no membership yet) is not a backup.
    expect(codes(stages({}, { backupUserId: "ivy" }))).toEqual([["backup_not_allowed", 1, "backup"]]);
  });
  it("validateRoute refuses a backup who is already an approver of the stage", () => {
    expect(validateRoute(stages({ backupUserId: "ana" })).problems.map((p) => [p.code, p.field])).toEqual([
      ["backup_is_approver", "backup"],
    ]);
  });
});
