import { and, eq } from "drizzle-orm";
import { approvalDecisions, draftVersions } from "@db/schema";
import { conflict, forbidden, invalid, type Outcome } from "~/utils/outcome";
import { audit } from "~/modules/audit/audit.server";
import type { ActorContext, MemberContext } from "~/modules/workspaces/authz.server";
import { actsForBrand } from "~/modules/workspaces/scope.server";
import type { Transaction } from "~/utils/db.server";
import { campaignOf, casUpdate, missingDeliverable, refuse, runCommand, versionDecisions, type DeliverableRow } from "./command.server";
import { nextStatus, type DeliverableStatus } from "./deliverable-status";
import { tellChangesRequested, tellSignedOff } from "./notices.server";
import { canDecide, decisionCommentProblem, evaluateRoute } from "./route";
import { stageWaits } from "./stage-requests.server";
import { decidedForMark, standInsOf } from "./stand-ins";
import { addMark, marksOf, routeNow } from "./stand-ins.server";
import { loadCampaignRoute } from "./routes.server";
import { findVisibleDeliverable, windowHoursFor } from "./scope.server";
import { signOffCounts, signOffDeadline } from "./signoff-rule";
import { sealEvidence } from "./evidence/ledger.server";
import { usersByIds } from "./people.server";
import { decisionAuditAction } from "./event-words";
import { recordDecision } from "~/modules/insights/approval-facts.server";

export interface DecisionInput {
  deliverableId: string;
  version: number;
  decision: "approve" | "request_changes";
  comment: string | null;
}

/** Why a deliverable in this status takes no decision. */
const NOT_IN_REVIEW: Partial<Record<DeliverableStatus, string>> = {
  draft: "Nothing is waiting for review: the creator hasn't submitted this version yet.",
  changes_requested: "Changes were already requested on this version; the creator is working on a new one.",
  signed_off: "This version is already signed off.",
  scheduled: "This version is already signed off and scheduled.",
  published: "This deliverable is already published.",
};

export type DecisionResult = { status: DeliverableStatus; signedOff: boolean };

/**
 * Who decides, through whichever door (decision 052): the signed-in member on the deliverable page,
 * or the person a decision link speaks for. Both doors end in the one command below.
 */
export interface Decider {
  /** Workspace and actor: what the audit event records ("<email>", "<email> via decision link"). */
  ctx: ActorContext;
  person: { id: string; name: string };
  /** The deliverable if this door reaches it and its holder may decide at all; null answers not found. */
  find(deliverableId: string): Promise<DeliverableRow | null>;
  /** Whether the person gives the brand sign-off for this brand (a brand lead of that brand). */
  signsFor(brandId: string): boolean;
}

/** The signed-in member as a decider: reaches what the scope shows, decides with a reviewing or sign-off role. */
export function memberDecider(ctx: MemberContext): Decider {
  return {
    ctx,
    person: { id: ctx.user.id, name: ctx.user.name },
    find: async (deliverableId) =>
      ctx.can("drafts.review") || ctx.can("signoff.give") ? findVisibleDeliverable(ctx, deliverableId) : null,
    signsFor: (brandId) => ctx.role === "brand_lead" && actsForBrand(ctx, brandId),
  };
}

/** The deliverable page's decision: the member door into the one command. */
export function decide(ctx: MemberContext, input: DecisionInput, now = new Date()): Promise<Outcome<DecisionResult>> {
  return decideAs(memberDecider(ctx), input, now);
}

/** A decision that cannot even start (request changes without a comment), or null. Checked before any transaction. */
export function decisionInputProblem(input: Pick<DecisionInput, "decision" | "comment">) {
  const commentProblem = decisionCommentProblem(input.decision, input.comment);
  return commentProblem ? invalid(commentProblem, { comment: [commentProblem] }) : null;
}

/**
 * An approver approves or requests changes on the CURRENT version at the current stage. Compare-
 * and-set on the deliverable's row_version: of concurrent decisions exactly one commits; the rest
 * roll back whole (no decision row, audit event, email or webhook) and answer a conflict.
 */
export async function decideAs(d: Decider, input: DecisionInput, now = new Date()): Promise<Outcome<DecisionResult>> {
  const row = await d.find(input.deliverableId);
  if (!row) return missingDeliverable();
  const problem = decisionInputProblem(input);
  if (problem) return problem;
  return runCommand((tx) => decideOn(tx, d, row, input, now));
}

/**
 * The decision inside the caller's transaction, on `row` as read (its row_version is what the
 * compare-and-set expects). A refusal throws and rolls the whole transaction back, so a decision
 * link's "move and sign off" runs its reschedule and this in one transaction.
 */
export async function decideOn(tx: Transaction, d: Decider, row: DeliverableRow, input: DecisionInput, now: Date): Promise<DecisionResult> {
  const { ctx } = d;
  const comment = input.comment?.trim() || null;
  const campaign = await campaignOf(tx, row);
  const status = row.status as DeliverableStatus;
  const version = await tx.query.draftVersions.findFirst({
    where: and(eq(draftVersions.deliverableId, row.id), eq(draftVersions.version, row.currentVersion)),
  });
  if (input.version !== row.currentVersion && row.currentVersion > 0) {
    refuse(
      conflict(`You're looking at version ${input.version}, but version ${row.currentVersion} is the current one. Review that instead.`, {
        code: "stale_version",
      }),
    );
  }
  if (status !== "in_review" || !version) refuse(conflict(NOT_IN_REVIEW[status] ?? "This draft isn't waiting for a decision."));
  const { route } = await loadCampaignRoute(tx, campaign);
  const decisions = await versionDecisions(tx, row.id);
  // Stand-ins (decision 052): a delegate decides in an away approver's seat, the backup after an escalation.
  const marks = await marksOf(tx, row.id);
  const submitterId = version!.submittedBy;
  const standing = await routeNow(tx, { row: { ...row, remindersSent: marks }, route, decisions, submitterId }, now);
  const evaluation = standing.evaluation;
  const allowed = canDecide({
    userId: d.person.id,
    submitterUserId: submitterId ?? "",
    route,
    currentStageIndex: evaluation.currentStageIndex,
    decidedVersion: input.version,
    currentVersion: row.currentVersion,
    existingDecisions: decisions,
    standIns: standing.standIns,
    delegatesNow: standing.delegatesNow,
  });
  if (!allowed.ok) {
    const visibleRefusal = allowed.code === "self_approval" || allowed.code === "not_stage_approver";
    refuse(visibleRefusal ? forbidden(allowed.message, { code: allowed.code }) : conflict(allowed.message, { code: allowed.code }));
  }
  const stageIndex = evaluation.currentStageIndex!;
  const stage = route.stages[stageIndex];
  if (stage.kind === "brand_signoff" && !d.signsFor(row.brandId)) {
    refuse(forbidden("Only a brand lead of this deliverable's brand can give the brand sign-off."));
  }
  const as = allowed.ok ? allowed.as : { kind: "approver" as const };
  // A delegate's decision takes the away approver's seat, and keeps it after they are back: the mark says whose.
  const forMark = as.kind === "delegate" ? decidedForMark(row.currentVersion, stageIndex, d.person.id, as.forUserId) : null;
  const standInsAfter = forMark ? standInsOf([...marks, forMark], row.currentVersion) : standing.standIns;
  const after = evaluateRoute(
    route,
    [...decisions, { stageIndex, userId: d.person.id, decision: input.decision, version: row.currentVersion }],
    row.currentVersion,
    standInsAfter,
  );
  const windowHours = await windowHoursFor(tx, ctx.workspace.signoffWindowHours, row.brandId);
  const deadline = signOffDeadline(row.publishAt, windowHours);
  if (
    after.fullySignedOff &&
    !signOffCounts({ signedOffAt: now, signedOffVersion: row.currentVersion, currentVersion: row.currentVersion, deadline })
  ) {
    refuse(
      conflict(
        "The sign-off deadline has passed, so a sign-off no longer counts. Reschedule the deliverable a full sign-off window ahead first.",
        { code: "deadline_passed" },
      ),
    );
  }

  let nextState: DeliverableStatus = status;
  // Blocked is a flag beside the status (decision 052): decisions go on; the table refuses a sign-off while blocked.
  if (after.changesRequested) nextState = nextStatus(row, "request_changes");
  else if (after.fullySignedOff) nextState = nextStatus(row, "sign_off");
  await casUpdate(
    tx,
    row,
    after.fullySignedOff
      ? { status: nextState, signedOffAt: now, signedOffVersion: row.currentVersion, signedOffBy: d.person.id }
      : { status: nextState },
  );
  if (forMark) await addMark(tx, row.id, forMark);
  await tx.insert(approvalDecisions).values({
    workspaceId: ctx.workspace.id,
    deliverableId: row.id,
    draftVersionId: version!.id,
    version: row.currentVersion,
    stageIndex,
    userId: d.person.id,
    decision: input.decision,
    comment,
    createdAt: now,
  });
  const action = decisionAuditAction(input.decision, after.fullySignedOff);
  // The evidence pack (decision 057): the sign-off seals it in this transaction; its hash goes into the sign-off's audit event.
  const evidence = after.fullySignedOff
    ? await sealEvidence(
        tx,
        ctx,
        { ...row, status: nextState, signedOffAt: now, signedOffVersion: row.currentVersion },
        {
          kind: "signoff",
          at: now,
          pending: {
            decision: {
              ...{ userId: d.person.id, version: row.currentVersion, stageIndex, label: ctx.actor.label, ip: ctx.actor.ip },
              onBehalfOf: as.kind === "delegate" ? as.forUserId : null,
            },
          },
        },
      )
    : null;
  await audit(tx, ctx, {
    action,
    objectType: "deliverable",
    objectId: row.id,
    data: {
      title: row.title,
      version: row.currentVersion,
      stage: stage.name,
      stageIndex,
      comment,
      statusFrom: status,
      statusTo: nextState,
      ...(as.kind === "delegate" ? { onBehalfOf: as.forUserId } : as.kind === "backup" ? { asBackup: true } : {}),
      ...(evidence ? { evidence } : {}),
    },
  });
  // Insights (decision 053): the stage decided, and the cycle when this was the brand sign-off.
  await recordDecision(tx, ctx, {
    ...{ deliverable: row, campaign, version: version!, stageIndex, stage, decision: input.decision, userId: d.person.id, at: now },
    completesStage: after.changesRequested || after.currentStageIndex !== stageIndex,
    signedOff: after.fullySignedOff,
  });
  if (after.changesRequested) {
    await tellChangesRequested(tx, {
      row,
      campaign,
      submittedBy: version!.submittedBy,
      reviewerName: d.person.name,
      comment: comment ?? "",
      stage: stage.name,
      deadline,
    });
  } else if (after.fullySignedOff) {
    await tellSignedOff(tx, { row, campaign, signer: { id: d.person.id, name: d.person.name }, at: now });
  } else if (after.currentStageIndex !== null && after.currentStageIndex !== stageIndex) {
    // The stage is complete: hand the draft to the next stage's approvers (or their delegates), and plan its escalation.
    await stageWaits(tx, {
      ...{ row, campaign, route, evaluation: after, standIns: standInsAfter, version: row.currentVersion, late: version!.late },
      ...{ deadline, submitterId, now },
      submitterName: (await usersByIds(tx, [submitterId]))[0]?.name ?? "The creator",
    });
  }
  return { status: nextState, signedOff: after.fullySignedOff };
}
