import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { approvalDecisions, auditEvents, brands, campaigns, creators, draftVersions, files } from "@db/schema";
import { db } from "~/utils/db.server";
import { actsForBrand, auditScope, fileScope, seesInternalComments } from "~/modules/workspaces/scope.server";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { CHANNEL_LIMITS, channelLabel, isChannel } from "~/modules/channels/channels";
import { allowedEvents, BEFORE_SIGN_OFF, canEdit, DELIVERABLE_STATUS_LABELS, isDeliverableStatus } from "./deliverable-status";
import { diffCopy } from "./copy-diff";
import { earliestPublishFor, earliestTime } from "./earliest-publish.server";
import { holderOf } from "./holder";
import { pinViews } from "./pins";
import { timeFor } from "./people.server";
import { seatOf } from "./route";
import { deciderLabel, personLabel, stageNotes } from "./stand-ins";
import { routeNow } from "./stand-ins.server";
import { lastDayAway } from "~/modules/workspaces/away";
import { loadCampaignRoute, peopleById } from "./routes.server";
import { findVisibleDeliverable } from "./scope.server";
import { canScheduleOrPublish, effectiveWindowHours, formatCountdown, signOffDeadline } from "./signoff-rule";
import { briefRequirements } from "./brief-requirements.server";
import { hasEvidence } from "./evidence/view.server";

/* ------------------------------------------------------------------------------------------------
 * The deliverable page
 * --------------------------------------------------------------------------------------------- */

export async function deliverablePage(
  ctx: MemberContext,
  deliverableId: string,
  opts: { view?: number; compare?: number },
  now = new Date(),
) {
  const row = await findVisibleDeliverable(ctx, deliverableId);
  if (!row) return null;
  const tx = db();
  const [campaign, brand, creator] = await Promise.all([
    tx.query.campaigns.findFirst({ where: eq(campaigns.id, row.campaignId) }),
    tx.query.brands.findFirst({ where: eq(brands.id, row.brandId) }),
    row.creatorId ? tx.query.creators.findFirst({ where: eq(creators.id, row.creatorId) }) : Promise.resolve(undefined),
  ]);
  if (!campaign || !brand) return null;
  const viewerZone = ctx.user.timeZone || "UTC";
  const teamNotes = seesInternalComments(ctx);
  const window = effectiveWindowHours(ctx.workspace.signoffWindowHours, brand.signoffWindowHours);
  const deadline = signOffDeadline(row.publishAt, window);
  const { route, reviewHours, saved } = await loadCampaignRoute(tx, campaign);
  const versions = await tx.select().from(draftVersions).where(eq(draftVersions.deliverableId, row.id)).orderBy(asc(draftVersions.version));
  const decisions = await tx
    .select()
    .from(approvalDecisions)
    .where(eq(approvalDecisions.deliverableId, row.id))
    .orderBy(asc(approvalDecisions.createdAt));
  const comments = versions.length
    ? await tx.query.draftComments.findMany({
        where: (c, { inArray: inA }) =>
          inA(
            c.draftVersionId,
            versions.map((v) => v.id),
          ),
        orderBy: (c, { asc: a }) => a(c.createdAt),
      })
    : [];
  // The route now, with its stand-ins (decision 052): delegates of away approvers, the backup after an escalation.
  const submitterId = versions.find((v) => v.version === row.currentVersion)?.submittedBy ?? null;
  const standing = await routeNow(tx, { row, route, decisions, submitterId }, now);
  const evaluation = row.status === "in_review" ? standing.evaluation : null;
  const people = await peopleById(
    tx,
    [
      ...route.stages.flatMap((s) => [...s.approverUserIds, s.backupUserId ?? ""]),
      ...standing.acting.map((a) => a.userId),
      ...decisions.map((d) => d.userId),
      ...comments.map((c) => c.userId),
      ...versions.map((v) => v.submittedBy ?? ""),
      row.signedOffBy ?? "",
      row.overriddenBy ?? "",
    ].filter(Boolean),
    ctx.workspace.id,
  );
  const fileIds = [...new Set(versions.flatMap((v) => v.mediaFileIds))];
  const fileRows = fileIds.length
    ? await tx
        .select()
        .from(files)
        .where(and(inArray(files.id, fileIds), fileScope(ctx)))
    : [];
  const fileMap = new Map(fileRows.map((f) => [f.id, f]));
  const name = (id: string | null) => (id ? (people.get(id)?.name ?? "Former member") : "Unknown");
  const status = isDeliverableStatus(row.status) ? row.status : "draft";
  const current = versions.find((v) => v.version === row.currentVersion) ?? null;
  const viewed = versions.find((v) => v.version === opts.view) ?? current;
  const compared = opts.compare !== undefined ? (versions.find((v) => v.version === opts.compare) ?? null) : null;
  const activity = await tx
    .select({
      id: auditEvents.id,
      action: auditEvents.action,
      actorLabel: auditEvents.actorLabel,
      actorUserId: auditEvents.actorUserId,
      data: auditEvents.data,
      createdAt: auditEvents.createdAt,
    })
    .from(auditEvents)
    .where(
      and(
        auditScope(ctx),
        eq(auditEvents.objectType, "deliverable"),
        eq(auditEvents.objectId, row.id),
        // That an internal comment was written is the team's business too (issue 18).
        teamNotes
          ? undefined
          : sql`not (${auditEvents.action} = 'draft.commented' and coalesce((${auditEvents.data}->>'internal')::boolean, false))`,
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(50);
  const activityPeople = await peopleById(tx, activity.map((a) => a.actorUserId ?? "").filter(Boolean));
  const requirements = await briefRequirements(tx, campaign.id);
  const creatorUserId = creator?.userId ?? null;
  const holder = holderOf(row, evaluation, route, creatorUserId, people, campaign.coordinatorId, standing.acting);
  // Waiting for me: as an approver, in an away approver's place, or as the backup of an escalated stage.
  const pendingMe = evaluation !== null && standing.acting.some((a) => a.userId === ctx.user.id);
  const submitter = current?.submittedBy ?? null;
  const currentStage = evaluation && evaluation.currentStageIndex !== null ? route.stages[evaluation.currentStageIndex] : null;
  const signoffStage = currentStage?.kind === "brand_signoff";
  const isBrandLeadOfBrand = ctx.role === "brand_lead" && actsForBrand(ctx, row.brandId);
  const state = { status, blocked: row.blocked };
  const events = allowedEvents(state);
  const gate = canScheduleOrPublish(state);
  // The countdown runs while the deadline can still block it; once blocked, the flag says so instead.
  const beforeSignOff = BEFORE_SIGN_OFF.includes(status) && !row.blocked;
  const mayReschedule = (ctx.can("campaigns.manage") || ctx.can("drafts.publish")) && canEdit(status, "reschedule");
  // What "Reschedule to the earliest allowed time" would pick right now (the action works it out again when sent).
  const earliest =
    mayReschedule && row.blocked
      ? await earliestPublishFor(tx, ctx, { campaign, channel: row.channel, excludeId: row.id, windowHours: window, now })
      : null;

  // Internal comments (issue 18) leave the loader only for the team; pins are numbered over what this reader sees (decision 058).
  const commentsOf = (versionId: string) => {
    const visible = comments.filter((c) => c.draftVersionId === versionId && (!c.internal || teamNotes));
    const pins = pinViews(visible, (id) => fileMap.get(id)?.originalName ?? "Removed file");
    return visible.map((c) => ({
      id: c.id,
      author: name(c.userId),
      body: c.body,
      internal: c.internal,
      at: timeFor(c.createdAt, viewerZone, brand.timeZone),
      pin: pins.get(c.id) ?? null,
    }));
  };
  const versionOut = (v: (typeof versions)[number]) => ({
    id: v.id,
    version: v.version,
    copy: v.copy,
    title: v.title,
    link: v.link,
    late: v.late,
    submittedBy: name(v.submittedBy),
    submittedAt: timeFor(v.submittedAt, viewerZone, brand.timeZone),
    media: v.mediaFileIds.map((id) => {
      const f = fileMap.get(id);
      const url = `/w/${ctx.workspace.slug}/files/${id}`;
      return f
        ? {
            id,
            name: f.originalName,
            mime: f.mimeType,
            size: f.size,
            url,
            previewUrl: f.mimeType.startsWith("image/") ? `${url}?inline=1` : null,
          }
        : { id, name: "Removed file", mime: "", size: 0, url, previewUrl: null };
    }),
    comments: commentsOf(v.id),
    decisions: decisions
      .filter((d) => d.draftVersionId === v.id)
      .map((d) => ({
        id: d.id,
        who: deciderLabel(d, route.stages[d.stageIndex], row.remindersSent, people),
        decision: d.decision,
        comment: d.comment,
        stage: route.stages[d.stageIndex]?.name ?? `Stage ${d.stageIndex + 1}`,
        at: timeFor(d.createdAt, viewerZone, brand.timeZone),
      })),
  });

  return {
    id: row.id,
    slug: ctx.workspace.slug,
    title: row.title,
    status,
    statusLabel: DELIVERABLE_STATUS_LABELS[status],
    channel: row.channel,
    channelLabel: channelLabel(row.channel),
    copyLimit: isChannel(row.channel) ? CHANNEL_LIMITS[row.channel].copyMaxChars : null,
    copyName: isChannel(row.channel) ? CHANNEL_LIMITS[row.channel].copyName : "copy",
    titleRequired: isChannel(row.channel) ? CHANNEL_LIMITS[row.channel].titleRequired : false,
    campaign: { id: campaign.id, name: campaign.name },
    brand: { id: brand.id, name: brand.name, color: brand.color, timeZone: brand.timeZone },
    creatorName: creator?.name ?? null,
    currentVersion: row.currentVersion,
    revisionRounds: row.revisionRounds,
    rowVersion: row.rowVersion,
    publishAt: row.publishAt.toISOString(),
    publishLabel: timeFor(row.publishAt, viewerZone, brand.timeZone),
    viewerZone,
    deadline: deadline.toISOString(),
    deadlineLabel: timeFor(deadline, viewerZone, brand.timeZone),
    countdown: beforeSignOff ? formatCountdown(deadline.getTime() - now.getTime()) : null,
    deadlinePassed: deadline.getTime() < now.getTime(),
    blocked: row.blocked,
    earliest: earliest ? earliestTime(earliest, viewerZone, brand.timeZone) : null,
    windowHours: window,
    reviewHours,
    routeSaved: saved,
    signedOff: row.signedOffAt
      ? { by: name(row.signedOffBy), at: timeFor(row.signedOffAt, viewerZone, brand.timeZone), version: row.signedOffVersion }
      : null,
    override: row.overriddenAt
      ? { by: name(row.overriddenBy), at: timeFor(row.overriddenAt, viewerZone, brand.timeZone), reason: row.overrideReason }
      : null,
    liveUrl: row.liveUrl,
    holder: holder.label,
    requirements,
    route: route.stages.map((stage, index) => {
      const current = versions.length ? decisions.filter((d) => d.version === row.currentVersion && d.stageIndex === index) : [];
      const state =
        evaluation?.currentStageIndex === index
          ? evaluation.changesRequested
            ? "changes_requested"
            : "current"
          : status === "changes_requested" && current.some((d) => d.decision === "request_changes")
            ? "changes_requested"
            : current.some((d) => d.decision === "approve") && (evaluation?.currentStageIndex ?? Infinity) > index
              ? "done"
              : (status === "signed_off" || status === "scheduled" || status === "published") && row.signedOffVersion === row.currentVersion
                ? "done"
                : "waiting";
      return {
        name: stage.name,
        kind: stage.kind,
        rule: stage.rule,
        state,
        approvers: stage.approverUserIds.map((id) => ({
          id,
          name: personLabel(people.get(id), "Former member"),
          decided: current.find((d) => seatOf(stage, index, d.userId, standing.standIns) === id)?.decision ?? null,
        })),
        notes: stageNotes({
          ...{ stage, stageIndex: index, current: evaluation?.currentStageIndex === index, standIns: standing.standIns },
          ...{ acting: standing.acting, aways: standing.aways, names: people, now },
          lastDay: (until) => lastDayAway(until, viewerZone),
        }),
      };
    }),
    versions: versions.map(versionOut).reverse(),
    viewed: viewed ? versionOut(viewed) : null,
    compare:
      viewed && compared && compared.version !== viewed.version
        ? { from: compared.version, to: viewed.version, segments: diffCopy(compared.copy, viewed.copy) }
        : null,
    activity: activity.map((a) => ({
      id: a.id,
      action: a.action,
      actor: a.actorUserId ? (activityPeople.get(a.actorUserId)?.name ?? a.actorLabel) : a.actorLabel,
      at: timeFor(a.createdAt, viewerZone, brand.timeZone),
      data: a.data,
    })),
    can: {
      submit: ctx.can("drafts.submit") && events.includes(status === "draft" ? "submit" : "new_version"),
      decide: status === "in_review" && pendingMe && submitter !== ctx.user.id && (!signoffStage || isBrandLeadOfBrand),
      /** The brand lead's sign-off is refused while blocked (no sign-off after its deadline counts); changes can still be asked for. */
      signOffRefused: signoffStage && row.blocked,
      selfSubmitted: submitter === ctx.user.id,
      signoffStage,
      comment: ctx.role !== "client_contact" && versions.length > 0,
      commentInternal: teamNotes && versions.length > 0,
      schedule: ctx.can("drafts.publish") && events.includes("schedule"),
      unschedule: ctx.can("drafts.publish") && events.includes("unschedule"),
      publish: ctx.can("drafts.publish") && events.includes("publish"),
      scheduleGate: gate.ok ? null : gate.message,
      showPublishing: ctx.can("drafts.publish") && status !== "published",
      reschedule: mayReschedule,
      rescheduleEarliest: mayReschedule && earliest !== null,
      override: ctx.can("signoff.override") && row.blocked,
      editRoute: ctx.can("campaigns.manage"),
      /** A sealed evidence pack exists and the member may read it (decision 057). */
      evidence: await hasEvidence(ctx, row.id),
    },
  };
}

export type DeliverablePageData = NonNullable<Awaited<ReturnType<typeof deliverablePage>>>;
