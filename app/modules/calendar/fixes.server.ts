// Fixes for conflicts (issue 21): the nearest publish times that clear a deliverable's conflicts,
// starting from approvals' earliest allowed publish time, and the what-if of a move (the confirm step
// before the same reschedule service the deliverable page uses). Reads only; nothing moves here.

import { and, eq, gte, inArray, lte, or } from "drizzle-orm";
import { brandBlackouts, campaigns, deliverables } from "@db/schema";
import { db } from "~/utils/db.server";
import { invalid, notFound, ok, type Outcome } from "~/utils/outcome";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { inWorkspace } from "~/modules/workspaces/scope.server";
import { earliestPublishFor } from "~/modules/approvals/earliest-publish.server";
import { publishAtProblem } from "~/modules/approvals/publish-time";
import { findVisibleDeliverable, windowHoursFor } from "~/modules/approvals/scope.server";
import { DAY_MS, MINUTE_MS } from "~/utils/time";
import { loadSnapshot } from "./calendar.server";
import { nearestClearingTimes, type ClearingTime } from "./conflicts/nearest-times";
import type { Brand, Deliverable } from "./conflicts/types";
import { loadBrands } from "./snapshot-rows.server";
import { whatIf, type WhatIf } from "./what-if";

/** Suggestions are worked out for this many deliverables per page (each costs a few queries); the rest get the free-form move. */
export const SUGGESTED_PER_PAGE = 25;
/** How far past the later of its time and the earliest allowed one a suggestion may lie (what is loaded around it). */
const HORIZON_MS = 180 * DAY_MS;

/** The nearest clearing times of each deliverable (ids the viewer may move), by id; a deliverable with none is left out. */
export async function suggestionsFor(ctx: MemberContext, ids: readonly string[], now = new Date()): Promise<Map<string, ClearingTime[]>> {
  const out = new Map<string, ClearingTime[]>();
  const wanted = [...new Set(ids)].slice(0, SUGGESTED_PER_PAGE);
  if (wanted.length === 0) return out;
  const [rows, brandMap, blackouts] = await Promise.all([
    db()
      .select({ d: deliverables, campaign: campaigns })
      .from(deliverables)
      .innerJoin(campaigns, eq(campaigns.id, deliverables.campaignId))
      .where(and(inWorkspace(ctx, deliverables.workspaceId), inArray(deliverables.id, wanted))),
    loadBrands(ctx),
    db().select().from(brandBlackouts).where(inWorkspace(ctx, brandBlackouts.workspaceId)),
  ]);
  const brands: Brand[] = [...brandMap.values()].map((b) => ({
    id: b.id,
    name: b.name,
    category: b.category,
    exclusivityDays: b.exclusivityDays,
    minSpacingMinutesByChannel: b.minSpacingMinutes,
    blackouts: blackouts
      .filter((x) => x.brandId === b.id)
      .map((x) => ({ id: x.id, startsAt: x.startsAt, endsAt: x.endsAt, reason: x.reason })),
  }));
  const reachMs = Math.max(...brands.map((b) => (b.exclusivityDays ?? 14) * DAY_MS), 14 * DAY_MS) + 7 * DAY_MS;
  for (const { d, campaign } of rows) {
    const windowHours = await windowHoursFor(db(), ctx.workspace.signoffWindowHours, d.brandId);
    const earliest = await earliestPublishFor(db(), ctx, { campaign, channel: d.channel, excludeId: d.id, windowHours, now });
    if (!earliest) continue;
    const horizon = Math.max(d.publishAt.getTime(), earliest.getTime()) + HORIZON_MS;
    // The brand's posts on the channel (spacing) and the creator's other work (exclusivity), all of
    // them: the rules are the brands', and only instants come back, never another deliverable.
    const neighbours = await db()
      .select({ d: deliverables, campaignStatus: campaigns.status })
      .from(deliverables)
      .innerJoin(campaigns, eq(campaigns.id, deliverables.campaignId))
      .where(
        and(
          inWorkspace(ctx, deliverables.workspaceId),
          gte(deliverables.publishAt, new Date(now.getTime() - reachMs)),
          lte(deliverables.publishAt, new Date(horizon + reachMs)),
          or(
            and(eq(deliverables.brandId, d.brandId), eq(deliverables.channel, d.channel)),
            d.creatorId ? eq(deliverables.creatorId, d.creatorId) : undefined,
          ),
        ),
      );
    const asInput = (row: typeof d, status: string): Deliverable => ({
      id: row.id,
      campaignId: row.campaignId,
      brandId: row.brandId,
      creatorId: row.creatorId,
      channel: row.channel,
      title: row.title,
      publishAt: row.publishAt,
      signOffDeadline: row.publishAt,
      signedOff: true,
      status,
    });
    const times = nearestClearingTimes({
      now,
      deliverable: asInput(d, d.status),
      brands,
      others: neighbours.map((n) => asInput(n.d, n.campaignStatus === "cancelled" ? "cancelled" : n.d.status)),
      earliest,
    }).filter((t) => t.at.getTime() <= horizon);
    if (times.length) out.set(d.id, times);
  }
  return out;
}

/**
 * What moving this deliverable to `to` would do, by the same engines that would do it: approvals'
 * reschedule rule for the deadline and the sign-off, the calendar's detector run with the
 * deliverable where it is and where it would be. Not found when the viewer may not move it.
 */
export async function previewMove(
  ctx: MemberContext,
  input: { deliverableId: string; to: Date },
  now = new Date(),
): Promise<Outcome<WhatIf & { title: string; brandId: string }>> {
  const current = await findVisibleDeliverable(ctx, input.deliverableId);
  if (!current || !(ctx.can("campaigns.manage") || ctx.can("drafts.publish"))) return notFound("That deliverable is not there any more.");
  const problem = publishAtProblem(input.to, now);
  if (problem) return invalid(problem, { publishAt: [problem] });
  const windowHours = await windowHoursFor(db(), ctx.workspace.signoffWindowHours, current.brandId);
  const from = current.publishAt;
  const window = {
    from: new Date(Math.floor((Math.min(from.getTime(), input.to.getTime()) - DAY_MS) / MINUTE_MS) * MINUTE_MS),
    to: new Date(Math.ceil((Math.max(from.getTime(), input.to.getTime()) + DAY_MS) / MINUTE_MS) * MINUTE_MS),
  };
  const [before, after] = await Promise.all([
    loadSnapshot(ctx, window, { now, withAcknowledgments: false }),
    loadSnapshot(ctx, window, { now, withAcknowledgments: false, moved: { id: current.id, publishAt: input.to } }),
  ]);
  const signOffCounts = current.signedOffAt !== null && current.signedOffVersion === current.currentVersion;
  return ok({
    title: current.title,
    brandId: current.brandId,
    ...whatIf({
      deliverableId: current.id,
      from,
      to: input.to,
      signedOffAt: signOffCounts ? current.signedOffAt : null,
      blocked: current.blocked,
      windowHours,
      now,
      before: before.conflicts,
      after: after.conflicts,
    }),
  });
}
