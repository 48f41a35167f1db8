import { approvalsWaiting } from "~/modules/approvals/waiting.server";
import { briefsWaiting } from "~/modules/briefs/waiting.server";
import { calendarWaiting } from "~/modules/calendar/waiting.server";
import { onboardingWaiting } from "~/modules/onboarding/waiting.server";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { HOME_WAITING_LIMIT, sortWaiting, type WaitingItem } from "~/modules/waiting/waiting";

/** Everything waiting on this member, from every capability, most urgent first. */
export async function waitingOn(ctx: MemberContext): Promise<WaitingItem[]> {
  const parts = await Promise.all([approvalsWaiting(ctx), briefsWaiting(ctx), onboardingWaiting(ctx), calendarWaiting(ctx)]);
  return sortWaiting(parts.flat()).slice(0, HOME_WAITING_LIMIT);
}
