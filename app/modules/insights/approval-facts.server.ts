import { and, desc, eq, lt, max } from "drizzle-orm";
import { approvalDecisions, brands, briefVersions, campaigns, draftVersions, workspaces, type deliverables } from "@db/schema";
import type { Queryable } from "~/utils/db.server";
import { effectiveWindowHours, signOffCounts, signOffDeadline } from "~/modules/approvals/signoff-rule";
import type { PublishEvent } from "./fact-kinds";
import { recordFact } from "./facts.server";
import { addDays, isLocalDate, startOfLocalDay } from "./periods";
import { stageWaitingSince } from "./stuck";

/**
 * The approval handoffs as facts (fact-kinds.ts: draft_submitted, stage_decided, signed_off,
 * publish_outcome), recorded by the approvals capability inside the transaction of each command.
 * Each reads what its fact needs that the command did not already hold, with one or two small
 * queries, so the command's own code changes by one call.
 */

type Deliverable = typeof deliverables.$inferSelect;
type Version = Pick<typeof draftVersions.$inferSelect, "id" | "version" | "submittedAt" | "submittedBy" | "late">;
type Workspace = { id: string; timeZone: string };
type CampaignRef = { id: string; leadAgencyId: string };

const attribution = (d: Deliverable, campaign: CampaignRef) => ({
  brandId: d.brandId,
  agencyId: campaign.leadAgencyId,
  channel: d.channel,
  creatorId: d.creatorId,
});

/** The draft due date of the campaign's newest published brief ("YYYY-MM-DD"), or null. */
async function draftDueDate(tx: Queryable, campaignId: string): Promise<string | null> {
  const [latest] = await tx
    .select({ content: briefVersions.content })
    .from(briefVersions)
    .where(eq(briefVersions.campaignId, campaignId))
    .orderBy(desc(briefVersions.version))
    .limit(1);
  const timeline = (latest?.content as { timeline?: { draftDue?: unknown } } | undefined)?.timeline;
  const due = typeof timeline?.draftDue === "string" ? timeline.draftDue.slice(0, 10) : null;
  return due && isLocalDate(due) ? due : null;
}

/** A draft counts as on time when it arrives before the end of its due day in the brand's zone. */
export function isOnTime(submittedAt: Date, dueDate: string, brandTimeZone: string): boolean {
  return submittedAt < startOfLocalDay(addDays(dueDate, 1), brandTimeZone);
}

export async function recordDraftSubmitted(
  tx: Queryable,
  ctx: { workspace: Workspace },
  input: { deliverable: Deliverable; campaign: CampaignRef; version: Version },
): Promise<void> {
  const { deliverable: d, campaign, version } = input;
  const [due, brand, previous] = await Promise.all([
    version.version === 1 ? draftDueDate(tx, campaign.id) : Promise.resolve(null),
    tx.select({ timeZone: brands.timeZone }).from(brands).where(eq(brands.id, d.brandId)).limit(1),
    version.version > 1
      ? tx
          .select({ submittedAt: draftVersions.submittedAt })
          .from(draftVersions)
          .where(and(eq(draftVersions.deliverableId, d.id), eq(draftVersions.version, version.version - 1)))
          .limit(1)
      : Promise.resolve([]),
  ]);
  await recordFact(
    tx,
    {
      workspaceId: ctx.workspace.id,
      kind: "draft_submitted",
      subjectKey: version.id,
      startedAt: previous[0]?.submittedAt ?? d.createdAt,
      finishedAt: version.submittedAt,
      ...attribution(d, campaign),
      personId: version.submittedBy,
      data: {
        deliverableId: d.id,
        version: version.version,
        dueDate: due,
        onTime: due === null ? null : isOnTime(version.submittedAt, due, brand[0]?.timeZone ?? "UTC"),
        late: version.late,
      },
    },
    ctx.workspace.timeZone,
  );
}

export interface DecisionFactInput {
  deliverable: Deliverable;
  campaign: CampaignRef;
  version: Version;
  stageIndex: number;
  stage: { name: string; kind: "review" | "brand_signoff" };
  decision: "approve" | "request_changes";
  userId: string;
  /** The route moved past this stage with this decision, or stopped at it (changes requested). */
  completesStage: boolean;
  /** This decision completed the whole route: the brand sign-off. */
  signedOff: boolean;
  at: Date;
}

/** One decision at one stage, and the sign-off when it completed the route. */
export async function recordDecision(tx: Queryable, ctx: { workspace: Workspace }, input: DecisionFactInput): Promise<void> {
  const { deliverable: d, campaign, version } = input;
  // The stage began waiting when the stage before it completed: the latest decision at an earlier
  // stage of this version (only the current stage takes decisions), else the submission.
  const [earlier] = await tx
    .select({ at: max(approvalDecisions.createdAt) })
    .from(approvalDecisions)
    .where(and(eq(approvalDecisions.draftVersionId, version.id), lt(approvalDecisions.stageIndex, input.stageIndex)));
  const stageStartedAt = stageWaitingSince(version.submittedAt, earlier?.at ? [earlier.at] : []);
  await recordFact(
    tx,
    {
      workspaceId: ctx.workspace.id,
      kind: "stage_decided",
      subjectKey: `${version.id}:${input.stageIndex}:${input.userId}`,
      startedAt: stageStartedAt,
      finishedAt: input.at,
      ...attribution(d, campaign),
      personId: input.userId,
      data: {
        deliverableId: d.id,
        version: version.version,
        stageIndex: input.stageIndex,
        stageName: input.stage.name,
        stageKind: input.stage.kind,
        decision: input.decision,
        completesStage: input.completesStage,
      },
    },
    ctx.workspace.timeZone,
  );
  if (!input.signedOff) return;
  const [first] =
    version.version === 1
      ? [{ submittedAt: version.submittedAt }]
      : await tx
          .select({ submittedAt: draftVersions.submittedAt })
          .from(draftVersions)
          .where(and(eq(draftVersions.deliverableId, d.id), eq(draftVersions.version, 1)))
          .limit(1);
  await recordFact(
    tx,
    {
      workspaceId: ctx.workspace.id,
      kind: "signed_off",
      subjectKey: `${d.id}:v${version.version}`,
      startedAt: first?.submittedAt ?? version.submittedAt,
      finishedAt: input.at,
      ...attribution(d, campaign),
      personId: input.userId,
      data: { deliverableId: d.id, version: version.version, revisionRounds: version.version - 1, firstPass: version.version === 1 },
    },
    ctx.workspace.timeZone,
  );
}

/** The subject of a publish outcome: once per publish time, per publication, per override, per deadline. */
export function publishOutcomeKey(
  deliverableId: string,
  event: PublishEvent,
  at: { publishAt: Date; deadline: Date; eventAt: Date },
): string {
  if (event === "published") return `${deliverableId}:published`;
  if (event === "scheduled") return `${deliverableId}:scheduled:${at.publishAt.toISOString()}`;
  if (event === "overridden") return `${deliverableId}:overridden:${at.eventAt.toISOString()}`;
  return `${deliverableId}:blocked:${at.deadline.toISOString()}`;
}

/**
 * A deliverable was scheduled, published, overridden or blocked: the 48-hour rule's outcome. Reads
 * the deliverable as it stood when the event happened (the row before the command's update, or
 * after for an override), so `signOffCounted` is the rule's answer at that moment.
 */
export async function recordPublishOutcome(
  tx: Queryable,
  input: { deliverable: Deliverable; event: PublishEvent; at: Date; personId: string | null },
): Promise<void> {
  const { deliverable: d, event, at } = input;
  const [context] = await tx
    .select({
      timeZone: workspaces.timeZone,
      workspaceHours: workspaces.signoffWindowHours,
      brandHours: brands.signoffWindowHours,
      leadAgencyId: campaigns.leadAgencyId,
    })
    .from(campaigns)
    .innerJoin(workspaces, eq(workspaces.id, campaigns.workspaceId))
    .innerJoin(brands, eq(brands.id, d.brandId))
    .where(eq(campaigns.id, d.campaignId))
    .limit(1);
  if (!context) return;
  const deadline = signOffDeadline(d.publishAt, effectiveWindowHours(context.workspaceHours, context.brandHours));
  const counted = signOffCounts({
    signedOffAt: d.signedOffAt,
    signedOffVersion: d.signedOffVersion,
    currentVersion: d.currentVersion,
    deadline,
  });
  await recordFact(
    tx,
    {
      workspaceId: d.workspaceId,
      kind: "publish_outcome",
      subjectKey: publishOutcomeKey(d.id, event, { publishAt: d.publishAt, deadline, eventAt: at }),
      startedAt: deadline,
      finishedAt: at,
      countsAt: d.publishAt,
      ...attribution(d, { id: d.campaignId, leadAgencyId: context.leadAgencyId }),
      personId: input.personId,
      data: {
        deliverableId: d.id,
        event,
        publishAt: d.publishAt.toISOString(),
        deadline: deadline.toISOString(),
        version: d.currentVersion,
        signOffCounted: counted,
        overridden: event === "overridden" || d.overriddenAt !== null,
      },
    },
    context.timeZone,
  );
}
