import { and, asc, eq, ilike, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import {
  agencies,
  brands,
  briefAcknowledgments,
  briefs,
  campaignAgencies,
  campaignCreators,
  campaigns,
  creators,
  memberships,
  users,
} from "@db/schema";
import { db } from "~/utils/db.server";
import type { ScopedContext } from "~/modules/workspaces/authz.server";
import { brandScope, campaignScope, inWorkspace, seesWholeWorkspace } from "~/modules/workspaces/scope.server";
import type { CampaignFilter } from "./schemas";

/** The campaigns list and the choices of the campaign form and the list's filters. */

export const CAMPAIGN_LIST_LIMIT = 200;

export async function listCampaigns(ctx: ScopedContext, filter: CampaignFilter, limit = CAMPAIGN_LIST_LIMIT) {
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
export async function campaignOptions(ctx: Pick<ScopedContext, "workspace">) {
  const [b, a, c, coordinators] = await Promise.all([
    db()
      .select({ id: brands.id, name: brands.name, timeZone: brands.timeZone })
      .from(brands)
      .where(inWorkspace(ctx, brands.workspaceId))
      .orderBy(asc(brands.name)),
    db()
      .select({ id: agencies.id, name: agencies.name })
      .from(agencies)
      .where(inWorkspace(ctx, agencies.workspaceId))
      .orderBy(asc(agencies.name)),
    db()
      .select({ id: creators.id, name: creators.name, handle: creators.handle })
      .from(creators)
      .where(inWorkspace(ctx, creators.workspaceId))
      .orderBy(asc(creators.name)),
    db()
      .select({ id: users.id, name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(inWorkspace(ctx, memberships.workspaceId), inArray(memberships.role, ["owner", "admin", "coordinator"])))
      .orderBy(asc(users.name)),
  ]);
  return { brands: b, agencies: a, creators: c, coordinators };
}

/** The list's filter choices: scoped members filter by what they can already see; the directory itself stays private. */
export async function campaignFilterChoices(ctx: ScopedContext) {
  const wide = seesWholeWorkspace(ctx);
  const [visibleBrands, options] = await Promise.all([
    db().select({ value: brands.id, label: brands.name }).from(brands).where(brandScope(ctx)).orderBy(asc(brands.name)),
    wide ? campaignOptions(ctx) : null,
  ]);
  return {
    brands: visibleBrands,
    agencies: options?.agencies.map((a) => ({ value: a.id, label: a.name })) ?? [],
    creators: options?.creators.map((c) => ({ value: c.id, label: c.name })) ?? [],
  };
}
