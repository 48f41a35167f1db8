import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import {
  approvalDecisions,
  briefVersions,
  campaignCreators,
  campaigns,
  creators,
  deliverables,
  draftComments,
  draftVersions,
  files,
} from "@db/schema";
import type { BriefDraft } from "~/modules/briefs/core-sections";
import { trackingRequirements } from "~/modules/briefs/tracking";
import { db, type Queryable, type Transaction } from "~/utils/db.server";
import type { FieldErrors } from "~/utils/http.server";
import { requestMeta } from "~/utils/http.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { notify } from "~/modules/notifications/notify.server";
import { emitWebhook } from "~/modules/webhooks/webhooks.server";
import { createOnce } from "~/utils/idempotency.server";
import { actorOf, type MemberContext } from "~/modules/workspaces/authz.server";
import { requireChannel, type Channel } from "~/modules/channels/channels";
import { scheduleDeadlineJobs } from "./deadlines.server";
import { nextStatus, type DeliverableStatus } from "./deliverable-status";
import { publishAtProblem } from "./publish-time";
import { isDomainError } from "./errors";
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
import { canDecide, decisionCommentProblem, evaluateRoute, type ApprovalRoute, type RouteDecision } from "./route";
import { loadCampaignRoute } from "./routes.server";
import { findVisibleDeliverable, isId, windowHoursFor } from "./scope.server";
import { canScheduleOrPublish, isLateSubmission, signOffCounts, signOffDeadline } from "./signoff-rule";
import { runTransferChecks, type TransferCheckFailure } from "./transfer-checks";

export type Failure = {
  ok: false;
  status: 400 | 403 | 404 | 409;
  message: string;
  errors?: FieldErrors;
  failures?: TransferCheckFailure[];
};
export type Outcome<T extends object = object> = ({ ok: true } & T) | Failure;

/** Thrown inside a transaction to roll it back and answer with `failure`. */
class Refusal extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
  }
}

const refuse = (status: Failure["status"], message: string, extra: Partial<Failure> = {}): never => {
  throw new Refusal({ ok: false, status, message, ...extra });
};

const RACE_MESSAGE = "Someone else changed this deliverable just now. Reload the page to see the latest state.";

async function run<T extends object>(fn: (tx: Transaction) => Promise<Outcome<T>>): Promise<Outcome<T>> {
  try {
    return await db().transaction(fn);
  } catch (error) {
    if (error instanceof Refusal) return error.failure;
    if (isDomainError(error)) return { ok: false, status: 409, message: error.message };
    // Two transactions inserting the same decision or version: the unique index answers for us.
    if (isUniqueViolation(error)) return { ok: false, status: 409, message: RACE_MESSAGE };
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  const seen = new Set<unknown>();
  let e: unknown = error;
  while (e && typeof e === "object" && !seen.has(e)) {
    seen.add(e);
    if ((e as { code?: unknown }).code === "23505") return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

type DeliverableRow = typeof deliverables.$inferSelect;
type CampaignRow = typeof campaigns.$inferSelect;

/** Compare-and-set: the row must still be at the version and status we read, else 409. */
async function casUpdate(tx: Queryable, row: DeliverableRow, patch: Partial<typeof deliverables.$inferInsert>): Promise<void> {
  const updated = await tx
    .update(deliverables)
    .set({ ...patch, rowVersion: sql`${deliverables.rowVersion} + 1`, updatedAt: new Date() })
    .where(and(eq(deliverables.id, row.id), eq(deliverables.rowVersion, row.rowVersion), eq(deliverables.status, row.status)))
    .returning({ id: deliverables.id });
  if (updated.length === 0) refuse(409, RACE_MESSAGE);
}

async function campaignOf(tx: Queryable, row: DeliverableRow): Promise<CampaignRow> {
  const campaign = await tx.query.campaigns.findFirst({ where: eq(campaigns.id, row.campaignId) });
  if (!campaign) refuse(404, "That deliverable does not exist.");
  return campaign!;
}

async function versionDecisions(tx: Queryable, deliverableId: string): Promise<(RouteDecision & { draftVersionId: string })[]> {
  const rows = await tx
    .select({
      stageIndex: approvalDecisions.stageIndex,
      userId: approvalDecisions.userId,
      decision: approvalDecisions.decision,
      version: approvalDecisions.version,
      draftVersionId: approvalDecisions.draftVersionId,
    })
    .from(approvalDecisions)
    .where(eq(approvalDecisions.deliverableId, deliverableId));
  return rows;
}

/** What the campaign's brief asks every draft to carry (the latest published version). */
export async function briefRequirements(tx: Queryable, campaignId: string) {
  const latest = await tx.query.briefVersions.findFirst({
    where: eq(briefVersions.campaignId, campaignId),
    orderBy: desc(briefVersions.version),
  });
  const tracking = trackingRequirements((latest?.content ?? {}) as BriefDraft);
  return {
    briefVersion: latest?.version ?? null,
    disclosure: tracking.disclosure,
    requiredUtm: tracking.utm.map((u) => (u.value === undefined ? { name: u.param } : { name: u.param, value: u.value })),
  };
}

const loadFailure = (): Failure => ({ ok: false, status: 404, message: "That deliverable does not exist." });

/* ------------------------------------------------------------------------------------------------
 * Create
 * --------------------------------------------------------------------------------------------- */

export interface CreateDeliverableInput {
  campaignId: string;
  title: string;
  channel: Channel;
  creatorId: string | null;
  publishAt: Date;
}

/** A repeated or concurrent submit of the same form (idempotency key) answers the first deliverable. */
export async function createDeliverable(
  request: Request,
  ctx: MemberContext,
  campaign: CampaignRow,
  input: CreateDeliverableInput,
  idempotencyKey: string,
): Promise<Outcome<{ id: string }>> {
  if (!(ctx.can("campaigns.manage") || ctx.can("drafts.publish"))) return loadFailure();
  const now = new Date();
  const problem = publishAtProblem(input.publishAt, now);
  if (problem) return { ok: false, status: 400, message: problem, errors: { publishAt: [problem] } };
  return run(async (tx) => {
    // Refusals inside throw (rolling the claim back with everything else), so the id is always there.
    const once = await createOnce(
      tx,
      { scope: ctx.workspace.id, key: idempotencyKey, kind: "deliverable" },
      () => insertDeliverable(tx, request, ctx, campaign, input, now),
      (id) => id,
    );
    return { ok: true, id: once.first ? once.value : once.recordId };
  });
}

/** The deliverable, its deadline jobs and its audit event: for the first submit of the form only. */
async function insertDeliverable(
  tx: Transaction,
  request: Request,
  ctx: MemberContext,
  campaign: CampaignRow,
  input: CreateDeliverableInput,
  now: Date,
): Promise<string> {
  if (input.creatorId) {
    const assigned = await tx
      .select({ id: campaignCreators.creatorId })
      .from(campaignCreators)
      .innerJoin(creators, eq(creators.id, campaignCreators.creatorId))
      .where(
        and(
          eq(campaignCreators.campaignId, campaign.id),
          eq(campaignCreators.creatorId, input.creatorId),
          eq(creators.workspaceId, ctx.workspace.id),
        ),
      )
      .limit(1);
    if (!assigned[0])
      refuse(400, "Choose a creator assigned to this campaign.", {
        errors: { creatorId: ["Choose a creator assigned to this campaign."] },
      });
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
  await recordAudit(tx, {
    workspaceId: ctx.workspace.id,
    actor: actorOf(ctx),
    action: "deliverable.created",
    objectType: "deliverable",
    objectId: row.id,
    data: { title: row.title, campaignId: campaign.id, channel: row.channel, publishAt: row.publishAt.toISOString() },
    meta: requestMeta(request),
  });
  return row.id;
}

/* ------------------------------------------------------------------------------------------------
 * Submit a version
 * --------------------------------------------------------------------------------------------- */

export interface SubmitVersionInput {
  copy: string;
  title: string | null;
  link: string | null;
  mediaFileIds: string[];
  /** The version the creator was looking at; a newer one submitted meanwhile answers 409. */
  basedOnVersion: number;
}

/**
 * A creator submits a new, immutable version. The ready-to-transfer checks run first and name
 * every failure (nothing is written then). A new version resets the route (decisions are pinned
 * to their version) and is flagged late when less than the route's review time is left.
 */
export async function submitVersion(
  request: Request,
  ctx: MemberContext,
  deliverableId: string,
  input: SubmitVersionInput,
): Promise<Outcome<{ version: number; late: boolean }>> {
  const row = await findVisibleDeliverable(ctx, deliverableId);
  if (!row || !ctx.can("drafts.submit")) return loadFailure();
  const status = row.status as DeliverableStatus;
  if (status === "blocked") {
    return {
      ok: false,
      status: 409,
      message: "This deliverable is blocked: its sign-off deadline passed. It has to be rescheduled before a new version can be submitted.",
    };
  }
  if (status === "published") return { ok: false, status: 409, message: "This deliverable is already published." };
  if (input.basedOnVersion !== row.currentVersion) {
    return { ok: false, status: 409, message: `Version ${row.currentVersion} was submitted meanwhile. Reload the page and start from it.` };
  }
  const now = new Date();
  return run(async (tx) => {
    const campaign = await campaignOf(tx, row);
    const mediaIds = [...new Set(input.mediaFileIds)];
    if (mediaIds.length > 0) {
      const found = await tx
        .select({ id: files.id })
        .from(files)
        .where(and(inArray(files.id, mediaIds), eq(files.workspaceId, ctx.workspace.id)));
      if (found.length !== mediaIds.length)
        refuse(400, "One of the attached files no longer exists. Upload it again.", {
          errors: { media: ["One of the attached files no longer exists. Upload it again."] },
        });
    }
    const requirements = await briefRequirements(tx, campaign.id);
    // The channel was checked when the deliverable was created; an unknown one is a bad row, not Instagram.
    const channel = requireChannel(row.channel);
    const checks = runTransferChecks({
      channel,
      copy: input.copy,
      title: input.title,
      link: input.link,
      mediaCount: mediaIds.length,
      requirements: { disclosure: requirements.disclosure, requiredUtm: requirements.requiredUtm },
    });
    if (!checks.ok) {
      const errors: FieldErrors = {};
      for (const f of checks.failures) (errors[f.field] ??= []).push(f.message);
      const n = checks.failures.length;
      refuse(
        400,
        `This draft isn't ready to transfer: ${n === 1 ? "one check failed" : `${n} checks failed`}. Fix ${n === 1 ? "it" : "them"} and submit again.`,
        { errors, failures: checks.failures },
      );
    }

    // A new version after submission sends the deliverable back to draft (resetting the route), then it is submitted.
    const afterNewVersion = status === "draft" ? status : nextStatus(status, "new_version");
    const submitted = nextStatus(afterNewVersion, "submit");
    const version = row.currentVersion + 1;
    const windowHours = await windowHoursFor(tx, ctx.workspace.signoffWindowHours, row.brandId);
    const { route, reviewHours } = await loadCampaignRoute(tx, campaign);
    const late = isLateSubmission({ submittedAt: now, publishAt: row.publishAt, windowHours, routeReviewHours: reviewHours });

    await casUpdate(tx, row, {
      status: submitted,
      currentVersion: version,
      revisionRounds: Math.max(0, version - 1),
      signedOffAt: null,
      signedOffVersion: null,
      signedOffBy: null,
    });
    const [created] = await tx
      .insert(draftVersions)
      .values({
        workspaceId: ctx.workspace.id,
        deliverableId: row.id,
        version,
        copy: input.copy,
        title: input.title,
        link: input.link,
        mediaFileIds: mediaIds,
        late,
        submittedBy: ctx.user.id,
        submittedAt: now,
      })
      .returning();
    const deadline = signOffDeadline(row.publishAt, windowHours);
    await recordAudit(tx, {
      workspaceId: ctx.workspace.id,
      actor: actorOf(ctx),
      action: "draft.submitted",
      objectType: "deliverable",
      objectId: row.id,
      data: {
        title: row.title,
        version,
        draftVersionId: created.id,
        late,
        statusFrom: status,
        statusTo: submitted,
        checksPassed: true,
        deadline: deadline.toISOString(),
      },
      meta: requestMeta(request),
    });
    const evaluation = evaluateRoute(route, [], version);
    await tellApprovers(tx, {
      row,
      campaign,
      version,
      late,
      deadline,
      approverIds: evaluation.pendingApproverIds.filter((id) => id !== ctx.user.id),
      submitterName: ctx.user.name,
    });
    await emitWebhook(tx, ctx.workspace.id, "draft.submitted", {
      deliverableId: row.id,
      campaignId: campaign.id,
      version,
      late,
      deadline: deadline.toISOString(),
    });
    return { ok: true, version, late };
  });
}

async function tellApprovers(
  tx: Queryable,
  input: {
    row: DeliverableRow;
    campaign: CampaignRow;
    version: number;
    late: boolean;
    deadline: Date;
    approverIds: string[];
    submitterName: string;
  },
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

/* ------------------------------------------------------------------------------------------------
 * Decide
 * --------------------------------------------------------------------------------------------- */

export interface DecisionInput {
  version: number;
  decision: "approve" | "request_changes";
  comment: string | null;
}

/**
 * An approver approves or requests changes on the CURRENT version at the current stage. Compare-
 * and-set on the deliverable's row_version: of concurrent decisions exactly one commits; the rest
 * roll back whole (no decision row, audit event, email or webhook) and answer 409.
 */
export async function decide(
  request: Request,
  ctx: MemberContext,
  deliverableId: string,
  input: DecisionInput,
): Promise<Outcome<{ status: DeliverableStatus; signedOff: boolean }>> {
  const row = await findVisibleDeliverable(ctx, deliverableId);
  if (!row || !(ctx.can("drafts.review") || ctx.can("signoff.give"))) return loadFailure();
  const commentProblem = decisionCommentProblem(input.decision, input.comment);
  if (commentProblem) return { ok: false, status: 400, message: commentProblem, errors: { comment: [commentProblem] } };
  const now = new Date();
  return run(async (tx) => {
    const campaign = await campaignOf(tx, row);
    const status = row.status as DeliverableStatus;
    const version = await tx.query.draftVersions.findFirst({
      where: and(eq(draftVersions.deliverableId, row.id), eq(draftVersions.version, row.currentVersion)),
    });
    if (input.version !== row.currentVersion && row.currentVersion > 0) {
      refuse(409, `You're looking at version ${input.version}, but version ${row.currentVersion} is the current one. Review that instead.`);
    }
    if (status !== "in_review" || !version) {
      const why: Partial<Record<DeliverableStatus, string>> = {
        draft: "Nothing is waiting for review: the creator hasn't submitted this version yet.",
        changes_requested: "Changes were already requested on this version; the creator is working on a new one.",
        signed_off: "This version is already signed off.",
        scheduled: "This version is already signed off and scheduled.",
        published: "This deliverable is already published.",
        blocked: "This deliverable is blocked: its sign-off deadline passed. It has to be rescheduled first.",
      };
      refuse(409, why[status] ?? "This draft isn't waiting for a decision.");
    }
    const { route } = await loadCampaignRoute(tx, campaign);
    const decisions = await versionDecisions(tx, row.id);
    const evaluation = evaluateRoute(route, decisions, row.currentVersion);
    const allowed = canDecide({
      userId: ctx.user.id,
      submitterUserId: version!.submittedBy ?? "",
      route,
      currentStageIndex: evaluation.currentStageIndex,
      decidedVersion: input.version,
      currentVersion: row.currentVersion,
      existingDecisions: decisions,
    });
    if (!allowed.ok) refuse(allowed.code === "self_approval" || allowed.code === "not_stage_approver" ? 403 : 409, allowed.message);
    const stageIndex = evaluation.currentStageIndex!;
    const stage = route.stages[stageIndex];
    if (stage.kind === "brand_signoff" && !(ctx.role === "brand_lead" && ctx.scope.kind === "brand" && ctx.scope.brandId === row.brandId)) {
      refuse(403, "Only a brand lead of this deliverable's brand can give the brand sign-off.");
    }
    const after = evaluateRoute(
      route,
      [...decisions, { stageIndex, userId: ctx.user.id, decision: input.decision, version: row.currentVersion }],
      row.currentVersion,
    );
    const windowHours = await windowHoursFor(tx, ctx.workspace.signoffWindowHours, row.brandId);
    const deadline = signOffDeadline(row.publishAt, windowHours);
    if (
      after.fullySignedOff &&
      !signOffCounts({ signedOffAt: now, signedOffVersion: row.currentVersion, currentVersion: row.currentVersion, deadline })
    ) {
      refuse(
        409,
        "The sign-off deadline has passed, so a sign-off no longer counts. Reschedule the deliverable a full sign-off window ahead first.",
      );
    }

    let nextState: DeliverableStatus = status;
    if (after.changesRequested) nextState = nextStatus(status, "request_changes");
    else if (after.fullySignedOff) nextState = nextStatus(status, "sign_off");
    await casUpdate(
      tx,
      row,
      after.fullySignedOff
        ? { status: nextState, signedOffAt: now, signedOffVersion: row.currentVersion, signedOffBy: ctx.user.id }
        : { status: nextState },
    );
    await tx.insert(approvalDecisions).values({
      workspaceId: ctx.workspace.id,
      deliverableId: row.id,
      draftVersionId: version!.id,
      version: row.currentVersion,
      stageIndex,
      userId: ctx.user.id,
      decision: input.decision,
      comment: input.comment?.trim() || null,
      createdAt: now,
    });
    const action =
      input.decision === "request_changes" ? "draft.changes_requested" : after.fullySignedOff ? "draft.signed_off" : "draft.approved";
    await recordAudit(tx, {
      workspaceId: ctx.workspace.id,
      actor: actorOf(ctx),
      action,
      objectType: "deliverable",
      objectId: row.id,
      data: {
        title: row.title,
        version: row.currentVersion,
        stage: stage.name,
        stageIndex,
        comment: input.comment?.trim() || null,
        statusFrom: status,
        statusTo: nextState,
      },
      meta: requestMeta(request),
    });
    const { branding, slug } = await workspaceEmailContext(tx, row.workspaceId);
    const zone = await brandTimeZone(tx, row.brandId);
    const url = deliverableUrl(slug, row.id);
    if (after.changesRequested) {
      const creatorUser = await creatorUserId(tx, row.creatorId);
      const recipients = await usersByIds(tx, [creatorUser, version!.submittedBy]);
      for (const person of recipients) {
        await notify(tx, {
          workspaceId: row.workspaceId,
          userId: person.id,
          category: "approvals",
          title: `Changes requested: ${row.title} (v${row.currentVersion})`,
          body: `${ctx.user.name}: ${input.comment?.trim() ?? ""}`,
          url: deliverablePath(slug, row.id),
          email: {
            template: "draft-changes-requested",
            props: {
              workspace: branding,
              recipientName: person.name,
              campaignName: campaign.name,
              deliverableName: row.title,
              version: row.currentVersion,
              reviewerName: ctx.user.name,
              comment: input.comment?.trim() ?? "",
              deadline: timeFor(deadline, person.timeZone, zone),
              url,
            },
          },
        });
      }
      await emitWebhook(tx, ctx.workspace.id, "draft.changes_requested", {
        deliverableId: row.id,
        campaignId: campaign.id,
        version: row.currentVersion,
        stage: stage.name,
        comment: input.comment?.trim() ?? "",
      });
    } else if (after.fullySignedOff) {
      const creatorUser = await creatorUserId(tx, row.creatorId);
      const publishers = await memberIds(tx, row.workspaceId, { role: "agency_member", agencyId: campaign.leadAgencyId });
      const recipients = await usersByIds(
        tx,
        [...publishers, campaign.coordinatorId, creatorUser].filter((id) => id !== ctx.user.id),
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
              signedOffBy: ctx.user.name,
              publishAt: timeFor(row.publishAt, person.timeZone, zone),
              url,
            },
          },
        });
      }
      await emitWebhook(tx, ctx.workspace.id, "draft.signed_off", {
        deliverableId: row.id,
        campaignId: campaign.id,
        version: row.currentVersion,
        signedOffBy: ctx.user.id,
        signedOffAt: now.toISOString(),
      });
    } else if (after.currentStageIndex !== null && after.currentStageIndex !== stageIndex) {
      // The stage is complete: hand the draft to the next stage's approvers.
      await tellApprovers(tx, {
        row,
        campaign,
        version: row.currentVersion,
        late: version!.late,
        deadline,
        approverIds: after.pendingApproverIds.filter((id) => id !== version!.submittedBy),
        submitterName: (await usersByIds(tx, [version!.submittedBy]))[0]?.name ?? "The creator",
      });
    }
    return { ok: true, status: nextState, signedOff: after.fullySignedOff };
  });
}

/* ------------------------------------------------------------------------------------------------
 * Comments
 * --------------------------------------------------------------------------------------------- */

export async function addComment(
  request: Request,
  ctx: MemberContext,
  deliverableId: string,
  input: { version: number; body: string },
): Promise<Outcome> {
  const row = await findVisibleDeliverable(ctx, deliverableId);
  if (!row || ctx.role === "client_contact") return loadFailure();
  return run(async (tx) => {
    const version = await tx.query.draftVersions.findFirst({
      where: and(eq(draftVersions.deliverableId, row.id), eq(draftVersions.version, input.version)),
    });
    if (!version)
      refuse(400, `There is no version ${input.version} to comment on.`, { errors: { version: ["Choose a version from the list."] } });
    const [comment] = await tx
      .insert(draftComments)
      .values({ workspaceId: ctx.workspace.id, draftVersionId: version!.id, userId: ctx.user.id, body: input.body })
      .returning();
    await recordAudit(tx, {
      workspaceId: ctx.workspace.id,
      actor: actorOf(ctx),
      action: "draft.commented",
      objectType: "deliverable",
      objectId: row.id,
      data: { version: input.version, commentId: comment.id },
      meta: requestMeta(request),
    });
    return { ok: true };
  });
}

/* ------------------------------------------------------------------------------------------------
 * Handoff to publishing, override
 * --------------------------------------------------------------------------------------------- */

export async function markScheduled(request: Request, ctx: MemberContext, deliverableId: string): Promise<Outcome> {
  const row = await findVisibleDeliverable(ctx, deliverableId);
  if (!row || !ctx.can("drafts.publish")) return loadFailure();
  const gate = canScheduleOrPublish({ status: row.status as DeliverableStatus, overridden: row.overriddenAt !== null });
  if (!gate.ok) return { ok: false, status: 409, message: gate.message };
  return run(async (tx) => {
    const next = nextStatus(row.status as DeliverableStatus, "schedule");
    await casUpdate(tx, row, { status: next });
    await recordAudit(tx, {
      workspaceId: ctx.workspace.id,
      actor: actorOf(ctx),
      action: "deliverable.scheduled",
      objectType: "deliverable",
      objectId: row.id,
      data: { title: row.title, version: row.currentVersion, publishAt: row.publishAt.toISOString() },
      meta: requestMeta(request),
    });
    return { ok: true };
  });
}

export async function markUnscheduled(request: Request, ctx: MemberContext, deliverableId: string): Promise<Outcome> {
  const row = await findVisibleDeliverable(ctx, deliverableId);
  if (!row || !ctx.can("drafts.publish")) return loadFailure();
  return run(async (tx) => {
    const next = nextStatus(row.status as DeliverableStatus, "unschedule");
    await casUpdate(tx, row, { status: next });
    await recordAudit(tx, {
      workspaceId: ctx.workspace.id,
      actor: actorOf(ctx),
      action: "deliverable.unscheduled",
      objectType: "deliverable",
      objectId: row.id,
      data: { title: row.title },
      meta: requestMeta(request),
    });
    return { ok: true };
  });
}

export async function markPublished(
  request: Request,
  ctx: MemberContext,
  deliverableId: string,
  input: { liveUrl: string },
): Promise<Outcome> {
  const row = await findVisibleDeliverable(ctx, deliverableId);
  if (!row || !ctx.can("drafts.publish")) return loadFailure();
  const gate = canScheduleOrPublish({ status: row.status as DeliverableStatus, overridden: row.overriddenAt !== null });
  if (!gate.ok) return { ok: false, status: 409, message: gate.message };
  if (row.status !== "scheduled") return { ok: false, status: 409, message: "Mark it scheduled first, then published once it is live." };
  const now = new Date();
  return run(async (tx) => {
    const campaign = await campaignOf(tx, row);
    const next = nextStatus(row.status as DeliverableStatus, "publish");
    await casUpdate(tx, row, { status: next, liveUrl: input.liveUrl });
    await recordAudit(tx, {
      workspaceId: ctx.workspace.id,
      actor: actorOf(ctx),
      action: "deliverable.published",
      objectType: "deliverable",
      objectId: row.id,
      data: { title: row.title, version: row.currentVersion, liveUrl: input.liveUrl },
      meta: requestMeta(request),
    });
    const { branding, slug } = await workspaceEmailContext(tx, row.workspaceId);
    const zone = await brandTimeZone(tx, row.brandId);
    const creator = row.creatorId ? await tx.query.creators.findFirst({ where: eq(creators.id, row.creatorId) }) : null;
    const leads = await memberIds(tx, row.workspaceId, { role: "brand_lead", brandId: row.brandId });
    const recipients = await usersByIds(
      tx,
      [creator?.userId, campaign.coordinatorId, ...leads].filter((id) => id !== ctx.user.id),
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
            publishedAt: timeFor(now, person.timeZone, zone),
            liveUrl: input.liveUrl,
            url: deliverableUrl(slug, row.id),
          },
        },
      });
    }
    await emitWebhook(tx, ctx.workspace.id, "deliverable.published", {
      deliverableId: row.id,
      campaignId: campaign.id,
      version: row.currentVersion,
      liveUrl: input.liveUrl,
      publishedAt: now.toISOString(),
    });
    return { ok: true };
  });
}

/** An admin accepts the missing sign-off of a blocked deliverable, with a reason: audited as an exception. */
export async function overrideBlock(
  request: Request,
  ctx: MemberContext,
  deliverableId: string,
  input: { reason: string },
): Promise<Outcome> {
  const row = await findVisibleDeliverable(ctx, deliverableId);
  if (!row || !ctx.can("signoff.override")) return loadFailure();
  if (row.status !== "blocked") return { ok: false, status: 409, message: "Only a blocked deliverable can be overridden." };
  const now = new Date();
  return run(async (tx) => {
    const next = nextStatus(row.status as DeliverableStatus, "override");
    await casUpdate(tx, row, { status: next, overrideReason: input.reason, overriddenAt: now, overriddenBy: ctx.user.id });
    await recordAudit(tx, {
      workspaceId: ctx.workspace.id,
      actor: actorOf(ctx),
      action: "deliverable.override",
      objectType: "deliverable",
      objectId: row.id,
      data: {
        title: row.title,
        reason: input.reason,
        exception: true,
        version: row.currentVersion,
        publishAt: row.publishAt.toISOString(),
      },
      meta: requestMeta(request),
    });
    return { ok: true };
  });
}

export { isId, loadCampaignRoute };
export type { ApprovalRoute };

/** Versions of a deliverable with their comments and decisions, oldest first (for the page). */
export async function versionsOf(tx: Queryable, deliverableId: string) {
  const versions = await tx
    .select()
    .from(draftVersions)
    .where(eq(draftVersions.deliverableId, deliverableId))
    .orderBy(asc(draftVersions.version));
  const ids = versions.map((v) => v.id);
  const comments = ids.length
    ? await tx.select().from(draftComments).where(inArray(draftComments.draftVersionId, ids)).orderBy(asc(draftComments.createdAt))
    : [];
  const decisions = await tx
    .select()
    .from(approvalDecisions)
    .where(eq(approvalDecisions.deliverableId, deliverableId))
    .orderBy(asc(approvalDecisions.createdAt));
  return { versions, comments, decisions };
}
