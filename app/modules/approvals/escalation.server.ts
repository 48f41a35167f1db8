import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { approvalDecisions, campaigns, deliverables, draftVersions, memberships, workspaces } from "@db/schema";
import { db, type Queryable } from "~/utils/db.server";
import { formatDuration } from "~/utils/time";
import { audit } from "~/modules/audit/audit.server";
import { defineJob, payloadId } from "~/modules/jobs/job-kinds";
import { enqueue } from "~/modules/jobs/queue.server";
import { systemContext } from "~/modules/workspaces/authz.server";
import { issueDecisionLinks } from "./decision-links/tokens.server";
import { escalationTime, stageStartedAt } from "./escalation";
import { tellEach } from "./notices.server";
import { usersByIds } from "./people.server";
import type { ApprovalRoute, RouteStage } from "./route";
import { loadCampaignRoute, peopleById } from "./routes.server";
import { windowHoursFor } from "./scope.server";
import { reminderTimes, signOffDeadline } from "./signoff-rule";
import { actingLabel, escalatedMark } from "./stand-ins";
import { routeNow, type RouteNow } from "./stand-ins.server";

/**
 * The escalation job (decision 052; the rule is escalation.ts). One job kind: it reads the
 * deliverable as it is when it runs, works out when its current stage escalates, and either plans
 * itself for that time (a stage that began, a deadline that moved) or escalates, once: the mark
 * "escalated:v<version>:s<stage>" is appended to `deliverables.reminders_sent` only if it is not
 * there yet, in the transaction that audits it and tells the backup and the coordinator.
 */

export const ESCALATION_JOB = "approvals.escalation";

type DeliverableRow = typeof deliverables.$inferSelect;

interface StageClock {
  row: DeliverableRow;
  campaign: typeof campaigns.$inferSelect;
  route: ApprovalRoute;
  stage: RouteStage;
  stageIndex: number;
  version: number;
  submitterId: string | null;
  start: Date;
  deadline: Date;
  /** When the stage escalates; null when it never does. */
  at: Date | null;
  escalated: boolean;
  standing: RouteNow;
}

/** The current stage of a deliverable in review and its escalation time, or null when nothing waits. */
async function stageClock(tx: Queryable, deliverableId: string, now: Date): Promise<StageClock | null> {
  const row = await tx.query.deliverables.findFirst({ where: eq(deliverables.id, deliverableId) });
  if (!row || row.status !== "in_review" || row.currentVersion === 0) return null;
  const [campaign, version, workspace] = await Promise.all([
    tx.query.campaigns.findFirst({ where: eq(campaigns.id, row.campaignId) }),
    tx.query.draftVersions.findFirst({
      where: and(eq(draftVersions.deliverableId, row.id), eq(draftVersions.version, row.currentVersion)),
    }),
    tx.query.workspaces.findFirst({ where: eq(workspaces.id, row.workspaceId), columns: { signoffWindowHours: true } }),
  ]);
  if (!campaign || !version || !workspace) return null;
  const { route } = await loadCampaignRoute(tx, campaign);
  const decisions = await tx
    .select()
    .from(approvalDecisions)
    .where(eq(approvalDecisions.deliverableId, row.id))
    .orderBy(asc(approvalDecisions.createdAt));
  const submitterId = version.submittedBy;
  const standing = await routeNow(tx, { row, route, decisions, submitterId }, now);
  const stageIndex = standing.evaluation.currentStageIndex;
  if (stageIndex === null || standing.evaluation.changesRequested) return null;
  const deadline = signOffDeadline(row.publishAt, await windowHoursFor(tx, workspace.signoffWindowHours, row.brandId));
  const { standIns } = standing;
  const start =
    stageStartedAt({ route, decisions, version: row.currentVersion, submittedAt: version.submittedAt, stageIndex, standIns }) ??
    version.submittedAt;
  const at = escalationTime({ start, deadline, reminders: reminderTimes(deadline).map((r) => r.at) });
  const escalated = standIns.escalatedStages.includes(stageIndex);
  const stage = route.stages[stageIndex];
  return { row, campaign, route, stage, stageIndex, version: row.currentVersion, submitterId, start, deadline, at, escalated, standing };
}

/**
 * Plans the current stage's escalation: a job at its time, keyed by deliverable, version, stage and
 * time (planning twice adds nothing; a moved deadline adds the job for the new time, and the old
 * one finds nothing due). Called in the transaction that made a stage wait.
 */
export async function planEscalation(tx: Queryable, deliverableId: string, now: Date): Promise<void> {
  const clock = await stageClock(tx, deliverableId, now);
  if (!clock || clock.escalated || !clock.at) return;
  await enqueue(tx, {
    kind: ESCALATION_JOB,
    workspaceId: clock.row.workspaceId,
    runAt: clock.at,
    payload: { deliverableId },
    dedupeKey: `${ESCALATION_JOB}:${deliverableId}:v${clock.version}:s${clock.stageIndex}:${clock.at.toISOString()}`,
  });
}

/** A deadline moved (created, rescheduled): the job works the escalation time out again when it runs. */
export async function replanEscalation(tx: Queryable, input: { deliverableId: string; workspaceId: string; deadline: Date; now: Date }) {
  await enqueue(tx, {
    kind: ESCALATION_JOB,
    workspaceId: input.workspaceId,
    runAt: input.now,
    payload: { deliverableId: input.deliverableId },
    dedupeKey: `${ESCALATION_JOB}:${input.deliverableId}:replan:${input.deadline.toISOString()}`,
  });
}

/** Who coordinates a campaign: its coordinator while still a member; else the workspace's coordinators; else its admins and owners. */
async function coordinatorsOf(tx: Queryable, campaign: typeof campaigns.$inferSelect): Promise<string[]> {
  const staff = await tx
    .select({ userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, campaign.workspaceId), inArray(memberships.role, ["coordinator", "admin", "owner"])));
  if (campaign.coordinatorId && staff.some((m) => m.userId === campaign.coordinatorId)) return [campaign.coordinatorId];
  const coordinators = staff.filter((m) => m.role === "coordinator");
  return (coordinators.length ? coordinators : staff).map((m) => m.userId);
}

/** Escalates the stage if it is due and has not escalated: once, audited, the backup and the coordinator told. */
async function escalate(clock: StageClock, now: Date): Promise<void> {
  const { row, campaign, stage, stageIndex, version } = clock;
  const mark = escalatedMark(version, stageIndex);
  await db().transaction(async (tx) => {
    // The mark is the once: of two runs (a retried job, two workers) only one appends it.
    const marked = await tx
      .update(deliverables)
      .set({ remindersSent: sql`${deliverables.remindersSent} || ${JSON.stringify([mark])}::jsonb` })
      .where(
        and(
          eq(deliverables.id, row.id),
          eq(deliverables.status, "in_review"),
          eq(deliverables.currentVersion, version),
          sql`NOT (${deliverables.remindersSent} @> ${JSON.stringify([mark])}::jsonb)`,
        ),
      )
      .returning({ id: deliverables.id });
    if (marked.length === 0) return;
    const workspace = await tx.query.workspaces.findFirst({ where: eq(workspaces.id, row.workspaceId) });
    if (!workspace) return;
    const backupId = stage.backupUserId && stage.backupUserId !== clock.submitterId ? stage.backupUserId : null;
    const coordinatorIds = (await coordinatorsOf(tx, campaign)).filter((id) => id !== backupId && id !== clock.submitterId);
    const waiting = clock.standing.acting.filter((a) => !a.backup);
    const names = await peopleById(tx, [...waiting.flatMap((a) => [a.userId, a.forUserId ?? ""]).filter(Boolean)], row.workspaceId);
    const waitingFor = waiting.map((a) => actingLabel(a, names)).join(", ") || "nobody (no approver left on the stage)";
    await audit(tx, systemContext(workspace, "stage escalation"), {
      action: "deliverable.escalated",
      objectType: "deliverable",
      objectId: row.id,
      data: {
        title: row.title,
        version,
        stage: stage.name,
        stageIndex,
        waitingSince: clock.start.toISOString(),
        deadline: clock.deadline.toISOString(),
        waitingFor: waiting.map((a) => a.userId),
        backupUserId: backupId,
        coordinatorIds,
      },
    });
    const links = backupId
      ? await issueDecisionLinks(tx, { workspaceId: row.workspaceId, deliverableId: row.id, userIds: [backupId] })
      : new Map<string, string>();
    const recipients = await usersByIds(tx, [backupId, ...coordinatorIds]);
    const waited = formatDuration(now.getTime() - clock.start.getTime());
    await tellEach(tx, { row, campaign }, recipients, "stage-escalated", (at, person) => {
      const backup = person.id === backupId;
      return {
        title: `No decision yet at ${stage.name}: ${row.title} (v${version})`,
        body: `Waiting ${waited} for ${waitingFor}. Sign-off deadline ${at(clock.deadline)}.${backup ? " As the backup, you may decide it now." : ""}`,
        props: {
          version,
          stageName: stage.name,
          waitingFor,
          waited,
          deadline: at(clock.deadline),
          role: backup ? ("backup" as const) : ("coordinator" as const),
          decisionUrl: backup ? (links.get(person.id) ?? null) : null,
        },
      };
    });
  });
}

/**
 * The job: escalates when the stage's time has come (and before its deadline: after it, the
 * deadline job speaks), else plans the job for that time. Nothing once the stage has escalated,
 * decided or moved on.
 */
async function runEscalation(payload: { deliverableId: string }, now: Date): Promise<void> {
  const clock = await stageClock(db(), payload.deliverableId, now);
  if (!clock || clock.escalated || !clock.at || now.getTime() >= clock.deadline.getTime()) return;
  if (now.getTime() < clock.at.getTime()) {
    await db().transaction((tx) => planEscalation(tx, payload.deliverableId, now));
    return;
  }
  await escalate(clock, now);
}

export const escalationJobs = {
  [ESCALATION_JOB]: defineJob({
    payload: z.object({ deliverableId: payloadId }),
    run: (payload, _job, now) => runEscalation(payload, now),
  }),
};
