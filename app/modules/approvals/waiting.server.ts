import type { WaitingItem } from "~/modules/waiting/waiting";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { HOME_WAITING_LIMIT } from "~/modules/waiting/waiting";
import { waitingItems } from "./queue.server";

/**
 * What is waiting on this member in the approvals capability (shown on the home page): drafts to
 * review and sign-offs, each due at its sign-off deadline (so the most urgent comes first), and
 * the creator's drafts with changes requested and drafts still to submit.
 */
export async function approvalsWaiting(ctx: MemberContext): Promise<WaitingItem[]> {
  // The home page lists the 50 most urgent things overall; these come first by deadline.
  const items = await waitingItems(ctx, { soonest: HOME_WAITING_LIMIT });
  return items.map((item): WaitingItem => {
    if (item.status === "in_review") {
      const signoff = item.stageKind === "brand_signoff";
      return {
        id: item.id,
        kind: signoff ? "signoff" : "draft_review",
        title: `${item.title} (v${item.version})`,
        detail: `${item.campaignName} · ${item.channelLabel} · ${item.stageName ?? "Review"} · sign-off deadline ${item.deadlineLabel}`,
        url: item.url,
        dueAt: item.deadline,
        since: null,
      };
    }
    return {
      id: item.id,
      kind: item.status === "changes_requested" ? "changes_requested" : "draft_due",
      title: item.status === "changes_requested" ? `${item.title}: changes requested on v${item.version}` : item.title,
      detail: `${item.campaignName} · ${item.channelLabel} · sign-off deadline ${item.deadlineLabel}`,
      url: item.url,
      dueAt: item.deadline,
      since: null,
    };
  });
}
