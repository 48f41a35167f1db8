import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { approvalDecisions, campaigns, deliverables, draftVersions } from "@db/schema";
import { db } from "~/utils/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { queueEmail } from "~/modules/email/send.server";
import { defineJob, payloadId } from "~/modules/jobs/job-kinds";
import { emitWebhook } from "~/modules/webhooks/webhooks.server";
import { BLOCK_JOB, REMINDER_JOB } from "./deadlines.server";
import { canTransition, nextStatus, type DeliverableStatus } from "./deliverable-status";
import { brandTimeZone, creatorUserId, deliverableUrl, memberIds, timeFor, usersByIds, workspaceEmailContext } from "./people.server";
import { tellEach } from "./notices.server";
import { evaluateRoute } from "./route";
import { loadCampaignRoute } from "./routes.server";
import { windowHoursFor } from "./scope.server";
import { shouldBlock, signOffCounts, signOffDeadline } from "./signoff-rule";
import { HOUR_MS } from "~/utils/time";

const blockPayload = z.object({
  deliverableId: payloadId,
  /** The deadline the job was scheduled for (ISO); a rescheduled deliverable has a different one. */
  deadline: z.string().datetime(),
});
/** `hoursBefore` is always written; a job queued before it was has the handler work it out. */
const reminderPayload = blockPayload.extend({ hoursBefore: z.number().int().positive().optional() });
type DeadlinePayload = z.output<typeof reminderPayload>;

const SYSTEM = { userId: null, label: "system (sign-off deadline)" };

/** The deliverable and its current deadline, or null when the job no longer applies. */
async function current(payload: DeadlinePayload) {
  const row = await db().query.deliverables.findFirst({ where: eq(deliverables.id, payload.deliverableId) });
  if (!row) return null;
  const { windowHours } = await workspaceEmailContext(db(), row.workspaceId);
  const window = await windowHoursFor(db(), windowHours, row.brandId);
  const deadline = signOffDeadline(row.publishAt, window);
  // Rescheduled since: the jobs for the new deadline were scheduled with it.
  if (deadline.toISOString() !== payload.deadline) return null;
  return { row, deadline, window };
}

/** 24 h and 4 h before the deadline: remind the approvers the current version is waiting on. */
async function remind(payload: DeadlinePayload, now: Date): Promise<void> {
  const found = await current(payload);
  if (!found || found.row.status !== "in_review") return;
  const { row, deadline } = found;
  const campaign = await db().query.campaigns.findFirst({ where: eq(campaigns.id, row.campaignId) });
  if (!campaign) return;
  const { route } = await loadCampaignRoute(db(), campaign);
  const decisions = await db().select().from(approvalDecisions).where(eq(approvalDecisions.deliverableId, row.id));
  const evaluation = evaluateRoute(route, decisions, row.currentVersion);
  if (evaluation.pendingApproverIds.length === 0) return;
  const { branding, slug } = await workspaceEmailContext(db(), row.workspaceId);
  const zone = await brandTimeZone(db(), row.brandId);
  const hours = payload.hoursBefore ?? Math.max(1, Math.round((deadline.getTime() - now.getTime()) / HOUR_MS));
  const key = `${payload.deadline}:${hours}`;
  await db().transaction(async (tx) => {
    for (const person of await usersByIds(tx, evaluation.pendingApproverIds)) {
      // One reminder per person per due time, however often this job runs.
      await queueEmail(
        tx,
        {
          to: person.email,
          template: "signoff-reminder",
          props: {
            workspace: branding,
            recipientName: person.name,
            campaignName: campaign.name,
            deliverableName: row.title,
            version: row.currentVersion,
            deadline: timeFor(deadline, person.timeZone, zone),
            hoursLeft: hours,
            publishAt: timeFor(row.publishAt, person.timeZone, zone),
            url: deliverableUrl(slug, row.id),
          },
        },
        { workspaceId: row.workspaceId, dedupeKey: `approvals.reminder-email:${row.id}:${key}:${person.id}` },
      );
    }
    await tx
      .update(deliverables)
      .set({ remindersSent: sql`${deliverables.remindersSent} || ${JSON.stringify([key])}::jsonb` })
      .where(eq(deliverables.id, row.id));
  });
}

/** At the deadline without a sign-off on the current version: blocked. */
async function block(payload: DeadlinePayload, now: Date): Promise<void> {
  const found = await current(payload);
  if (!found) return;
  const { row, deadline, window } = found;
  const status = row.status as DeliverableStatus;
  const signedOff = signOffCounts({
    signedOffAt: row.signedOffAt,
    signedOffVersion: row.signedOffVersion,
    currentVersion: row.currentVersion,
    deadline,
  });
  if (!canTransition(status, "block") || !shouldBlock({ now, deadline, signedOff })) return;
  const campaign = await db().query.campaigns.findFirst({ where: eq(campaigns.id, row.campaignId) });
  if (!campaign) return;
  await db().transaction(async (tx) => {
    const updated = await tx
      .update(deliverables)
      .set({ status: nextStatus(status, "block"), rowVersion: sql`${deliverables.rowVersion} + 1`, updatedAt: now })
      .where(and(eq(deliverables.id, row.id), eq(deliverables.rowVersion, row.rowVersion), eq(deliverables.status, status)))
      .returning({ id: deliverables.id });
    // Changed meanwhile (a decision or a reschedule): that change scheduled its own jobs.
    if (updated.length === 0) return;
    const version =
      row.currentVersion > 0
        ? await tx.query.draftVersions.findFirst({
            where: and(eq(draftVersions.deliverableId, row.id), eq(draftVersions.version, row.currentVersion)),
          })
        : null;
    await recordAudit(tx, {
      workspaceId: row.workspaceId,
      actor: SYSTEM,
      action: "deliverable.blocked",
      objectType: "deliverable",
      objectId: row.id,
      data: {
        title: row.title,
        deadline: deadline.toISOString(),
        publishAt: row.publishAt.toISOString(),
        statusFrom: status,
        version: row.currentVersion,
      },
    });
    const creatorUser = await creatorUserId(tx, row.creatorId);
    const leads = await memberIds(tx, row.workspaceId, { role: "brand_lead", brandId: row.brandId });
    const agency = await memberIds(tx, row.workspaceId, { role: "agency_member", agencyId: campaign.leadAgencyId });
    const recipients = await usersByIds(tx, [creatorUser, version?.submittedBy, campaign.coordinatorId, ...leads, ...agency]);
    await tellEach(tx, { row, campaign }, recipients, "deliverable-blocked", (at) => ({
      title: `Blocked: ${row.title}`,
      body: `No sign-off by ${at(deadline)}. Reschedule it or ask an admin to override.`,
      props: { deadline: at(deadline), publishAt: at(row.publishAt), signOffWindowHours: window },
    }));
    await emitWebhook(tx, row.workspaceId, "deliverable.blocked", {
      deliverableId: row.id,
      campaignId: row.campaignId,
      deadline: deadline.toISOString(),
      publishAt: row.publishAt.toISOString(),
    });
  });
}

/** Background jobs of the approvals capability (reminders, deadlines), registered in jobs/handlers.server.ts. */
export const approvalsJobs = {
  [REMINDER_JOB]: defineJob({ payload: reminderPayload, run: (payload, _job, now) => remind(payload, now) }),
  [BLOCK_JOB]: defineJob({ payload: blockPayload, run: (payload, _job, now) => block(payload, now) }),
};
