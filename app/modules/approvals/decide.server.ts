import { and, eq } from "drizzle-orm";
import { approvalDecisions, draftVersions } from "@db/schema";
import { conflict, forbidden, invalid, type Outcome } from "~/utils/outcome";
import { audit } from "~/modules/audit/audit.server";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { actsForBrand } from "~/modules/workspaces/scope.server";
import { campaignOf, casUpdate, missingDeliverable, refuse, runCommand, versionDecisions } from "./command.server";
import { nextStatus, type DeliverableStatus } from "./deliverable-status";
import { tellApprovers, tellChangesRequested, tellSignedOff } from "./notices.server";
import { canDecide, decisionCommentProblem, evaluateRoute } from "./route";
import { loadCampaignRoute } from "./routes.server";
import { findVisibleDeliverable, windowHoursFor } from "./scope.server";
import { signOffCounts, signOffDeadline } from "./signoff-rule";
import { usersByIds } from "./people.server";

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
  blocked: "This deliverable is blocked: its sign-off deadline passed. It has to be rescheduled first.",
};

/**
 * An approver approves or requests changes on the CURRENT version at the current stage. Compare-
 * and-set on the deliverable's row_version: of concurrent decisions exactly one commits; the rest
 * roll back whole (no decision row, audit event, email or webhook) and answer a conflict.
 */
export async function decide(
  ctx: MemberContext,
  input: DecisionInput,
): Promise<Outcome<{ status: DeliverableStatus; signedOff: boolean }>> {
  const row = await findVisibleDeliverable(ctx, input.deliverableId);
  if (!row || !(ctx.can("drafts.review") || ctx.can("signoff.give"))) return missingDeliverable();
  const commentProblem = decisionCommentProblem(input.decision, input.comment);
  if (commentProblem) return invalid(commentProblem, { comment: [commentProblem] });
  const comment = input.comment?.trim() || null;
  const now = new Date();
  return runCommand(async (tx) => {
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
    const evaluation = evaluateRoute(route, decisions, row.currentVersion);
    const allowed = canDecide({
      userId: ctx.user.id,
      submitterUserId: version!.submittedBy ?? "",
      route,
      currentStageIndex: evaluation.currentStageIndex,
      decidedVersion: input.version,
      currentVersion: row.currentVersion,
      existingDecisions: decisions,
    });
    if (!allowed.ok) {
      const visibleRefusal = allowed.code === "self_approval" || allowed.code === "not_stage_approver";
      refuse(visibleRefusal ? forbidden(allowed.message, { code: allowed.code }) : conflict(allowed.message, { code: allowed.code }));
    }
    const stageIndex = evaluation.currentStageIndex!;
    const stage = route.stages[stageIndex];
    if (stage.kind === "brand_signoff" && !(ctx.role === "brand_lead" && actsForBrand(ctx, row.brandId))) {
      refuse(forbidden("Only a brand lead of this deliverable's brand can give the brand sign-off."));
    }
    const after = evaluateRoute(
      route,
      [...decisions, { stageIndex, userId: ctx.user.id, decision: input.decision, version: row.currentVersion }],
      row.currentVersion,
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
    if (after.changesRequested) nextState = nextStatus(status, "request_changes");
    else if (after.fullySignedOff) nextState = nextStatus(status, "sign_off");
    await casUpdate(
      tx,
      row,
      after.fullySignedOff
        ? { status: nextState, signedOffAt: now, signedOffVersion: row.currentVersion, signedOffBy: ctx.user.id }
        : { status: nextState },
    );
    await tx.insert(approvalDecisions).values({
      workspaceId: ctx.workspace.id,
      deliverableId: row.id,
      draftVersionId: version!.id,
      version: row.currentVersion,
      stageIndex,
      userId: ctx.user.id,
      decision: input.decision,
      comment,
      createdAt: now,
    });
    const action =
      input.decision === "request_changes" ? "draft.changes_requested" : after.fullySignedOff ? "draft.signed_off" : "draft.approved";
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
      },
    });
    if (after.changesRequested) {
      await tellChangesRequested(tx, {
        row,
        campaign,
        submittedBy: version!.submittedBy,
        reviewerName: ctx.user.name,
        comment: comment ?? "",
        stage: stage.name,
        deadline,
      });
    } else if (after.fullySignedOff) {
      await tellSignedOff(tx, { row, campaign, signer: { id: ctx.user.id, name: ctx.user.name }, at: now });
    } else if (after.currentStageIndex !== null && after.currentStageIndex !== stageIndex) {
      // The stage is complete: hand the draft to the next stage's approvers.
      await tellApprovers(tx, {
        row,
        campaign,
        version: row.currentVersion,
        late: version!.late,
        deadline,
        approverIds: after.pendingApproverIds.filter((id) => id !== version!.submittedBy),
        submitterName: (await usersByIds(tx, [version!.submittedBy]))[0]?.name ?? "The creator",
      });
    }
    return { status: nextState, signedOff: after.fullySignedOff };
  });
}
