import type { deliverables } from "@db/schema";
import type { DeliverableStatus } from "./deliverable-status";
import type { ApprovalRoute, RouteEvaluation } from "./route";

type DeliverableRow = typeof deliverables.$inferSelect;

/** Who holds a deliverable right now, in words, and the user ids it is waiting on. */
export interface Holder {
  label: string;
  userIds: string[];
  stageName: string | null;
  stageKind?: "review" | "brand_signoff";
}

/** Shared by the queue, the home page's waiting list and the deliverable page, so they name the same person. */
export function holderOf(
  row: DeliverableRow,
  evaluation: RouteEvaluation | null,
  route: ApprovalRoute | null,
  creatorUserId: string | null,
  names: Map<string, { name: string }>,
): Holder {
  const status = row.status as DeliverableStatus;
  const nameList = (ids: string[]) => ids.map((id) => names.get(id)?.name ?? "someone").join(", ");
  switch (status) {
    case "draft":
      return {
        label: row.currentVersion === 0 ? "Creator: first draft" : "Creator: resubmit the draft",
        userIds: creatorUserId ? [creatorUserId] : [],
        stageName: null,
      };
    case "changes_requested":
      return { label: "Creator: changes requested", userIds: creatorUserId ? [creatorUserId] : [], stageName: null };
    case "in_review": {
      const stage = evaluation?.currentStageIndex !== null && evaluation && route ? route.stages[evaluation.currentStageIndex] : null;
      const ids = evaluation?.pendingApproverIds ?? [];
      return {
        label: stage ? `${stage.name}: ${ids.length ? nameList(ids) : "no approver"}` : "In review",
        userIds: ids,
        stageName: stage?.name ?? null,
        stageKind: stage?.kind,
      };
    }
    case "signed_off":
      return { label: "Publisher: ready to schedule", userIds: [], stageName: null };
    case "scheduled":
      return { label: "Publisher: scheduled, mark it live", userIds: [], stageName: null };
    case "published":
      return { label: "Done: live", userIds: [], stageName: null };
    case "blocked":
      return { label: "Coordinator: reschedule or override", userIds: [], stageName: null };
  }
}
