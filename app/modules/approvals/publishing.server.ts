import { conflict, type Outcome } from "~/utils/outcome";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { campaignOf, casUpdate, missingDeliverable, runCommand } from "./command.server";
import { nextState, nextStatus, stateOf } from "./deliverable-status";
import { appendEvidence, auditWithEvidence, sealEvidence, withEvidence } from "./evidence/ledger.server";
import { audit } from "~/modules/audit/audit.server";
import { tellPublished } from "./notices.server";
import { findVisibleDeliverable } from "./scope.server";
import { canScheduleOrPublish } from "./signoff-rule";
// Insights (decision 053): each handoff to publishing is a 48-hour-rule outcome.
import { recordPublishOutcome } from "~/modules/insights/approval-facts.server";

/**
 * The handoff to publishing (scheduled, published) and the admin's override of a block. The blocked
 * flag refuses schedule and publish through the transition table (decision 052).
 */

type Target = { deliverableId: string };

/** The deliverable if the member sees it and holds `permission`; else the not-found outcome. */
async function visibleFor(ctx: MemberContext, deliverableId: string, permission: "drafts.publish" | "signoff.override") {
  const row = await findVisibleDeliverable(ctx, deliverableId);
  return row && ctx.can(permission) ? row : null;
}

const gateOf = (row: { status: string; blocked: boolean }) => canScheduleOrPublish(stateOf(row));

export async function markScheduled(ctx: MemberContext, input: Target): Promise<Outcome> {
  const row = await visibleFor(ctx, input.deliverableId, "drafts.publish");
  if (!row) return missingDeliverable();
  const gate = gateOf(row);
  if (!gate.ok) return conflict(gate.message);
  return runCommand(async (tx) => {
    await casUpdate(tx, row, { status: nextStatus(row, "schedule") });
    await auditWithEvidence(tx, ctx, row, {
      action: "deliverable.scheduled",
      objectType: "deliverable",
      objectId: row.id,
      // Whether it went out on an override, as the insights backfill reads it (decision 053).
      data: {
        title: row.title,
        version: row.currentVersion,
        publishAt: row.publishAt.toISOString(),
        overridden: row.overriddenAt !== null,
      },
    });
    await recordPublishOutcome(tx, { deliverable: row, event: "scheduled", at: new Date(), personId: ctx.user.id });
    return undefined;
  });
}

export async function markUnscheduled(ctx: MemberContext, input: Target): Promise<Outcome> {
  const row = await visibleFor(ctx, input.deliverableId, "drafts.publish");
  if (!row) return missingDeliverable();
  return runCommand(async (tx) => {
    await casUpdate(tx, row, { status: nextStatus(row, "unschedule") });
    await auditWithEvidence(tx, ctx, row, {
      action: "deliverable.unscheduled",
      objectType: "deliverable",
      objectId: row.id,
      data: { title: row.title },
    });
    return undefined;
  });
}

export async function markPublished(ctx: MemberContext, input: Target & { liveUrl: string }, now = new Date()): Promise<Outcome> {
  const row = await visibleFor(ctx, input.deliverableId, "drafts.publish");
  if (!row) return missingDeliverable();
  const gate = gateOf(row);
  if (!gate.ok) return conflict(gate.message);
  if (row.status !== "scheduled") return conflict("Mark it scheduled first, then published once it is live.");
  return runCommand(async (tx) => {
    const campaign = await campaignOf(tx, row);
    await casUpdate(tx, row, { status: nextStatus(row, "publish"), liveUrl: input.liveUrl });
    await auditWithEvidence(
      tx,
      ctx,
      row,
      {
        action: "deliverable.published",
        objectType: "deliverable",
        objectId: row.id,
        data: { title: row.title, version: row.currentVersion, liveUrl: input.liveUrl },
      },
      now,
    );
    await recordPublishOutcome(tx, { deliverable: row, event: "published", at: now, personId: ctx.user.id });
    await tellPublished(tx, { row, campaign, publisherId: ctx.user.id, liveUrl: input.liveUrl, at: now });
    return undefined;
  });
}

/**
 * An admin accepts the missing sign-off of a blocked deliverable, with a reason: the flag clears
 * and the override stands in for the sign-off (signed off), audited and counted as an exception.
 */
export async function overrideBlock(ctx: MemberContext, input: Target & { reason: string }, now = new Date()): Promise<Outcome> {
  const row = await visibleFor(ctx, input.deliverableId, "signoff.override");
  if (!row) return missingDeliverable();
  const state = stateOf(row);
  if (!state.blocked) return conflict("Only a blocked deliverable can be overridden.");
  return runCommand(async (tx) => {
    const next = nextState(state, "override");
    await casUpdate(tx, row, {
      status: next.status,
      blocked: next.blocked,
      overrideReason: input.reason,
      overriddenAt: now,
      overriddenBy: ctx.user.id,
    });
    const event = {
      action: "deliverable.override",
      objectType: "deliverable",
      objectId: row.id,
      data: {
        title: row.title,
        reason: input.reason,
        exception: true,
        statusFrom: state.status,
        version: row.currentVersion,
        publishAt: row.publishAt.toISOString(),
      },
    };
    // Evidence (decision 057): appended to a sealed pack, or the override seals the first one; the hash goes into this event.
    const evidence =
      (await appendEvidence(tx, ctx, row, event, now)) ??
      (await sealEvidence(
        tx,
        ctx,
        { ...row, status: next.status, overrideReason: input.reason, overriddenAt: now },
        {
          kind: "override",
          at: now,
          pending: { override: { label: ctx.actor.label, ip: ctx.actor.ip, reason: input.reason } },
        },
      ));
    await audit(tx, ctx, withEvidence(event, evidence));
    await recordPublishOutcome(tx, { deliverable: { ...row, overriddenAt: now }, event: "overridden", at: now, personId: ctx.user.id });
    return undefined;
  });
}
