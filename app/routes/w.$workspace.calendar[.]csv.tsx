import type { LoaderFunctionArgs } from "@remix-run/node";
import { calendarCsv } from "~/modules/calendar/export.server";
import { calendarPageData } from "~/modules/calendar/page.server";
import { requirePermission } from "~/modules/workspaces/authz.server";
import { env } from "~/utils/env.server";

/** The calendar's list view as CSV: same period and filters as the page (its query string). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "calendar.view");
  const url = new URL(request.url);
  url.searchParams.set("view", "list");
  const data = await calendarPageData(ctx, url, new Date(), { uncapped: true });
  const name = `calendar-${ctx.workspace.slug.replace(/[^a-z0-9-]/g, "")}-${data.period.monthParam}.csv`;
  return new Response(calendarCsv(data.items, env().APP_URL), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
