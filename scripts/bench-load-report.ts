// Times the monthly accountability report (issue 16, part 6) for every brand of the §8 workspace:
// the job as it runs at 09:00 on the first working day in each brand zone (figures, claims in
// report_sends, emails queued in the outbox), then the rendering of one email per brand lead, the
// email lane's share. Goal: all 50 brands in under a minute. Runs in the bench process on the
// benchmark's database, after the HTTP cases (it writes report_sends and jobs).
import { asc, eq } from "drizzle-orm";
import { performance } from "node:perf_hooks";
import { brands, workspaces } from "../db/schema";
import { renderEmail } from "../emails/render";
import { loadMonthlyReports } from "../app/modules/insights/monthly-report-data.server";
import { brandLeadsOf, reportEmail, sendDueMonthlyReports } from "../app/modules/insights/monthly-report.server";
import { monthOf, previousMonthOf, reportSendAt, type Month } from "../app/modules/insights/monthly-report-schedule";
import { openApp } from "./bench-load-insights";

export interface ReportTiming {
  month: Month;
  brands: number;
  emailsQueued: number;
  /** sendDueMonthlyReports at each zone's send time, summed. */
  jobMs: number;
  /** loadMonthlyReports for every brand at once: the figures alone. */
  figuresMs: number;
  /** One email per brand lead rendered (react-email, HTML and text). */
  renderMs: number;
  emailsRendered: number;
}

/** This month's send instant in `zone`, or last month's if this month's is still ahead. */
function lastSendAt(zone: string, now: Date): Date {
  const month = monthOf(now, zone);
  const at = reportSendAt(month, zone);
  return at <= now ? at : reportSendAt(previousMonthOf(month), zone);
}

export async function timeMonthlyReport(url: string, workspaceId: string): Promise<ReportTiming> {
  const open = await openApp(url);
  try {
    const db = open.db;
    const [workspace] = await db.select().from(workspaces).where(eq(workspaces.id, workspaceId));
    const rows = await db
      .select({ id: brands.id, name: brands.name, timeZone: brands.timeZone })
      .from(brands)
      .where(eq(brands.workspaceId, workspaceId))
      .orderBy(asc(brands.name));
    const now = new Date();
    // One run a minute after each zone's send time, earliest first, as the job's clock would wake.
    const instants = [...new Set(rows.map((b) => lastSendAt(b.timeZone, now).getTime() + 60_000))].sort((a, b) => a - b);
    let emailsQueued = 0;
    const t0 = performance.now();
    for (const at of instants) emailsQueued += await sendDueMonthlyReports(new Date(at));
    const jobMs = performance.now() - t0;

    const month = previousMonthOf(monthOf(new Date(instants[instants.length - 1]), workspace.timeZone));
    const t1 = performance.now();
    const reports = await loadMonthlyReports(workspace, rows, month, now);
    const figuresMs = performance.now() - t1;
    const leads = await brandLeadsOf(
      db,
      workspace.id,
      rows.map((b) => b.id),
    );
    const t2 = performance.now();
    let emailsRendered = 0;
    for (const report of reports)
      for (const person of leads.get(report.brand.id) ?? []) {
        await renderEmail("monthly-report", reportEmail(report, workspace, person).props);
        emailsRendered++;
      }
    const renderMs = performance.now() - t2;
    return { month, brands: rows.length, emailsQueued, jobMs, figuresMs, renderMs, emailsRendered };
  } finally {
    await open.close();
  }
}
