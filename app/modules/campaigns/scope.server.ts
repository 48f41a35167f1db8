import { and, eq } from "drizzle-orm";
import { campaigns } from "@db/schema";
import { db } from "~/utils/db.server";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { campaignScope } from "~/modules/workspaces/scope.server";

/** @deprecated Import `campaignScope` from `~/modules/workspaces/scope.server` (decision 051). */
export { campaignScope };

/** The campaign if this member may see it, else null (the caller answers 404). */
export async function findVisibleCampaign(ctx: MemberContext, campaignId: string) {
  const rows = await db()
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.id, campaignId), campaignScope(ctx)))
    .limit(1);
  return rows[0] ?? null;
}
