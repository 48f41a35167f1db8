import { count } from "drizzle-orm";
import { migrate, openDatabase, type OpenDatabase } from "@db/client";
import { workspaces } from "@db/schema";
import { seedDemo } from "@db/seed";
import { installDb } from "~/utils/db.server";
import { backfillInsights } from "~/modules/insights/backfill.server";
import { ensureConflictLogScheduled } from "~/modules/insights/jobs.server";
import { ensureSignoffDigestsScheduled } from "~/modules/approvals/signoff-digest/schedule.server";
import { ensureMonthlyReportScheduled } from "~/modules/insights/monthly-report-job.server";
import { ensureRetentionScheduled } from "~/modules/jobs/retention.server";
import { ensureNightlyChecksScheduled } from "~/modules/onboarding/access-checks/jobs.server";
import { ensureOverlayRefreshScheduled } from "~/modules/calendar/overlay-jobs.server";
import type { Env } from "~/utils/env.server";

/** Opens the database (PostgreSQL if DATABASE_URL, else embedded PGlite), migrates, seeds once. */
export async function boot(e: Env, opts: { seed: boolean }): Promise<OpenDatabase & { seeded: boolean }> {
  const open = await openDatabase({ databaseUrl: e.DATABASE_URL, dataDir: e.DATA_DIR });
  await migrate(open);
  installDb(open.db);
  let seeded = false;
  if (opts.seed && e.SEED_DEMO) {
    const [{ n }] = await open.db.select({ n: count() }).from(workspaces);
    if (n === 0) {
      await seedDemo(open.db);
      seeded = true;
    }
  }
  // Insights (decision 053): facts from what happened before they were recorded (once), and the clocks of its jobs.
  await backfillInsights(open.db);
  await open.db.transaction(async (tx) => {
    await ensureConflictLogScheduled(tx, new Date());
    // The monthly accountability report's clock (issue 16): 09:00 on each brand's first working day.
    await ensureMonthlyReportScheduled(tx, new Date());
    // Finished jobs and old idempotency keys are let go hourly (decision 063).
    await ensureRetentionScheduled(tx, new Date());
    // Verified grants are read again from the platforms every night at 03:00 UTC (decision 065).
    await ensureNightlyChecksScheduled(tx, new Date());
    // Calendar overlays read from a URL are read again every day at 04:00 UTC (decision 067).
    await ensureOverlayRefreshScheduled(tx, new Date());
  });
  // Each brand's daily sign-off digest at 08:00 its time (issue 17 part 3); idempotent per slot.
  await open.db.transaction((tx) => ensureSignoffDigestsScheduled(tx, new Date()));
  return { ...open, seeded };
}
