import { eq } from "drizzle-orm";
import { campaigns, type deliverables } from "@db/schema";
import type { Queryable } from "~/utils/db.server";
import { invitedLeadOf } from "./guests.server";
import { loadCampaignRoute } from "./routes.server";

/**
 * What a person WITHOUT a membership may be to one deliverable (decision 052), for the decision
 * link's door: a guest approver named on one of its route's review stages, or a brand lead of its
 * brand invited and not joined yet who is on its sign-off stage. Anyone else: null (the link ended).
 */
export type GuestSeat = { role: "guest" } | { role: "brand_lead"; brandId: string };

export async function guestSeat(
  tx: Queryable,
  input: { deliverable: typeof deliverables.$inferSelect; user: { id: string; email: string }; now: Date },
): Promise<GuestSeat | null> {
  const { deliverable, user } = input;
  const campaign = await tx.query.campaigns.findFirst({ where: eq(campaigns.id, deliverable.campaignId) });
  if (!campaign) return null;
  const { route } = await loadCampaignRoute(tx, campaign);
  const on = (kind: "review" | "brand_signoff") =>
    route.stages.some((s) => s.kind === kind && (s.approverUserIds.includes(user.id) || s.backupUserId === user.id));
  if (on("brand_signoff") && (await invitedLeadOf(tx, deliverable.workspaceId, user.email, deliverable.brandId, input.now))) {
    return { role: "brand_lead", brandId: deliverable.brandId };
  }
  return on("review") ? { role: "guest" } : null;
}
