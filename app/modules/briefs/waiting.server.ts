import type { WaitingItem } from "~/modules/home/waiting";
import type { MemberContext } from "~/modules/workspaces/authz.server";

/** What is waiting on this member in the briefs capability (shown on the home page). */
export async function briefsWaiting(_ctx: MemberContext): Promise<WaitingItem[]> {
  return [];
}
