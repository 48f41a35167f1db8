import { eq } from "drizzle-orm";
import { creators } from "@db/schema";
import type { Queryable } from "~/utils/db.server";
import { notify } from "~/modules/notifications/notify.server";
import { emitWebhook } from "~/modules/webhooks/webhooks.server";
import type { CampaignRow, DeliverableRow } from "./command.server";
import {
  brandTimeZone,
  creatorUserId,
  deliverablePath,
  deliverableUrl,
  memberIds,
  timeFor,
  usersByIds,
  workspaceEmailContext,
} from "./people.server";

/**
 * Who hears about a step of the workflow, and in which words (in-app, email, webhook). Called
 * inside the command's transaction, so a refused command tells no one.
 */

interface Subject {
  row: DeliverableRow;
  campaign: CampaignRow;
}

/** A version waits for these approvers (a new submission, or the previous stage completed). */
export async function tellApprovers(
  tx: Queryable,
  input: Subject & { version: number; late: boolean; deadline: Date; approverIds: string[]; submitterName: string },
) {
  const { row, campaign } = input;
  const { branding, slug } = await workspaceEmailContext(tx, row.workspaceId);
  const zone = await brandTimeZone(tx, row.brandId);
  for (const person of await usersByIds(tx, input.approverIds)) {
    await notify(tx, {
      workspaceId: row.workspaceId,
      userId: person.id,
      category: "approvals",
      title: `${input.late ? "Late draft to review" : "Draft to review"}: ${row.title} (v${input.version})`,
      body: `${campaign.name}. Sign-off deadline ${timeFor(input.deadline, person.timeZone, zone)}.`,
      url: deliverablePath(slug, row.id),
      email: {
        template: "draft-submitted",
        props: {
          workspace: branding,
          recipientName: person.name,
          campaignName: campaign.name,
          deliverableName: row.title,
          creatorName: input.submitterName,
          version: input.version,
          isLate: input.late,
          deadline: timeFor(input.deadline, person.timeZone, zone),
          url: deliverableUrl(slug, row.id),
        },
      },
    });
  }
}

/** The creator and the submitter hear the reviewer's comment; integrations get the webhook. */
export async function tellChangesRequested(
  tx: Queryable,
  input: Subject & { submittedBy: string | null; reviewerName: string; comment: string; stage: string; deadline: Date },
) {
  const { row, campaign } = input;
  const { branding, slug } = await workspaceEmailContext(tx, row.workspaceId);
  const zone = await brandTimeZone(tx, row.brandId);
  const recipients = await usersByIds(tx, [await creatorUserId(tx, row.creatorId), input.submittedBy]);
  for (const person of recipients) {
    await notify(tx, {
      workspaceId: row.workspaceId,
      userId: person.id,
      category: "approvals",
      title: `Changes requested: ${row.title} (v${row.currentVersion})`,
      body: `${input.reviewerName}: ${input.comment}`,
      url: deliverablePath(slug, row.id),
      email: {
        template: "draft-changes-requested",
        props: {
          workspace: branding,
          recipientName: person.name,
          campaignName: campaign.name,
          deliverableName: row.title,
          version: row.currentVersion,
          reviewerName: input.reviewerName,
          comment: input.comment,
          deadline: timeFor(input.deadline, person.timeZone, zone),
          url: deliverableUrl(slug, row.id),
        },
      },
    });
  }
  await emitWebhook(tx, row.workspaceId, "draft.changes_requested", {
    deliverableId: row.id,
    campaignId: campaign.id,
    version: row.currentVersion,
    stage: input.stage,
    comment: input.comment,
  });
}

/** The publishers, the coordinator and the creator (not the one who signed) hear it is ready to schedule. */
export async function tellSignedOff(tx: Queryable, input: Subject & { signer: { id: string; name: string }; at: Date }) {
  const { row, campaign } = input;
  const { branding, slug } = await workspaceEmailContext(tx, row.workspaceId);
  const zone = await brandTimeZone(tx, row.brandId);
  const creatorUser = await creatorUserId(tx, row.creatorId);
  const publishers = await memberIds(tx, row.workspaceId, { role: "agency_member", agencyId: campaign.leadAgencyId });
  const recipients = await usersByIds(
    tx,
    [...publishers, campaign.coordinatorId, creatorUser].filter((id) => id !== input.signer.id),
  );
  for (const person of recipients) {
    await notify(tx, {
      workspaceId: row.workspaceId,
      userId: person.id,
      category: "approvals",
      title: `Signed off: ${row.title} (v${row.currentVersion})`,
      body: `Ready to schedule. Publish ${timeFor(row.publishAt, person.timeZone, zone)}.`,
      url: deliverablePath(slug, row.id),
      email: {
        template: "draft-signed-off",
        props: {
          workspace: branding,
          recipientName: person.name,
          campaignName: campaign.name,
          deliverableName: row.title,
          version: row.currentVersion,
          signedOffBy: input.signer.name,
          publishAt: timeFor(row.publishAt, person.timeZone, zone),
          url: deliverableUrl(slug, row.id),
        },
      },
    });
  }
  await emitWebhook(tx, row.workspaceId, "draft.signed_off", {
    deliverableId: row.id,
    campaignId: campaign.id,
    version: row.currentVersion,
    signedOffBy: input.signer.id,
    signedOffAt: input.at.toISOString(),
  });
}

/** The creator, the coordinator and the brand leads (not the publisher) hear it is live. */
export async function tellPublished(tx: Queryable, input: Subject & { publisherId: string; liveUrl: string; at: Date }) {
  const { row, campaign } = input;
  const { branding, slug } = await workspaceEmailContext(tx, row.workspaceId);
  const zone = await brandTimeZone(tx, row.brandId);
  const creator = row.creatorId ? await tx.query.creators.findFirst({ where: eq(creators.id, row.creatorId) }) : null;
  const leads = await memberIds(tx, row.workspaceId, { role: "brand_lead", brandId: row.brandId });
  const recipients = await usersByIds(
    tx,
    [creator?.userId, campaign.coordinatorId, ...leads].filter((id) => id !== input.publisherId),
  );
  for (const person of recipients) {
    await notify(tx, {
      workspaceId: row.workspaceId,
      userId: person.id,
      category: "approvals",
      title: `Live: ${row.title}`,
      body: input.liveUrl,
      url: deliverablePath(slug, row.id),
      email: {
        template: "deliverable-published",
        props: {
          workspace: branding,
          recipientName: person.name,
          campaignName: campaign.name,
          deliverableName: row.title,
          creatorName: creator?.name ?? null,
          publishedAt: timeFor(input.at, person.timeZone, zone),
          liveUrl: input.liveUrl,
          url: deliverableUrl(slug, row.id),
        },
      },
    });
  }
  await emitWebhook(tx, row.workspaceId, "deliverable.published", {
    deliverableId: row.id,
    campaignId: campaign.id,
    version: row.currentVersion,
    liveUrl: input.liveUrl,
    publishedAt: input.at.toISOString(),
  });
}
