import { and, asc, count, eq, gte, inArray, or, type SQL } from "drizzle-orm";
import { approvalDecisions, brands, campaigns, creators, deliverables } from "@db/schema";
import { db, type Queryable } from "~/utils/db.server";
import { deliverableScope, ownCreatorId } from "~/modules/workspaces/scope.server";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { channelLabel } from "~/modules/channels/channels";
import { BEFORE_SIGN_OFF, DELIVERABLE_STATUS_LABELS, isDeliverableStatus, type DeliverableStatus } from "./deliverable-status";
import { holderOf, type Holder } from "./holder";
import { deliverablePath, timeFor } from "./people.server";
import { loadCampaignRoutes, peopleById } from "./routes.server";
import { personLabel } from "./stand-ins";
import { routesNow, submittersOf } from "./stand-ins.server";
import { effectiveWindowHours, formatCountdown, isAtRisk, signOffDeadline } from "./signoff-rule";
import { DAY_MS } from "~/utils/time";

type DeliverableRow = typeof deliverables.$inferSelect;
type CampaignRow = typeof campaigns.$inferSelect;

async function decisionsFor(tx: Queryable, ids: string[]) {
  if (ids.length === 0) return new Map<string, (typeof approvalDecisions.$inferSelect)[]>();
  const rows = await tx.select().from(approvalDecisions).where(inArray(approvalDecisions.deliverableId, ids));
  const map = new Map<string, (typeof approvalDecisions.$inferSelect)[]>();
  for (const r of rows) map.set(r.deliverableId, [...(map.get(r.deliverableId) ?? []), r]);
  return map;
}

/* ------------------------------------------------------------------------------------------------
 * Queue
 * --------------------------------------------------------------------------------------------- */

export interface QueueFilter {
  status?: DeliverableStatus;
  /** Only blocked deliverables (the flag, whatever their status). */
  blocked?: boolean;
  brandId?: string;
  campaignId?: string;
  channel?: string;
  mine?: boolean;
  page: number;
}

export const QUEUE_PAGE_SIZE = 50;

export async function listQueue(ctx: MemberContext, filter: QueueFilter) {
  const tx = db();
  const conditions: SQL[] = [deliverableScope(ctx)];
  if (filter.status) conditions.push(eq(deliverables.status, filter.status));
  if (filter.blocked) conditions.push(eq(deliverables.blocked, true));
  if (filter.brandId) conditions.push(eq(deliverables.brandId, filter.brandId));
  if (filter.campaignId) conditions.push(eq(deliverables.campaignId, filter.campaignId));
  if (filter.channel) conditions.push(eq(deliverables.channel, filter.channel));
  const where = and(...conditions);
  // "Waiting on me" needs the route of each row, so it is computed over a bounded window.
  const limit = filter.mine ? 500 : QUEUE_PAGE_SIZE;
  const offset = filter.mine ? 0 : (filter.page - 1) * QUEUE_PAGE_SIZE;
  const [rows, [{ total }]] = await Promise.all([
    selectJoined(tx).where(where).orderBy(asc(deliverables.publishAt), asc(deliverables.id)).limit(limit).offset(offset),
    tx.select({ total: count() }).from(deliverables).where(where),
  ]);
  const annotated = await annotate(ctx, tx, rows);
  const items = filter.mine ? annotated.filter((r) => r.waitingOnMe) : annotated;
  const paged = filter.mine ? items.slice((filter.page - 1) * QUEUE_PAGE_SIZE, filter.page * QUEUE_PAGE_SIZE) : items;
  return { items: paged, total: filter.mine ? items.length : total };
}

type JoinedRow = {
  d: DeliverableRow;
  campaign: CampaignRow;
  brandName: string;
  brandColor: string;
  brandZone: string;
  brandWindow: number | null;
  creatorName: string | null;
  creatorUserId: string | null;
};

/** The deliverables with what `annotate` needs of their campaign, brand and creator; callers add where, order and limit. */
function selectJoined(tx: Queryable) {
  return tx
    .select({
      d: deliverables,
      campaign: campaigns,
      brandName: brands.name,
      brandColor: brands.color,
      brandZone: brands.timeZone,
      brandWindow: brands.signoffWindowHours,
      creatorName: creators.name,
      creatorUserId: creators.userId,
    })
    .from(deliverables)
    .innerJoin(campaigns, eq(campaigns.id, deliverables.campaignId))
    .innerJoin(brands, eq(brands.id, deliverables.brandId))
    .leftJoin(creators, eq(creators.id, deliverables.creatorId));
}

/**
 * Rows with their route evaluated, holder named and times formatted. `keep` drops rows before
 * formatting (the time-zone formatting is most of the cost when hundreds of rows match).
 */
async function annotate(
  ctx: MemberContext,
  tx: Queryable,
  rows: JoinedRow[],
  keep: (row: JoinedRow, holder: Holder) => boolean = () => true,
  /** Only the soonest sign-off deadlines, in deadline order (the home page shows 50). */
  soonest?: number,
) {
  const inReview = rows.filter((r) => r.d.status === "in_review");
  const [decisions, routes] = await Promise.all([
    decisionsFor(
      tx,
      inReview.map((r) => r.d.id),
    ),
    loadCampaignRoutes(
      tx,
      inReview.map((r) => r.campaign),
    ),
  ]);
  // The route as it stands now, with its stand-ins (decision 052): delegates of away approvers, backups after an escalation.
  const submitters = await submittersOf(
    tx,
    inReview.map((r) => r.d),
  );
  const withRoute = rows.flatMap((r) => {
    const route = r.d.status === "in_review" ? routes.get(r.campaign.id)?.route : undefined;
    return route ? [{ r, route }] : [];
  });
  const nows = await routesNow(
    tx,
    withRoute.map(({ r, route }) => ({
      row: r.d,
      route,
      decisions: decisions.get(r.d.id) ?? [],
      submitterId: submitters.get(r.d.id) ?? null,
    })),
    new Date(),
  );
  const byId = new Map(withRoute.map(({ r, route }, i) => [r.d.id, { route, now: nows[i] }]));
  const evaluated = rows.map((r) => {
    const found = byId.get(r.d.id);
    return { r, route: found?.route ?? null, evaluation: found?.now.evaluation ?? null, acting: found?.now.acting };
  });
  const names = await peopleById(
    tx,
    evaluated.flatMap((e) => [...(e.evaluation?.pendingApproverIds ?? []), ...(e.acting ?? []).map((a) => a.userId)]),
    ctx.workspace.id,
  );
  const now = Date.now();
  const viewerZone = ctx.user.timeZone || "UTC";
  let held = evaluated
    .map((e) => ({ ...e, holder: holderOf(e.r.d, e.evaluation, e.route, e.r.creatorUserId, names, e.r.campaign.coordinatorId, e.acting) }))
    .filter((e) => keep(e.r, e.holder))
    .map((e) => ({
      ...e,
      deadline: signOffDeadline(e.r.d.publishAt, effectiveWindowHours(ctx.workspace.signoffWindowHours, e.r.brandWindow)),
    }));
  if (soonest !== undefined) held = held.sort((a, b) => a.deadline.getTime() - b.deadline.getTime()).slice(0, soonest);
  return held.map(({ r, holder, deadline, evaluation, acting }) => {
    // In whose seat the viewer holds it, when not their own (decision 052): "for Ana Ruiz", "as the backup".
    const mine = acting?.find((a) => a.userId === ctx.user.id);
    const standIn = mine?.forUserId ? `for ${personLabel(names.get(mine.forUserId))}` : mine?.backup ? "as the backup" : null;
    const status: DeliverableStatus = isDeliverableStatus(r.d.status) ? r.d.status : "draft";
    // The countdown runs while the deadline can still block it; once blocked, the flag says it.
    const beforeSignOff = BEFORE_SIGN_OFF.includes(status) && !r.d.blocked;
    return {
      id: r.d.id,
      url: deliverablePath(ctx.workspace.slug, r.d.id),
      title: r.d.title,
      campaignName: r.campaign.name,
      campaignId: r.campaign.id,
      brandName: r.brandName,
      brandColor: r.brandColor,
      creatorName: r.creatorName,
      channel: r.d.channel,
      channelLabel: channelLabel(r.d.channel),
      status,
      statusLabel: DELIVERABLE_STATUS_LABELS[status],
      blocked: r.d.blocked,
      version: r.d.currentVersion,
      publishAt: r.d.publishAt.toISOString(),
      publishLabel: timeFor(r.d.publishAt, viewerZone, r.brandZone),
      deadline: deadline.toISOString(),
      deadlineLabel: timeFor(deadline, viewerZone, r.brandZone),
      countdown: beforeSignOff ? formatCountdown(deadline.getTime() - now) : null,
      urgent: beforeSignOff && isAtRisk(deadline.getTime() - now),
      holder: holder.label,
      stageName: holder.stageName,
      stageKind: holder.stageKind ?? null,
      waitingOnMe: holder.userIds.includes(ctx.user.id),
      standIn,
      /** Waiting on me to reschedule it (or have it overridden), besides or instead of the draft path. */
      unblockOnMe: holder.unblockUserIds.includes(ctx.user.id),
      /** Who holds it (holder.ts), for lists of every holder, not only the viewer (insights' "stuck now"). */
      holderIds: holder.userIds,
      unblockIds: holder.unblockUserIds,
      stageIndex: evaluation?.currentStageIndex ?? null,
      /** The route's review time (hours its approvers need): how long a stage may take before it is overdue. */
      reviewHours: routes.get(r.campaign.id)?.reviewHours ?? null,
    };
  });
}

export type QueueItem = Awaited<ReturnType<typeof annotate>>[number];

/* ------------------------------------------------------------------------------------------------
 * Waiting on me
 * --------------------------------------------------------------------------------------------- */

/**
 * A draft past its deadline is blocked, and stays on the list of whoever holds it (the draft path
 * goes on) and of the coordinator who must reschedule it; a month back keeps those visible without
 * scanning history.
 */
const WAITING_LOOKBACK_MS = 30 * DAY_MS;

/**
 * Drafts to review and sign-offs (with their deadlines) for approvers; changes requested and drafts
 * to submit for creators; blocked deliverables for the coordinator who reschedules them.
 */
export async function waitingItems(ctx: MemberContext, opts: { soonest?: number } = {}) {
  const tx = db();
  const reviewer = ctx.can("drafts.review") || ctx.can("signoff.give");
  const reschedules = ctx.can("campaigns.manage") || ctx.can("drafts.publish");
  const statuses: DeliverableStatus[] = [];
  if (reviewer) statuses.push("in_review");
  if (ctx.can("drafts.submit")) statuses.push("changes_requested", "draft");
  if (statuses.length === 0 && !reschedules) return [];
  const mine = or(
    statuses.length ? inArray(deliverables.status, statuses) : undefined,
    reschedules ? eq(deliverables.blocked, true) : undefined,
  );
  const rows = await selectJoined(tx)
    .where(and(deliverableScope(ctx), mine, gte(deliverables.publishAt, new Date(Date.now() - WAITING_LOOKBACK_MS))))
    .orderBy(asc(deliverables.publishAt))
    .limit(500);
  return annotate(
    ctx,
    tx,
    rows,
    // A first draft waits on its creator only; a blocked one also on the coordinator who reschedules it.
    (r, holder) =>
      holder.unblockUserIds.includes(ctx.user.id) ||
      (holder.userIds.includes(ctx.user.id) && (r.d.status !== "draft" || r.d.currentVersion > 0 || ownCreatorId(ctx) !== null)),
    opts.soonest,
  );
}

/**
 * Every deliverable in the member's scope that waits on someone now (in review, or blocked), with
 * who holds it by the same definition as "waiting on me" (holder.ts through `annotate`), for every
 * holder at once: insights' "stuck now" (issue 16) groups them by person. Bounded as above.
 */
export async function heldDeliverables(ctx: MemberContext) {
  const tx = db();
  const waiting = or(eq(deliverables.status, "in_review"), eq(deliverables.blocked, true));
  const rows = await selectJoined(tx)
    .where(and(deliverableScope(ctx), waiting, gte(deliverables.publishAt, new Date(Date.now() - WAITING_LOOKBACK_MS))))
    .orderBy(asc(deliverables.publishAt))
    .limit(500);
  return annotate(ctx, tx, rows);
}
