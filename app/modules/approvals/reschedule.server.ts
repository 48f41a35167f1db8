import { and, desc, eq, sql } from "drizzle-orm";
import { auditWithEvidence } from "./evidence/ledger.server";
import { approvalDecisions, auditEvents, campaigns, deliverables, draftVersions } from "@db/schema";
import { conflict, invalid, type Outcome } from "~/utils/outcome";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { isId } from "~/utils/ids";
import { db, type Transaction } from "~/utils/db.server";
import { announceBlocked } from "./block.server";
import { missingDeliverable, RACE_MESSAGE, refuse, runCommand, type CampaignRow, type DeliverableRow } from "./command.server";
import { scheduleDeadlineJobs } from "./deadlines.server";
import { canEdit, canTransition, DELIVERABLE_EDIT_RULES, nextState, stateOf, type DeliverableState } from "./deliverable-status";
import { earliestPublishFor, warnInsideWindow } from "./earliest-publish.server";
import { publishAtProblem } from "./publish-time";
import { loadCampaignRoute } from "./routes.server";
import { findVisibleDeliverable, windowHoursFor } from "./scope.server";
import { isInsideWindow, reschedule, signOffDeadline, type RescheduleOutcome } from "./signoff-rule";

/** A refused time is the publish time field's problem. */
const badTime = (message: string) => invalid(message, { publishAt: [message] });

const NO_EARLIEST = "No time within the next three years keeps the sign-off rule and the brand's blackouts and spacing. Pick one yourself.";

export interface RescheduleInput {
  deliverableId: string;
  /** A new time, or "earliest": the earliest allowed time, worked out when the request arrives (one action). */
  publishAt: Date | "earliest";
  /** The person saw the inside-the-window warning and keeps the time they asked for. */
  confirmInsideWindow?: boolean;
  /** Compare-and-set: move only if the row is still at this version (an undo, decision 066). */
  expectedRowVersion?: number;
  /** Why, when the calendar asked for a reason (decision 066); kept in the audit event. */
  reason?: string;
  /** The move event this one undoes (decision 066); kept in the audit event. */
  undoOf?: number;
}

export interface Rescheduled {
  publishAt: Date;
  /** The flag was cleared (moved at least one window ahead), or set (moved inside the window). */
  unblocked: boolean;
  blocked: boolean;
  /** The audit event of this move: what an undo names (decision 066). */
  moveId: number;
}

/**
 * Moves a deliverable's publishAt (PRODUCT.md §5, decision 052). Later keeps a sign-off; earlier
 * than the sign-off allows removes it (the brand signs again). At least one window ahead clears the
 * blocked flag WITHOUT resetting the route: the status stays and decisions pinned to the version
 * still count. A time inside the window is answered with a warning naming the earliest allowed
 * time, and saved (blocked at once, or still blocked) only once the person confirms it. One
 * transaction with its audit event and the new deadline's jobs; compare-and-set on row_version.
 */
export async function rescheduleDeliverable(ctx: MemberContext, input: RescheduleInput, now = new Date()): Promise<Outcome<Rescheduled>> {
  if (!isId(input.deliverableId)) return badTime("That is not a valid deliverable id.");
  const current = await findVisibleDeliverable(ctx, input.deliverableId);
  if (!current || !(ctx.can("campaigns.manage") || ctx.can("drafts.publish"))) return missingDeliverable();
  const state = stateOf(current);
  if (!canEdit(state.status, "reschedule")) return conflict(DELIVERABLE_EDIT_RULES.reschedule.refusal);
  if (input.expectedRowVersion !== undefined && current.rowVersion !== input.expectedRowVersion)
    return conflict(RACE_MESSAGE, { code: "changed_since" });
  const windowHours = await windowHoursFor(db(), ctx.workspace.signoffWindowHours, current.brandId);
  const campaign = await db().query.campaigns.findFirst({ where: eq(campaigns.id, current.campaignId) });
  if (!campaign) return missingDeliverable();
  const place = { campaign, channel: current.channel, excludeId: current.id, windowHours, now };
  const newPublishAt = input.publishAt === "earliest" ? await earliestPublishFor(db(), ctx, place) : input.publishAt;
  if (!newPublishAt) return badTime(NO_EARLIEST);
  const problem = publishAtProblem(newPublishAt, now);
  if (problem) return badTime(problem);

  const signOffValid = current.signedOffAt !== null && current.signedOffVersion === current.currentVersion;
  const rule = reschedule({
    oldPublishAt: current.publishAt,
    newPublishAt,
    signedOffAt: signOffValid ? current.signedOffAt : null,
    windowHours,
    now,
  });
  const after = stateAfter(state, rule, isInsideWindow({ publishAt: newPublishAt, windowHours, now }));
  if (after.blocked && !input.confirmInsideWindow) return warnInsideWindow(db(), ctx, { ...place, blockedAlready: state.blocked });

  const note = { reason: input.reason, undoOf: input.undoOf };
  return runCommand((tx) => write(tx, ctx, current, { campaign, state, after, rule, newPublishAt, windowHours, now, note }));
}

/**
 * The state after the move, through the table's events: revoke_sign_off when the sign-off no
 * longer fits, then unblock_reschedule (a window ahead) or block (inside the window, no sign-off
 * left that counts).
 */
function stateAfter(state: DeliverableState, rule: RescheduleOutcome, inside: boolean): DeliverableState {
  let next = state;
  if (rule.signOffRemoved && canTransition(next, "revoke_sign_off")) next = nextState(next, "revoke_sign_off");
  if (next.blocked && !inside) next = nextState(next, "unblock_reschedule");
  else if (!next.blocked && inside && canTransition(next, "block")) next = nextState(next, "block");
  return next;
}

async function write(
  tx: Transaction,
  ctx: MemberContext,
  current: DeliverableRow,
  m: {
    campaign: CampaignRow;
    state: DeliverableState;
    after: DeliverableState;
    rule: RescheduleOutcome;
    newPublishAt: Date;
    windowHours: number;
    now: Date;
    note: { reason?: string; undoOf?: number };
  },
): Promise<Rescheduled> {
  const { campaign, state, after, rule, newPublishAt, windowHours, now, note } = m;
  const [moved] = await tx
    .update(deliverables)
    .set({
      publishAt: newPublishAt,
      status: after.status,
      blocked: after.blocked,
      ...(rule.signOffRemoved ? { signedOffAt: null, signedOffVersion: null, signedOffBy: null } : {}),
      rowVersion: sql`${deliverables.rowVersion} + 1`,
      updatedAt: now,
    })
    .where(and(eq(deliverables.id, current.id), eq(deliverables.rowVersion, current.rowVersion), eq(deliverables.status, state.status)))
    .returning();
  if (!moved) refuse(conflict(RACE_MESSAGE, { code: "race" }));

  const removedDecisions = rule.signOffRemoved ? await removeSignOffDecisions(tx, current, campaign) : 0;
  const deadline = await scheduleDeadlineJobs(tx, {
    deliverableId: current.id,
    workspaceId: current.workspaceId,
    publishAt: newPublishAt,
    windowHours,
    now,
  });
  const unblocked = state.blocked && !after.blocked;
  const blocked = !state.blocked && after.blocked;
  // Once a pack is sealed, a move is evidence too (decision 057).
  await auditWithEvidence(
    tx,
    ctx,
    moved,
    {
      action: "deliverable.rescheduled",
      objectType: "deliverable",
      objectId: current.id,
      data: {
        title: current.title,
        from: current.publishAt.toISOString(),
        to: newPublishAt.toISOString(),
        direction: rule.direction,
        previousDeadline: signOffDeadline(current.publishAt, windowHours).toISOString(),
        deadline: deadline.toISOString(),
        signOffKept: rule.signOffKept,
        signOffRemoved: rule.signOffRemoved,
        removedSignOffDecisions: removedDecisions,
        unblocked,
        blocked,
        statusFrom: state.status,
        statusTo: after.status,
        // What an undo checks (decision 066): the row as this move left it.
        rowVersion: moved.rowVersion,
        ...(note.reason ? { reason: note.reason } : {}),
        ...(note.undoOf !== undefined ? { undoOf: note.undoOf } : {}),
      },
    },
    now,
  );
  const [event] = await tx
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(and(eq(auditEvents.objectId, current.id), eq(auditEvents.action, "deliverable.rescheduled")))
    .orderBy(desc(auditEvents.id))
    .limit(1);
  if (blocked) await announceBlocked(tx, ctx, { row: moved, campaign, deadline, windowHours, now, actorId: ctx.user.id });
  return { publishAt: newPublishAt, unblocked, blocked, moveId: event.id };
}

/** The brand signs the current version again: its sign-off stage decisions no longer stand. */
async function removeSignOffDecisions(tx: Transaction, current: DeliverableRow, campaign: CampaignRow): Promise<number> {
  if (current.currentVersion === 0) return 0;
  const version = await tx.query.draftVersions.findFirst({
    where: and(eq(draftVersions.deliverableId, current.id), eq(draftVersions.version, current.currentVersion)),
  });
  if (!version) return 0;
  const { route } = await loadCampaignRoute(tx, campaign);
  const removed = await tx
    .delete(approvalDecisions)
    .where(and(eq(approvalDecisions.draftVersionId, version.id), eq(approvalDecisions.stageIndex, route.stages.length - 1)))
    .returning({ id: approvalDecisions.id });
  return removed.length;
}
