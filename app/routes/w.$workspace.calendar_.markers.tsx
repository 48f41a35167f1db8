import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { MarkersPanel, type MarkersAnswer } from "~/components/calendar/markers-panel";
import { PageHeader } from "~/components/ui";
import { deleteMarkerSchema, markerSchema } from "~/modules/calendar/context-schemas";
import { markerInput } from "~/modules/calendar/markers";
import { createMarker, deleteMarker, managedMarkers, markerBrands } from "~/modules/calendar/markers.server";
import { viewerZone } from "~/modules/calendar/page.server";
import { requirePermission } from "~/modules/workspaces/authz.server";
import { answer, typedValues } from "~/utils/action-data.server";
import { parseWith, readForm } from "~/utils/http.server";
import { invalid } from "~/utils/outcome";
import { DAY_MS } from "~/utils/time";

// Markers on the calendar (issue 21): launches, embargoes and notes, for the whole workspace (the
// team) or one brand (the team, and a brand lead for their own).

export const meta: MetaFunction = () => [{ title: "Calendar markers · Baton" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "calendar.mark");
  const tz = viewerZone(ctx);
  const [markers, brands] = await Promise.all([managedMarkers(ctx, new Date(Date.now() - 30 * DAY_MS), tz), markerBrands(ctx)]);
  return json({ slug: ctx.workspace.slug, markers, brands, timeZone: tz.replace(/_/g, " ") });
}

const INTENTS = ["add", "delete"] as const;
const intentSchema = z.object({ intent: z.enum(INTENTS, { errorMap: () => ({ message: "Unknown action." }) }) });
const FIELDS = ["kind", "title", "note", "brandId", "startsAt", "endsAt"];

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "calendar.mark");
  const form = await readForm(request);
  const which = parseWith(intentSchema, { intent: form.get("intent") ?? undefined });
  if (!which.success) return answer(invalid("Unknown action.", which.errors));
  if (which.data.intent === "add") {
    const parsed = parseWith(markerSchema, form);
    if (!parsed.success) return answer(invalid(undefined, parsed.errors), { intent: "add", values: typedValues(form, FIELDS) });
    const input = markerInput(parsed.data, viewerZone(ctx));
    if (!input.ok) return answer(input, { intent: "add", values: typedValues(form, FIELDS) });
    return answer(await createMarker(ctx, input.value), {
      intent: "add",
      values: typedValues(form, FIELDS),
      notice: "Marker added. It shows on the calendar for everyone who sees its brand.",
    });
  }
  const parsed = parseWith(deleteMarkerSchema, form);
  if (!parsed.success) return answer(invalid(undefined, parsed.errors), { intent: "delete" });
  return answer(await deleteMarker(ctx, parsed.data.markerId), {
    intent: "delete",
    notice: ({ title }) => `"${title}" removed from the calendar.`,
  });
}

export default function CalendarMarkersPage() {
  const data = useLoaderData<typeof loader>();
  const answered = useActionData<typeof action>() as MarkersAnswer | undefined;
  return (
    <div className="space-y-6">
      <PageHeader
        title="Calendar markers"
        description="Launches, embargoes and notes on the calendar. A brand's marker shows only to people who see that brand, and on its share links."
        breadcrumbs={[{ label: "Calendar", to: `/w/${data.slug}/calendar` }]}
      />
      <MarkersPanel data={data} answer={answered} />
    </div>
  );
}
