import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { CSV_TABLES, csvRows, isCsvTable } from "~/modules/insights/csv-tables";
import { insightsFilterFor } from "~/modules/insights/page.server";
import { loadInsightsReport } from "~/modules/insights/queries.server";
import { loadStuck } from "~/modules/insights/stuck.server";
import { requirePermission } from "~/modules/workspaces/authz.server";
import { csvLine } from "~/utils/csv";
import { env } from "~/utils/env.server";

/** One table of the insights page as CSV (?table=…), with the page's own filters; "stuck" is the stuck-now list. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "insights.view");
  const url = new URL(request.url);
  const tables = url.searchParams.getAll("table");
  if (tables.length !== 1 || !isCsvTable(tables[0]))
    throw json({ message: `Choose one table to download: ${CSV_TABLES.join(", ")}.` }, { status: 400 });
  const table = tables[0];
  const now = new Date();
  const asked = await insightsFilterFor(ctx, url, now);
  if (!asked.ok) throw json({ message: asked.problem.message }, { status: 400 });
  const { filter } = asked.value;
  const [report, stuck] = await Promise.all([
    loadInsightsReport(ctx, filter, now),
    table === "stuck" ? loadStuck(ctx, now).then((s) => s.groups) : Promise.resolve([]),
  ]);
  const { header, rows } = csvRows(table, report, stuck, env().APP_URL);
  const body = [header, ...rows].map(csvLine).join("");
  const name = `insights-${table}-${filter.period.from}-to-${filter.period.to}.csv`;
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
