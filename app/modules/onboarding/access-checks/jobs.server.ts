import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { z } from "zod";
import { accessSteps, jobs, offboardingItems, onboardingLinks, platformConnections } from "@db/schema";
import { db, type Queryable } from "~/utils/db.server";
import { DAY_MS } from "~/utils/time";
import { defineJob, payloadId } from "~/modules/jobs/job-kinds";
import { enqueue } from "~/modules/jobs/queue.server";
import { audit } from "~/modules/audit/audit.server";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { linkScope } from "~/modules/workspaces/scope.server";
import { conflict, ok, type Outcome } from "~/utils/outcome";
import { realChecker, type AccessChecker } from "./checker.server";
import { providerOf } from "~/modules/connections/registry.server";
import { RECHECKED_STATUSES } from "./decide";
import { CHECK_JOB, runAccessCheck } from "./run.server";
import { agencyT } from "~/modules/i18n/agency";

/**
 * When grants are read again (decision 065): every night at 03:00 UTC, one chained job for the
 * instance (like the retention clock) queues one check per grant, so each grant's check has its own
 * lease and retries; and on demand from a brand's ledger ("Check now").
 */
export const NIGHTLY_JOB = "access-checks.nightly";
const NIGHTLY_HOUR_UTC = 3;

/** The next 03:00 UTC strictly after `now`. */
export function nextNightlyRun(now: Date): Date {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), NIGHTLY_HOUR_UTC);
  return new Date(today > now.getTime() ? today : today + DAY_MS);
}

export async function ensureNightlyChecksScheduled(tx: Queryable, now: Date): Promise<void> {
  const runAt = nextNightlyRun(now);
  await enqueue(tx, { kind: NIGHTLY_JOB, payload: {}, runAt, dedupeKey: `${NIGHTLY_JOB}:${runAt.toISOString()}` });
}

/** Grants a check reads again: verified or lost, or still held with an offboarding checklist open. */
function recheckable() {
  const offboarding = sql`exists (select 1 from ${offboardingItems} where ${offboardingItems.stepId} = ${accessSteps.id} and ${offboardingItems.doneAt} is null)`;
  return or(inArray(accessSteps.status, [...RECHECKED_STATUSES]), and(inArray(accessSteps.status, ["confirmed", "verified"]), offboarding));
}

async function queueRechecks(
  q: Queryable,
  steps: ReadonlyArray<{ id: string; workspaceId: string; platformKey: string }>,
  runKey: string,
  now: Date,
  brandId?: string,
): Promise<number> {
  const live = await q
    .select({ workspaceId: platformConnections.workspaceId, provider: platformConnections.provider })
    .from(platformConnections)
    .where(and(eq(platformConnections.status, "connected"), isNull(platformConnections.disconnectedAt)));
  const connected = new Set(live.map((c) => `${c.workspaceId}:${c.provider}`));
  let queued = 0;
  for (const step of steps) {
    const provider = providerOf(step.platformKey);
    if (!provider || !connected.has(`${step.workspaceId}:${provider}`)) continue;
    await enqueue(q, {
      kind: CHECK_JOB,
      workspaceId: step.workspaceId,
      runAt: now,
      dedupeKey: `${CHECK_JOB}:recheck:${step.id}:${runKey}`,
      payload: { stepId: step.id, purpose: "recheck", ...(brandId ? { brandId } : {}) },
      maxAttempts: 3,
    });
    queued += 1;
  }
  return queued;
}

/** The nightly run: one recheck per grant of every workspace with a connection, then the next night. */
export async function runNightlyChecks(now: Date): Promise<number> {
  const steps = await db()
    .select({ id: accessSteps.id, workspaceId: accessSteps.workspaceId, platformKey: accessSteps.platformKey })
    .from(accessSteps)
    .innerJoin(onboardingLinks, eq(onboardingLinks.id, accessSteps.linkId))
    .where(and(isNull(onboardingLinks.replacedById), recheckable()));
  return db().transaction(async (tx) => {
    const queued = await queueRechecks(tx, steps, now.toISOString().slice(0, 10), now);
    await ensureNightlyChecksScheduled(tx, now);
    return queued;
  });
}

/**
 * "Check now" on a brand's ledger: a check of every grant of the brand the member can see, queued
 * and audited in one transaction. Refused while a run for the brand is still going (two tabs).
 */
export async function checkBrandNow(ctx: MemberContext, brandId: string, now = new Date()): Promise<Outcome<{ queued: number }>> {
  return db().transaction(async (tx) => {
    if ((await pendingBrandChecks(tx, ctx.workspace.id, brandId)) > 0) return conflict(agencyT("errors.checkRunning"));
    const steps = await tx
      .select({ id: accessSteps.id, workspaceId: accessSteps.workspaceId, platformKey: accessSteps.platformKey })
      .from(accessSteps)
      .innerJoin(onboardingLinks, eq(onboardingLinks.id, accessSteps.linkId))
      .where(and(linkScope(ctx), eq(onboardingLinks.brandId, brandId), isNull(onboardingLinks.replacedById), recheckable()));
    const queued = await queueRechecks(tx, steps, `now:${now.getTime()}`, now, brandId);
    if (queued === 0) return conflict(agencyT("errors.nothingToCheck"));
    await audit(tx, ctx, { action: "access.check_requested", objectType: "brand", objectId: brandId, data: { grants: queued } });
    return ok({ queued });
  });
}

/** Checks of the brand's "Check now" still queued or running: the ledger shows them as progress. */
export async function pendingBrandChecks(q: Queryable, workspaceId: string, brandId: string): Promise<number> {
  const rows = await q
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        eq(jobs.kind, CHECK_JOB),
        eq(jobs.workspaceId, workspaceId),
        inArray(jobs.status, ["pending", "running"]),
        sql`${jobs.payload}->>'brandId' = ${brandId}`,
      ),
    );
  return rows.length;
}

const checkPayload = z.object({
  stepId: payloadId,
  purpose: z.enum(["verify", "recheck"]),
  version: z.number().int().nonnegative().optional(),
  assetId: z.string().max(500).optional(),
  attempt: z.number().int().positive().max(5).optional(),
  brandId: payloadId.optional(),
});

/** The job kinds, built around a checker: the registry uses the real one; tests pass their own. */
export function accessCheckJobs(checker: AccessChecker = realChecker) {
  return {
    [CHECK_JOB]: defineJob({ payload: checkPayload, run: (payload, _job, now) => runAccessCheck(payload, now, checker) }),
    [NIGHTLY_JOB]: defineJob({ payload: z.object({}), run: (_payload, _job, now) => runNightlyChecks(now) }),
  };
}
