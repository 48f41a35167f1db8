import { desc, eq } from "drizzle-orm";
import { briefVersions } from "@db/schema";
import { db, type Queryable } from "~/utils/db.server";
import type { BriefDraft } from "./core-sections";
import { trackingRequirements, type TrackingRequirements } from "./tracking";

/**
 * The tracking conventions and disclosure of a campaign's current published brief, for the draft
 * checks of the approvals capability. Null when no brief has been published yet.
 */
export async function campaignTrackingRequirements(
  campaignId: string,
  q: Queryable = db(),
): Promise<(TrackingRequirements & { briefVersion: number }) | null> {
  const [row] = await q
    .select({ version: briefVersions.version, content: briefVersions.content })
    .from(briefVersions)
    .where(eq(briefVersions.campaignId, campaignId))
    .orderBy(desc(briefVersions.version))
    .limit(1);
  if (!row) return null;
  return { ...trackingRequirements(row.content as BriefDraft), briefVersion: row.version };
}
