import { formatDuration, HOUR_MS, inZone, isValidTimeZone, zonePlace } from "~/utils/time";
import { refusalOf, type DeliverableState } from "./deliverable-status";
import { DomainError } from "~/utils/outcome";

/**
 * The pre-publish sign-off rule (PRODUCT.md §5): signOffDeadline = publishAt − window.
 *
 * DECISION: all deadline arithmetic is on absolute instants (UTC milliseconds), never on wall-clock
 * time. "48 hours before" means 48 real hours, the time reviewers actually get. Across a
 * daylight-saving change the deadline's local clock time therefore shifts by an hour (publish
 * Mon 30 Mar 2026 10:00 Berlin -> deadline Sat 28 Mar 09:00 Berlin). Calendar arithmetic ("same
 * time two days earlier") would silently give 47 or 49 hours and would depend on whose time zone
 * is used; brand, agency and creator often sit in different ones. Time zones only matter for
 * display (dualTimeLabel).
 */

export const DEFAULT_SIGNOFF_WINDOW_HOURS = 48;
export const REMINDER_HOURS_BEFORE_DEADLINE = [24, 4] as const;

/** A sign-off deadline closer than this is at risk: the queue marks it urgent, the countdown turns amber. */
export const AT_RISK_HOURS = 24;

/** True when a sign-off deadline `untilMs` away is under AT_RISK_HOURS (overdue included). */
export const isAtRisk = (untilMs: number): boolean => untilMs < AT_RISK_HOURS * HOUR_MS;

/** Brand override wins over the workspace setting, which wins over the 48 h default. */
export function effectiveWindowHours(workspaceHours: number | null, brandOverrideHours: number | null): number {
  const hours = brandOverrideHours ?? workspaceHours ?? DEFAULT_SIGNOFF_WINDOW_HOURS;
  // Settings are validated on save; a bad stored value must not silently disable the rule.
  if (!Number.isFinite(hours) || hours <= 0) {
    throw new DomainError("invalid_signoff_window", `The sign-off window must be a positive number of hours, not ${hours}.`, "conflict");
  }
  return hours;
}

export function signOffDeadline(publishAt: Date, windowHours: number): Date {
  return new Date(publishAt.getTime() - windowHours * HOUR_MS);
}

/** A sign-off counts only on the current version and at or before the deadline. */
export function signOffCounts(input: {
  signedOffAt: Date | null;
  signedOffVersion: number | null;
  currentVersion: number;
  deadline: Date;
}): boolean {
  const { signedOffAt, signedOffVersion, currentVersion, deadline } = input;
  if (signedOffAt === null || signedOffVersion !== currentVersion) return false;
  return signedOffAt.getTime() <= deadline.getTime();
}

/**
 * Flagged at submission: the time left until the deadline is shorter than the review time the
 * route needs. Exactly enough time is not late.
 */
export function isLateSubmission(input: { submittedAt: Date; publishAt: Date; windowHours: number; routeReviewHours: number }): boolean {
  const deadline = signOffDeadline(input.publishAt, input.windowHours);
  return deadline.getTime() - input.submittedAt.getTime() < input.routeReviewHours * HOUR_MS;
}

/** When pending approvers are reminded: 24 h and 4 h before the deadline (absolute time). */
export function reminderTimes(deadline: Date): { hoursBefore: number; at: Date }[] {
  return REMINDER_HOURS_BEFORE_DEADLINE.map((hoursBefore) => ({
    hoursBefore,
    at: new Date(deadline.getTime() - hoursBefore * HOUR_MS),
  }));
}

/**
 * Block only once the deadline has PASSED: a sign-off at exactly the deadline still counts, so
 * blocking at that instant would race it.
 */
export function shouldBlock(input: { now: Date; deadline: Date; signedOff: boolean }): boolean {
  return !input.signedOff && input.now.getTime() > input.deadline.getTime();
}

export interface RescheduleOutcome {
  newDeadline: Date;
  direction: "earlier" | "later" | "unchanged";
  /** A sign-off existed and still counts against the new deadline. */
  signOffKept: boolean;
  /** A sign-off existed and the new, earlier deadline falls before it: it is removed. */
  signOffRemoved: boolean;
  /** A blocked deliverable may be unblocked: the new publishAt is at least one window ahead. */
  mayUnblock: boolean;
}

export function reschedule(input: {
  oldPublishAt: Date;
  newPublishAt: Date;
  signedOffAt: Date | null;
  windowHours: number;
  now: Date;
}): RescheduleOutcome {
  const { oldPublishAt, newPublishAt, signedOffAt, windowHours, now } = input;
  const newDeadline = signOffDeadline(newPublishAt, windowHours);
  const shift = newPublishAt.getTime() - oldPublishAt.getTime();
  // Later always keeps it (the deadline only moves away from the sign-off); earlier keeps it only
  // while the sign-off still lies at or before the new deadline.
  const signOffKept = signedOffAt !== null && signedOffAt.getTime() <= newDeadline.getTime();
  return {
    newDeadline,
    direction: shift < 0 ? "earlier" : shift > 0 ? "later" : "unchanged",
    signOffKept,
    signOffRemoved: signedOffAt !== null && !signOffKept,
    mayUnblock: !isInsideWindow({ publishAt: newPublishAt, windowHours, now }),
  };
}

export type ScheduleGate = { ok: true } | { ok: false; code: "not_signed_off" | "blocked" | "already_published"; message: string };

/**
 * The reason shown next to disabled "Mark scheduled / published" buttons, read from the transition
 * table: the blocked flag refuses both whatever the status (an override clears the flag and stands
 * in for the sign-off, so it needs no case of its own).
 */
export function canScheduleOrPublish(state: DeliverableState): ScheduleGate {
  const { status } = state;
  if (status === "published") {
    return { ok: false, code: "already_published", message: "This deliverable is already published." };
  }
  const refusal = refusalOf(state, status === "scheduled" ? "publish" : "schedule");
  if (state.blocked && refusal) return { ok: false, code: "blocked", message: refusal };
  if (status === "signed_off" || status === "scheduled") return { ok: true };
  return { ok: false, code: "not_signed_off", message: "The brand has to sign this off before it can be scheduled or published." };
}

/**
 * A publish time inside the sign-off window: its deadline has already passed at `now`, so no
 * sign-off can count for it and the deliverable starts (or stays) blocked. Exactly one window
 * ahead is not inside: a sign-off at the deadline counts.
 */
export function isInsideWindow(input: { publishAt: Date; windowHours: number; now: Date }): boolean {
  return signOffDeadline(input.publishAt, input.windowHours).getTime() < input.now.getTime();
}

/**
 * "1 d 3 h", "5 h 20 min", "45 min", "less than 1 min", "overdue by 2 h". At most two units,
 * rounded DOWN so the time left is never overstated.
 */
export function formatCountdown(ms: number): string {
  const text = formatDuration(ms);
  return ms < 0 ? `overdue by ${text}` : text;
}

// Labels are asked for again and again (each held deliverable on every read of home and insights),
// and luxon spends most of one finding the zone's offset; a label depends only on (instant, zone).
const LABELS_KEPT = 20_000;
const labels = new Map<string, string>();

/** "Mon 30 Mar 2026, 10:00 Berlin (UTC+2)"; throws on an unknown IANA zone. */
export function zonedTimeLabel(date: Date, timeZone: string): string {
  const key = `${date.getTime()}|${timeZone}`;
  const known = labels.get(key);
  if (known !== undefined) return known;
  if (!isValidTimeZone(timeZone)) throw new DomainError("invalid_time_zone", `"${timeZone}" is not a known time zone.`, "conflict");
  const local = inZone(date, timeZone);
  const label = `${local.toFormat("ccc d LLL yyyy, HH:mm")} ${zonePlace(timeZone)} (UTC${local.toFormat("Z")})`;
  if (labels.size >= LABELS_KEPT) labels.clear();
  labels.set(key, label);
  return label;
}

/** The viewer's time first, the brand's beside it; one label when both are the same zone. */
export function dualTimeLabel(date: Date, viewerTimeZone: string, brandTimeZone: string): string {
  const viewer = zonedTimeLabel(date, viewerTimeZone);
  if (viewerTimeZone === brandTimeZone) return viewer;
  return `${viewer} · ${zonedTimeLabel(date, brandTimeZone)}`;
}
