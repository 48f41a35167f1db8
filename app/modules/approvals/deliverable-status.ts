import { DomainError } from "~/utils/outcome";

/**
 * The deliverable life cycle (PRODUCT.md §5) as ONE table. The server refuses what the table does
 * not allow, the UI shows one button per allowed event, and the tests walk the same table, so the
 * three can never disagree.
 *
 * A deliverable is at a status AND a flag beside it: `blocked` (decision 052). The sign-off
 * deadline passed without a sign-off; the draft path goes on (drafts, submissions, reviews,
 * change requests), but nothing is scheduled or published, and no sign-off counts, until a
 * reschedule at least one window ahead or an admin's override clears the flag.
 */

export const DELIVERABLE_STATUSES = ["draft", "in_review", "changes_requested", "signed_off", "scheduled", "published"] as const;

export type DeliverableStatus = (typeof DELIVERABLE_STATUSES)[number];

export const DELIVERABLE_STATUS_LABELS: Record<DeliverableStatus, string> = {
  draft: "Draft",
  in_review: "In review",
  changes_requested: "Changes requested",
  signed_off: "Signed off",
  scheduled: "Scheduled",
  published: "Published",
};

/** The flag's badge, shown beside the status everywhere. */
export const BLOCKED_LABEL = "Blocked";

/** Where a deliverable is: its status and the blocked flag beside it. */
export interface DeliverableState {
  status: DeliverableStatus;
  blocked: boolean;
}

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

/**
 * Whether an event may happen while the deliverable is blocked: `allowed` (the flag stays as it
 * is), `only` (it exists to clear the flag), or refused with the sentence the person reads (why,
 * and what to do instead).
 */
export type WhileBlocked = "allowed" | "only" | { refused: string };

export interface DeliverableTransition {
  event: DeliverableEvent;
  from: readonly DeliverableStatus[];
  /** The status afterwards; "same" keeps it (the events that only move the flag). */
  to: DeliverableStatus | "same";
  /** What the event does to the blocked flag; without it the flag stays as it was. */
  flag?: "set" | "clear";
  whileBlocked: WhileBlocked;
  /** Button text. */
  label: string;
}

/** Why nothing is scheduled or published while blocked, and the two ways out. */
export const BLOCKED_SCHEDULE_REFUSAL =
  "The sign-off deadline passed without a sign-off. Reschedule it a full sign-off window ahead, or ask an admin to override.";

/** The rule does not bend: a sign-off after its deadline never counts, not even later (decision 052). */
export const LATE_SIGNOFF_REFUSAL =
  "The sign-off deadline has passed, so a sign-off no longer counts. Reschedule the deliverable a full sign-off window ahead first.";

export const DELIVERABLE_TRANSITIONS: readonly DeliverableTransition[] = [
  // Ready-to-transfer checks have passed; the approval route starts (or resumes) on this version.
  // While blocked too: the late draft is a path, not a dead end (the version is flagged late).
  { event: "submit", from: ["draft"], to: "in_review", whileBlocked: "allowed", label: "Submit for review" },
  // Any approver on the route; a comment is required (see route.ts).
  { event: "request_changes", from: ["in_review"], to: "changes_requested", whileBlocked: "allowed", label: "Request changes" },
  // Fired when the LAST stage (brand sign-off) completes, not on every stage approval:
  // intermediate approvals only move the route forward, the status stays in_review. Never while
  // blocked: the deadline has passed, and a sign-off after it is not recorded at all (not even to
  // count after a reschedule), so the brand signs off once the new time gives it its window.
  { event: "sign_off", from: ["in_review"], to: "signed_off", whileBlocked: { refused: LATE_SIGNOFF_REFUSAL }, label: "Sign off" },
  // A new version resets the route, and a sign-off counts only on the version it was given to,
  // so a new version after sign-off (even when scheduled) sends the deliverable back to draft.
  {
    event: "new_version",
    from: ["in_review", "changes_requested", "signed_off", "scheduled"],
    to: "draft",
    whileBlocked: "allowed",
    label: "Upload new version",
  },
  // publishAt moved earlier than the sign-off allows (see reschedule() in signoff-rule.ts).
  { event: "revoke_sign_off", from: ["signed_off", "scheduled"], to: "in_review", whileBlocked: "allowed", label: "Revoke sign-off" },
  // Baton does not post anything itself: these record what the publisher did elsewhere.
  {
    event: "schedule",
    from: ["signed_off"],
    to: "scheduled",
    whileBlocked: { refused: BLOCKED_SCHEDULE_REFUSAL },
    label: "Mark scheduled",
  },
  { event: "unschedule", from: ["scheduled"], to: "signed_off", whileBlocked: "allowed", label: "Mark not scheduled" },
  { event: "publish", from: ["scheduled"], to: "published", whileBlocked: { refused: BLOCKED_SCHEDULE_REFUSAL }, label: "Mark published" },
  // The deadline passed without a sign-off: the flag is set, the status stays. Never from
  // signed_off or later: a sign-off given on time stays valid at the deadline.
  {
    event: "block",
    from: ["draft", "in_review", "changes_requested"],
    to: "same",
    flag: "set",
    whileBlocked: { refused: "It is already blocked." },
    label: "Block",
  },
  // Rescheduled to at least one window ahead: the flag goes, the status and the route stay.
  // Decisions are pinned to the version, so approvals already given to it still count.
  {
    event: "unblock_reschedule",
    from: ["draft", "in_review", "changes_requested"],
    to: "same",
    flag: "clear",
    whileBlocked: "only",
    label: "Reschedule",
  },
  // An admin accepts the missing sign-off, with a reason (audited, counted as an exception). It
  // stands in for the sign-off, so the ordinary schedule -> publish path applies afterwards.
  {
    event: "override",
    from: ["draft", "in_review", "changes_requested"],
    to: "signed_off",
    flag: "clear",
    whileBlocked: "only",
    label: "Override (admin)",
  },
];

export const DELIVERABLE_EVENT_LABELS = Object.fromEntries(DELIVERABLE_TRANSITIONS.map((t) => [t.event, t.label])) as Record<
  DeliverableEvent,
  string
>;

const transitionOf = (event: DeliverableEvent): DeliverableTransition => DELIVERABLE_TRANSITIONS.find((t) => t.event === event)!;

/** The statuses the sign-off deadline still applies to (it can still block): before sign-off. */
export const BEFORE_SIGN_OFF: readonly DeliverableStatus[] = transitionOf("block").from;

export const DELIVERABLE_EDITS = ["reschedule"] as const;
export type DeliverableEdit = (typeof DELIVERABLE_EDITS)[number];

/**
 * Changes that are not events of the table above, with the statuses each is allowed from, why, and
 * the refusal otherwise. Rescheduling keeps the status, except that it fires unblock_reschedule
 * on a blocked deliverable moved a window ahead, block on one moved inside the window, and
 * revoke_sign_off when the new time leaves too little for a sign-off.
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

/** A stored row as a state; an unknown status string is a bad row, refused rather than guessed. */
export function stateOf(row: { status: string; blocked: boolean }): DeliverableState {
  if (!isDeliverableStatus(row.status)) {
    throw new DomainError("unknown_status", `This deliverable has an unknown status (${row.status}).`, "conflict");
  }
  return { status: row.status, blocked: row.blocked };
}

/** Why `event` cannot happen from `state`, in words, or null when the table allows it. */
export function refusalOf(state: DeliverableState, event: DeliverableEvent): string | null {
  const t = transitionOf(event);
  if (state.blocked && typeof t.whileBlocked === "object") return t.whileBlocked.refused;
  if (!state.blocked && t.whileBlocked === "only") return `"${t.label}" is only for a blocked deliverable, and this one isn't blocked.`;
  if (!t.from.includes(state.status)) {
    return `"${t.label}" isn't possible while the deliverable is ${DELIVERABLE_STATUS_LABELS[state.status].toLowerCase()}.`;
  }
  return null;
}

export function canTransition(state: DeliverableState, event: DeliverableEvent): boolean {
  return refusalOf(state, event) === null;
}

/** The state after `event`, or a DomainError (code "transition_not_allowed") saying why not. */
export function nextState(state: DeliverableState, event: DeliverableEvent): DeliverableState {
  const refusal = refusalOf(state, event);
  if (refusal) throw new DomainError("transition_not_allowed", refusal, "conflict");
  const t = transitionOf(event);
  return {
    status: t.to === "same" ? state.status : t.to,
    blocked: t.flag === "set" ? true : t.flag === "clear" ? false : state.blocked,
  };
}

/** The status after `event` from a stored row (status and flag), or the DomainError saying why not. */
export function nextStatus(row: { status: string; blocked: boolean }, event: DeliverableEvent): DeliverableStatus {
  return nextState(stateOf(row), event).status;
}

/** Events possible from `state`, in table order: which buttons to show (before role checks). */
export function allowedEvents(state: DeliverableState): DeliverableEvent[] {
  return DELIVERABLE_TRANSITIONS.filter((t) => canTransition(state, t.event)).map((t) => t.event);
}
