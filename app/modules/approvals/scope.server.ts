import { and, eq, inArray, type SQL } from "drizzle-orm";
import { brands, campaigns, deliverables } from "@db/schema";
import { db, type Queryable } from "~/utils/db.server";
import { campaignScope } from "~/modules/campaigns/scope.server";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { effectiveWindowHours } from "./signoff-rule";

import { isId } from "~/utils/ids";

export { ID_PATTERN, isId } from "~/utils/ids";

/**
 * Which deliverables a member may see, as one SQL condition: those of campaigns the member sees
 * (campaignScope), and for a creator only their own deliverables on those campaigns.
 */
export function deliverableScope(ctx: MemberContext): SQL {
  const visibleCampaigns = db().select({ id: campaigns.id }).from(campaigns).where(campaignScope(ctx));
  const conditions: SQL[] = [eq(deliverables.workspaceId, ctx.workspace.id), inArray(deliverables.campaignId, visibleCampaigns)];
  if (ctx.scope.kind === "creator") conditions.push(eq(deliverables.creatorId, ctx.scope.creatorId));
  if (ctx.scope.kind === "brand") conditions.push(eq(deliverables.brandId, ctx.scope.brandId));
  return and(...conditions)!;
}

/** The deliverable if this member may see it, else null (the caller answers 404). */
export async function findVisibleDeliverable(ctx: MemberContext, deliverableId: string, tx: Queryable = db()) {
  if (!isId(deliverableId)) return null;
  const rows = await tx
    .select()
    .from(deliverables)
    .where(and(eq(deliverables.id, deliverableId), deliverableScope(ctx)))
    .limit(1);
  return rows[0] ?? null;
}

/** The sign-off window for a brand: its override, else the workspace setting, else 48 h. */
export async function windowHoursFor(tx: Queryable, workspaceHours: number | null, brandId: string): Promise<number> {
  const brand = await tx.query.brands.findFirst({ where: eq(brands.id, brandId), columns: { signoffWindowHours: true } });
  return effectiveWindowHours(workspaceHours, brand?.signoffWindowHours ?? null);
}
