import { and, eq } from "drizzle-orm";
import { campaignCreators, creators, deliverables } from "@db/schema";
import { db, type Transaction } from "~/utils/db.server";
import { createOnce } from "~/utils/idempotency.server";
import { invalid, type Outcome } from "~/utils/outcome";
import { audit } from "~/modules/audit/audit.server";
import type { Channel } from "~/modules/channels/channels";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { inWorkspace } from "~/modules/workspaces/scope.server";
import { missingDeliverable, refuse, runCommand, type CampaignRow } from "./command.server";
import { announceBlocked } from "./block.server";
import { scheduleDeadlineJobs } from "./deadlines.server";
import { nextState, type DeliverableState } from "./deliverable-status";
import { earliestPublishFor, warnInsideWindow } from "./earliest-publish.server";
import { publishAtProblem } from "./publish-time";
import { windowHoursFor } from "./scope.server";
import { isInsideWindow } from "./signoff-rule";

export interface CreateDeliverableInput {
  /** A campaign the member may see (the route's door checked it). */
  campaign: CampaignRow;
  title: string;
  channel: Channel;
  creatorId: string | null;
  /** The time asked for, or "earliest": the earliest allowed time, worked out when the request arrives. */
  publishAt: Date | "earliest";
  /** The person saw the inside-the-window warning and keeps the time they asked for (it starts blocked). */
  confirmInsideWindow?: boolean;
  /** The form's idempotency key: a repeated or concurrent submit answers the first deliverable. */
  idempotencyKey: string;
}

const NOT_ASSIGNED = "Choose a creator assigned to this campaign.";

const NO_EARLIEST = "No time within the next three years keeps the sign-off rule and the brand's blackouts and spacing. Pick one yourself.";

/**
 * Creates a deliverable. A publish time inside the sign-off window is answered with a warning that
 * names the earliest allowed time, before anything is saved (decision 052); confirmed, the
 * deliverable starts blocked (the draft path is open, scheduling is not) in the same transaction.
 */
export async function createDeliverable(
  ctx: MemberContext,
  input: CreateDeliverableInput,
  now = new Date(),
): Promise<Outcome<{ id: string; blocked: boolean }>> {
  if (!(ctx.can("campaigns.manage") || ctx.can("drafts.publish"))) return missingDeliverable();
  const windowHours = await windowHoursFor(db(), ctx.workspace.signoffWindowHours, input.campaign.brandId);
  const place = { campaign: input.campaign, channel: input.channel, excludeId: null };
  const publishAt = input.publishAt === "earliest" ? await earliestPublishFor(db(), ctx, { ...place, windowHours, now }) : input.publishAt;
  if (!publishAt) return invalid(NO_EARLIEST, { publishAt: [NO_EARLIEST] });
  const problem = publishAtProblem(publishAt, now);
  if (problem) return invalid(problem, { publishAt: [problem] });
  const blocked = isInsideWindow({ publishAt, windowHours, now });
  if (blocked && !input.confirmInsideWindow) return warnInsideWindow(db(), ctx, { ...place, windowHours, now, blockedAlready: false });
  return runCommand(async (tx) => {
    // Refusals inside throw (rolling the claim back with everything else), so the id is always there.
    const once = await createOnce(
      tx,
      { scope: ctx.workspace.id, key: input.idempotencyKey, kind: "deliverable" },
      () => insertDeliverable(tx, ctx, { ...input, publishAt, blocked, windowHours }, now),
      (id) => id,
    );
    return { id: once.first ? once.value : once.recordId, blocked };
  });
}

type Insert = Omit<CreateDeliverableInput, "publishAt"> & { publishAt: Date; blocked: boolean; windowHours: number };

/** The deliverable, its deadline jobs and its audit event: for the first submit of the form only. */
async function insertDeliverable(tx: Transaction, ctx: MemberContext, input: Insert, now: Date): Promise<string> {
  const { campaign, windowHours } = input;
  // Inside the window, confirmed: blocked from the start (the table's block event, from draft).
  const created: DeliverableState = { status: "draft", blocked: false };
  const initial = input.blocked ? nextState(created, "block") : created;
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
      status: initial.status,
      blocked: initial.blocked,
    })
    .returning();
  const deadline = await scheduleDeadlineJobs(tx, {
    deliverableId: row.id,
    workspaceId: row.workspaceId,
    publishAt: row.publishAt,
    windowHours,
    now,
  });
  await audit(tx, ctx, {
    action: "deliverable.created",
    objectType: "deliverable",
    objectId: row.id,
    data: { title: row.title, campaignId: campaign.id, channel: row.channel, publishAt: row.publishAt.toISOString(), blocked: row.blocked },
  });
  if (row.blocked) await announceBlocked(tx, ctx, { row, campaign, deadline, windowHours, now, actorId: ctx.user.id });
  return row.id;
}
