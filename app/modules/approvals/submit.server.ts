import { and, inArray } from "drizzle-orm";
import { auditWithEvidence } from "./evidence/ledger.server";
import { draftVersions, files } from "@db/schema";
import { conflict, invalid, type FieldMessages, type Outcome, type Problem } from "~/utils/outcome";
import { requireChannel } from "~/modules/channels/channels";
import { emitWebhook } from "~/modules/webhooks/webhooks.server";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { fileScope } from "~/modules/workspaces/scope.server";
import { briefRequirements } from "./brief-requirements.server";
import { campaignOf, casUpdate, missingDeliverable, refuse, runCommand } from "./command.server";
import { nextStatus, type DeliverableStatus } from "./deliverable-status";
import { stageWaits } from "./stage-requests.server";
import { evaluateRoute, NO_STAND_INS } from "./route";
import { loadCampaignRoute } from "./routes.server";
import { findVisibleDeliverable, windowHoursFor } from "./scope.server";
import { isLateSubmission, signOffDeadline } from "./signoff-rule";
import { runTransferChecks, type TransferCheckFailure } from "./transfer-checks";
import { recordDraftSubmitted } from "~/modules/insights/approval-facts.server";

export interface SubmitVersionInput {
  deliverableId: string;
  copy: string;
  title: string | null;
  link: string | null;
  mediaFileIds: string[];
  /** The version the creator was looking at; a newer one submitted meanwhile is a conflict. */
  basedOnVersion: number;
}

/** A refused submission names every failed ready-to-transfer check (the page lists them). */
type ChecksProblem = Problem & { failures?: TransferCheckFailure[] };

/** The failed ready-to-transfer checks a problem carries, if it is the checks' refusal. */
export const transferFailuresOf = (problem: Problem): TransferCheckFailure[] => (problem as ChecksProblem).failures ?? [];

function checksRefusal(failures: TransferCheckFailure[]) {
  const fields: FieldMessages = {};
  for (const f of failures) (fields[f.field] ??= []).push(f.message);
  const n = failures.length;
  const message = `This draft isn't ready to transfer: ${n === 1 ? "one check failed" : `${n} checks failed`}. Fix ${n === 1 ? "it" : "them"} and submit again.`;
  const failed = invalid(message, fields, { code: "transfer_checks" });
  return { ok: false as const, problem: { ...failed.problem, failures } satisfies ChecksProblem };
}

const MEDIA_GONE = "One of the attached files no longer exists. Upload it again.";

/**
 * A creator submits a new, immutable version. The ready-to-transfer checks run first and name
 * every failure (nothing is written then). A new version resets the route (decisions are pinned
 * to their version) and is flagged late when less than the route's review time is left.
 */
export async function submitVersion(
  ctx: MemberContext,
  input: SubmitVersionInput,
): Promise<Outcome<{ version: number; late: boolean; blocked: boolean }>> {
  const row = await findVisibleDeliverable(ctx, input.deliverableId);
  if (!row || !ctx.can("drafts.submit")) return missingDeliverable();
  // A blocked deliverable takes new versions too (decision 052): the late draft is a path.
  const status = row.status as DeliverableStatus;
  if (status === "published") return conflict("This deliverable is already published.");
  if (input.basedOnVersion !== row.currentVersion) {
    return conflict(`Version ${row.currentVersion} was submitted meanwhile. Reload the page and start from it.`, { code: "stale_version" });
  }
  const now = new Date();
  return runCommand(async (tx) => {
    const campaign = await campaignOf(tx, row);
    const mediaIds = [...new Set(input.mediaFileIds)];
    if (mediaIds.length > 0) {
      const found = await tx
        .select({ id: files.id })
        .from(files)
        .where(and(inArray(files.id, mediaIds), fileScope(ctx)));
      if (found.length !== mediaIds.length) refuse(invalid(MEDIA_GONE, { media: [MEDIA_GONE] }));
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
    if (!checks.ok) refuse(checksRefusal(checks.failures));

    // A new version after submission sends the deliverable back to draft (resetting the route), then it is submitted.
    const afterNewVersion = status === "draft" ? row : { ...row, status: nextStatus(row, "new_version") };
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
    // A new version after a sign-off ends that sign-off: the sealed pack records it (decision 057).
    await auditWithEvidence(
      tx,
      ctx,
      row,
      {
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
      },
      now,
    );
    // Insights (decision 053): on time against the brief's draft due date, and the late flag.
    await recordDraftSubmitted(tx, ctx, { deliverable: row, campaign, version: created });
    // The first stage waits: its approvers (or their delegates) are asked, its escalation planned (decision 052).
    await stageWaits(tx, {
      ...{ row, campaign, route, evaluation: evaluateRoute(route, [], version), standIns: NO_STAND_INS, version, late, deadline },
      ...{ submitterId: ctx.user.id, submitterName: ctx.user.name, now },
    });
    await emitWebhook(tx, ctx.workspace.id, "draft.submitted", {
      deliverableId: row.id,
      campaignId: campaign.id,
      version,
      late,
      deadline: deadline.toISOString(),
    });
    return { version, late, blocked: row.blocked };
  });
}
