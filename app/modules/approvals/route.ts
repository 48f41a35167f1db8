/**
 * Approval routes (PRODUCT.md §5): ordered stages, each with approvers and a rule ("any" one of
 * them, or "all"). The last stage is always the brand sign-off. Decisions are pinned to a version:
 * a new version starts the route from scratch simply because no decision carries its number yet.
 *
 * Stand-ins (decision 052): an approver who is away has a delegate, whose decision takes that
 * approver's seat; a stage that escalated hands its backup the whole stage. Which decisions were
 * given that way is recorded beside the deliverable (stand-ins.ts reads it) and passed in here, so
 * the evaluation stays a pure function of what happened.
 */

export type StageKind = "review" | "brand_signoff";
export type StageRule = "any" | "all";

export interface RouteStage {
  name: string;
  kind: StageKind;
  rule: StageRule;
  approverUserIds: readonly string[];
  /** Who the stage escalates to when it sits without a decision (decision 052); never one of its approvers. */
  backupUserId?: string | null;
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
  code:
    | "route_empty"
    | "last_stage_not_brand_signoff"
    | "multiple_brand_signoff_stages"
    | "stage_without_approvers"
    | "backup_is_approver"
    | "approver_not_allowed"
    | "guest_on_signoff"
    | "backup_not_allowed";
  message: string;
  stageIndex?: number;
  /** The field of the stage it is about, when not its approvers. */
  field?: "backup";
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
    if (stage.backupUserId && stage.approverUserIds.includes(stage.backupUserId)) {
      const message = `The backup of "${stage.name}" steps in when its approvers don't answer: choose someone who is not one of them.`;
      problems.push({ code: "backup_is_approver", message, stageIndex, field: "backup" });
    }
  });
  return { ok: problems.length === 0, problems };
}

/**
 * Who may stand on a route of one campaign: members who may review it; brand leads of its brand
 * (members, and invited brand leads who have not joined yet); guests (a user row without a
 * membership, decision 052); and which of those are members (backups are members: the escalation
 * reaches them in the app as well as by email).
 */
export interface RoutePeople {
  reviewers: ReadonlySet<string>;
  brandLeads: ReadonlySet<string>;
  guests: ReadonlySet<string>;
  members: ReadonlySet<string>;
}

/**
 * The people rules of a route, pure: review stages take reviewers and guests; the brand sign-off
 * takes brand leads of the brand only, never a guest; a backup is a member who could stand on the
 * stage (for the sign-off: a brand lead of the brand).
 */
export function routePeopleProblems(route: ApprovalRoute, people: RoutePeople): RouteProblem[] {
  const problems: RouteProblem[] = [];
  route.stages.forEach((stage, stageIndex) => {
    const signoff = stage.kind === "brand_signoff";
    const allowed = (id: string) => (signoff ? people.brandLeads.has(id) : people.reviewers.has(id) || people.guests.has(id));
    const refused = stage.approverUserIds.filter((id) => !allowed(id));
    if (signoff && refused.some((id) => people.guests.has(id))) {
      const message = "Guests can approve review stages only: the brand sign-off is given by brand leads of this campaign's brand.";
      problems.push({ code: "guest_on_signoff", message, stageIndex });
    } else if (refused.length > 0) {
      const message = signoff
        ? "Only brand leads of this campaign's brand can give the brand sign-off."
        : `Choose approvers for "${stage.name}" from the list: people who can review this campaign.`;
      problems.push({ code: "approver_not_allowed", message, stageIndex });
    }
    const backup = stage.backupUserId;
    if (backup && !(people.members.has(backup) && (signoff ? people.brandLeads.has(backup) : people.reviewers.has(backup)))) {
      const message = signoff
        ? "The backup of the brand sign-off must be a brand lead of this campaign's brand."
        : `Choose the backup of "${stage.name}" from the list: someone who can review this campaign.`;
      problems.push({ code: "backup_not_allowed", message, stageIndex, field: "backup" });
    }
  });
  return problems;
}

export interface RouteEvaluation {
  /** The stage waiting for decisions; null once fully signed off (or for a route without stages). */
  currentStageIndex: number | null;
  /** Approvers of the current stage whose seat is still empty (empty when stopped). */
  pendingApproverIds: string[];
  changesRequested: boolean;
  fullySignedOff: boolean;
}

/**
 * What the stand-ins did on the evaluated version (stand-ins.ts reads it from the deliverable):
 * the stages that escalated to their backup, and the decisions a delegate gave for an away approver.
 */
export interface StandIns {
  escalatedStages: readonly number[];
  /** `${stageIndex}:${delegateId}` → the away approver whose seat the delegate's decision took. */
  decidedFor: Readonly<Record<string, string>>;
}

export const NO_STAND_INS: StandIns = { escalatedStages: [], decidedFor: {} };

/** The seat a backup's decision takes after an escalation: the whole stage. */
export const WHOLE_STAGE = "*stage*";

/**
 * Whose seat a decision at `stageIndex` takes: the approver's own; an away approver's, when a
 * delegate gave it for them; the whole stage, when the backup gave it after the stage escalated;
 * or none (someone who is not, or no longer, on the stage: ignored).
 */
export function seatOf(stage: RouteStage, stageIndex: number, userId: string, standIns: StandIns = NO_STAND_INS): string | null {
  if (stage.approverUserIds.includes(userId)) return userId;
  const forId = standIns.decidedFor[`${stageIndex}:${userId}`];
  if (forId && stage.approverUserIds.includes(forId)) return forId;
  if (stage.backupUserId === userId && standIns.escalatedStages.includes(stageIndex)) return WHOLE_STAGE;
  return null;
}

/**
 * Walks the stages in order with only `version`'s decisions. A request for changes at the current
 * stage stops the route for this version: the creator has to upload a new one. Decisions by
 * people who hold no seat on that stage are ignored. A delegate's approval fills the away
 * approver's seat; the backup's approval after an escalation completes the stage, whatever its rule
 * (an escalated "everyone" stage would otherwise stay stuck on the very people who did not answer).
 */
export function evaluateRoute(
  route: ApprovalRoute,
  decisions: readonly RouteDecision[],
  version: number,
  standIns: StandIns = NO_STAND_INS,
): RouteEvaluation {
  const current = decisions.filter((d) => d.version === version);
  for (const [stageIndex, stage] of route.stages.entries()) {
    const seated = current
      .filter((d) => d.stageIndex === stageIndex)
      .map((d) => ({ decision: d.decision, seat: seatOf(stage, stageIndex, d.userId, standIns) }))
      .filter((d) => d.seat !== null);
    if (seated.some((d) => d.decision === "request_changes")) {
      return { currentStageIndex: stageIndex, pendingApproverIds: [], changesRequested: true, fullySignedOff: false };
    }
    const approved = new Set(seated.map((d) => d.seat));
    const complete =
      approved.has(WHOLE_STAGE) || (stage.rule === "any" ? approved.size > 0 : stage.approverUserIds.every((id) => approved.has(id)));
    if (!complete) {
      const pendingApproverIds = stage.approverUserIds.filter((id) => !approved.has(id));
      return { currentStageIndex: stageIndex, pendingApproverIds, changesRequested: false, fullySignedOff: false };
    }
  }
  // An empty route never signs anything off (validateRoute refuses it anyway).
  const fullySignedOff = route.stages.length > 0;
  return { currentStageIndex: null, pendingApproverIds: [], changesRequested: false, fullySignedOff };
}

export type DecisionRefusal = "stale_version" | "self_approval" | "route_complete" | "not_stage_approver" | "already_decided";

/** In whose seat a person decides: their own, an away approver's (as delegate), or the stage's (as backup after an escalation). */
export type DecidingAs = { kind: "approver" } | { kind: "delegate"; forUserId: string } | { kind: "backup" };

export type CanDecideResult = { ok: true; as: DecidingAs } | { ok: false; code: DecisionRefusal; message: string };

export function canDecide(input: {
  userId: string;
  submitterUserId: string;
  route: ApprovalRoute;
  currentStageIndex: number | null;
  decidedVersion: number;
  currentVersion: number;
  existingDecisions: readonly RouteDecision[];
  standIns?: StandIns;
  /** Away approver → delegate, for the delegations that apply right now to the current stage (stand-ins.ts). */
  delegatesNow?: ReadonlyMap<string, string>;
}): CanDecideResult {
  const { userId, route, currentStageIndex, decidedVersion, currentVersion } = input;
  const standIns = input.standIns ?? NO_STAND_INS;
  // Checked first: a stale page is the likeliest cause and the other answers depend on the version.
  if (decidedVersion !== currentVersion) {
    const message = `You're looking at version ${decidedVersion}, but version ${currentVersion} is the current one. Review that instead.`;
    return { ok: false, code: "stale_version", message };
  }
  // Nobody approves their own submission, whichever seat they would take (delegate and backup too).
  if (userId === input.submitterUserId) {
    return { ok: false, code: "self_approval", message: "You submitted this draft, so someone else has to approve it." };
  }
  const stage = currentStageIndex === null ? undefined : route.stages[currentStageIndex];
  if (currentStageIndex === null || !stage) {
    return { ok: false, code: "route_complete", message: "This version is already fully signed off." };
  }
  const atStage = input.existingDecisions.filter((d) => d.stageIndex === currentStageIndex && d.version === currentVersion);
  if (atStage.some((d) => d.userId === userId)) {
    return {
      ok: false,
      code: "already_decided",
      message: `You already gave your decision on version ${currentVersion} at "${stage.name}".`,
    };
  }
  if (stage.approverUserIds.includes(userId)) return { ok: true, as: { kind: "approver" } };
  const filled = new Set(atStage.map((d) => seatOf(stage, currentStageIndex, d.userId, standIns)));
  const forUserId = stage.approverUserIds.find((id) => input.delegatesNow?.get(id) === userId && !filled.has(id));
  if (forUserId) return { ok: true, as: { kind: "delegate", forUserId } };
  if (stage.backupUserId === userId && standIns.escalatedStages.includes(currentStageIndex)) return { ok: true, as: { kind: "backup" } };
  return { ok: false, code: "not_stage_approver", message: `You're not an approver for the current stage, "${stage.name}".` };
}

/** Requesting changes without saying which changes helps nobody, so a comment is required. */
export function decisionCommentProblem(decision: RouteDecision["decision"], comment: string | null): string | null {
  if (decision === "request_changes" && !comment?.trim()) return "Say what should change: a comment is required.";
  return null;
}
