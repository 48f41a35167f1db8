import { and, eq, sql } from "drizzle-orm";
import { auditWithEvidence } from "../evidence/ledger.server";
import { deliverables } from "@db/schema";
import type { Transaction } from "~/utils/db.server";
import { conflict } from "~/utils/outcome";
import type { ActorContext } from "~/modules/workspaces/authz.server";
import { HOUR_MS } from "~/utils/time";
import { RACE_MESSAGE, refuse, type DeliverableRow } from "../command.server";
import { scheduleDeadlineJobs } from "../deadlines.server";
import { nextState, stateOf } from "../deliverable-status";
import { publishAtProblem } from "../publish-time";
import { reschedule, signOffDeadline } from "../signoff-rule";

/**
 * A brand lead moves the publish time from their decision link and signs off in the same
 * transaction (decision 052). The move is the reschedule rule's narrow case: the deliverable waits
 * for the brand's sign-off, so there is no sign-off to keep or remove; the new time must leave a
 * full sign-off window from now, so the sign-off that follows counts, and the blocked flag clears.
 */

/** Why `publishAt` cannot be the new time of a move-and-sign-off at `now`, or null. */
export function moveProblem(publishAt: Date, now: Date, windowHours: number): string | null {
  const general = publishAtProblem(publishAt, now);
  if (general) return general;
  if (!reschedule({ oldPublishAt: publishAt, newPublishAt: publishAt, signedOffAt: null, windowHours, now }).mayUnblock) {
    return `Pick a time at least ${windowHours} hours from now, so your sign-off comes before its deadline.`;
  }
  return null;
}

/** The earliest time a move allows, a minute past the window so it is still valid when the form is sent. */
export const earliestMove = (now: Date, windowHours: number) => new Date(now.getTime() + windowHours * HOUR_MS + 60_000);

/**
 * Writes the new publish time (compare-and-set on row_version), schedules the new deadline's
 * reminders and block check, and audits "deliverable.rescheduled" as the link's person. Returns the
 * row as written, for the sign-off in the same transaction. `moveProblem` was checked before.
 */
export async function moveForSignOff(
  tx: Transaction,
  ctx: ActorContext,
  row: DeliverableRow,
  input: { publishAt: Date; windowHours: number; now: Date },
): Promise<DeliverableRow> {
  const { publishAt, windowHours, now } = input;
  const rule = reschedule({ oldPublishAt: row.publishAt, newPublishAt: publishAt, signedOffAt: null, windowHours, now });
  // At least a window ahead (moveProblem), so a blocked deliverable is unblocked, by the one table.
  const before = stateOf(row);
  const after = before.blocked ? nextState(before, "unblock_reschedule") : before;
  const [moved] = await tx
    .update(deliverables)
    .set({ publishAt, status: after.status, blocked: after.blocked, rowVersion: sql`${deliverables.rowVersion} + 1`, updatedAt: now })
    .where(and(eq(deliverables.id, row.id), eq(deliverables.rowVersion, row.rowVersion), eq(deliverables.status, row.status)))
    .returning();
  if (!moved) refuse(conflict(RACE_MESSAGE, { code: "race" }));
  const deadline = await scheduleDeadlineJobs(tx, {
    deliverableId: row.id,
    workspaceId: row.workspaceId,
    publishAt,
    windowHours,
    now,
  });
  await auditWithEvidence(
    tx,
    ctx,
    moved,
    {
      action: "deliverable.rescheduled",
      objectType: "deliverable",
      objectId: row.id,
      data: {
        title: row.title,
        from: row.publishAt.toISOString(),
        to: publishAt.toISOString(),
        direction: rule.direction,
        previousDeadline: signOffDeadline(row.publishAt, windowHours).toISOString(),
        deadline: deadline.toISOString(),
        signOffKept: false,
        signOffRemoved: false,
        removedSignOffDecisions: 0,
        unblocked: before.blocked,
        statusFrom: before.status,
        statusTo: after.status,
        withSignOff: true,
      },
    },
    now,
  );
  return moved;
}
