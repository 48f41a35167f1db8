import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { dragPreview } from "~/modules/calendar/drag.server";
import { viewerZone } from "~/modules/calendar/page.server";
import { dragTargetSchema } from "~/modules/calendar/schemas";
import { requirePermission } from "~/modules/workspaces/authz.server";
import { answer, problemAnswer } from "~/utils/action-data.server";
import { parseWith } from "~/utils/http.server";
import { invalid } from "~/utils/outcome";
import { fromLocalInput } from "~/utils/time";

/**
 * The what-if of a drag's target (decision 066): GET ?deliverable=<id>&publishAt=<local date-time>,
 * read in the viewer's zone. Looking never moves anything; a deliverable the viewer may not move is
 * not found, as everywhere else.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "calendar.view");
  const query = new URL(request.url).searchParams;
  const parsed = parseWith(dragTargetSchema, {
    deliverable: query.get("deliverable") ?? undefined,
    publishAt: query.get("publishAt") ?? undefined,
  });
  if (!parsed.success) return answer(invalid(undefined, parsed.errors));
  const to = fromLocalInput(parsed.data.publishAt, viewerZone(ctx));
  if (!to) return answer(invalid(undefined, { publishAt: ["Give a real date and time."] }));
  const result = await dragPreview(ctx, { deliverableId: parsed.data.deliverable, to });
  if (!result.ok) return problemAnswer(result.problem);
  return json({ ok: true as const, publishAt: parsed.data.publishAt, preview: result.value }, { headers: { "Cache-Control": "no-store" } });
}
