import { and, asc, count, desc, eq, gte, inArray, type SQL } from "drizzle-orm";
import { approvalDecisions, auditEvents, brands, campaigns, creators, deliverables, draftVersions, files } from "@db/schema";
import { db, type Queryable } from "~/utils/db.server";
import { campaignScope } from "~/modules/campaigns/scope.server";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { CHANNEL_LIMITS, channelLabel, isChannel } from "~/modules/channels/channels";
import { allowedEvents, canEdit, DELIVERABLE_STATUS_LABELS, isDeliverableStatus, type DeliverableStatus } from "./deliverable-status";
import { diffCopy } from "./copy-diff";
import { deliverablePath, timeFor } from "./people.server";
import { evaluateRoute, type ApprovalRoute, type RouteEvaluation } from "./route";
import { loadCampaignRoute, loadCampaignRoutes, peopleById } from "./routes.server";
import { deliverableScope, findVisibleDeliverable } from "./scope.server";
import { canScheduleOrPublish, effectiveWindowHours, formatCountdown, isAtRisk, signOffDeadline } from "./signoff-rule";
import { briefRequirements } from "./workflow.server";
import { DAY_MS } from "~/utils/time";

type DeliverableRow = typeof deliverables.$inferSelect;
type CampaignRow = typeof campaigns.$inferSelect;

/** Who holds a deliverable right now, in words, and the user ids it is waiting on. */
export interface Holder {
  label: string;
  userIds: string[];
  stageName: string | null;
  stageKind?: "review" | "brand_signoff";
}

async function decisionsFor(tx: Queryable, ids: string[]) {
  if (ids.length === 0) return new Map<string, (typeof approvalDecisions.$inferSelect)[]>();
  const rows = await tx.select().from(approvalDecisions).where(inArray(approvalDecisions.deliverableId, ids));
  const map = new Map<string, (typeof approvalDecisions.$inferSelect)[]>();
  for (const r of rows) map.set(r.deliverableId, [...(map.get(r.deliverableId) ?? []), r]);
  return map;
}

function holderOf(
  row: DeliverableRow,
  evaluation: RouteEvaluation | null,
  route: ApprovalRoute | null,
  creatorUserId: string | null,
  names: Map<string, { name: string }>,
): Holder {
  const status = row.status as DeliverableStatus;
  const nameList = (ids: string[]) => ids.map((id) => names.get(id)?.name ?? "someone").join(", ");
  switch (status) {
    case "draft":
      return {
        label: row.currentVersion === 0 ? "Creator: first draft" : "Creator: resubmit the draft",
        userIds: creatorUserId ? [creatorUserId] : [],
        stageName: null,
      };
    case "changes_requested":
      return { label: "Creator: changes requested", userIds: creatorUserId ? [creatorUserId] : [], stageName: null };
    case "in_review": {
      const stage = evaluation?.currentStageIndex !== null && evaluation && route ? route.stages[evaluation.currentStageIndex] : null;
      const ids = evaluation?.pendingApproverIds ?? [];
      return {
        label: stage ? `${stage.name}: ${ids.length ? nameList(ids) : "no approver"}` : "In review",
        userIds: ids,
        stageName: stage?.name ?? null,
        stageKind: stage?.kind,
      };
    }
    case "signed_off":
      return { label: "Publisher: ready to schedule", userIds: [], stageName: null };
    case "scheduled":
      return { label: "Publisher: scheduled, mark it live", userIds: [], stageName: null };
    case "published":
      return { label: "Done: live", userIds: [], stageName: null };
    case "blocked":
      return { label: "Coordinator: reschedule or override", userIds: [], stageName: null };
  }
}

/* ------------------------------------------------------------------------------------------------
 * Queue
 * --------------------------------------------------------------------------------------------- */

export interface QueueFilter {
  status?: DeliverableStatus;
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
  if (filter.brandId) conditions.push(eq(deliverables.brandId, filter.brandId));
  if (filter.campaignId) conditions.push(eq(deliverables.campaignId, filter.campaignId));
  if (filter.channel) conditions.push(eq(deliverables.channel, filter.channel));
  const where = and(...conditions);
  // "Waiting on me" needs the route of each row, so it is computed over a bounded window.
  const limit = filter.mine ? 500 : QUEUE_PAGE_SIZE;
  const offset = filter.mine ? 0 : (filter.page - 1) * QUEUE_PAGE_SIZE;
  const [rows, [{ total }]] = await Promise.all([
    tx
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
      .leftJoin(creators, eq(creators.id, deliverables.creatorId))
      .where(where)
      .orderBy(asc(deliverables.publishAt), asc(deliverables.id))
      .limit(limit)
      .offset(offset),
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

/**
 * Rows with their route evaluated, holder named and times formatted. `keep` drops rows before
 * formatting (the time-zone formatting is most of the cost when hundreds of rows match).
 */
async function annotate(
  ctx: MemberContext,
  tx: Queryable,
  rows: JoinedRow[],
  keep: (row: JoinedRow, holderIds: string[]) => boolean = () => true,
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
  const evaluated = rows.map((r) => {
    const route = r.d.status === "in_review" ? (routes.get(r.campaign.id)?.route ?? null) : null;
    if (!route) return { r, route: null, evaluation: null };
    return { r, route, evaluation: evaluateRoute(route, decisions.get(r.d.id) ?? [], r.d.currentVersion) };
  });
  const names = await peopleById(
    tx,
    evaluated.flatMap((e) => e.evaluation?.pendingApproverIds ?? []),
  );
  const now = Date.now();
  const viewerZone = ctx.user.timeZone || "UTC";
  let held = evaluated
    .map((e) => ({ ...e, holder: holderOf(e.r.d, e.evaluation, e.route, e.r.creatorUserId, names) }))
    .filter((e) => keep(e.r, e.holder.userIds))
    .map((e) => ({
      ...e,
      deadline: signOffDeadline(e.r.d.publishAt, effectiveWindowHours(ctx.workspace.signoffWindowHours, e.r.brandWindow)),
    }));
  if (soonest !== undefined) held = held.sort((a, b) => a.deadline.getTime() - b.deadline.getTime()).slice(0, soonest);
  return held.map(({ r, holder, deadline }) => {
    const status = r.d.status as DeliverableStatus;
    const beforeSignOff = allowedEvents(status).includes("block"); // the deadline applies while it can still block
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
      statusLabel: DELIVERABLE_STATUS_LABELS[status] ?? r.d.status,
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
    };
  });
}

export type QueueItem = Awaited<ReturnType<typeof annotate>>[number];

/** Options for the queue's filters: only what this member can see. */
export async function queueFilterOptions(ctx: MemberContext) {
  const visible = await db()
    .select({ id: campaigns.id, name: campaigns.name, brandId: campaigns.brandId, brandName: brands.name })
    .from(campaigns)
    .innerJoin(brands, eq(brands.id, campaigns.brandId))
    .where(campaignScope(ctx))
    .orderBy(asc(campaigns.name))
    .limit(500);
  const brandMap = new Map(visible.map((c) => [c.brandId, c.brandName]));
  return {
    campaigns: visible.map((c) => ({ value: c.id, label: c.name })),
    brands: [...brandMap].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label)),
  };
}

/* ------------------------------------------------------------------------------------------------
 * Waiting on me
 * --------------------------------------------------------------------------------------------- */

/**
 * Past its deadline a draft becomes blocked (jobs.server.ts), so open drafts published long ago
 * only exist when the worker was off; a month back keeps those visible without scanning history.
 */
const WAITING_LOOKBACK_MS = 30 * DAY_MS;

/** Drafts to review and sign-offs (with their deadlines) for approvers; changes requested for creators. */
export async function waitingItems(ctx: MemberContext, opts: { soonest?: number } = {}) {
  const tx = db();
  const reviewer = ctx.can("drafts.review") || ctx.can("signoff.give");
  const statuses: DeliverableStatus[] = [];
  if (reviewer) statuses.push("in_review");
  if (ctx.can("drafts.submit")) statuses.push("changes_requested", "draft");
  if (statuses.length === 0) return [];
  const rows = await tx
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
    .leftJoin(creators, eq(creators.id, deliverables.creatorId))
    .where(
      and(
        deliverableScope(ctx),
        inArray(deliverables.status, statuses),
        gte(deliverables.publishAt, new Date(Date.now() - WAITING_LOOKBACK_MS)),
      ),
    )
    .orderBy(asc(deliverables.publishAt))
    .limit(500);
  return annotate(
    ctx,
    tx,
    rows,
    (r, holderIds) => holderIds.includes(ctx.user.id) && (r.d.status !== "draft" || r.d.currentVersion > 0 || ctx.scope.kind === "creator"),
    opts.soonest,
  );
}

/* ------------------------------------------------------------------------------------------------
 * The deliverable page
 * --------------------------------------------------------------------------------------------- */

export async function deliverablePage(ctx: MemberContext, deliverableId: string, opts: { view?: number; compare?: number }) {
  const row = await findVisibleDeliverable(ctx, deliverableId);
  if (!row) return null;
  const tx = db();
  const [campaign, brand, creator] = await Promise.all([
    tx.query.campaigns.findFirst({ where: eq(campaigns.id, row.campaignId) }),
    tx.query.brands.findFirst({ where: eq(brands.id, row.brandId) }),
    row.creatorId ? tx.query.creators.findFirst({ where: eq(creators.id, row.creatorId) }) : Promise.resolve(undefined),
  ]);
  if (!campaign || !brand) return null;
  const viewerZone = ctx.user.timeZone || "UTC";
  const window = effectiveWindowHours(ctx.workspace.signoffWindowHours, brand.signoffWindowHours);
  const deadline = signOffDeadline(row.publishAt, window);
  const { route, reviewHours, saved } = await loadCampaignRoute(tx, campaign);
  const versions = await tx.select().from(draftVersions).where(eq(draftVersions.deliverableId, row.id)).orderBy(asc(draftVersions.version));
  const decisions = await tx
    .select()
    .from(approvalDecisions)
    .where(eq(approvalDecisions.deliverableId, row.id))
    .orderBy(asc(approvalDecisions.createdAt));
  const comments = versions.length
    ? await tx.query.draftComments.findMany({
        where: (c, { inArray: inA }) =>
          inA(
            c.draftVersionId,
            versions.map((v) => v.id),
          ),
        orderBy: (c, { asc: a }) => a(c.createdAt),
      })
    : [];
  const evaluation = row.status === "in_review" ? evaluateRoute(route, decisions, row.currentVersion) : null;
  const people = await peopleById(
    tx,
    [
      ...route.stages.flatMap((s) => s.approverUserIds),
      ...decisions.map((d) => d.userId),
      ...comments.map((c) => c.userId),
      ...versions.map((v) => v.submittedBy ?? ""),
      row.signedOffBy ?? "",
      row.overriddenBy ?? "",
    ].filter(Boolean),
  );
  const fileIds = [...new Set(versions.flatMap((v) => v.mediaFileIds))];
  const fileRows = fileIds.length
    ? await tx
        .select()
        .from(files)
        .where(and(inArray(files.id, fileIds), eq(files.workspaceId, ctx.workspace.id)))
    : [];
  const fileMap = new Map(fileRows.map((f) => [f.id, f]));
  const name = (id: string | null) => (id ? (people.get(id)?.name ?? "Former member") : "Unknown");
  const status = isDeliverableStatus(row.status) ? row.status : "draft";
  const current = versions.find((v) => v.version === row.currentVersion) ?? null;
  const viewed = versions.find((v) => v.version === opts.view) ?? current;
  const compared = opts.compare !== undefined ? (versions.find((v) => v.version === opts.compare) ?? null) : null;
  const activity = await tx
    .select({
      id: auditEvents.id,
      action: auditEvents.action,
      actorLabel: auditEvents.actorLabel,
      actorUserId: auditEvents.actorUserId,
      data: auditEvents.data,
      createdAt: auditEvents.createdAt,
    })
    .from(auditEvents)
    .where(and(eq(auditEvents.workspaceId, ctx.workspace.id), eq(auditEvents.objectType, "deliverable"), eq(auditEvents.objectId, row.id)))
    .orderBy(desc(auditEvents.id))
    .limit(50);
  const activityPeople = await peopleById(tx, activity.map((a) => a.actorUserId ?? "").filter(Boolean));
  const requirements = await briefRequirements(tx, campaign.id);
  const creatorUserId = creator?.userId ?? null;
  const holder = holderOf(row, evaluation, route, creatorUserId, people);
  const now = Date.now();
  const pendingMe = evaluation?.pendingApproverIds.includes(ctx.user.id) ?? false;
  const submitter = current?.submittedBy ?? null;
  const currentStage = evaluation && evaluation.currentStageIndex !== null ? route.stages[evaluation.currentStageIndex] : null;
  const signoffStage = currentStage?.kind === "brand_signoff";
  const isBrandLeadOfBrand = ctx.role === "brand_lead" && ctx.scope.kind === "brand" && ctx.scope.brandId === row.brandId;
  const events = allowedEvents(status);
  const gate = canScheduleOrPublish({ status, overridden: row.overriddenAt !== null });
  const beforeSignOff = events.includes("block");

  const versionOut = (v: (typeof versions)[number]) => ({
    id: v.id,
    version: v.version,
    copy: v.copy,
    title: v.title,
    link: v.link,
    late: v.late,
    submittedBy: name(v.submittedBy),
    submittedAt: timeFor(v.submittedAt, viewerZone, brand.timeZone),
    media: v.mediaFileIds.map((id) => {
      const f = fileMap.get(id);
      const url = `/w/${ctx.workspace.slug}/files/${id}`;
      return f
        ? {
            id,
            name: f.originalName,
            mime: f.mimeType,
            size: f.size,
            url,
            previewUrl: f.mimeType.startsWith("image/") ? `${url}?inline=1` : null,
          }
        : { id, name: "Removed file", mime: "", size: 0, url, previewUrl: null };
    }),
    comments: comments
      .filter((c) => c.draftVersionId === v.id)
      .map((c) => ({ id: c.id, author: name(c.userId), body: c.body, at: timeFor(c.createdAt, viewerZone, brand.timeZone) })),
    decisions: decisions
      .filter((d) => d.draftVersionId === v.id)
      .map((d) => ({
        id: d.id,
        who: name(d.userId),
        decision: d.decision,
        comment: d.comment,
        stage: route.stages[d.stageIndex]?.name ?? `Stage ${d.stageIndex + 1}`,
        at: timeFor(d.createdAt, viewerZone, brand.timeZone),
      })),
  });

  return {
    id: row.id,
    slug: ctx.workspace.slug,
    title: row.title,
    status,
    statusLabel: DELIVERABLE_STATUS_LABELS[status],
    channel: row.channel,
    channelLabel: channelLabel(row.channel),
    copyLimit: isChannel(row.channel) ? CHANNEL_LIMITS[row.channel].copyMaxChars : null,
    copyName: isChannel(row.channel) ? CHANNEL_LIMITS[row.channel].copyName : "copy",
    titleRequired: isChannel(row.channel) ? CHANNEL_LIMITS[row.channel].titleRequired : false,
    campaign: { id: campaign.id, name: campaign.name },
    brand: { id: brand.id, name: brand.name, color: brand.color, timeZone: brand.timeZone },
    creatorName: creator?.name ?? null,
    currentVersion: row.currentVersion,
    revisionRounds: row.revisionRounds,
    rowVersion: row.rowVersion,
    publishAt: row.publishAt.toISOString(),
    publishLabel: timeFor(row.publishAt, viewerZone, brand.timeZone),
    viewerZone,
    deadline: deadline.toISOString(),
    deadlineLabel: timeFor(deadline, viewerZone, brand.timeZone),
    countdown: beforeSignOff ? formatCountdown(deadline.getTime() - now) : null,
    deadlinePassed: deadline.getTime() < now,
    windowHours: window,
    reviewHours,
    routeSaved: saved,
    signedOff: row.signedOffAt
      ? { by: name(row.signedOffBy), at: timeFor(row.signedOffAt, viewerZone, brand.timeZone), version: row.signedOffVersion }
      : null,
    override: row.overriddenAt
      ? { by: name(row.overriddenBy), at: timeFor(row.overriddenAt, viewerZone, brand.timeZone), reason: row.overrideReason }
      : null,
    liveUrl: row.liveUrl,
    holder: holder.label,
    requirements,
    route: route.stages.map((stage, index) => {
      const current = versions.length ? decisions.filter((d) => d.version === row.currentVersion && d.stageIndex === index) : [];
      const state =
        evaluation?.currentStageIndex === index
          ? evaluation.changesRequested
            ? "changes_requested"
            : "current"
          : status === "changes_requested" && current.some((d) => d.decision === "request_changes")
            ? "changes_requested"
            : current.some((d) => d.decision === "approve") && (evaluation?.currentStageIndex ?? Infinity) > index
              ? "done"
              : (status === "signed_off" || status === "scheduled" || status === "published") && row.signedOffVersion === row.currentVersion
                ? "done"
                : "waiting";
      return {
        name: stage.name,
        kind: stage.kind,
        rule: stage.rule,
        state,
        approvers: stage.approverUserIds.map((id) => ({
          id,
          name: name(id),
          decided: current.find((d) => d.userId === id)?.decision ?? null,
        })),
      };
    }),
    versions: versions.map(versionOut).reverse(),
    viewed: viewed ? versionOut(viewed) : null,
    compare:
      viewed && compared && compared.version !== viewed.version
        ? { from: compared.version, to: viewed.version, segments: diffCopy(compared.copy, viewed.copy) }
        : null,
    activity: activity.map((a) => ({
      id: a.id,
      action: a.action,
      actor: a.actorUserId ? (activityPeople.get(a.actorUserId)?.name ?? a.actorLabel) : a.actorLabel,
      at: timeFor(a.createdAt, viewerZone, brand.timeZone),
      data: a.data,
    })),
    can: {
      submit: ctx.can("drafts.submit") && events.includes(status === "draft" ? "submit" : "new_version"),
      decide: status === "in_review" && pendingMe && submitter !== ctx.user.id && (!signoffStage || isBrandLeadOfBrand),
      selfSubmitted: submitter === ctx.user.id,
      signoffStage,
      comment: ctx.role !== "client_contact" && versions.length > 0,
      schedule: ctx.can("drafts.publish") && events.includes("schedule"),
      unschedule: ctx.can("drafts.publish") && events.includes("unschedule"),
      publish: ctx.can("drafts.publish") && events.includes("publish"),
      scheduleGate: gate.ok ? null : gate.message,
      showPublishing: ctx.can("drafts.publish") && status !== "published",
      reschedule: (ctx.can("campaigns.manage") || ctx.can("drafts.publish")) && canEdit(status, "reschedule"),
      override: ctx.can("signoff.override") && status === "blocked",
      editRoute: ctx.can("campaigns.manage"),
    },
  };
}

export type DeliverablePageData = NonNullable<Awaited<ReturnType<typeof deliverablePage>>>;

/** For the new-deliverable form: the campaign's creators, channels, and defaults. */
export async function newDeliverableOptions(campaign: CampaignRow) {
  const tx = db();
  const assigned = await tx.query.campaignCreators.findMany({ where: (c, { eq: e }) => e(c.campaignId, campaign.id) });
  const creatorRows = assigned.length
    ? await tx
        .select({ id: creators.id, name: creators.name, handle: creators.handle })
        .from(creators)
        .where(
          inArray(
            creators.id,
            assigned.map((a) => a.creatorId),
          ),
        )
    : [];
  const brand = await tx.query.brands.findFirst({ where: eq(brands.id, campaign.brandId) });
  return {
    creators: creatorRows.map((c) => ({ value: c.id, label: c.handle ? `${c.name} (${c.handle})` : c.name })),
    channels: campaign.channels.filter(isChannel),
    brand: brand ? { name: brand.name, timeZone: brand.timeZone } : null,
  };
}
