import type { DeliverableStatus } from "../deliverable-status";
import { canDecide, evaluateRoute, type ApprovalRoute, type RouteDecision, type StandIns } from "../route";

/**
 * What a decision link's page offers its person right now, and what it says when it offers
 * nothing. The page is opened days after the email, so it always reads the CURRENT state: a new
 * version, another person's decision or a sign-off since is what it shows. Uses the command's own
 * rule (`canDecide`), so the page never offers a decision the command would refuse. Pure.
 */
export interface PageStateInput {
  status: DeliverableStatus;
  /** The sign-off deadline passed without a sign-off (the flag beside the status, decision 052). */
  blocked: boolean;
  currentVersion: number;
  personId: string;
  submitterId: string | null;
  route: ApprovalRoute;
  decisions: readonly RouteDecision[];
  /** The person is a brand lead of this deliverable's brand. */
  signsForBrand: boolean;
  /** The person's role reviews or signs off at all. */
  decidesDrafts: boolean;
  deadlinePassed: boolean;
  nameOf: (userId: string) => string;
  /** Stand-ins (decision 052): a delegate decides in an away approver's seat, the backup after an escalation. */
  standIns?: StandIns;
  /** Away approver → delegate, for the delegations that apply now. */
  delegatesNow?: ReadonlyMap<string, string>;
}

export interface PageState {
  /** Approve (or sign off) and request changes are offered. */
  mayDecide: boolean;
  /** The current stage is the brand sign-off. */
  signoffStage: boolean;
  /** A plain sign-off would still count (before the deadline). */
  maySignOffNow: boolean;
  /** "Move and sign off" is offered: a brand lead at the brand sign-off stage. */
  mayMove: boolean;
  /** Why nothing is offered, in the person's words; null when something is. */
  waiting: string | null;
}

const nothing = (waiting: string): PageState => ({ mayDecide: false, signoffStage: false, maySignOffNow: false, mayMove: false, waiting });

export function decisionPageState(input: PageStateInput): PageState {
  const v = input.currentVersion;
  switch (input.status) {
    case "draft":
      return nothing(
        v === 0
          ? "Nothing to review yet: the creator hasn't submitted a draft. You'll get an email when they do."
          : `Version ${v} is back with the creator. You'll get an email when it is submitted for review again.`,
      );
    case "changes_requested":
      return nothing(`Changes were requested on version ${v}. You'll get an email when the creator submits the next version.`);
    case "signed_off":
      return nothing(`Version ${v} is signed off.`);
    case "scheduled":
      return nothing(`Version ${v} is signed off and scheduled.`);
    case "published":
      return nothing("It is published.");
    case "in_review":
      break;
  }
  const evaluation = evaluateRoute(input.route, input.decisions, v, input.standIns);
  const allowed = canDecide({
    standIns: input.standIns,
    delegatesNow: input.delegatesNow,
    userId: input.personId,
    submitterUserId: input.submitterId ?? "",
    route: input.route,
    currentStageIndex: evaluation.currentStageIndex,
    decidedVersion: v,
    currentVersion: v,
    existingDecisions: input.decisions,
  });
  const stage = evaluation.currentStageIndex === null ? null : input.route.stages[evaluation.currentStageIndex];
  const signoffStage = stage?.kind === "brand_signoff";
  if (!allowed.ok || !input.decidesDrafts || (signoffStage && !input.signsForBrand)) {
    const holders = evaluation.pendingApproverIds.map(input.nameOf).join(", ");
    const mine = input.route.stages.findIndex((s) => s.approverUserIds.includes(input.personId));
    const reason =
      !allowed.ok && allowed.code === "already_decided"
        ? `You already decided on version ${v}.`
        : !allowed.ok && allowed.code === "self_approval"
          ? `You submitted version ${v}, so someone else on the route decides on it.`
          : mine > (evaluation.currentStageIndex ?? Infinity)
            ? `It reaches you at “${input.route.stages[mine].name}” once the stages before it approve version ${v}. You'll get an email.`
            : `It is not waiting for you.`;
    return nothing(stage && holders ? `${reason} Waiting for ${holders} at “${stage.name}”.` : reason);
  }
  // No sign-off after its deadline counts: a blocked one (or one past its deadline) moves first.
  const maySignOffNow = !signoffStage || !(input.deadlinePassed || input.blocked);
  return { mayDecide: true, signoffStage, maySignOffNow, mayMove: signoffStage && input.signsForBrand, waiting: null };
}
