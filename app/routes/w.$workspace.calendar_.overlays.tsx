import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { OverlaysPanel, type OverlaysAnswer } from "~/components/calendar/overlays-panel";
import { PageHeader } from "~/components/ui";
import { overlayFileSchema, overlayIdSchema, overlayUrlSchema } from "~/modules/calendar/context-schemas";
import { OVERLAY_MAX_BYTES } from "~/modules/calendar/overlay-fetch.server";
import {
  addOverlayFromFile,
  addOverlayFromUrl,
  overlaysOf,
  refreshOverlay,
  removeOverlay,
} from "~/modules/calendar/overlay-sources.server";
import { viewerZone } from "~/modules/calendar/page.server";
import { requirePermission } from "~/modules/workspaces/authz.server";
import { answer, typedValues } from "~/utils/action-data.server";
import { parseWith, readForm } from "~/utils/http.server";
import { invalid } from "~/utils/outcome";
import { formatIn } from "~/utils/time";

// Holiday and event overlays on the calendar (issue 21, decision 067): the team adds one from an
// .ics file or an address (read again daily), refreshes or removes it; its events show to everyone
// on the month and week views.

export const meta: MetaFunction = () => [{ title: "Holidays and events · Baton" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "calendar.overlays");
  const tz = viewerZone(ctx);
  const overlays = (await overlaysOf(ctx)).map((o) => ({
    ...o,
    lastRead: o.lastFetchedAt ? formatIn(o.lastFetchedAt, tz, "d LLL yyyy, HH:mm") : null,
    host: o.url ? new URL(o.url).host : null,
  }));
  return json({ slug: ctx.workspace.slug, overlays, maxMb: OVERLAY_MAX_BYTES / 1_000_000, timeZone: tz.replace(/_/g, " ") });
}

const INTENTS = ["add-file", "add-url", "refresh", "remove"] as const;
const intentSchema = z.object({ intent: z.enum(INTENTS, { errorMap: () => ({ message: "Unknown action." }) }) });
const tooLarge = `The file is larger than ${OVERLAY_MAX_BYTES / 1_000_000} MB.`;

/** The form: multipart when it carries a file; a part over 2 MB is refused before it is held whole. */
async function readBody(request: Request): Promise<{ form: FormData; tooLarge: boolean }> {
  if (!(request.headers.get("content-type") ?? "").startsWith("multipart/form-data"))
    return { form: await readForm(request), tooLarge: false };
  try {
    const handler = unstable_createMemoryUploadHandler({ maxPartSize: OVERLAY_MAX_BYTES });
    return { form: await unstable_parseMultipartFormData(request, handler), tooLarge: false };
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { form: new FormData(), tooLarge: true };
    throw json({ ok: false, errors: {}, formError: "The request body could not be read as a form." }, { status: 400 });
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "calendar.overlays");
  const { form, tooLarge: refused } = await readBody(request);
  if (refused) return answer(invalid(undefined, { file: [tooLarge] }), { intent: "add-file" });
  const which = parseWith(intentSchema, { intent: form.get("intent") ?? undefined });
  if (!which.success) return answer(invalid("Unknown action.", which.errors));
  const intent = which.data.intent;
  const added = ({ name, eventCount, truncated }: { name: string; eventCount: number; truncated: boolean }) =>
    `“${name}” added with ${eventCount} event${eventCount === 1 ? "" : "s"}${truncated ? " (the file had more; only the first were kept)" : ""}.`;

  if (intent === "add-file") {
    const parsed = parseWith(overlayFileSchema, form);
    if (!parsed.success) return answer(invalid(undefined, parsed.errors), { intent, values: typedValues(form, ["name"]) });
    return answer(await addOverlayFromFile(ctx, parsed.data), { intent, values: typedValues(form, ["name"]), notice: added });
  }
  if (intent === "add-url") {
    const values = typedValues(form, ["name", "url"]);
    const parsed = parseWith(overlayUrlSchema, form);
    if (!parsed.success) return answer(invalid(undefined, parsed.errors), { intent, values });
    return answer(await addOverlayFromUrl(ctx, parsed.data), { intent, values, notice: added });
  }
  const parsed = parseWith(overlayIdSchema, form);
  if (!parsed.success) return answer(invalid(undefined, parsed.errors), { intent });
  const target = parsed.data.overlayId;
  if (intent === "refresh")
    return answer(await refreshOverlay(ctx, target), {
      intent,
      target,
      notice: ({ name, eventCount }) => `“${name}” read again: ${eventCount} event${eventCount === 1 ? "" : "s"}.`,
    });
  return answer(await removeOverlay(ctx, target), { intent, target, notice: ({ name }) => `“${name}” removed from the calendar.` });
}

export default function CalendarOverlaysPage() {
  const data = useLoaderData<typeof loader>();
  const answered = useActionData<typeof action>() as OverlaysAnswer | undefined;
  return (
    <div className="space-y-6">
      <PageHeader
        title="Holidays and events"
        description="Public holidays, trade fairs or any other calendar, shown on the month and week views to everyone in the workspace."
        breadcrumbs={[{ label: "Calendar", to: `/w/${data.slug}/calendar` }]}
      />
      <OverlaysPanel data={data} answer={answered} />
    </div>
  );
}
