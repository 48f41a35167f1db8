// Drag to reschedule on the calendar (issue 21 part 1, decision 066): the what-if of a drop target,
// the drop itself and its undo. Every move is approvals' one reschedule service (the deliverable
// page's and the conflicts page's); this adds only the calendar's two rules: a drop that creates an
// error or loses the sign-off says why, and an undo puts the publish time back within ten minutes
// when nothing changed since (compare-and-set on the row version the move's audit event kept).

import { and, eq } from "drizzle-orm";
import { auditEvents, brands } from "@db/schema";
import { rescheduleDeliverable, type Rescheduled } from "~/modules/approvals/reschedule.server";
import { findVisibleDeliverable } from "~/modules/approvals/scope.server";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { inWorkspace } from "~/modules/workspaces/scope.server";
import { db } from "~/utils/db.server";
import { conflict, invalid, notFound, ok, type Outcome } from "~/utils/outcome";
import { moveRecordOf, needsConfirmation, reasonsNeeded, undoRefusal, UNDO_REFUSALS, type ReasonNeed } from "./drag-rules";
import { previewMove } from "./fixes.server";
import { viewerZone } from "./page.server";
import { whatIfInWords } from "./what-if-view";

const REASON_ASKED: Record<ReasonNeed, string> = {
  error_conflict: "it creates a conflict",
  sign_off_lost: "the brand's sign-off is lost",
};

/** The sentence next to the reason field. */
export function reasonPrompt(needs: readonly ReasonNeed[]): string {
  return `Say why you are moving it anyway: ${needs.map((n) => REASON_ASKED[n]).join(" and ")}.`;
}

export type DragPreview = ReturnType<typeof whatIfInWords> & {
  reasons: ReasonNeed[];
  /** The drop opens the confirm dialog (a reason, or a time inside the sign-off window). */
  confirm: boolean;
  reasonPrompt: string | null;
};

/** What dropping the deliverable at `to` would do, in the viewer's words; not found when they may not move it. */
export async function dragPreview(
  ctx: MemberContext,
  input: { deliverableId: string; to: Date },
  now = new Date(),
): Promise<Outcome<DragPreview>> {
  const result = await previewMove(ctx, input, now);
  if (!result.ok) return result;
  const w = result.value;
  const brand = await db().query.brands.findFirst({
    where: and(eq(brands.id, w.brandId), inWorkspace(ctx, brands.workspaceId)),
    columns: { timeZone: true },
  });
  const reasons = reasonsNeeded(w);
  return ok({
    ...whatIfInWords(w, viewerZone(ctx), brand?.timeZone ?? null),
    reasons,
    confirm: needsConfirmation(w),
    reasonPrompt: reasons.length ? reasonPrompt(reasons) : null,
  });
}

/**
 * A drop: the what-if again (the server's, not the page's), a reason when it asks for one, then the
 * reschedule service with the reason in its audit event. A time inside the sign-off window is
 * answered with the service's own warning until `confirmInsideWindow`.
 */
export async function moveByDrag(
  ctx: MemberContext,
  input: { deliverableId: string; to: Date; reason?: string; confirmInsideWindow: boolean },
  now = new Date(),
): Promise<Outcome<Rescheduled>> {
  const preview = await previewMove(ctx, input, now);
  if (!preview.ok) return preview;
  const needs = reasonsNeeded(preview.value);
  const reason = input.reason?.trim() || undefined;
  if (needs.length > 0 && !reason) {
    const prompt = reasonPrompt(needs);
    return invalid(prompt, { reason: [prompt] }, { code: "reason_required" });
  }
  return rescheduleDeliverable(
    ctx,
    { deliverableId: input.deliverableId, publishAt: input.to, confirmInsideWindow: input.confirmInsideWindow, reason },
    now,
  );
}

const NO_MOVE = "That move is not there to undo.";

/**
 * Undo of the viewer's own move: the publish time goes back to where it was, through the same
 * service (audited, with `undoOf`), only while `undoRefusal` allows it. A sign-off the move lost
 * stays lost: the brand signs off again.
 */
export async function undoMove(ctx: MemberContext, input: { moveId: number }, now = new Date()): Promise<Outcome<Rescheduled>> {
  const [event] = await db()
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.id, input.moveId),
        inWorkspace(ctx, auditEvents.workspaceId),
        eq(auditEvents.action, "deliverable.rescheduled"),
        eq(auditEvents.actorUserId, ctx.user.id),
      ),
    )
    .limit(1);
  const move = event ? moveRecordOf(event) : null;
  if (!move) return notFound(NO_MOVE);
  const current = await findVisibleDeliverable(ctx, move.deliverableId);
  if (!current || !(ctx.can("campaigns.manage") || ctx.can("drafts.publish"))) return notFound(NO_MOVE);
  const refusal = undoRefusal(move, current, now);
  if (refusal) return conflict(UNDO_REFUSALS[refusal], { code: `undo_${refusal}` });
  return rescheduleDeliverable(
    ctx,
    {
      deliverableId: move.deliverableId,
      publishAt: move.from,
      confirmInsideWindow: true,
      expectedRowVersion: move.rowVersion,
      undoOf: event.id,
    },
    now,
  );
}
