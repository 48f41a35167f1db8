import { formatDuration } from "~/utils/time";
import type { AccessStatus } from "./access-status";

/**
 * How far a link is: what the progress bar shows the client, what tells the team the link is done,
 * and the time-to-verified-access numbers the agency reports on.
 */

export const intakeStepKeys = ["brand_kit", "contacts", "questionnaire", "agreement"] as const;
export type IntakeStepKey = (typeof intakeStepKeys)[number];

export interface PlatformStepState {
  status: AccessStatus;
}
export interface IntakeStepState {
  key: IntakeStepKey;
  done: boolean;
}

export interface LinkProgress {
  done: number;
  total: number;
  percent: number;
  /** The client has nothing left to do. */
  complete: boolean;
  /** Every platform step is verified by the agency (or not applicable). */
  allVerified: boolean;
}

// Nothing is left for the client once they confirmed, opted out, or the agency took over. A
// rejected step is open again: the client has to fix the grant; so is a lost one (granted again).
const clientDoneStatuses: readonly AccessStatus[] = ["confirmed", "verified", "not_applicable", "revoked"];
const settledStatuses: readonly AccessStatus[] = ["verified", "not_applicable"];

export function isClientDone(status: AccessStatus): boolean {
  return clientDoneStatuses.includes(status);
}

export function linkProgress(steps: {
  platformSteps: readonly PlatformStepState[];
  intakeSteps: readonly IntakeStepState[];
}): LinkProgress {
  const total = steps.platformSteps.length + steps.intakeSteps.length;
  const done = steps.platformSteps.filter((s) => isClientDone(s.status)).length + steps.intakeSteps.filter((s) => s.done).length;
  return {
    done,
    total,
    // Rounded down so the bar never shows 100% while one step is still open; a link with no steps
    // has nothing left to do.
    percent: total === 0 ? 100 : Math.floor((done / total) * 100),
    complete: done === total,
    allVerified: steps.platformSteps.every((s) => settledStatuses.includes(s.status)),
  };
}

/** Milliseconds from asking for access to verifying it, or null while it is not verified. */
export function stepTimeToVerified(step: { createdAt: Date; verifiedAt: Date | null }): number | null {
  return step.verifiedAt ? step.verifiedAt.getTime() - step.createdAt.getTime() : null;
}

/**
 * Milliseconds from creating the link to its last verification, once every platform step is
 * settled. Null while any step is still open, or when none needed verifying (all not applicable).
 */
export function linkTimeToVerified(link: {
  createdAt: Date;
  platformSteps: readonly { status: AccessStatus; verifiedAt: Date | null }[];
}): number | null {
  if (!link.platformSteps.every((s) => settledStatuses.includes(s.status))) return null;
  const verifiedTimes = link.platformSteps.flatMap((s) => (s.status === "verified" && s.verifiedAt ? [s.verifiedAt.getTime()] : []));
  if (verifiedTimes.length === 0) return null;
  return Math.max(...verifiedTimes) - link.createdAt.getTime();
}

/** The middle value (mean of the two middle ones for an even count), or null for no values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** How long something took: "2 d 4 h", "3 h 15 min", "12 min", "< 1 min" (formatDuration, two units, rounded down). */
export function formatTimeTaken(ms: number): string {
  // A verification stamped a moment before creation is clock skew between servers, not time travel.
  return formatDuration(Math.max(0, ms), { underAMinute: "< 1 min" });
}
