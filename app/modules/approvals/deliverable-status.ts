import { DomainError } from "~/utils/outcome";

/**
 * The deliverable life cycle (PRODUCT.md §5) as ONE table. The server refuses what the table does
 * not allow, the UI shows one button per allowed event, and the tests walk the same table, so the
 * three can never disagree.
 */

export const DELIVERABLE_STATUSES = ["draft", "in_review", "changes_requested", "signed_off", "scheduled", "published", "blocked"] as const;

export type DeliverableStatus = (typeof DELIVERABLE_STATUSES)[number];

export const DELIVERABLE_STATUS_LABELS: Record<DeliverableStatus, string> = {
  draft: "Draft",
  in_review: "In review",
  changes_requested: "Changes requested",
  signed_off: "Signed off",
  scheduled: "Scheduled",
  published: "Published",
  blocked: "Blocked",
};

export const DELIVERABLE_EVENTS = [
  "submit",
  "request_changes",
  "sign_off",
  "new_version",
  "revoke_sign_off",
  "schedule",
  "unschedule",
  "publish",
  "block",
  "unblock_reschedule",
  "override",
] as const;

export type DeliverableEvent = (typeof DELIVERABLE_EVENTS)[number];

export interface DeliverableTransition {
  event: DeliverableEvent;
  from: readonly DeliverableStatus[];
  to: DeliverableStatus;
  /** Button text. */
  label: string;
}

export const DELIVERABLE_TRANSITIONS: readonly DeliverableTransition[] = [
  // Ready-to-transfer checks have passed; the approval route starts (or resumes) on this version.
  { event: "submit", from: ["draft"], to: "in_review", label: "Submit for review" },
  // Any approver on the route; a comment is required (see route.ts).
  { event: "request_changes", from: ["in_review"], to: "changes_requested", label: "Request changes" },
  // Fired when the LAST stage (brand sign-off) completes, not on every stage approval:
  // intermediate approvals only move the route forward, the status stays in_review.
  { event: "sign_off", from: ["in_review"], to: "signed_off", label: "Sign off" },
  // A new version resets the route, and a sign-off counts only on the version it was given to,
  // so a new version after sign-off (even when scheduled) sends the deliverable back to draft.
  // Not from blocked: a blocked deliverable is rescheduled or overridden first.
  {
    event: "new_version",
    from: ["in_review", "changes_requested", "signed_off", "scheduled"],
    to: "draft",
    label: "Upload new version",
  },
  // publishAt moved earlier than the sign-off allows (see reschedule() in signoff-rule.ts).
  { event: "revoke_sign_off", from: ["signed_off", "scheduled"], to: "in_review", label: "Revoke sign-off" },
  // Baton does not post anything itself: these record what the publisher did elsewhere.
  { event: "schedule", from: ["signed_off"], to: "scheduled", label: "Mark scheduled" },
  { event: "unschedule", from: ["scheduled"], to: "signed_off", label: "Mark not scheduled" },
  { event: "publish", from: ["scheduled"], to: "published", label: "Mark published" },
  // The deadline passed without a sign-off. Never from signed_off or later: a sign-off given on
  // time stays valid at the deadline.
  { event: "block", from: ["draft", "in_review", "changes_requested"], to: "blocked", label: "Block" },
  // Rescheduled to at least one window ahead. The status does not remember what it was before the
  // block, and draft is the only state right in every case: the current version is resubmitted
  // (checks rerun, late flag recomputed) and approvals already given to it still count, because
  // decisions are pinned to the version, not to the submission.
  { event: "unblock_reschedule", from: ["blocked"], to: "draft", label: "Reschedule" },
  // An admin accepts the missing sign-off, with a reason (audited, counted as an exception). It
  // stands in for the sign-off so the ordinary schedule -> publish path applies afterwards.
  { event: "override", from: ["blocked"], to: "signed_off", label: "Override (admin)" },
];

export const DELIVERABLE_EVENT_LABELS = Object.fromEntries(DELIVERABLE_TRANSITIONS.map((t) => [t.event, t.label])) as Record<
  DeliverableEvent,
  string
>;

export const DELIVERABLE_EDITS = ["reschedule"] as const;
export type DeliverableEdit = (typeof DELIVERABLE_EDITS)[number];

/**
 * Changes that are not events of the table above, with the statuses each is allowed from, why, and
 * the refusal otherwise. Rescheduling keeps the status, except that it fires unblock_reschedule
 * on a blocked deliverable, and revoke_sign_off when the new time leaves too little for a sign-off.
 */
export const DELIVERABLE_EDIT_RULES: Readonly<
  Record<DeliverableEdit, { from: readonly DeliverableStatus[]; reason: string; refusal: string }>
> = {
  reschedule: {
    // Every status some event still leaves: only a finished deliverable (published) keeps its time.
    from: DELIVERABLE_STATUSES.filter((status) => DELIVERABLE_TRANSITIONS.some((t) => t.from.includes(status))),
    reason: "A published post is live elsewhere: its time is a fact, not a plan.",
    refusal: "This deliverable is already published; its time can't change.",
  },
};

export function canEdit(status: DeliverableStatus, edit: DeliverableEdit): boolean {
  return DELIVERABLE_EDIT_RULES[edit].from.includes(status);
}

export function isDeliverableStatus(value: unknown): value is DeliverableStatus {
  return typeof value === "string" && (DELIVERABLE_STATUSES as readonly string[]).includes(value);
}

function findTransition(from: DeliverableStatus, event: DeliverableEvent): DeliverableTransition | undefined {
  return DELIVERABLE_TRANSITIONS.find((t) => t.event === event && t.from.includes(from));
}

export function canTransition(from: DeliverableStatus, event: DeliverableEvent): boolean {
  return findTransition(from, event) !== undefined;
}

/** The status after `event`, or a DomainError (code "transition_not_allowed") saying why not. */
export function nextStatus(from: DeliverableStatus, event: DeliverableEvent): DeliverableStatus {
  const transition = findTransition(from, event);
  if (!transition) {
    throw new DomainError(
      "transition_not_allowed",
      `"${DELIVERABLE_EVENT_LABELS[event]}" isn't possible while the deliverable is ` + `${DELIVERABLE_STATUS_LABELS[from].toLowerCase()}.`,
      "conflict",
    );
  }
  return transition.to;
}

/** Events possible from `status`, in table order: which buttons to show (before role checks). */
export function allowedEvents(status: DeliverableStatus): DeliverableEvent[] {
  return DELIVERABLE_TRANSITIONS.filter((t) => t.from.includes(status)).map((t) => t.event);
}
