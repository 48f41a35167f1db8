import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { moveByDrag, undoMove } from "~/modules/calendar/drag.server";
import { UNDO_WINDOW_MINUTES } from "~/modules/calendar/drag-rules";
import { viewerZone } from "~/modules/calendar/page.server";
import { dragMoveSchema, undoMoveSchema } from "~/modules/calendar/schemas";
import { requirePermission } from "~/modules/workspaces/authz.server";
import { answer, problemAnswer, successData } from "~/utils/action-data.server";
import { parseWith, readForm } from "~/utils/http.server";
import { invalid } from "~/utils/outcome";
import { fromLocalInput } from "~/utils/time";

/**
 * The calendar's drop and its undo (decision 066), posted by the drag layer. Both call approvals'
 * reschedule service, as the deliverable page's move form does; without JavaScript that form is
 * where a deliverable moves.
 */
const INTENTS = ["move", "undo"] as const;
const intentSchema = z.object({ intent: z.enum(INTENTS, { errorMap: () => ({ message: "Unknown action." }) }) });

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "calendar.view");
  const form = await readForm(request);
  const which = parseWith(intentSchema, { intent: form.get("intent") ?? undefined });
  if (!which.success) return answer(invalid("Unknown action.", which.errors));
  const intent = which.data.intent;

  if (intent === "undo") {
    const parsed = parseWith(undoMoveSchema, form);
    if (!parsed.success) return answer(invalid(undefined, parsed.errors), { intent });
    const result = await undoMove(ctx, parsed.data);
    if (!result.ok) return problemAnswer(result.problem, { intent });
    return json({
      ...successData("Move undone: the publish time is back. A sign-off the move removed is not restored.", { intent }),
      moveId: result.value.moveId,
    });
  }

  const parsed = parseWith(dragMoveSchema, form);
  const target = typeof form.get("deliverableId") === "string" ? String(form.get("deliverableId")).slice(0, 40) : null;
  if (!parsed.success) return answer(invalid(undefined, parsed.errors), { intent, target });
  const to = fromLocalInput(parsed.data.publishAt, viewerZone(ctx));
  if (!to) return answer(invalid(undefined, { publishAt: ["Give a real date and time."] }), { intent, target });
  const result = await moveByDrag(ctx, {
    deliverableId: parsed.data.deliverableId,
    to,
    reason: parsed.data.reason,
    confirmInsideWindow: parsed.data.confirm === "inside_window",
  });
  if (!result.ok) return problemAnswer(result.problem, { intent, target });
  const notice = result.value.blocked
    ? "Moved. It is inside the sign-off window, so it is blocked until it moves again or an admin overrides."
    : "Moved.";
  return json({
    ...successData(`${notice} You can undo it for ${UNDO_WINDOW_MINUTES} minutes.`, { intent, target }),
    moveId: result.value.moveId,
  });
}
