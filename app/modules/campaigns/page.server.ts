import { and, asc, desc, eq, or } from "drizzle-orm";
import {
  agencies,
  auditEvents,
  brands,
  campaignAgencies,
  campaignCreators,
  creators,
  deliverables,
  users,
  type campaigns,
} from "@db/schema";
import { db } from "~/utils/db.server";
import type { ScopedContext } from "~/modules/workspaces/authz.server";
import { auditScope, deliverableScope } from "~/modules/workspaces/scope.server";

/** What the campaign page reads besides the campaign: its people, its deliverables, its history. */

type Campaign = typeof campaigns.$inferSelect;

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
export async function campaignDeliverables(ctx: ScopedContext, campaignId: string) {
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
    .where(and(eq(deliverables.campaignId, campaignId), deliverableScope(ctx)))
    .orderBy(asc(deliverables.publishAt))
    .limit(200);
}

/** The campaign's history: its own audit events and its brief's, newest first. */
export async function campaignHistory(ctx: ScopedContext, campaignId: string, briefId: string | null) {
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
    .where(and(auditScope(ctx), or(...objects)))
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(100);
}
