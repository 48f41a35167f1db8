import type { Queryable } from "~/utils/db.server";
import { enqueue } from "~/modules/jobs/queue.server";
import { replanEscalation } from "./escalation.server";
import { reminderTimes, signOffDeadline } from "./signoff-rule";

export const REMINDER_JOB = "approvals.signoff-reminder";
export const BLOCK_JOB = "approvals.deadline";

/**
 * Schedules the reminders (24 h and 4 h before the deadline) and the deadline check for the
 * deliverable's CURRENT deadline. Each job carries the deadline it was scheduled for and its
 * dedupeKey names it, so rescheduling simply adds jobs for the new deadline; the handlers skip a
 * job whose deadline is no longer the deliverable's (see jobs.server.ts).
 */
export async function scheduleDeadlineJobs(
  tx: Queryable,
  input: { deliverableId: string; workspaceId: string; publishAt: Date; windowHours: number; now: Date },
): Promise<Date> {
  const deadline = signOffDeadline(input.publishAt, input.windowHours);
  const iso = deadline.toISOString();
  for (const reminder of reminderTimes(deadline)) {
    if (reminder.at.getTime() <= input.now.getTime()) continue;
    await enqueue(tx, {
      kind: REMINDER_JOB,
      workspaceId: input.workspaceId,
      runAt: reminder.at,
      payload: { deliverableId: input.deliverableId, deadline: iso, hoursBefore: reminder.hoursBefore },
      dedupeKey: `${REMINDER_JOB}:${input.deliverableId}:${iso}:${reminder.hoursBefore}`,
    });
  }
  // shouldBlock() is true only once the deadline has passed: a sign-off AT the deadline counts.
  await enqueue(tx, {
    kind: BLOCK_JOB,
    workspaceId: input.workspaceId,
    runAt: new Date(deadline.getTime() + 1000),
    payload: { deliverableId: input.deliverableId, deadline: iso },
    dedupeKey: `${BLOCK_JOB}:${input.deliverableId}:${iso}`,
  });
  // A new deadline moves the escalation of a waiting stage too (decision 052): the job works it out again.
  await replanEscalation(tx, { deliverableId: input.deliverableId, workspaceId: input.workspaceId, deadline, now: input.now });
  return deadline;
}
