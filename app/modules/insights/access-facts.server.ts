import { eq, sql } from "drizzle-orm";
import { onboardingLinks, type accessSteps } from "@db/schema";
import type { Queryable } from "~/utils/db.server";
import { CHANNEL_PLATFORMS, CHANNELS } from "~/modules/channels/channels";
import { recordFact } from "./facts.server";

/**
 * The onboarding handoffs as facts (fact-kinds.ts: access_verified, link_verified), recorded by the
 * onboarding capability in the transaction that verifies a step. Insights imports nothing from
 * onboarding, so onboarding can call these without a cycle.
 */

type Step = typeof accessSteps.$inferSelect;

/** The channel whose posts need this platform's access (channels.ts), for the channel filter; null if none. */
export function channelOfPlatform(platform: string): string | null {
  return CHANNELS.find((channel) => CHANNEL_PLATFORMS[channel] === platform) ?? null;
}

async function linkOf(tx: Queryable, linkId: string) {
  const [link] = await tx
    .select({
      id: onboardingLinks.id,
      brandId: onboardingLinks.brandId,
      createdAt: onboardingLinks.createdAt,
      agencyId: sql<string | null>`${onboardingLinks.intake}->>'agencyId'`,
    })
    .from(onboardingLinks)
    .where(eq(onboardingLinks.id, linkId))
    .limit(1);
  return link ?? null;
}

/** The agency verified `step` (the row as updated, `verifiedAt` set) at its `verifiedAt`. */
export async function recordAccessVerified(tx: Queryable, ctx: { workspace: { id: string; timeZone: string } }, step: Step): Promise<void> {
  if (!step.verifiedAt) return;
  const link = await linkOf(tx, step.linkId);
  await recordFact(
    tx,
    {
      workspaceId: ctx.workspace.id,
      kind: "access_verified",
      subjectKey: `${step.id}@${step.verifiedAt.toISOString()}`,
      startedAt: step.createdAt,
      finishedAt: step.verifiedAt,
      brandId: link?.brandId ?? null,
      agencyId: link?.agencyId ?? null,
      channel: channelOfPlatform(step.platformKey),
      creatorId: null,
      personId: step.verifiedBy,
      data: { linkId: step.linkId, stepId: step.id, platform: step.platformKey, rejected: step.rejectedAt !== null },
    },
    ctx.workspace.timeZone,
  );
}

/**
 * Every platform step of the link is settled: from creating the link to its last verification
 * (onboarding/progress.ts `linkTimeToVerified`). Nothing when no step needed verifying.
 */
export async function recordLinkVerified(
  tx: Queryable,
  ctx: { workspace: { id: string; timeZone: string }; actor: { userId: string | null } },
  input: { linkId: string; steps: readonly Step[] },
): Promise<void> {
  const verified = input.steps.filter((s) => s.status === "verified" && s.verifiedAt);
  if (verified.length === 0) return;
  const link = await linkOf(tx, input.linkId);
  if (!link) return;
  const last = verified.reduce((a, b) => (b.verifiedAt! > a.verifiedAt! ? b : a));
  await recordFact(
    tx,
    {
      workspaceId: ctx.workspace.id,
      kind: "link_verified",
      subjectKey: link.id,
      startedAt: link.createdAt,
      finishedAt: last.verifiedAt!,
      brandId: link.brandId,
      agencyId: link.agencyId,
      channel: null,
      creatorId: null,
      personId: last.verifiedBy ?? ctx.actor.userId,
      data: { linkId: link.id, platforms: verified.map((s) => s.platformKey).sort() },
    },
    ctx.workspace.timeZone,
  );
}
