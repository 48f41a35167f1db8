import { HOUR_MS } from "~/utils/time";
import { evaluateRoute, NO_STAND_INS, type ApprovalRoute, type RouteDecision, type StandIns } from "./route";

/**
 * Escalation (decision 052, PRODUCT.md §5), pure. A stage without a decision escalates once, to its
 * backup approver and the coordinator, at
 *
 *   min(max(start + 4 h, start + (deadline − start) / 4), deadline − 4 h)
 *
 * where `start` is when the stage began waiting (the submission, or the decision that completed the
 * stage before). Never within 2 hours of a deadline reminder (24 h and 4 h before the deadline):
 * a time that falls that close moves to 2 hours after the reminder when that is still no later than
 * 4 hours before the deadline, else to 2 hours before it; and when neither is after the stage
 * began, the stage does not escalate (it began too close to the deadline for a stall: the reminders
 * and the deadline itself take over).
 */

export const ESCALATE_AFTER_MS = 4 * HOUR_MS;
export const ESCALATE_LAST_BEFORE_DEADLINE_MS = 4 * HOUR_MS;
export const QUIET_AROUND_REMINDER_MS = 2 * HOUR_MS;

/** The formula alone, before the quiet time around reminders. */
export function plainEscalationTime(start: Date, deadline: Date): Date {
  const s = start.getTime();
  const d = deadline.getTime();
  return new Date(Math.min(Math.max(s + ESCALATE_AFTER_MS, s + (d - s) / 4), d - ESCALATE_LAST_BEFORE_DEADLINE_MS));
}

const tooClose = (t: number, reminders: readonly Date[]) => reminders.some((r) => Math.abs(t - r.getTime()) < QUIET_AROUND_REMINDER_MS);

/**
 * When the stage that began waiting at `start` escalates, or null when it never does. `reminders`
 * are the deadline reminders' times (signoff-rule's `reminderTimes`).
 */
export function escalationTime(input: { start: Date; deadline: Date; reminders: readonly Date[] }): Date | null {
  const { start, deadline, reminders } = input;
  const latest = deadline.getTime() - ESCALATE_LAST_BEFORE_DEADLINE_MS;
  const plain = plainEscalationTime(start, deadline).getTime();
  const near = reminders.filter((r) => Math.abs(plain - r.getTime()) < QUIET_AROUND_REMINDER_MS);
  let at = plain;
  if (near.length > 0) {
    const later = Math.max(...near.map((r) => r.getTime())) + QUIET_AROUND_REMINDER_MS;
    const earlier = Math.min(...near.map((r) => r.getTime())) - QUIET_AROUND_REMINDER_MS;
    at = later <= latest && !tooClose(later, reminders) ? later : earlier;
    if (tooClose(at, reminders)) return null;
  }
  // A stall needs time to stall in: a time at or before the start means the stage began too late.
  return at > start.getTime() ? new Date(at) : null;
}

/** A decision with the time it was given (the table's created_at). */
export interface TimedDecision extends RouteDecision {
  createdAt: Date;
}

/**
 * When stage `stageIndex` of `version` began waiting: the submission for the first stage (and for a
 * stage reached without decisions), else the decision after which the route first stood at that
 * stage or beyond. Null when the route never reached it.
 */
export function stageStartedAt(input: {
  route: ApprovalRoute;
  decisions: readonly TimedDecision[];
  version: number;
  submittedAt: Date;
  stageIndex: number;
  standIns?: StandIns;
}): Date | null {
  const standIns = input.standIns ?? NO_STAND_INS;
  const reached = (decisions: readonly RouteDecision[]) => {
    const evaluation = evaluateRoute(input.route, decisions, input.version, standIns);
    return evaluation.currentStageIndex === null ? evaluation.fullySignedOff : evaluation.currentStageIndex >= input.stageIndex;
  };
  if (reached([])) return input.submittedAt;
  const inOrder = input.decisions.filter((d) => d.version === input.version).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  for (let i = 0; i < inOrder.length; i++) {
    if (reached(inOrder.slice(0, i + 1))) return inOrder[i].createdAt;
  }
  return null;
}
