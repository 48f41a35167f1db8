import { and, eq, sql } from "drizzle-orm";
import { approvalDecisions, campaigns, deliverables, draftVersions } from "@db/schema";
import { db } from "~/utils/db.server";
import { conflict, invalid, ok, type Outcome } from "~/utils/outcome";
import { HOUR_MS } from "~/utils/time";
import { audit } from "~/modules/audit/audit.server";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { canEdit, DELIVERABLE_EDIT_RULES, nextStatus, type DeliverableStatus } from "./deliverable-status";
import { publishAtProblem } from "./publish-time";
import { scheduleDeadlineJobs } from "./deadlines.server";
import { loadCampaignRoute } from "./routes.server";
import { isId } from "~/utils/ids";
import { missingDeliverable } from "./command.server";
import { findVisibleDeliverable, windowHoursFor } from "./scope.server";
import { reschedule, signOffDeadline, zonedTimeLabel } from "./signoff-rule";

/** A refused time is the publish time field's problem. */
const badTime = (message: string) => invalid(message, { publishAt: [message] });

/**
 * Moves a deliverable's publishAt (PRODUCT.md §5): later keeps the sign-off; earlier than the
 * sign-off allows removes it (signed off / scheduled -> in review, the brand signs again); a
 * blocked deliverable moved at least one sign-off window ahead is unblocked (-> draft). One
 * transaction with its audit event and the new deadline's reminder and block jobs; compare-and-set
 * on row_version so a concurrent change is a conflict.
 */
export async function rescheduleDeliverable(ctx: MemberContext, input: { deliverableId: string; publishAt: Date }): Promise<Outcome> {
  const { deliverableId, publishAt: newPublishAt } = input;
  if (!isId(deliverableId)) return badTime("That is not a valid deliverable id.");
  const current = await findVisibleDeliverable(ctx, deliverableId);
  if (!current || !(ctx.can("campaigns.manage") || ctx.can("drafts.publish"))) return missingDeliverable();
  const now = new Date();
  const problem = publishAtProblem(newPublishAt, now);
  if (problem) return badTime(problem);
  const status = current.status as DeliverableStatus;
  if (!canEdit(status, "reschedule")) return conflict(DELIVERABLE_EDIT_RULES.reschedule.refusal);

  const windowHours = await windowHoursFor(db(), ctx.workspace.signoffWindowHours, current.brandId);
  const signOffValid = current.signedOffAt !== null && current.signedOffVersion === current.currentVersion;
  const outcome = reschedule({
    oldPublishAt: current.publishAt,
    newPublishAt,
    signedOffAt: signOffValid ? current.signedOffAt : null,
    windowHours,
    now,
  });

  let nextState: DeliverableStatus = status;
  let unblocked = false;
  if (status === "blocked") {
    if (!outcome.mayUnblock) {
      const earliest = new Date(now.getTime() + windowHours * HOUR_MS);
      return badTime(
        `To unblock it, move it at least ${windowHours} hours ahead: ${zonedTimeLabel(earliest, ctx.user.timeZone ?? "UTC")} or later.`,
      );
    }
    nextState = nextStatus(status, "unblock_reschedule");
    unblocked = true;
  } else if (outcome.signOffRemoved && (status === "signed_off" || status === "scheduled")) {
    nextState = nextStatus(status, "revoke_sign_off");
  }

  return db().transaction(async (tx): Promise<Outcome> => {
    const updated = await tx
      .update(deliverables)
      .set({
        publishAt: newPublishAt,
        status: nextState,
        ...(outcome.signOffRemoved ? { signedOffAt: null, signedOffVersion: null, signedOffBy: null } : {}),
        rowVersion: sql`${deliverables.rowVersion} + 1`,
        updatedAt: now,
      })
      .where(and(eq(deliverables.id, current.id), eq(deliverables.rowVersion, current.rowVersion), eq(deliverables.status, status)))
      .returning({ id: deliverables.id });
    if (updated.length === 0) {
      return conflict("Someone else changed this deliverable just now. Reload and try again.", { code: "race" });
    }

    let removedDecisions = 0;
    if (outcome.signOffRemoved && current.currentVersion > 0) {
      // The brand signs the current version again: its sign-off stage decisions no longer stand.
      const campaign = await tx.query.campaigns.findFirst({ where: eq(campaigns.id, current.campaignId) });
      const version = await tx.query.draftVersions.findFirst({
        where: and(eq(draftVersions.deliverableId, current.id), eq(draftVersions.version, current.currentVersion)),
      });
      if (campaign && version) {
        const { route } = await loadCampaignRoute(tx, campaign);
        const lastStage = route.stages.length - 1;
        const removed = await tx
          .delete(approvalDecisions)
          .where(and(eq(approvalDecisions.draftVersionId, version.id), eq(approvalDecisions.stageIndex, lastStage)))
          .returning({ id: approvalDecisions.id });
        removedDecisions = removed.length;
      }
    }

    const deadline = await scheduleDeadlineJobs(tx, {
      deliverableId: current.id,
      workspaceId: current.workspaceId,
      publishAt: newPublishAt,
      windowHours,
      now,
    });

    await audit(tx, ctx, {
      action: "deliverable.rescheduled",
      objectType: "deliverable",
      objectId: current.id,
      data: {
        title: current.title,
        from: current.publishAt.toISOString(),
        to: newPublishAt.toISOString(),
        direction: outcome.direction,
        previousDeadline: signOffDeadline(current.publishAt, windowHours).toISOString(),
        deadline: deadline.toISOString(),
        signOffKept: outcome.signOffKept,
        signOffRemoved: outcome.signOffRemoved,
        removedSignOffDecisions: removedDecisions,
        unblocked,
        statusFrom: status,
        statusTo: nextState,
      },
    });
    return ok();
  });
}
