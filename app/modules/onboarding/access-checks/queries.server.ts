import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import { accessChecks, accessSteps, platformConnections } from "@db/schema";
import { pendingBrandChecks } from "./jobs.server";
import { db, type Queryable } from "~/utils/db.server";
import { checkPurposes, standingOf, type CheckPurpose } from "./decide";
import type { StepCheckView } from "./view";
import type { CheckOutcome } from "~/modules/connections/driver";

type Step = Pick<typeof accessSteps.$inferSelect, "id" | "verifiedVia" | "lastCheckedAt" | "lastSeenAt" | "lostAt">;

const OUTCOMES: readonly string[] = ["found", "weaker_role", "not_found", "unavailable", "unknown"];

/** The check view of each step (by id): its observation columns and its latest reading. */
export async function stepCheckViews(steps: readonly Step[], q: Queryable = db()): Promise<Map<string, StepCheckView>> {
  const ids = steps.map((s) => s.id);
  const rows = ids.length
    ? await q
        .select()
        .from(accessChecks)
        .where(inArray(accessChecks.stepId, ids))
        .orderBy(desc(accessChecks.checkedAt), desc(accessChecks.id))
    : [];
  const latest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) if (!latest.has(row.stepId)) latest.set(row.stepId, row);
  return new Map(
    steps.map((s) => {
      const row = latest.get(s.id);
      const purpose = (checkPurposes as readonly string[]).includes(row?.purpose ?? "") ? (row!.purpose as CheckPurpose) : "verify";
      const outcome = OUTCOMES.includes(row?.outcome ?? "") ? (row!.outcome as CheckOutcome) : "unknown";
      const reason = typeof row?.detail.reason === "string" ? row.detail.reason : "";
      return [
        s.id,
        {
          verifiedVia: s.verifiedVia === "check" || s.verifiedVia === "person" ? s.verifiedVia : null,
          lastCheckedAt: s.lastCheckedAt?.toISOString() ?? null,
          lastSeenAt: s.lastSeenAt?.toISOString() ?? null,
          lostAt: s.lostAt?.toISOString() ?? null,
          latest: row
            ? {
                standing: standingOf(outcome, purpose),
                reason,
                checkedAt: row.checkedAt.toISOString(),
                confirms: row.confirms === "presence" ? "presence" : "role",
              }
            : null,
        },
      ];
    }),
  );
}

/**
 * What the brand's ledger shows of the checks: each grant's check view, how many "Check now" checks
 * are still running, and whether the workspace has a connection at all (else no "Check now").
 */
export async function ledgerChecks(workspaceId: string, brandId: string, grantIds: readonly string[]) {
  const steps = grantIds.length
    ? await db()
        .select()
        .from(accessSteps)
        .where(inArray(accessSteps.id, [...grantIds]))
    : [];
  const [views, running, live] = await Promise.all([
    stepCheckViews(steps),
    pendingBrandChecks(db(), workspaceId, brandId),
    db()
      .select({ id: platformConnections.id })
      .from(platformConnections)
      .where(
        and(
          eq(platformConnections.workspaceId, workspaceId),
          eq(platformConnections.status, "connected"),
          isNull(platformConnections.disconnectedAt),
        ),
      )
      .limit(1),
  ]);
  return { checks: Object.fromEntries(views), runningChecks: running, connected: live.length > 0 };
}
