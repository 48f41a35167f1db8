import { and, eq, exists, or, sql, type SQL } from "drizzle-orm";
import { campaignAgencies, campaignCreators, campaigns } from "@db/schema";
import { db } from "~/utils/db.server";
import type { MemberContext } from "~/modules/workspaces/authz.server";

/**
 * Which campaigns a member may see, as one SQL condition every campaign query adds. The scope
 * comes from the membership (never the request): workspace roles see all; an agency member the
 * campaigns its agency leads or joins; a brand lead or client contact their brand's; a creator
 * the campaigns it is assigned to.
 */
export function campaignScope(ctx: MemberContext): SQL {
  const inWorkspace = eq(campaigns.workspaceId, ctx.workspace.id);
  const scope = ctx.scope;
  switch (scope.kind) {
    case "workspace":
      return inWorkspace;
    case "brand":
      return and(inWorkspace, eq(campaigns.brandId, scope.brandId))!;
    case "agency":
      return and(
        inWorkspace,
        or(
          eq(campaigns.leadAgencyId, scope.agencyId),
          exists(
            db()
              .select({ one: sql`1` })
              .from(campaignAgencies)
              .where(and(eq(campaignAgencies.campaignId, campaigns.id), eq(campaignAgencies.agencyId, scope.agencyId))),
          ),
        ),
      )!;
    case "creator":
      return and(
        inWorkspace,
        exists(
          db()
            .select({ one: sql`1` })
            .from(campaignCreators)
            .where(and(eq(campaignCreators.campaignId, campaigns.id), eq(campaignCreators.creatorId, scope.creatorId))),
        ),
      )!;
  }
}

/** The campaign if this member may see it, else null (the caller answers 404). */
export async function findVisibleCampaign(ctx: MemberContext, campaignId: string) {
  const rows = await db()
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.id, campaignId), campaignScope(ctx)))
    .limit(1);
  return rows[0] ?? null;
}
