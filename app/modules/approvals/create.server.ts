import { and, eq } from "drizzle-orm";
import { campaignCreators, creators, deliverables } from "@db/schema";
import type { Transaction } from "~/utils/db.server";
import { createOnce } from "~/utils/idempotency.server";
import { invalid, type Outcome } from "~/utils/outcome";
import { audit } from "~/modules/audit/audit.server";
import type { Channel } from "~/modules/channels/channels";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { inWorkspace } from "~/modules/workspaces/scope.server";
import { missingDeliverable, refuse, runCommand, type CampaignRow } from "./command.server";
import { scheduleDeadlineJobs } from "./deadlines.server";
import { publishAtProblem } from "./publish-time";
import { windowHoursFor } from "./scope.server";

export interface CreateDeliverableInput {
  /** A campaign the member may see (the route's door checked it). */
  campaign: CampaignRow;
  title: string;
  channel: Channel;
  creatorId: string | null;
  publishAt: Date;
  /** The form's idempotency key: a repeated or concurrent submit answers the first deliverable. */
  idempotencyKey: string;
}

const NOT_ASSIGNED = "Choose a creator assigned to this campaign.";

export async function createDeliverable(ctx: MemberContext, input: CreateDeliverableInput): Promise<Outcome<{ id: string }>> {
  if (!(ctx.can("campaigns.manage") || ctx.can("drafts.publish"))) return missingDeliverable();
  const now = new Date();
  const problem = publishAtProblem(input.publishAt, now);
  if (problem) return invalid(problem, { publishAt: [problem] });
  return runCommand(async (tx) => {
    // Refusals inside throw (rolling the claim back with everything else), so the id is always there.
    const once = await createOnce(
      tx,
      { scope: ctx.workspace.id, key: input.idempotencyKey, kind: "deliverable" },
      () => insertDeliverable(tx, ctx, input, now),
      (id) => id,
    );
    return { id: once.first ? once.value : once.recordId };
  });
}

/** The deliverable, its deadline jobs and its audit event: for the first submit of the form only. */
async function insertDeliverable(tx: Transaction, ctx: MemberContext, input: CreateDeliverableInput, now: Date): Promise<string> {
  const { campaign } = input;
  if (input.creatorId) {
    const assigned = await tx
      .select({ id: campaignCreators.creatorId })
      .from(campaignCreators)
      .innerJoin(creators, eq(creators.id, campaignCreators.creatorId))
      .where(
        and(
          eq(campaignCreators.campaignId, campaign.id),
          eq(campaignCreators.creatorId, input.creatorId),
          inWorkspace(ctx, creators.workspaceId),
        ),
      )
      .limit(1);
    if (!assigned[0]) refuse(invalid(NOT_ASSIGNED, { creatorId: [NOT_ASSIGNED] }));
  }
  const [row] = await tx
    .insert(deliverables)
    .values({
      workspaceId: ctx.workspace.id,
      campaignId: campaign.id,
      brandId: campaign.brandId,
      creatorId: input.creatorId,
      channel: input.channel,
      title: input.title,
      publishAt: input.publishAt,
      status: "draft",
    })
    .returning();
  const windowHours = await windowHoursFor(tx, ctx.workspace.signoffWindowHours, campaign.brandId);
  await scheduleDeadlineJobs(tx, { deliverableId: row.id, workspaceId: row.workspaceId, publishAt: row.publishAt, windowHours, now });
  await audit(tx, ctx, {
    action: "deliverable.created",
    objectType: "deliverable",
    objectId: row.id,
    data: { title: row.title, campaignId: campaign.id, channel: row.channel, publishAt: row.publishAt.toISOString() },
  });
  return row.id;
}
