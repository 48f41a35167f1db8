import { and, eq, isNull } from "drizzle-orm";
import { accessChecks, accessSteps, offboardingItems, onboardingLinks, platformConnections, workspaces } from "@db/schema";
import type { CheckRequest } from "~/modules/connections/driver";
import { db, type Queryable } from "~/utils/db.server";
import { enqueue } from "~/modules/jobs/queue.server";
import { audit } from "~/modules/audit/audit.server";
import { systemContext, type ActorContext } from "~/modules/workspaces/authz.server";
import { isPlatformKey } from "../catalog";
import { isAccessStatus } from "../access-status";
import { applyStepEvent, type CheckFacts, type StepRow } from "../steps.server";
import { maybeAllVerified } from "../step-decisions.server";
import { revokeWhenChecklistDone } from "../ledger.server";
import { realChecker, type AccessChecker } from "./checker.server";
import { providerOf } from "~/modules/connections/registry.server";
import { decideCheck, VERIFY_RETRY_AFTER_MS, type CheckDecision, type CheckPurpose } from "./decide";
import { grantLost } from "./lost.server";

/**
 * Runs one platform check for one access step (decision 065): read the step, ask the platform
 * outside any transaction (a slow API holds no lock), then in one transaction re-read the step and
 * apply what decide.ts says only if the step is still what was checked (compare-and-set on its row
 * version): a client who changed the asset, or a person who decided first, wins cleanly and the
 * reading is dropped. Without a connection nothing is read and nothing written.
 */

export const CHECK_JOB = "access-checks.check";

export interface CheckJobPayload {
  stepId: string;
  purpose: "verify" | "recheck";
  /** For "verify": the step as the client confirmed it; a change since makes the check moot. */
  version?: number;
  assetId?: string;
  attempt?: number;
  /** For "Check now": who asked (the ledger shows the run's progress). */
  brandId?: string;
}

export type CheckRun = { ran: false; why: "stale" | "no_connection" | "no_driver" } | { ran: true; decision: CheckDecision };

/** A live connection of the provider that can read this platform: only then is a check queued. */
export async function hasLiveConnection(q: Queryable, workspaceId: string, platformKey: string): Promise<boolean> {
  const provider = providerOf(platformKey);
  if (!provider) return false;
  const rows = await q
    .select({ id: platformConnections.id })
    .from(platformConnections)
    .where(
      and(
        eq(platformConnections.workspaceId, workspaceId),
        eq(platformConnections.provider, provider),
        eq(platformConnections.status, "connected"),
        isNull(platformConnections.disconnectedAt),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/**
 * After the client confirmed (in the confirmation's transaction): a check of the asset just claimed,
 * when the workspace has connected the platform's provider. Otherwise verification stays manual.
 */
export async function queueVerifyCheck(tx: Queryable, step: StepRow, now: Date): Promise<void> {
  if (step.status !== "confirmed" || !step.assetId) return;
  if (!(await hasLiveConnection(tx, step.workspaceId, step.platformKey))) return;
  await enqueue(tx, {
    kind: CHECK_JOB,
    workspaceId: step.workspaceId,
    runAt: now,
    dedupeKey: `${CHECK_JOB}:verify:${step.id}:${step.rowVersion}:1`,
    payload: { stepId: step.id, purpose: "verify", version: step.rowVersion, assetId: step.assetId, attempt: 1 },
  });
}

function requestOf(step: StepRow): CheckRequest | null {
  if (!isPlatformKey(step.platformKey) || !step.assetId || !providerOf(step.platformKey)) return null;
  return { platform: step.platformKey, assetId: step.assetId, role: step.role };
}

/** The step is what the job was queued for: the same version and asset for a verify check. */
function stillCurrent(step: StepRow | undefined, payload: CheckJobPayload): step is StepRow {
  if (!step) return false;
  if (payload.purpose !== "verify") return true;
  return step.rowVersion === payload.version && step.assetId === payload.assetId && step.status === "confirmed";
}

/** A recheck of a grant being offboarded reads as an offboarding check: gone ticks the client's item. */
async function openOffboardingItem(q: Queryable, stepId: string) {
  const rows = await q
    .select()
    .from(offboardingItems)
    .where(and(eq(offboardingItems.stepId, stepId), eq(offboardingItems.side, "client"), isNull(offboardingItems.doneAt)))
    .limit(1);
  return rows[0] ?? null;
}

export async function runAccessCheck(payload: CheckJobPayload, now: Date, checker: AccessChecker = realChecker): Promise<CheckRun> {
  const read = await db().query.accessSteps.findFirst({ where: eq(accessSteps.id, payload.stepId) });
  if (!stillCurrent(read, payload)) return { ran: false, why: "stale" };
  const request = requestOf(read);
  if (!request) return { ran: false, why: "no_driver" };
  const item = payload.purpose === "recheck" ? await openOffboardingItem(db(), read.id) : null;
  const purpose: CheckPurpose = item ? "offboarding" : payload.purpose;

  const answer = await checker(read.workspaceId, request);
  if ("noConnection" in answer) return { ran: false, why: "no_connection" };
  const { result } = answer;

  return db().transaction(async (tx): Promise<CheckRun> => {
    const [step] = await tx.select().from(accessSteps).where(eq(accessSteps.id, read.id)).for("update");
    // Compare-and-set: anything that changed the step since it was read (a new asset, a person's decision) wins.
    if (!step || step.rowVersion !== read.rowVersion || !stillCurrent(step, payload)) return { ran: false, why: "stale" };
    const status = isAccessStatus(step.status) ? step.status : "requested";
    const decision = decideCheck({ purpose, status, outcome: result.outcome, attempt: payload.attempt });
    if (decision.kind === "stale") return { ran: false, why: "stale" };

    const facts: CheckFacts = {
      outcome: result.outcome,
      confirms: result.confirms,
      reason: result.reason,
      evidence: result.evidence,
      ...(result.observedRole ? { observedRole: result.observedRole } : {}),
    };
    await tx.insert(accessChecks).values({
      workspaceId: step.workspaceId,
      stepId: step.id,
      connectionId: answer.connectionId,
      purpose,
      outcome: result.outcome,
      confirms: result.confirms,
      detail: {
        reason: result.reason,
        assetId: step.assetId,
        role: step.role,
        evidence: result.evidence,
        observedRole: result.observedRole,
      },
      checkedAt: now,
    });
    const [workspace] = await tx.select().from(workspaces).where(eq(workspaces.id, step.workspaceId));
    const ctx = systemContext(workspace, "automatic access check");
    await applyDecision(tx, ctx, { step, decision, facts, payload, itemId: item?.id ?? null, now });
    return { ran: true, decision };
  });
}

/** Observations that change no state: when the grant was last looked at, and last seen. No version bump. */
async function observe(tx: Queryable, stepId: string, now: Date, seen: boolean) {
  await tx
    .update(accessSteps)
    .set(seen ? { lastCheckedAt: now, lastSeenAt: now } : { lastCheckedAt: now })
    .where(eq(accessSteps.id, stepId));
}

async function applyDecision(
  tx: Queryable,
  ctx: ActorContext,
  input: { step: StepRow; decision: CheckDecision; facts: CheckFacts; payload: CheckJobPayload; itemId: string | null; now: Date },
) {
  const { step, decision, facts, now } = input;
  switch (decision.kind) {
    case "verify": {
      const r = await applyStepEvent(tx, ctx, { step, event: "verify", actor: "check", check: facts, now });
      if (!r.ok) return;
      const [link] = await tx.select().from(onboardingLinks).where(eq(onboardingLinks.id, step.linkId));
      if (link) await maybeAllVerified(tx, link, ctx, now);
      return;
    }
    case "lose": {
      const r = await applyStepEvent(tx, ctx, { step, event: "lose", actor: "check", reason: facts.reason, check: facts, now });
      if (r.ok) await grantLost(tx, ctx, r.value.step, facts, now);
      return;
    }
    case "seen":
      return observe(tx, step.id, now, true);
    case "still_held":
      return observe(tx, step.id, now, true);
    case "checked":
    case "person":
      return observe(tx, step.id, now, false);
    case "offboarded": {
      await observe(tx, step.id, now, false);
      if (!input.itemId) return;
      const done = await tx
        .update(offboardingItems)
        .set({ doneAt: now, doneBy: null, doneVia: "check" })
        .where(and(eq(offboardingItems.id, input.itemId), isNull(offboardingItems.doneAt)))
        .returning();
      if (!done[0]) return;
      await audit(tx, ctx, {
        action: "offboarding.item_done",
        objectType: "offboarding_item",
        objectId: input.itemId,
        data: { platform: step.platformKey, side: done[0].side, via: "check", check: facts },
      });
      await revokeWhenChecklistDone(tx, ctx, step.id, now);
      return;
    }
    case "inconclusive": {
      // "Couldn't check": the reading is recorded, nothing else changes; the after-confirm check tries once more.
      if (!decision.retry) return;
      const attempt = (input.payload.attempt ?? 1) + 1;
      await enqueue(tx, {
        kind: CHECK_JOB,
        workspaceId: step.workspaceId,
        runAt: new Date(now.getTime() + VERIFY_RETRY_AFTER_MS),
        dedupeKey: `${CHECK_JOB}:verify:${step.id}:${step.rowVersion}:${attempt}`,
        payload: { ...input.payload, attempt },
      });
      return;
    }
    case "stale":
      return;
  }
}
