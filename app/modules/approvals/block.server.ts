import type { Queryable } from "~/utils/db.server";
import { emitWebhook } from "~/modules/webhooks/webhooks.server";
import type { ActorContext } from "~/modules/workspaces/authz.server";
import type { CampaignRow, DeliverableRow } from "./command.server";
import { earliestPublishFor } from "./earliest-publish.server";
import { tellEach } from "./notices.server";
import { creatorUserId, memberIds, usersByIds } from "./people.server";
import { recordPublishOutcome } from "~/modules/insights/approval-facts.server";

/**
 * Who hears that a deliverable is blocked, and the webhook: one place for the deadline job (the
 * deadline passed) and for a person who confirmed a time inside the window (blocked at once).
 * Called inside the transaction that set the flag; `actorId` (the person who confirmed) is not told
 * what they just did.
 */
export async function announceBlocked(
  tx: Queryable,
  ctx: Pick<ActorContext, "workspace">,
  input: { row: DeliverableRow; campaign: CampaignRow; deadline: Date; windowHours: number; now: Date; actorId?: string | null },
): Promise<void> {
  const { row, campaign, deadline, windowHours, now } = input;
  const submitters = await tx.query.draftVersions.findMany({
    where: (v, { eq }) => eq(v.deliverableId, row.id),
    columns: { submittedBy: true, version: true },
  });
  const submittedBy = submitters.find((v) => v.version === row.currentVersion)?.submittedBy;
  const creatorUser = await creatorUserId(tx, row.creatorId);
  const leads = await memberIds(tx, row.workspaceId, { role: "brand_lead", brandId: row.brandId });
  const agency = await memberIds(tx, row.workspaceId, { role: "agency_member", agencyId: campaign.leadAgencyId });
  const recipients = (await usersByIds(tx, [creatorUser, submittedBy, campaign.coordinatorId, ...leads, ...agency])).filter(
    (p) => p.id !== input.actorId,
  );
  const earliest = await earliestPublishFor(tx, ctx, {
    campaign,
    channel: row.channel,
    excludeId: row.id,
    windowHours,
    now,
  });
  await tellEach(tx, { row, campaign }, recipients, "deliverable-blocked", (at) => ({
    title: `Blocked: ${row.title}`,
    body: `No sign-off by ${at(deadline)}. Drafts and reviews go on; reschedule it or ask an admin to override.`,
    props: {
      deadline: at(deadline),
      publishAt: at(row.publishAt),
      signOffWindowHours: windowHours,
      earliestPublishAt: earliest ? at(earliest) : null,
    },
  }));
  // Insights (decision 053): a block is a 48-hour-rule outcome, counted on the publish day.
  await recordPublishOutcome(tx, { deliverable: row, event: "blocked", at: now, personId: input.actorId ?? null });
  await emitWebhook(tx, row.workspaceId, "deliverable.blocked", {
    deliverableId: row.id,
    campaignId: row.campaignId,
    deadline: deadline.toISOString(),
    publishAt: row.publishAt.toISOString(),
  });
}
