import type { WaitingItem } from "~/modules/waiting/waiting";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { HOME_WAITING_LIMIT } from "~/modules/waiting/waiting";
import { waitingItems } from "./queue.server";

/** Said beside a blocked item on the draft path: why it can't go out yet, and that this step still counts. */
const STILL_BLOCKED = "blocked until it is rescheduled; this step still counts";

/**
 * What is waiting on this member in the approvals capability (shown on the home page): drafts to
 * review and sign-offs, each due at its sign-off deadline (so the most urgent comes first), the
 * creator's drafts with changes requested and drafts still to submit, and blocked deliverables for
 * the coordinator who reschedules them (overdue, so they come first).
 */
export async function approvalsWaiting(ctx: MemberContext): Promise<WaitingItem[]> {
  // The home page lists the 50 most urgent things overall; these come first by deadline.
  const items = await waitingItems(ctx, { soonest: HOME_WAITING_LIMIT });
  return items.map((item): WaitingItem => {
    const common = { id: item.id, url: item.url, dueAt: item.deadline, since: null };
    const flag = item.blocked ? ` · ${STILL_BLOCKED}` : "";
    if (item.unblockOnMe) {
      return {
        ...common,
        kind: "blocked",
        title: `${item.title}: reschedule or override`,
        detail: `${item.campaignName} · ${item.channelLabel} · missed its sign-off deadline ${item.deadlineLabel}; the deliverable page moves it to the earliest allowed time in one step`,
      };
    }
    if (item.status === "in_review") {
      const signoff = item.stageKind === "brand_signoff";
      return {
        ...common,
        kind: signoff ? "signoff" : "draft_review",
        title: `${item.title} (v${item.version})`,
        // A delegate or a backup is told in whose seat (decision 052).
        detail: `${item.campaignName} · ${item.channelLabel} · ${item.stageName ?? "Review"}${item.standIn ? ` ${item.standIn}` : ""} · sign-off deadline ${item.deadlineLabel}${flag}`,
      };
    }
    return {
      ...common,
      kind: item.status === "changes_requested" ? "changes_requested" : "draft_due",
      title: item.status === "changes_requested" ? `${item.title}: changes requested on v${item.version}` : item.title,
      detail: `${item.campaignName} · ${item.channelLabel} · sign-off deadline ${item.deadlineLabel}${flag}`,
    };
  });
}
