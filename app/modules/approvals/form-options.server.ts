import { asc, eq, inArray } from "drizzle-orm";
import { brands, campaigns, creators } from "@db/schema";
import { db } from "~/utils/db.server";
import { campaignScope } from "~/modules/workspaces/scope.server";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { isChannel } from "~/modules/channels/channels";

type CampaignRow = typeof campaigns.$inferSelect;

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
    brand: brand ? { name: brand.name, timeZone: brand.timeZone, signoffWindowHours: brand.signoffWindowHours } : null,
  };
}
