import { eq } from "drizzle-orm";
import { creators } from "@db/schema";
import type { EmailProps } from "@emails/index";
import type { Queryable } from "~/utils/db.server";
import { notify } from "~/modules/notifications/notify.server";
import { emitWebhook } from "~/modules/webhooks/webhooks.server";
import type { CampaignRow, DeliverableRow } from "./command.server";
import { issueDecisionLinks } from "./decision-links/tokens.server";
import { queueEmail } from "~/modules/email/send.server";
import { memberIdsAmong } from "./guests.server";
import {
  brandTimeZone,
  creatorUserId,
  deliverablePath,
  deliverableUrl,
  memberIds,
  timeFor,
  usersByIds,
  workspaceEmailContext,
  type Person,
} from "./people.server";

/**
 * Who hears about a step of the workflow, and in which words (in-app, email, webhook). Called
 * inside the command's transaction, so a refused command tells no one.
 */

interface Subject {
  row: DeliverableRow;
  campaign: CampaignRow;
}

/** The templates of a deliverable's workflow; their props all start with the same five. */
type DeliverableTemplate =
  "draft-submitted" | "draft-changes-requested" | "draft-signed-off" | "deliverable-blocked" | "deliverable-published" | "stage-escalated";
type CommonProps = "workspace" | "recipientName" | "campaignName" | "deliverableName" | "url";

/** What one person is told: the words of the step; `at` writes a time in their zone beside the brand's. */
type Words<N extends DeliverableTemplate> = (
  at: (date: Date) => string,
  person: Person,
) => {
  title: string;
  body: string;
  props: Omit<EmailProps<N>, CommonProps>;
};

/**
 * Each recipient gets the in-app notice and its email, linking to the deliverable, with times in
 * their own zone. The one place that says how a workflow notice is addressed.
 */
export async function tellEach<N extends DeliverableTemplate>(
  tx: Queryable,
  { row, campaign }: Subject,
  recipients: Person[],
  template: N,
  words: Words<N>,
): Promise<void> {
  const { branding, slug } = await workspaceEmailContext(tx, row.workspaceId);
  const zone = await brandTimeZone(tx, row.brandId);
  const members = await memberIdsAmong(
    tx,
    row.workspaceId,
    recipients.map((p) => p.id),
  );
  for (const person of recipients) {
    const said = words((date) => timeFor(date, person.timeZone, zone), person);
    const common = { workspace: branding, recipientName: person.name, campaignName: campaign.name, deliverableName: row.title };
    if (!members.has(person.id)) {
      // A guest approver (decision 052) has no membership, so no inbox in the app to read: the email alone.
      const props = { ...common, ...said.props, url: deliverableUrl(slug, row.id) } as EmailProps<N>;
      await queueEmail(tx, { to: person.email, template, props }, { workspaceId: row.workspaceId });
      continue;
    }
    await notify(tx, {
      workspaceId: row.workspaceId,
      userId: person.id,
      category: "approvals",
      title: said.title,
      body: said.body,
      url: deliverablePath(slug, row.id),
      // The five common props plus the template's own: exactly EmailProps<N>, which TypeScript cannot see through Omit.
      email: { template, props: { ...common, ...said.props, url: deliverableUrl(slug, row.id) } as EmailProps<N> },
    });
  }
}

/**
 * A version waits for these approvers (a new submission, or the previous stage completed). Each
 * email carries the approver's personal decision link (decision 052), issued here in the same
 * transaction; the in-app notice keeps the signed-in address (the notifications table is readable,
 * the email's props are sealed in the outbox).
 */
export async function tellApprovers(
  tx: Queryable,
  input: Subject & {
    version: number;
    late: boolean;
    deadline: Date;
    approverIds: string[];
    submitterName: string;
    /** Delegate → the away approver they decide for (decision 052): said in their email. */
    onBehalfOf?: ReadonlyMap<string, string>;
  },
) {
  const { row, campaign } = input;
  const approvers = await usersByIds(tx, input.approverIds);
  const [members, awayPeople] = await Promise.all([
    memberIdsAmong(
      tx,
      row.workspaceId,
      approvers.map((p) => p.id),
    ),
    usersByIds(tx, [...(input.onBehalfOf?.values() ?? [])]),
  ]);
  const forName = (id: string) => {
    const away = input.onBehalfOf?.get(id);
    return away ? (awayPeople.find((p) => p.id === away)?.name ?? null) : null;
  };
  const links = await issueDecisionLinks(tx, { workspaceId: row.workspaceId, deliverableId: row.id, userIds: approvers.map((p) => p.id) });
  await tellEach(tx, input, approvers, "draft-submitted", (at, person) => ({
    title: `${input.late ? "Late draft to review" : "Draft to review"}: ${row.title} (v${input.version})`,
    body: `${campaign.name}. Sign-off deadline ${at(input.deadline)}.`,
    props: {
      creatorName: input.submitterName,
      version: input.version,
      isLate: input.late,
      deadline: at(input.deadline),
      decisionUrl: links.get(person.id) ?? null,
      onBehalfOf: forName(person.id),
      guest: !members.has(person.id),
    },
  }));
}

/** The creator and the submitter hear the reviewer's comment; integrations get the webhook. */
export async function tellChangesRequested(
  tx: Queryable,
  input: Subject & { submittedBy: string | null; reviewerName: string; comment: string; stage: string; deadline: Date },
) {
  const { row, campaign } = input;
  const recipients = await usersByIds(tx, [await creatorUserId(tx, row.creatorId), input.submittedBy]);
  await tellEach(tx, input, recipients, "draft-changes-requested", (at) => ({
    title: `Changes requested: ${row.title} (v${row.currentVersion})`,
    body: `${input.reviewerName}: ${input.comment}`,
    props: { version: row.currentVersion, reviewerName: input.reviewerName, comment: input.comment, deadline: at(input.deadline) },
  }));
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
  const creatorUser = await creatorUserId(tx, row.creatorId);
  const publishers = await memberIds(tx, row.workspaceId, { role: "agency_member", agencyId: campaign.leadAgencyId });
  const recipients = await usersByIds(
    tx,
    [...publishers, campaign.coordinatorId, creatorUser].filter((id) => id !== input.signer.id),
  );
  await tellEach(tx, input, recipients, "draft-signed-off", (at) => ({
    title: `Signed off: ${row.title} (v${row.currentVersion})`,
    body: `Ready to schedule. Publish ${at(row.publishAt)}.`,
    props: { version: row.currentVersion, signedOffBy: input.signer.name, publishAt: at(row.publishAt) },
  }));
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
  const creator = row.creatorId ? await tx.query.creators.findFirst({ where: eq(creators.id, row.creatorId) }) : null;
  const leads = await memberIds(tx, row.workspaceId, { role: "brand_lead", brandId: row.brandId });
  const recipients = await usersByIds(
    tx,
    [creator?.userId, campaign.coordinatorId, ...leads].filter((id) => id !== input.publisherId),
  );
  await tellEach(tx, input, recipients, "deliverable-published", (at) => ({
    title: `Live: ${row.title}`,
    body: input.liveUrl,
    props: { creatorName: creator?.name ?? null, publishedAt: at(input.at), liveUrl: input.liveUrl },
  }));
  await emitWebhook(tx, row.workspaceId, "deliverable.published", {
    deliverableId: row.id,
    campaignId: campaign.id,
    version: row.currentVersion,
    liveUrl: input.liveUrl,
    publishedAt: input.at.toISOString(),
  });
}
