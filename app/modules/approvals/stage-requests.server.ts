import type { Queryable } from "~/utils/db.server";
import { awaysOf } from "~/modules/workspaces/away.server";
import type { CampaignRow, DeliverableRow } from "./command.server";
import { planEscalation } from "./escalation.server";
import { brandTimeZone } from "./people.server";
import { ensureSignoffDigestScheduled } from "./signoff-digest/schedule.server";
import { tellApprovers } from "./notices.server";
import type { ApprovalRoute, RouteEvaluation, StandIns } from "./route";
import { actingNow, delegatesAt } from "./stand-ins";

/**
 * A stage begins waiting (a submission, or the stage before it completed), inside the transaction
 * that made it wait: its requests go to whoever acts on it now (each approver, or their delegate
 * while they are away: decision 052), each with a personal decision link, and its escalation is
 * planned. The submitter is never asked, in any seat.
 */
export async function stageWaits(
  tx: Queryable,
  input: {
    row: DeliverableRow;
    campaign: CampaignRow;
    route: ApprovalRoute;
    /** The route after the change, at the stage that now waits. */
    evaluation: RouteEvaluation;
    standIns: StandIns;
    version: number;
    late: boolean;
    deadline: Date;
    submitterId: string | null;
    submitterName: string;
    now: Date;
  },
): Promise<void> {
  const { row, evaluation, submitterId, now } = input;
  const stageIndex = evaluation.currentStageIndex;
  if (stageIndex === null || evaluation.changesRequested) return;
  const stage = input.route.stages[stageIndex];
  const aways = await awaysOf(tx, row.workspaceId, evaluation.pendingApproverIds);
  const delegatesNow = delegatesAt({ kind: stage.kind, brandId: row.brandId, submitterId }, aways, now);
  const acting = actingNow({
    ...{ stage, stageIndex, pendingApproverIds: evaluation.pendingApproverIds },
    ...{ standIns: input.standIns, delegatesNow, submitterId },
  }).filter((a) => a.userId !== submitterId);
  await tellApprovers(tx, {
    row,
    campaign: input.campaign,
    version: input.version,
    late: input.late,
    deadline: input.deadline,
    approverIds: acting.map((a) => a.userId),
    submitterName: input.submitterName,
    onBehalfOf: new Map(acting.flatMap((a) => (a.forUserId ? [[a.userId, a.forUserId] as const] : []))),
  });
  await planEscalation(tx, row.id, now);
  // Something now waits for the brand's sign-off: make sure the brand's daily digest is on (issue 17 part 3).
  if (stage.kind === "brand_signoff") {
    await ensureSignoffDigestScheduled(
      tx,
      { id: row.brandId, workspaceId: row.workspaceId, timeZone: await brandTimeZone(tx, row.brandId) },
      now,
    );
  }
}
