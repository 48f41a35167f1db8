import type { deliverables } from "@db/schema";
import { isDeliverableStatus } from "./deliverable-status";
import type { ApprovalRoute, RouteEvaluation } from "./route";
import { actingLabel, type Acting } from "./stand-ins";

type DeliverableRow = typeof deliverables.$inferSelect;

/** Who holds a deliverable right now, in words, and the user ids it is waiting on. */
export interface Holder {
  label: string;
  userIds: string[];
  stageName: string | null;
  stageKind?: "review" | "brand_signoff";
  /** Blocked: the coordinator must reschedule it (or an admin override) besides whoever holds the status. */
  unblockUserIds: string[];
}

/** Names as lists show them; a guest approver is labelled "guest", a brand lead not joined yet "invited". */
type Names = ReadonlyMap<string, { name: string; guest?: boolean; invited?: boolean }>;

/** The second handoff of a blocked deliverable, the same words on every page. */
export const UNBLOCK_HOLDER = "Coordinator: reschedule or override";

/**
 * Shared by the queue, the home page's waiting list and the deliverable page, so they name the same
 * person. A blocked deliverable has two holders (decision 052): the draft path goes on for whoever
 * holds its status (the creator, the reviewers), and the campaign's coordinator must reschedule or
 * have it overridden. At the brand sign-off stage only the coordinator can act: no sign-off counts
 * until the new time gives the brand its window again.
 */
export function holderOf(
  row: DeliverableRow,
  evaluation: RouteEvaluation | null,
  route: ApprovalRoute | null,
  creatorUserId: string | null,
  names: Names,
  coordinatorId: string | null = null,
  /** Who the stage is with right now (stand-ins.server's `routeNow`): delegates in an away approver's place, the backup after an escalation. */
  acting?: readonly Acting[],
): Holder {
  const path = statusHolder(row, evaluation, route, creatorUserId, names, acting);
  if (!row.blocked) return { ...path, unblockUserIds: [] };
  const unblockUserIds = coordinatorId ? [coordinatorId] : [];
  if (path.stageKind === "brand_signoff") {
    return { ...path, label: `${UNBLOCK_HOLDER}; then ${path.label}`, userIds: unblockUserIds, unblockUserIds };
  }
  return {
    ...path,
    label: `${path.label} · ${UNBLOCK_HOLDER}`,
    userIds: [...new Set([...path.userIds, ...unblockUserIds])],
    unblockUserIds,
  };
}

/** Who holds the status itself (the draft path), flag aside. */
function statusHolder(
  row: DeliverableRow,
  evaluation: RouteEvaluation | null,
  route: ApprovalRoute | null,
  creatorUserId: string | null,
  names: Names,
  acting: readonly Acting[] | undefined,
): Omit<Holder, "unblockUserIds"> {
  // A status this version does not know reads as a draft rather than breaking a list.
  const status = isDeliverableStatus(row.status) ? row.status : "draft";
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
      // The people who act now (decision 052): "Ben (for Ana)", "Carl (backup)", "Lee (guest)".
      const people = acting ?? (evaluation?.pendingApproverIds ?? []).map((userId) => ({ userId }));
      const list = people.map((a) => actingLabel(a, names)).join(", ");
      return {
        label: stage ? `${stage.name}: ${people.length ? list : "no approver"}` : "In review",
        userIds: people.map((a) => a.userId),
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
  }
}
