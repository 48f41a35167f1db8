import type { Queryable } from "~/utils/db.server";
import type { ScopedContext } from "~/modules/workspaces/authz.server";
import { ownCreatorId } from "~/modules/workspaces/scope.server";
import { recordFact } from "./facts.server";

/**
 * A person acknowledged a brief version they were asked to read (fact-kinds.ts: brief_acknowledged),
 * recorded by briefs in the acknowledging transaction. A creator's acknowledgment carries its
 * creator profile, so a creator sees it among its own figures.
 */
export async function recordBriefAcknowledged(
  tx: Queryable,
  ctx: ScopedContext,
  input: {
    campaign: { id: string; brandId: string; leadAgencyId: string };
    acknowledgment: { id: string; requestedAt: Date };
    version: number;
    at: Date;
  },
): Promise<void> {
  await recordFact(
    tx,
    {
      workspaceId: ctx.workspace.id,
      kind: "brief_acknowledged",
      subjectKey: input.acknowledgment.id,
      startedAt: input.acknowledgment.requestedAt,
      finishedAt: input.at,
      brandId: input.campaign.brandId,
      agencyId: input.campaign.leadAgencyId,
      channel: null,
      creatorId: ownCreatorId(ctx),
      personId: ctx.actor.userId,
      data: { campaignId: input.campaign.id, version: input.version },
    },
    ctx.workspace.timeZone,
  );
}
