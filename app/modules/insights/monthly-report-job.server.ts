import { z } from "zod";
import { brands } from "@db/schema";
import { db, type Queryable } from "~/utils/db.server";
import { defineJob } from "~/modules/jobs/job-kinds";
import { enqueue } from "~/modules/jobs/queue.server";
import { nextCheckAt } from "./monthly-report-schedule";
import { sendDueMonthlyReports } from "./monthly-report.server";

/**
 * The monthly report's clock (issue 16, part 6), one job for the whole instance, following the
 * conflict log's (jobs.server.ts): each run sends what is due at its `now` and schedules the next
 * look (monthly-report-schedule.ts `nextCheckAt`: the next 09:00 of any brand's zone, at least
 * hourly). The dedupe key is the run time, so however many processes start the chain, one job
 * runs per instant, and two chains started apart meet at the next shared instant.
 */

export const MONTHLY_REPORT_JOB = "insights.monthly-report";

async function zones(q: Queryable): Promise<string[]> {
  return (await q.selectDistinct({ timeZone: brands.timeZone }).from(brands)).map((r) => r.timeZone);
}

/** Schedules the next look after `now` (idempotent per instant). Called at start-up and by each run. */
export async function ensureMonthlyReportScheduled(tx: Queryable, now: Date): Promise<void> {
  const runAt = nextCheckAt(now, await zones(tx));
  await enqueue(tx, { kind: MONTHLY_REPORT_JOB, payload: {}, runAt, dedupeKey: `${MONTHLY_REPORT_JOB}:${runAt.toISOString()}` });
}

async function run(now: Date): Promise<void> {
  await sendDueMonthlyReports(now);
  await db().transaction((tx) => ensureMonthlyReportScheduled(tx, now));
}

/** Registered in jobs/handlers.server.ts. */
export const monthlyReportJobs = {
  [MONTHLY_REPORT_JOB]: defineJob({ payload: z.object({}), run: (_payload, _job, now) => run(now) }),
};
