import { and, asc, eq, inArray } from "drizzle-orm";
import { approvalDecisions, brands, campaigns, creators, draftComments, draftVersions, files } from "@db/schema";
import { db } from "~/utils/db.server";
import { channelLabel, isChannel } from "~/modules/channels/channels";
import { inWorkspace } from "~/modules/workspaces/scope.server";
import { toLocalInput } from "~/utils/time";
import { briefRequirements } from "../brief-requirements.server";
import { diffCopy } from "../copy-diff";
import { DELIVERABLE_STATUS_LABELS, isDeliverableStatus } from "../deliverable-status";
import { personLabel } from "../stand-ins";
import { routeNow } from "../stand-ins.server";
import { loadCampaignRoute, peopleById } from "../routes.server";
import { effectiveWindowHours, formatCountdown, signOffDeadline, zonedTimeLabel } from "../signoff-rule";
import { transferCheckList } from "./check-list";
import { codePending } from "./codes.server";
import { decidesDrafts, signsForBrand, type DecisionLinkContext } from "./context.server";
import { earliestMove } from "./move.server";
import { decisionPageState } from "./page-state";
import { pinViews } from "../pins";

/**
 * What a decision link's page shows (decision 052): the draft as reviewers see it (copy, media
 * through the link's token, link, checks, the change from the previous version, comments and
 * decisions), the route, the countdown to the sign-off deadline in the brand's time zone, and what
 * the person may do now. Reads only: opening a link writes nothing but its rate limit.
 */
export async function decisionPage(ctx: DecisionLinkContext, now: Date) {
  const tx = db();
  const row = ctx.deliverable;
  const [campaign, brand, creator] = await Promise.all([
    tx.query.campaigns.findFirst({ where: eq(campaigns.id, row.campaignId) }),
    tx.query.brands.findFirst({ where: eq(brands.id, row.brandId) }),
    row.creatorId ? tx.query.creators.findFirst({ where: eq(creators.id, row.creatorId) }) : Promise.resolve(undefined),
  ]);
  if (!campaign || !brand) return null;
  const zone = brand.timeZone;
  const at = (date: Date) => zonedTimeLabel(date, zone);
  const windowHours = effectiveWindowHours(ctx.workspace.signoffWindowHours, brand.signoffWindowHours);
  const deadline = signOffDeadline(row.publishAt, windowHours);
  const { route } = await loadCampaignRoute(tx, campaign);
  const versions = await tx
    .select()
    .from(draftVersions)
    .where(and(eq(draftVersions.deliverableId, row.id), inArray(draftVersions.version, [row.currentVersion, row.currentVersion - 1])))
    .orderBy(asc(draftVersions.version));
  const current = versions.find((v) => v.version === row.currentVersion) ?? null;
  const previous = versions.find((v) => v.version === row.currentVersion - 1) ?? null;
  const decisions = await tx
    .select()
    .from(approvalDecisions)
    .where(eq(approvalDecisions.deliverableId, row.id))
    .orderBy(asc(approvalDecisions.createdAt));
  const comments = current
    ? await tx
        .select()
        .from(draftComments)
        // A decision link speaks for a brand lead or a guest: internal comments (issue 18) never reach it.
        .where(and(eq(draftComments.draftVersionId, current.id), eq(draftComments.internal, false)))
        .orderBy(asc(draftComments.createdAt))
    : [];
  // The route now, with its stand-ins (decision 052): a delegate or an escalated stage's backup decides here too.
  const standing = await routeNow(tx, { row, route, decisions, submitterId: current?.submittedBy ?? null }, now);
  const people = await peopleById(
    tx,
    [
      ...route.stages.flatMap((s) => s.approverUserIds),
      ...decisions.map((d) => d.userId),
      ...comments.map((c) => c.userId),
      ...(current?.submittedBy ? [current.submittedBy] : []),
    ],
    ctx.workspace.id,
  );
  const nameOf = (id: string | null) => (id ? personLabel(people.get(id), "Former member") : "Unknown");
  const media = current?.mediaFileIds.length
    ? await tx
        .select()
        .from(files)
        .where(and(inArray(files.id, current.mediaFileIds), inWorkspace(ctx, files.workspaceId)))
    : [];
  const status = isDeliverableStatus(row.status) ? row.status : "draft";
  const requirements = await briefRequirements(tx, campaign.id);
  const base = new URL(ctx.url).pathname;
  const state = decisionPageState({
    status,
    blocked: row.blocked,
    currentVersion: row.currentVersion,
    personId: ctx.person.id,
    submitterId: current?.submittedBy ?? null,
    route,
    decisions,
    signsForBrand: signsForBrand(ctx, row.brandId),
    decidesDrafts: decidesDrafts(ctx),
    deadlinePassed: deadline.getTime() < now.getTime(),
    nameOf,
    standIns: standing.standIns,
    delegatesNow: standing.delegatesNow,
  });
  const evaluation = status === "in_review" ? standing.evaluation : null;
  const onCurrent = decisions.filter((d) => d.version === row.currentVersion);

  return {
    workspace: { name: ctx.workspace.name, logoUrl: ctx.workspace.logoUrl, accentColor: ctx.workspace.accentColor },
    person: { name: ctx.person.name, email: ctx.person.email },
    deliverable: {
      title: row.title,
      status,
      statusLabel: DELIVERABLE_STATUS_LABELS[status],
      blocked: row.blocked,
      channelLabel: channelLabel(row.channel),
      campaignName: campaign.name,
      brand: { name: brand.name, color: brand.color },
      creatorName: creator?.name ?? null,
      currentVersion: row.currentVersion,
    },
    timing: {
      zone,
      publishAt: row.publishAt.toISOString(),
      publishLabel: at(row.publishAt),
      deadline: deadline.toISOString(),
      deadlineLabel: at(deadline),
      countdown: formatCountdown(deadline.getTime() - now.getTime()),
      deadlinePassed: deadline.getTime() < now.getTime(),
      windowHours,
      signedOff: row.signedOffAt ? { at: at(row.signedOffAt), version: row.signedOffVersion } : null,
    },
    version: current
      ? {
          version: current.version,
          title: current.title,
          copy: current.copy,
          link: current.link,
          late: current.late,
          submittedBy: nameOf(current.submittedBy),
          submittedAt: at(current.submittedAt),
          media: current.mediaFileIds.map((id) => {
            const file = media.find((f) => f.id === id);
            const url = `${base}/files/${id}`;
            if (!file) return { id, name: "Removed file", url: null, previewUrl: null };
            return { id, name: file.originalName, url, previewUrl: file.mimeType.startsWith("image/") ? `${url}?inline=1` : null };
          }),
          checks: isChannel(row.channel)
            ? transferCheckList({
                channel: row.channel,
                copy: current.copy,
                title: current.title,
                link: current.link,
                mediaCount: current.mediaFileIds.length,
                requirements,
              })
            : [],
          comments: linkComments(comments, media, (c) => ({ author: nameOf(c.userId), at: at(c.createdAt) })),
          decisions: onCurrent.map((d) => ({
            id: d.id,
            who: nameOf(d.userId),
            decision: d.decision,
            comment: d.comment,
            stage: route.stages[d.stageIndex]?.name ?? `Stage ${d.stageIndex + 1}`,
            at: at(d.createdAt),
          })),
        }
      : null,
    diff: current && previous ? { from: previous.version, to: current.version, segments: diffCopy(previous.copy, current.copy) } : null,
    route: route.stages.map((stage, index) => ({
      name: stage.name,
      state:
        evaluation?.currentStageIndex === index
          ? ("current" as const)
          : onCurrent.some((d) => d.stageIndex === index && d.decision === "request_changes")
            ? ("changes_requested" as const)
            : (evaluation && (evaluation.currentStageIndex ?? Infinity) > index) ||
                (row.signedOffVersion === row.currentVersion && row.signedOffAt !== null)
              ? ("done" as const)
              : ("waiting" as const),
      approvers: stage.approverUserIds.map((id) => ({
        name: nameOf(id),
        you: id === ctx.person.id,
        decided: onCurrent.find((d) => d.stageIndex === index && d.userId === id)?.decision ?? null,
      })),
    })),
    state,
    code: { required: brand.requireDecisionCode, pending: brand.requireDecisionCode ? await codePending(ctx, now) : false },
    move: state.mayMove ? moveForm(earliestMove(now, windowHours), row.publishAt, zone) : null,
  };
}

/** The comments the link shows (never internal ones), each with its pin numbered over them (decision 058). */
function linkComments<C extends typeof draftComments.$inferSelect>(
  comments: C[],
  media: { id: string; originalName: string }[],
  shown: (c: C) => { author: string; at: string },
) {
  const pins = pinViews(comments, (id) => media.find((f) => f.id === id)?.originalName ?? "Removed file");
  return comments.map((c) => ({ id: c.id, body: c.body, ...shown(c), pin: pins.get(c.id) ?? null }));
}

/** The move form's bounds: the earliest time as the input takes it and as a person reads it, and the current time to start from. */
const moveForm = (earliest: Date, publishAt: Date, zone: string) => ({
  earliest: toLocalInput(earliest, zone),
  earliestLabel: zonedTimeLabel(earliest, zone),
  current: toLocalInput(publishAt, zone),
});

export type DecisionPageData = NonNullable<Awaited<ReturnType<typeof decisionPage>>>;
