import { and, desc, eq, isNull } from "drizzle-orm";
import { onboardingLinks } from "@db/schema";
import { db } from "~/utils/db.server";
import { readAnswers } from "./link-model";
import { briefPrefill, type BriefPrefill } from "./questionnaire";

/**
 * What a brand told us in its onboarding questionnaire, as brief fields (brand story, audience):
 * the newest link of the brand with answers wins. For the briefs capability to pre-fill a new brief.
 */
export async function briefPrefillForBrand(workspaceId: string, brandId: string): Promise<BriefPrefill> {
  const links = await db()
    .select({ answers: onboardingLinks.answers })
    .from(onboardingLinks)
    .where(and(eq(onboardingLinks.workspaceId, workspaceId), eq(onboardingLinks.brandId, brandId), isNull(onboardingLinks.replacedById)))
    .orderBy(desc(onboardingLinks.createdAt))
    .limit(20);
  for (const link of links) {
    const prefill = briefPrefill(readAnswers(link.answers).questionnaire);
    if (prefill.brandStory || prefill.audience) return prefill;
  }
  return {};
}
