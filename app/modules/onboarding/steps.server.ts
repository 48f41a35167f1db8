import { and, eq, sql } from "drizzle-orm";
import { accessSteps } from "@db/schema";
import type { Queryable } from "~/utils/db.server";
import { conflict, isDomainError, ok, type Outcome } from "~/utils/outcome";
import { audit } from "~/modules/audit/audit.server";
import { emitWebhook } from "~/modules/webhooks/webhooks.server";
import { recordAccessVerified } from "~/modules/insights/access-facts.server";
import type { ActorContext } from "~/modules/workspaces/authz.server";
import { isAccessStatus, isRepeatedAccessEvent, nextAccessStatus, type AccessActor, type AccessEvent } from "./access-status";
import { agencyT } from "~/modules/i18n/agency";

export type StepRow = typeof accessSteps.$inferSelect;

/** `changed` false: the event repeated what the step already holds, and nothing was written. */
export type StepChange = { step: StepRow; changed: boolean };

const AUDIT_ACTION: Record<AccessEvent, string> = {
  confirm: "access.confirmed",
  mark_not_applicable: "access.not_applicable",
  verify: "access.verified",
  reject: "access.rejected",
  revoke: "access.revoked",
  reopen: "access.reopened",
  lose: "access.lost",
};

const WEBHOOK: Partial<
  Record<AccessEvent, "onboarding.step_confirmed" | "access.verified" | "access.rejected" | "access.revoked" | "access.lost">
> = {
  confirm: "onboarding.step_confirmed",
  verify: "access.verified",
  reject: "access.rejected",
  revoke: "access.revoked",
  lose: "access.lost",
};

/**
 * What a platform check answered, when the actor is "check" (decision 065): recorded in the audit
 * event (what was confirmed, presence or role, and the trimmed facts), never a credential.
 */
export interface CheckFacts {
  outcome: string;
  confirms: string;
  reason: string;
  evidence: Record<string, unknown>;
  observedRole?: string;
}

/**
 * Moves one platform step through the access state machine: the table in access-status.ts says
 * whether it may, and the UPDATE is compare-and-set on the status and row version read, so of
 * concurrent decisions exactly one wins and the rest get 409. The audit event and the webhook go
 * in the same transaction. An event that repeats what the step already holds (the table's
 * `repeatIfSame`: twenty clicks on "I've granted access") writes nothing, before or after losing
 * the compare-and-set to its own twin.
 */
export async function applyStepEvent(
  tx: Queryable,
  ctx: ActorContext,
  input: {
    step: StepRow;
    event: AccessEvent;
    /** Which side acts, for the state machine's table (the audit's actor comes from `ctx`). */
    actor: AccessActor;
    assetId?: string | null;
    reason?: string | null;
    /** The version the person saw; a stale page gets 409 instead of deciding on old information. */
    expectedVersion?: number;
    /** The platform's answer, when a check acts (actor "check"). */
    check?: CheckFacts;
    now: Date;
  },
): Promise<Outcome<StepChange>> {
  const { step, event, now } = input;
  if (input.expectedVersion !== undefined && input.expectedVersion !== step.rowVersion) {
    return conflict(agencyT("errors.stepChanged"));
  }
  const from = isAccessStatus(step.status) ? step.status : "requested";
  const eventInput = { type: event, actor: input.actor, assetId: input.assetId, reason: input.reason };
  let to;
  try {
    to = nextAccessStatus(from, eventInput);
  } catch (error) {
    // The state machine's refusal already carries its kind: a wrong state is a conflict, the rest invalid.
    if (isDomainError(error)) return { ok: false, problem: error.problem };
    throw error;
  }
  if (isRepeatedAccessEvent({ status: from, assetId: step.assetId }, eventInput)) return ok({ step, changed: false });
  const patch: Partial<typeof accessSteps.$inferInsert> = { status: to, updatedAt: now };
  if (event === "confirm") Object.assign(patch, { assetId: input.assetId ?? null, confirmedAt: now, rejectionReason: null });
  if (event === "mark_not_applicable") Object.assign(patch, { notApplicableReason: input.reason ?? null });
  if (event === "verify")
    Object.assign(patch, {
      verifiedAt: now,
      verifiedBy: input.actor === "check" ? null : ctx.actor.userId,
      verifiedVia: input.actor === "check" ? "check" : "person",
      lostAt: null,
      ...(input.actor === "check" ? { lastSeenAt: now, lastCheckedAt: now } : {}),
    });
  if (event === "lose") Object.assign(patch, { lostAt: now, lastCheckedAt: now });
  if (event === "reject")
    Object.assign(patch, { rejectedAt: now, rejectionReason: input.reason ?? null, verifiedAt: null, verifiedBy: null, verifiedVia: null });
  if (event === "revoke") Object.assign(patch, { revokedAt: now });
  if (event === "reopen")
    Object.assign(patch, {
      notApplicableReason: null,
      confirmedAt: null,
      verifiedAt: null,
      verifiedBy: null,
      verifiedVia: null,
      revokedAt: null,
    });

  const rows = await tx
    .update(accessSteps)
    .set({ ...patch, rowVersion: sql`${accessSteps.rowVersion} + 1` })
    .where(and(eq(accessSteps.id, step.id), eq(accessSteps.status, step.status), eq(accessSteps.rowVersion, step.rowVersion)))
    .returning();
  const updated = rows[0];
  if (!updated) {
    // Lost to a concurrent change: if that change was this very event, the step holds what was asked.
    const [current] = await tx.select().from(accessSteps).where(eq(accessSteps.id, step.id));
    if (
      current &&
      isAccessStatus(current.status) &&
      isRepeatedAccessEvent({ status: current.status, assetId: current.assetId }, eventInput)
    ) {
      return ok({ step: current, changed: false });
    }
    return conflict(agencyT("errors.stepChangedMeanwhile"));
  }

  const data = {
    linkId: step.linkId,
    stepId: step.id,
    platform: step.platformKey,
    role: step.role,
    from,
    to,
    assetId: updated.assetId,
    reason: input.reason ?? undefined,
    ...(input.actor === "check" ? { via: "check" } : event === "verify" ? { via: "person" } : {}),
    ...(input.check ? { check: input.check } : {}),
  };
  await audit(tx, ctx, { action: AUDIT_ACTION[event], objectType: "access_step", objectId: step.id, data });
  // Insights (decision 053): time to verified access, per platform.
  if (event === "verify") await recordAccessVerified(tx, ctx, updated);
  const hook = WEBHOOK[event];
  if (hook) {
    await emitWebhook(tx, step.workspaceId, hook, {
      linkId: step.linkId,
      stepId: step.id,
      platform: step.platformKey,
      role: step.role,
      assetId: updated.assetId,
      status: to,
      ...(event === "reject" || event === "lose" ? { reason: input.reason } : {}),
      ...(event === "verify" ? { via: input.actor === "check" ? "check" : "person" } : {}),
      at: now.toISOString(),
    });
  }
  return ok({ step: updated, changed: true });
}
