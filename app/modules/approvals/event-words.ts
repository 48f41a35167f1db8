/**
 * The words for a deliverable's audit events, in one home: the activity panel says who did it
 * ("Ana · marked it scheduled"), the evidence pack names the event on its own ("Marked
 * scheduled"). Both read this table, so a new event is worded once and the two cannot drift.
 */
export interface EventWords {
  /** After a person's name, in the activity panel. */
  byPerson: string;
  /** On its own, in the evidence pack's ledger; absent where the pack never lists the event. */
  alone?: string;
}

export const DELIVERABLE_EVENT_WORDS: Record<string, EventWords> = {
  "deliverable.created": { byPerson: "created the deliverable" },
  "draft.submitted": { byPerson: "submitted a version", alone: "New version submitted (the sign-off above no longer covers it)" },
  "draft.approved": { byPerson: "approved" },
  "draft.changes_requested": { byPerson: "requested changes" },
  "draft.signed_off": { byPerson: "signed off" },
  "draft.commented": { byPerson: "commented" },
  "deliverable.scheduled": { byPerson: "marked it scheduled", alone: "Marked scheduled" },
  "deliverable.unscheduled": { byPerson: "marked it not scheduled", alone: "Taken off the schedule" },
  "deliverable.published": { byPerson: "marked it published", alone: "Marked published" },
  "deliverable.rescheduled": { byPerson: "changed the publish time", alone: "Publish time moved" },
  "deliverable.blocked": { byPerson: "blocked it: the sign-off deadline passed", alone: "Blocked at the sign-off deadline" },
  "deliverable.override": { byPerson: "overrode the block (exception)", alone: "Block overridden" },
  "deliverable.escalated": { byPerson: "escalated the stage to its backup and the coordinators" },
};

/** The audit actions of a stage decision: the evidence pack lists exactly these. */
export const DECISION_AUDIT_ACTIONS = ["draft.approved", "draft.signed_off", "draft.changes_requested"] as const;
export type DecisionAuditAction = (typeof DECISION_AUDIT_ACTIONS)[number];

/** Which of them a decision is recorded as: a stage's approval is a sign-off once the last stage approves. */
export function decisionAuditAction(decision: "approve" | "request_changes", fullySignedOff: boolean): DecisionAuditAction {
  if (decision === "request_changes") return "draft.changes_requested";
  return fullySignedOff ? "draft.signed_off" : "draft.approved";
}

/** The activity panel's words for an event, or its code where none is written. */
export function eventByPerson(action: string): string {
  return DELIVERABLE_EVENT_WORDS[action]?.byPerson ?? action;
}

/** The evidence pack's words for an event, or its code where none is written. */
export function eventAlone(action: string): string {
  return DELIVERABLE_EVENT_WORDS[action]?.alone ?? action;
}
