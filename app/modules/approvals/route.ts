/**
 * Approval routes (PRODUCT.md §5): ordered stages, each with approvers and a rule ("any" one of
 * them, or "all"). The last stage is always the brand sign-off. Decisions are pinned to a version:
 * a new version starts the route from scratch simply because no decision carries its number yet.
 */

export type StageKind = "review" | "brand_signoff";
export type StageRule = "any" | "all";

export interface RouteStage {
  name: string;
  kind: StageKind;
  rule: StageRule;
  approverUserIds: readonly string[];
}

export interface ApprovalRoute {
  stages: readonly RouteStage[];
}

export interface RouteDecision {
  stageIndex: number;
  userId: string;
  decision: "approve" | "request_changes";
  version: number;
}

export interface RouteProblem {
  code: "route_empty" | "last_stage_not_brand_signoff" | "multiple_brand_signoff_stages" | "stage_without_approvers";
  message: string;
  stageIndex?: number;
}

/** Agency review ("any" one reviewer), then brand sign-off ("any" one brand lead). */
export function defaultRoute(input: { agencyReviewerIds: readonly string[]; brandLeadIds: readonly string[] }): ApprovalRoute {
  return {
    stages: [
      { name: "Agency review", kind: "review", rule: "any", approverUserIds: [...input.agencyReviewerIds] },
      { name: "Brand sign-off", kind: "brand_signoff", rule: "any", approverUserIds: [...input.brandLeadIds] },
    ],
  };
}

/**
 * Structural rules only. That brand sign-off approvers are brand leads OF THIS BRAND needs
 * membership data, so the caller checks it.
 */
export function validateRoute(route: ApprovalRoute): { ok: boolean; problems: RouteProblem[] } {
  const problems: RouteProblem[] = [];
  const { stages } = route;
  if (stages.length === 0) {
    problems.push({ code: "route_empty", message: "A route needs at least the brand sign-off stage." });
  } else if (stages[stages.length - 1].kind !== "brand_signoff") {
    problems.push({ code: "last_stage_not_brand_signoff", message: "The last stage must be the brand sign-off." });
  }
  if (stages.filter((s) => s.kind === "brand_signoff").length > 1) {
    problems.push({ code: "multiple_brand_signoff_stages", message: "A route has exactly one brand sign-off stage." });
  }
  stages.forEach((stage, stageIndex) => {
    if (stage.approverUserIds.length === 0) {
      problems.push({ code: "stage_without_approvers", message: `Add at least one approver to "${stage.name}".`, stageIndex });
    }
  });
  return { ok: problems.length === 0, problems };
}

export interface RouteEvaluation {
  /** The stage waiting for decisions; null once fully signed off (or for a route without stages). */
  currentStageIndex: number | null;
  /** Approvers of the current stage whose decision would still move it (empty when stopped). */
  pendingApproverIds: string[];
  changesRequested: boolean;
  fullySignedOff: boolean;
}

/**
 * Walks the stages in order with only `version`'s decisions. A request for changes at the current
 * stage stops the route for this version: the creator has to upload a new one. Decisions by
 * people who are not (or no longer) approvers of that stage are ignored.
 */
export function evaluateRoute(route: ApprovalRoute, decisions: readonly RouteDecision[], version: number): RouteEvaluation {
  const current = decisions.filter((d) => d.version === version);
  for (const [stageIndex, stage] of route.stages.entries()) {
    const stageDecisions = current.filter((d) => d.stageIndex === stageIndex && stage.approverUserIds.includes(d.userId));
    if (stageDecisions.some((d) => d.decision === "request_changes")) {
      return { currentStageIndex: stageIndex, pendingApproverIds: [], changesRequested: true, fullySignedOff: false };
    }
    const approvedBy = new Set(stageDecisions.map((d) => d.userId));
    const complete = stage.rule === "any" ? approvedBy.size > 0 : stage.approverUserIds.every((id) => approvedBy.has(id));
    if (!complete) {
      const pendingApproverIds = stage.approverUserIds.filter((id) => !approvedBy.has(id));
      return { currentStageIndex: stageIndex, pendingApproverIds, changesRequested: false, fullySignedOff: false };
    }
  }
  // An empty route never signs anything off (validateRoute refuses it anyway).
  const fullySignedOff = route.stages.length > 0;
  return { currentStageIndex: null, pendingApproverIds: [], changesRequested: false, fullySignedOff };
}

export type DecisionRefusal = "stale_version" | "self_approval" | "route_complete" | "not_stage_approver" | "already_decided";

export type CanDecideResult = { ok: true } | { ok: false; code: DecisionRefusal; message: string };

export function canDecide(input: {
  userId: string;
  submitterUserId: string;
  route: ApprovalRoute;
  currentStageIndex: number | null;
  decidedVersion: number;
  currentVersion: number;
  existingDecisions: readonly RouteDecision[];
}): CanDecideResult {
  const { userId, route, currentStageIndex, decidedVersion, currentVersion } = input;
  // Checked first: a stale page is the likeliest cause and the other answers depend on the version.
  if (decidedVersion !== currentVersion) {
    const message = `You're looking at version ${decidedVersion}, but version ${currentVersion} is the current one. Review that instead.`;
    return { ok: false, code: "stale_version", message };
  }
  if (userId === input.submitterUserId) {
    return { ok: false, code: "self_approval", message: "You submitted this draft, so someone else has to approve it." };
  }
  const stage = currentStageIndex === null ? undefined : route.stages[currentStageIndex];
  if (currentStageIndex === null || !stage) {
    return { ok: false, code: "route_complete", message: "This version is already fully signed off." };
  }
  if (!stage.approverUserIds.includes(userId)) {
    return { ok: false, code: "not_stage_approver", message: `You're not an approver for the current stage, "${stage.name}".` };
  }
  const alreadyDecided = input.existingDecisions.some(
    (d) => d.userId === userId && d.stageIndex === currentStageIndex && d.version === currentVersion,
  );
  if (alreadyDecided) {
    return {
      ok: false,
      code: "already_decided",
      message: `You already gave your decision on version ${currentVersion} at "${stage.name}".`,
    };
  }
  return { ok: true };
}

/** Requesting changes without saying which changes helps nobody, so a comment is required. */
export function decisionCommentProblem(decision: RouteDecision["decision"], comment: string | null): string | null {
  if (decision === "request_changes" && !comment?.trim()) return "Say what should change: a comment is required.";
  return null;
}
