import { desc, eq } from "drizzle-orm";
import { briefVersions } from "@db/schema";
import type { Queryable } from "~/utils/db.server";
import type { BriefDraft } from "~/modules/briefs/core-sections";
import { trackingRequirements } from "~/modules/briefs/tracking";

/** What the campaign's brief asks every draft to carry (the latest published version). */
export async function briefRequirements(tx: Queryable, campaignId: string) {
  const latest = await tx.query.briefVersions.findFirst({
    where: eq(briefVersions.campaignId, campaignId),
    orderBy: desc(briefVersions.version),
  });
  const tracking = trackingRequirements((latest?.content ?? {}) as BriefDraft);
  return {
    briefVersion: latest?.version ?? null,
    disclosure: tracking.disclosure,
    requiredUtm: tracking.utm.map((u) => (u.value === undefined ? { name: u.param } : { name: u.param, value: u.value })),
  };
}
