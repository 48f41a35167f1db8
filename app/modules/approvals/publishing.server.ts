import { conflict, type Outcome } from "~/utils/outcome";
import { audit } from "~/modules/audit/audit.server";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { campaignOf, casUpdate, missingDeliverable, runCommand } from "./command.server";
import { nextStatus, type DeliverableStatus } from "./deliverable-status";
import { tellPublished } from "./notices.server";
import { findVisibleDeliverable } from "./scope.server";
import { canScheduleOrPublish } from "./signoff-rule";

/** The handoff to publishing (scheduled, published) and the admin's override of a block. */

type Target = { deliverableId: string };

/** The deliverable if the member sees it and holds `permission`; else the not-found outcome. */
async function visibleFor(ctx: MemberContext, deliverableId: string, permission: "drafts.publish" | "signoff.override") {
  const row = await findVisibleDeliverable(ctx, deliverableId);
  return row && ctx.can(permission) ? row : null;
}

const gateOf = (row: { status: string; overriddenAt: Date | null }) =>
  canScheduleOrPublish({ status: row.status as DeliverableStatus, overridden: row.overriddenAt !== null });

export async function markScheduled(ctx: MemberContext, input: Target): Promise<Outcome> {
  const row = await visibleFor(ctx, input.deliverableId, "drafts.publish");
  if (!row) return missingDeliverable();
  const gate = gateOf(row);
  if (!gate.ok) return conflict(gate.message);
  return runCommand(async (tx) => {
    await casUpdate(tx, row, { status: nextStatus(row.status as DeliverableStatus, "schedule") });
    await audit(tx, ctx, {
      action: "deliverable.scheduled",
      objectType: "deliverable",
      objectId: row.id,
      data: { title: row.title, version: row.currentVersion, publishAt: row.publishAt.toISOString() },
    });
    return undefined;
  });
}

export async function markUnscheduled(ctx: MemberContext, input: Target): Promise<Outcome> {
  const row = await visibleFor(ctx, input.deliverableId, "drafts.publish");
  if (!row) return missingDeliverable();
  return runCommand(async (tx) => {
    await casUpdate(tx, row, { status: nextStatus(row.status as DeliverableStatus, "unschedule") });
    await audit(tx, ctx, { action: "deliverable.unscheduled", objectType: "deliverable", objectId: row.id, data: { title: row.title } });
    return undefined;
  });
}

export async function markPublished(ctx: MemberContext, input: Target & { liveUrl: string }): Promise<Outcome> {
  const row = await visibleFor(ctx, input.deliverableId, "drafts.publish");
  if (!row) return missingDeliverable();
  const gate = gateOf(row);
  if (!gate.ok) return conflict(gate.message);
  if (row.status !== "scheduled") return conflict("Mark it scheduled first, then published once it is live.");
  const now = new Date();
  return runCommand(async (tx) => {
    const campaign = await campaignOf(tx, row);
    await casUpdate(tx, row, { status: nextStatus(row.status as DeliverableStatus, "publish"), liveUrl: input.liveUrl });
    await audit(tx, ctx, {
      action: "deliverable.published",
      objectType: "deliverable",
      objectId: row.id,
      data: { title: row.title, version: row.currentVersion, liveUrl: input.liveUrl },
    });
    await tellPublished(tx, { row, campaign, publisherId: ctx.user.id, liveUrl: input.liveUrl, at: now });
    return undefined;
  });
}

/** An admin accepts the missing sign-off of a blocked deliverable, with a reason: audited as an exception. */
export async function overrideBlock(ctx: MemberContext, input: Target & { reason: string }): Promise<Outcome> {
  const row = await visibleFor(ctx, input.deliverableId, "signoff.override");
  if (!row) return missingDeliverable();
  if (row.status !== "blocked") return conflict("Only a blocked deliverable can be overridden.");
  const now = new Date();
  return runCommand(async (tx) => {
    const next = nextStatus(row.status as DeliverableStatus, "override");
    await casUpdate(tx, row, { status: next, overrideReason: input.reason, overriddenAt: now, overriddenBy: ctx.user.id });
    await audit(tx, ctx, {
      action: "deliverable.override",
      objectType: "deliverable",
      objectId: row.id,
      data: {
        title: row.title,
        reason: input.reason,
        exception: true,
        version: row.currentVersion,
        publishAt: row.publishAt.toISOString(),
      },
    });
    return undefined;
  });
}
