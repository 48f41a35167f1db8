import { and, eq, sql } from "drizzle-orm";
import { auditWithEvidence } from "./evidence/ledger.server";
import { z } from "zod";
import { approvalDecisions, campaigns, deliverables, workspaces } from "@db/schema";
import { db } from "~/utils/db.server";
import { queueEmail } from "~/modules/email/send.server";
import { defineJob, payloadId } from "~/modules/jobs/job-kinds";
import { systemContext } from "~/modules/workspaces/authz.server";
import { BLOCK_JOB, REMINDER_JOB } from "./deadlines.server";
import { issueDecisionLinks } from "./decision-links/tokens.server";
import { announceBlocked } from "./block.server";
import { canTransition, nextState, stateOf } from "./deliverable-status";
import { brandTimeZone, deliverableUrl, timeFor, usersByIds, workspaceEmailContext } from "./people.server";
import { loadCampaignRoute } from "./routes.server";
import { routeNow, submitterOf } from "./stand-ins.server";
import { memberIdsAmong } from "./guests.server";
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
  // Reminders are requests too: to whoever acts now, a delegate in an away approver's place, the backup after an escalation (decision 052).
  const standing = await routeNow(db(), { row, route, decisions, submitterId: await submitterOf(db(), row) }, now);
  if (standing.acting.length === 0) return;
  const { branding, slug } = await workspaceEmailContext(db(), row.workspaceId);
  const zone = await brandTimeZone(db(), row.brandId);
  const hours = payload.hoursBefore ?? Math.max(1, Math.round((deadline.getTime() - now.getTime()) / HOUR_MS));
  const key = `${payload.deadline}:${hours}`;
  await db().transaction(async (tx) => {
    const approvers = await usersByIds(
      tx,
      standing.acting.map((a) => a.userId),
    );
    const members = await memberIdsAmong(
      tx,
      row.workspaceId,
      approvers.map((p) => p.id),
    );
    const away = await usersByIds(
      tx,
      standing.acting.map((a) => a.forUserId),
    );
    const forName = (id: string) => away.find((p) => p.id === standing.acting.find((a) => a.userId === id)?.forUserId)?.name ?? null;
    // Each reminder carries the approver's own decision link (decision 052), sealed with the email's props.
    const links = await issueDecisionLinks(tx, {
      workspaceId: row.workspaceId,
      deliverableId: row.id,
      userIds: approvers.map((p) => p.id),
    });
    for (const person of approvers) {
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
            decisionUrl: links.get(person.id) ?? null,
            onBehalfOf: forName(person.id),
            guest: !members.has(person.id),
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

/**
 * At the deadline without a sign-off on the current version: the blocked flag is set beside the
 * status (decision 052). The status stays, so the draft path goes on; the table refuses a
 * deliverable that is already blocked or signed off.
 */
async function block(payload: DeadlinePayload, now: Date): Promise<void> {
  const found = await current(payload);
  if (!found) return;
  const { row, deadline, window } = found;
  const state = stateOf(row);
  const signedOff = signOffCounts({
    signedOffAt: row.signedOffAt,
    signedOffVersion: row.signedOffVersion,
    currentVersion: row.currentVersion,
    deadline,
  });
  if (!canTransition(state, "block") || !shouldBlock({ now, deadline, signedOff })) return;
  const [campaign, workspace] = await Promise.all([
    db().query.campaigns.findFirst({ where: eq(campaigns.id, row.campaignId) }),
    db().query.workspaces.findFirst({ where: eq(workspaces.id, row.workspaceId) }),
  ]);
  if (!campaign || !workspace) return;
  await db().transaction(async (tx) => {
    const after = nextState(state, "block");
    const updated = await tx
      .update(deliverables)
      .set({ status: after.status, blocked: after.blocked, rowVersion: sql`${deliverables.rowVersion} + 1`, updatedAt: now })
      .where(and(eq(deliverables.id, row.id), eq(deliverables.rowVersion, row.rowVersion), eq(deliverables.status, state.status)))
      .returning({ id: deliverables.id });
    // Changed meanwhile (a decision or a reschedule): that change scheduled its own jobs.
    if (updated.length === 0) return;
    const system = systemContext(workspace, "sign-off deadline");
    await auditWithEvidence(
      tx,
      system,
      row,
      {
        action: "deliverable.blocked",
        objectType: "deliverable",
        objectId: row.id,
        data: {
          title: row.title,
          deadline: deadline.toISOString(),
          publishAt: row.publishAt.toISOString(),
          status: state.status,
          version: row.currentVersion,
        },
      },
      now,
    );
    await announceBlocked(tx, system, { row, campaign, deadline, windowHours: window, now });
  });
}

/** Background jobs of the approvals capability (reminders, deadlines), registered in jobs/handlers.server.ts. */
export const approvalsJobs = {
  [REMINDER_JOB]: defineJob({ payload: reminderPayload, run: (payload, _job, now) => remind(payload, now) }),
  [BLOCK_JOB]: defineJob({ payload: blockPayload, run: (payload, _job, now) => block(payload, now) }),
};
