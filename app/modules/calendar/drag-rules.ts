// Drag to reschedule (issue 21 part 1, decision 066): which drops ask for a reason, and when a move
// may be undone. Pure; the calendar's move route and its tests read the same answers.

import { MINUTE_MS } from "~/utils/time";
import type { WhatIf } from "./what-if";

/** A move can be undone for this long after it was made. */
export const UNDO_WINDOW_MS = 10 * MINUTE_MS;
export const UNDO_WINDOW_MINUTES = UNDO_WINDOW_MS / MINUTE_MS;

export type ReasonNeed = "error_conflict" | "sign_off_lost";

/**
 * Why a drop needs a reason before it is made (none: it goes through at once): it creates a
 * conflict of error severity, or the brand's sign-off would be lost (the brand signs off again).
 */
export function reasonsNeeded(w: Pick<WhatIf, "created" | "signOff">): ReasonNeed[] {
  const needs: ReasonNeed[] = [];
  if (w.created.some((c) => c.severity === "error")) needs.push("error_conflict");
  if (w.signOff === "lost") needs.push("sign_off_lost");
  return needs;
}

/** A drop is confirmed in the dialog when it needs a reason or lands inside the sign-off window (it would block). */
export function needsConfirmation(w: Pick<WhatIf, "created" | "signOff" | "insideWindow">): boolean {
  return w.insideWindow || reasonsNeeded(w).length > 0;
}

/** What a move's audit event keeps for its undo: where it came from and went, and the row version it left. */
export interface MoveRecord {
  deliverableId: string;
  actorUserId: string | null;
  from: Date;
  to: Date;
  /** The deliverable's row version right after the move. */
  rowVersion: number;
  at: Date;
  /** Set when the move was itself an undo. */
  undoOf: number | null;
}

/** A "deliverable.rescheduled" event's data read back as a move, or null when it lacks what an undo needs. */
export function moveRecordOf(event: {
  objectId: string;
  actorUserId: string | null;
  createdAt: Date;
  data: Record<string, unknown>;
}): MoveRecord | null {
  const { from, to, rowVersion, undoOf } = event.data;
  if (typeof from !== "string" || typeof to !== "string" || typeof rowVersion !== "number") return null;
  const fromAt = new Date(from);
  const toAt = new Date(to);
  if (Number.isNaN(fromAt.getTime()) || Number.isNaN(toAt.getTime())) return null;
  return {
    deliverableId: event.objectId,
    actorUserId: event.actorUserId,
    from: fromAt,
    to: toAt,
    rowVersion,
    at: event.createdAt,
    undoOf: typeof undoOf === "number" ? undoOf : null,
  };
}

export const UNDO_REFUSALS = {
  expired: `A move can be undone for ${UNDO_WINDOW_MINUTES} minutes. Move it again instead.`,
  changed:
    "It changed since the move (someone moved it, a draft or a decision came in), so undo would overwrite that. Move it again instead.",
  past: "Its old time has passed, so undo cannot put it back. Pick a new time instead.",
  undo: "That was already an undo. Move it again instead.",
} as const;

/**
 * Why this move can no longer be undone, or null when it can: within the undo window, nothing
 * changed on the deliverable since (same row version and still at the time it was moved to), and
 * the old time still lies ahead. Undo restores the publish time only (never a lost sign-off).
 */
export function undoRefusal(
  move: MoveRecord,
  current: { publishAt: Date; rowVersion: number },
  now: Date,
): keyof typeof UNDO_REFUSALS | null {
  if (move.undoOf !== null) return "undo";
  if (now.getTime() - move.at.getTime() > UNDO_WINDOW_MS) return "expired";
  if (current.rowVersion !== move.rowVersion || current.publishAt.getTime() !== move.to.getTime()) return "changed";
  if (move.from.getTime() <= now.getTime()) return "past";
  return null;
}
