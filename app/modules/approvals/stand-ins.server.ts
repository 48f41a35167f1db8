import { and, eq, inArray, sql } from "drizzle-orm";
import { deliverables, draftVersions } from "@db/schema";
import type { Queryable } from "~/utils/db.server";
import { awaysOf } from "~/modules/workspaces/away.server";
import { evaluateRoute, type ApprovalRoute, type RouteDecision, type RouteEvaluation, type StandIns } from "./route";
import { actingNow, delegatesAt, standInsOf, type Acting, type ApproverAway } from "./stand-ins";

type DeliverableRow = typeof deliverables.$inferSelect;

/** A deliverable's route as it stands at `now`, with its stand-ins (decision 052): what every page, job and command reads. */
export interface RouteNow {
  standIns: StandIns;
  evaluation: RouteEvaluation;
  /** Away approver → delegate, for the delegations that apply now to the current stage. */
  delegatesNow: Map<string, string>;
  /** Who the current stage is with right now (approvers, delegates in their place, the backup after an escalation). */
  acting: Acting[];
  /** The pending approvers' away periods (for "Ana is away until 12 Dec"). */
  aways: ApproverAway[];
}

interface RouteInput {
  row: Pick<DeliverableRow, "status" | "currentVersion" | "remindersSent" | "brandId" | "workspaceId">;
  route: ApprovalRoute;
  decisions: readonly RouteDecision[];
  /** Who submitted the current version (never acts on it, in no seat). */
  submitterId: string | null;
}

function settle(input: RouteInput, aways: readonly ApproverAway[], now: Date): RouteNow {
  const { row, route, decisions, submitterId } = input;
  const standIns = standInsOf(row.remindersSent, row.currentVersion);
  const evaluation = evaluateRoute(route, decisions, row.currentVersion, standIns);
  const index = evaluation.currentStageIndex;
  if (row.status !== "in_review" || index === null || evaluation.changesRequested) {
    return { standIns, evaluation, delegatesNow: new Map(), acting: [], aways: [] };
  }
  const stage = route.stages[index];
  const mine = aways.filter((a) => evaluation.pendingApproverIds.includes(a.userId));
  const delegatesNow = delegatesAt({ kind: stage.kind, brandId: row.brandId, submitterId }, mine, now);
  const acting = actingNow({
    stage,
    stageIndex: index,
    pendingApproverIds: evaluation.pendingApproverIds,
    standIns,
    delegatesNow,
    submitterId,
  });
  return { standIns, evaluation, delegatesNow, acting, aways: mine };
}

/** One deliverable's route at `now`. */
export async function routeNow(tx: Queryable, input: RouteInput, now: Date): Promise<RouteNow> {
  const first = settle(input, [], now);
  if (first.evaluation.pendingApproverIds.length === 0 || input.row.status !== "in_review") return first;
  return settle(input, await awaysOf(tx, input.row.workspaceId, first.evaluation.pendingApproverIds), now);
}

/** Many deliverables of one workspace at `now` (lists, "waiting on me"): one query for every away period. */
export async function routesNow(tx: Queryable, inputs: readonly RouteInput[], now: Date): Promise<RouteNow[]> {
  const first = inputs.map((input) => settle(input, [], now));
  const pending = first.flatMap((f) => f.evaluation.pendingApproverIds);
  if (pending.length === 0 || inputs.length === 0) return first;
  const aways = await awaysOf(tx, inputs[0].row.workspaceId, pending);
  return inputs.map((input) => settle(input, aways, now));
}

/** Who submitted the current version of each deliverable (id → user id), in one query. */
export async function submittersOf(
  tx: Queryable,
  rows: readonly Pick<DeliverableRow, "id" | "currentVersion">[],
): Promise<Map<string, string | null>> {
  const withVersion = rows.filter((r) => r.currentVersion > 0);
  if (withVersion.length === 0) return new Map();
  const versions = await tx
    .select({ deliverableId: draftVersions.deliverableId, version: draftVersions.version, submittedBy: draftVersions.submittedBy })
    .from(draftVersions)
    .where(
      inArray(
        draftVersions.deliverableId,
        withVersion.map((r) => r.id),
      ),
    );
  const current = new Map(withVersion.map((r) => [r.id, r.currentVersion]));
  return new Map(versions.filter((v) => current.get(v.deliverableId) === v.version).map((v) => [v.deliverableId, v.submittedBy]));
}

/** The current version's submitter of one deliverable. */
export async function submitterOf(tx: Queryable, row: Pick<DeliverableRow, "id" | "currentVersion">): Promise<string | null> {
  if (row.currentVersion === 0) return null;
  const version = await tx.query.draftVersions.findFirst({
    where: and(eq(draftVersions.deliverableId, row.id), eq(draftVersions.version, row.currentVersion)),
    columns: { submittedBy: true },
  });
  return version?.submittedBy ?? null;
}

/** The deliverable's marks as committed now (a decision reads them inside its transaction: an escalation may have just added one). */
export async function marksOf(tx: Queryable, deliverableId: string): Promise<string[]> {
  const row = await tx.query.deliverables.findFirst({ where: eq(deliverables.id, deliverableId), columns: { remindersSent: true } });
  return row?.remindersSent ?? [];
}

/** Appends a mark (a delegate's decision for an away approver) without touching the others. */
export async function addMark(tx: Queryable, deliverableId: string, mark: string): Promise<void> {
  await tx
    .update(deliverables)
    .set({ remindersSent: sql`${deliverables.remindersSent} || ${JSON.stringify([mark])}::jsonb` })
    .where(eq(deliverables.id, deliverableId));
}
