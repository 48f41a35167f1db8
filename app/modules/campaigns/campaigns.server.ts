import { and, asc, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { DateTime } from "luxon";
import {
  agencies,
  auditEvents,
  brands,
  briefAcknowledgments,
  briefVersions,
  briefs,
  campaignAgencies,
  campaignCreators,
  campaigns,
  creators,
  deliverables,
  memberships,
  users,
} from "@db/schema";
import { db, type Transaction } from "~/utils/db.server";
import { createOnce } from "~/utils/idempotency.server";
import { requestMeta } from "~/utils/http.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { askNewRecipients, createBriefFor, questionnairePrefill } from "~/modules/briefs/briefs.server";
import { nextCampaignStatus, type CampaignEvent, type CampaignStatus } from "~/modules/briefs/campaign-status";
import { briefCompleteness } from "~/modules/briefs/completeness";
import type { BriefDraft } from "~/modules/briefs/core-sections";
import { currentTemplate } from "~/modules/briefs/templates.server";
import { actorOf, type MemberContext } from "~/modules/workspaces/authz.server";
import type { CampaignFilter, CampaignInput } from "./schemas";
import { campaignScope } from "./scope.server";

type Campaign = typeof campaigns.$inferSelect;

export const CAMPAIGN_LIST_LIMIT = 200;

/* ------------------------------------------------------------------ the list */

export async function listCampaigns(ctx: MemberContext, filter: CampaignFilter, limit = CAMPAIGN_LIST_LIMIT) {
  const where: SQL[] = [campaignScope(ctx)];
  if (filter.status) where.push(eq(campaigns.status, filter.status));
  if (filter.brand) where.push(eq(campaigns.brandId, filter.brand));
  if (filter.channel) where.push(sql`${campaigns.channels} @> ${JSON.stringify([filter.channel])}::jsonb`);
  if (filter.q) where.push(ilike(campaigns.name, `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (filter.agency) {
    where.push(
      or(
        eq(campaigns.leadAgencyId, filter.agency),
        inArray(
          campaigns.id,
          db().select({ id: campaignAgencies.campaignId }).from(campaignAgencies).where(eq(campaignAgencies.agencyId, filter.agency)),
        ),
      )!,
    );
  }
  if (filter.creator) {
    where.push(
      inArray(
        campaigns.id,
        db().select({ id: campaignCreators.campaignId }).from(campaignCreators).where(eq(campaignCreators.creatorId, filter.creator)),
      ),
    );
  }
  const rows = await db()
    .select({
      id: campaigns.id,
      name: campaigns.name,
      status: campaigns.status,
      channels: campaigns.channels,
      startsAt: campaigns.startsAt,
      endsAt: campaigns.endsAt,
      brandName: brands.name,
      brandColor: brands.color,
      brandZone: brands.timeZone,
      leadAgency: agencies.name,
      publishedVersion: briefs.publishedVersion,
    })
    .from(campaigns)
    .innerJoin(brands, eq(brands.id, campaigns.brandId))
    .innerJoin(agencies, eq(agencies.id, campaigns.leadAgencyId))
    .leftJoin(briefs, eq(briefs.campaignId, campaigns.id))
    .where(and(...where))
    .orderBy(asc(campaigns.startsAt), asc(campaigns.name))
    .limit(limit + 1);
  const shown = rows.slice(0, limit);
  const pending =
    shown.length === 0
      ? []
      : await db()
          .select({ campaignId: briefAcknowledgments.campaignId, version: briefAcknowledgments.version, n: sql<number>`count(*)::int` })
          .from(briefAcknowledgments)
          .where(
            and(
              inArray(
                briefAcknowledgments.campaignId,
                shown.map((r) => r.id),
              ),
              isNull(briefAcknowledgments.acknowledgedAt),
            ),
          )
          .groupBy(briefAcknowledgments.campaignId, briefAcknowledgments.version);
  return {
    truncated: rows.length > limit,
    rows: shown.map((r) => ({
      ...r,
      pendingAcks: pending.find((p) => p.campaignId === r.id && p.version === r.publishedVersion)?.n ?? 0,
    })),
  };
}

/** The choices of the campaign form and the list's filters. */
export async function campaignOptions(workspaceId: string) {
  const [b, a, c, coordinators] = await Promise.all([
    db()
      .select({ id: brands.id, name: brands.name, timeZone: brands.timeZone })
      .from(brands)
      .where(eq(brands.workspaceId, workspaceId))
      .orderBy(asc(brands.name)),
    db()
      .select({ id: agencies.id, name: agencies.name })
      .from(agencies)
      .where(eq(agencies.workspaceId, workspaceId))
      .orderBy(asc(agencies.name)),
    db()
      .select({ id: creators.id, name: creators.name, handle: creators.handle })
      .from(creators)
      .where(eq(creators.workspaceId, workspaceId))
      .orderBy(asc(creators.name)),
    db()
      .select({ id: users.id, name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.role, ["owner", "admin", "coordinator"])))
      .orderBy(asc(users.name)),
  ]);
  return { brands: b, agencies: a, creators: c, coordinators };
}

/* ------------------------------------------------------------------ create and edit */

export type CampaignWriteResult = { ok: true; campaign: Campaign } | { ok: false; status: 404 | 409; message: string };

/** Checks every chosen id belongs to this workspace; a foreign id is answered as not found. */
async function checkRefs(workspaceId: string, input: CampaignInput) {
  const options = await campaignOptions(workspaceId);
  const has = (list: { id: string }[], id: string) => list.some((x) => x.id === id);
  const brand = options.brands.find((b) => b.id === input.brandId);
  const ok =
    brand &&
    has(options.agencies, input.leadAgencyId) &&
    input.agencyIds.every((id) => has(options.agencies, id)) &&
    input.creatorIds.every((id) => has(options.creators, id)) &&
    (!input.coordinatorId || has(options.coordinators, input.coordinatorId));
  return ok ? brand : null;
}

/** The window's days are the brand's days: it starts at the brand's midnight and ends at its last minute. */
export function windowOf(input: Pick<CampaignInput, "startsOn" | "endsOn">, timeZone: string) {
  const zone = DateTime.local().setZone(timeZone).isValid ? timeZone : "UTC";
  return {
    startsAt: DateTime.fromISO(input.startsOn, { zone }).startOf("day").toJSDate(),
    endsAt: DateTime.fromISO(input.endsOn, { zone }).endOf("day").toJSDate(),
  };
}

/** A repeated or concurrent submit of the same form (idempotency key) answers the first campaign. */
export async function createCampaign(
  request: Request,
  ctx: MemberContext,
  input: CampaignInput,
  idempotencyKey: string,
): Promise<CampaignWriteResult> {
  const brand = await checkRefs(ctx.workspace.id, input);
  if (!brand)
    return { ok: false, status: 404, message: "One of the chosen brands, agencies, creators or people does not exist in this workspace." };
  const prefill = await questionnairePrefill(ctx.workspace.id, input.brandId);
  return db().transaction(async (tx) => {
    const once = await createOnce(
      tx,
      { scope: ctx.workspace.id, key: idempotencyKey, kind: "campaign" },
      () => insertCampaign(tx, request, ctx, input, brand.timeZone, prefill),
      (row) => row.id,
    );
    if (once.first) return { ok: true as const, campaign: once.value };
    const first = await tx.query.campaigns.findFirst({
      where: and(eq(campaigns.id, once.recordId), eq(campaigns.workspaceId, ctx.workspace.id)),
    });
    return first
      ? { ok: true as const, campaign: first }
      : { ok: false as const, status: 404 as const, message: "That campaign no longer exists." };
  });
}

/** The campaign, its people and its brief: for the first submit of the form only. */
async function insertCampaign(
  tx: Transaction,
  request: Request,
  ctx: MemberContext,
  input: CampaignInput,
  timeZone: string,
  prefill: Awaited<ReturnType<typeof questionnairePrefill>>,
) {
  const [row] = await tx
    .insert(campaigns)
    .values({
      workspaceId: ctx.workspace.id,
      brandId: input.brandId,
      leadAgencyId: input.leadAgencyId,
      name: input.name,
      channels: input.channels,
      ...windowOf(input, timeZone),
      coordinatorId: input.coordinatorId ?? (ctx.scope.kind === "workspace" ? ctx.user.id : null),
    })
    .returning();
  if (input.agencyIds.length > 0)
    await tx
      .insert(campaignAgencies)
      .values(input.agencyIds.map((agencyId) => ({ campaignId: row.id, agencyId, workspaceId: ctx.workspace.id })));
  if (input.creatorIds.length > 0)
    await tx
      .insert(campaignCreators)
      .values(input.creatorIds.map((creatorId) => ({ campaignId: row.id, creatorId, workspaceId: ctx.workspace.id })));
  await createBriefFor(tx, row, prefill);
  await recordAudit(tx, {
    workspaceId: ctx.workspace.id,
    actor: actorOf(ctx),
    action: "campaign.created",
    objectType: "campaign",
    objectId: row.id,
    data: { name: row.name, brandId: row.brandId, leadAgencyId: row.leadAgencyId, channels: row.channels },
    meta: requestMeta(request),
  });
  return row;
}

/**
 * Saves the campaign's details and people, compare-and-set on row_version. People added while a
 * brief is out are asked to acknowledge its current version.
 */
export async function updateCampaign(
  request: Request,
  ctx: MemberContext,
  campaign: Campaign,
  rowVersion: number,
  input: CampaignInput,
): Promise<CampaignWriteResult> {
  const brand = await checkRefs(ctx.workspace.id, input);
  if (!brand)
    return { ok: false, status: 404, message: "One of the chosen brands, agencies, creators or people does not exist in this workspace." };
  return db().transaction(async (tx) => {
    const [row] = await tx
      .update(campaigns)
      .set({
        name: input.name,
        brandId: input.brandId,
        leadAgencyId: input.leadAgencyId,
        channels: input.channels,
        ...windowOf(input, brand.timeZone),
        coordinatorId: input.coordinatorId ?? campaign.coordinatorId,
        rowVersion: sql`${campaigns.rowVersion} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(campaigns.id, campaign.id), eq(campaigns.workspaceId, ctx.workspace.id), eq(campaigns.rowVersion, rowVersion)))
      .returning();
    if (!row)
      return {
        ok: false as const,
        status: 409 as const,
        message: "Someone changed this campaign while you were editing. Reload to see their changes.",
      };
    await tx.delete(campaignAgencies).where(eq(campaignAgencies.campaignId, row.id));
    await tx.delete(campaignCreators).where(eq(campaignCreators.campaignId, row.id));
    if (input.agencyIds.length > 0)
      await tx
        .insert(campaignAgencies)
        .values(input.agencyIds.map((agencyId) => ({ campaignId: row.id, agencyId, workspaceId: ctx.workspace.id })));
    if (input.creatorIds.length > 0)
      await tx
        .insert(campaignCreators)
        .values(input.creatorIds.map((creatorId) => ({ campaignId: row.id, creatorId, workspaceId: ctx.workspace.id })));
    const asked = await askNewRecipients(tx, ctx, row);
    await recordAudit(tx, {
      workspaceId: ctx.workspace.id,
      actor: actorOf(ctx),
      action: "campaign.updated",
      objectType: "campaign",
      objectId: row.id,
      data: {
        name: row.name,
        channels: row.channels,
        agencies: input.agencyIds.length + 1,
        creators: input.creatorIds.length,
        newlyAsked: asked,
      },
      meta: requestMeta(request),
    });
    return { ok: true as const, campaign: row };
  });
}

/* ------------------------------------------------------------------ status */

export type TransitionResult = { ok: true; status: CampaignStatus } | { ok: false; status: 400 | 409; message: string };

/**
 * Moves the campaign through the one transition table (campaign-status.ts). Compare-and-set on
 * status and row_version: of two concurrent clicks one wins, the other gets 409.
 */
export async function transitionCampaign(
  request: Request,
  ctx: MemberContext,
  campaign: Campaign,
  event: Exclude<CampaignEvent, "publish_brief">,
  rowVersion: number,
): Promise<TransitionResult> {
  // What creators were handed is the published version: it must satisfy today's template (which
  // may have gained a required field since), not just the working draft.
  // Before anything is published, the working draft is what names the gaps.
  const [published] = await db()
    .select({ content: briefVersions.content })
    .from(briefVersions)
    .where(eq(briefVersions.campaignId, campaign.id))
    .orderBy(desc(briefVersions.version))
    .limit(1);
  const [working] = published
    ? []
    : await db().select({ draft: briefs.draft }).from(briefs).where(eq(briefs.campaignId, campaign.id)).limit(1);
  const template = await currentTemplate(ctx.workspace.id);
  const readiness = briefCompleteness(template, (published?.content ?? working?.draft ?? {}) as BriefDraft);
  const from = campaign.status as CampaignStatus;
  const to = nextCampaignStatus(from, event, { briefComplete: Boolean(published) && readiness.complete, missing: readiness.missing });
  return db().transaction(async (tx) => {
    const moved = await tx
      .update(campaigns)
      .set({ status: to, rowVersion: sql`${campaigns.rowVersion} + 1`, updatedAt: new Date() })
      .where(
        and(
          eq(campaigns.id, campaign.id),
          eq(campaigns.workspaceId, ctx.workspace.id),
          eq(campaigns.status, from),
          eq(campaigns.rowVersion, rowVersion),
        ),
      )
      .returning({ id: campaigns.id });
    if (moved.length === 0)
      return {
        ok: false as const,
        status: 409 as const,
        message: "The campaign changed while you were looking at it. Reload and try again.",
      };
    await recordAudit(tx, {
      workspaceId: ctx.workspace.id,
      actor: actorOf(ctx),
      action: "campaign.status_changed",
      objectType: "campaign",
      objectId: campaign.id,
      data: { from, to, event },
      meta: requestMeta(request),
    });
    return { ok: true as const, status: to };
  });
}

/* ------------------------------------------------------------------ the campaign page */

export async function campaignPeople(campaign: Campaign) {
  const [brand, lead, joined, assigned, coordinator] = await Promise.all([
    db().query.brands.findFirst({ where: eq(brands.id, campaign.brandId), columns: { id: true, name: true, timeZone: true, color: true } }),
    db().query.agencies.findFirst({ where: eq(agencies.id, campaign.leadAgencyId), columns: { id: true, name: true } }),
    db()
      .select({ id: agencies.id, name: agencies.name })
      .from(campaignAgencies)
      .innerJoin(agencies, eq(agencies.id, campaignAgencies.agencyId))
      .where(eq(campaignAgencies.campaignId, campaign.id))
      .orderBy(asc(agencies.name)),
    db()
      .select({ id: creators.id, name: creators.name, handle: creators.handle })
      .from(campaignCreators)
      .innerJoin(creators, eq(creators.id, campaignCreators.creatorId))
      .where(eq(campaignCreators.campaignId, campaign.id))
      .orderBy(asc(creators.name)),
    campaign.coordinatorId
      ? db().query.users.findFirst({ where: eq(users.id, campaign.coordinatorId), columns: { id: true, name: true, email: true } })
      : Promise.resolve(undefined),
  ]);
  return { brand: brand ?? null, lead: lead ?? null, agencies: joined, creators: assigned, coordinator: coordinator ?? null };
}

/** The campaign's deliverables a member may see (a creator only their own), read-only here. */
export async function campaignDeliverables(ctx: MemberContext, campaignId: string) {
  const where: SQL[] = [eq(deliverables.campaignId, campaignId), eq(deliverables.workspaceId, ctx.workspace.id)];
  if (ctx.scope.kind === "creator") where.push(eq(deliverables.creatorId, ctx.scope.creatorId));
  return db()
    .select({
      id: deliverables.id,
      title: deliverables.title,
      channel: deliverables.channel,
      status: deliverables.status,
      publishAt: deliverables.publishAt,
      creator: creators.name,
    })
    .from(deliverables)
    .leftJoin(creators, eq(creators.id, deliverables.creatorId))
    .where(and(...where))
    .orderBy(asc(deliverables.publishAt))
    .limit(200);
}

/** The campaign's history: its own audit events and its brief's, newest first. */
export async function campaignHistory(workspaceId: string, campaignId: string, briefId: string | null) {
  const objects = [and(eq(auditEvents.objectType, "campaign"), eq(auditEvents.objectId, campaignId))!];
  if (briefId) objects.push(and(eq(auditEvents.objectType, "brief"), eq(auditEvents.objectId, briefId))!);
  return db()
    .select({
      id: auditEvents.id,
      action: auditEvents.action,
      actor: auditEvents.actorLabel,
      data: auditEvents.data,
      createdAt: auditEvents.createdAt,
    })
    .from(auditEvents)
    .where(and(eq(auditEvents.workspaceId, workspaceId), or(...objects)))
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(100);
}
