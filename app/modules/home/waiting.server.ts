import { approvalsWaiting } from "~/modules/approvals/waiting.server";
import { briefsWaiting } from "~/modules/briefs/waiting.server";
import { calendarWaiting } from "~/modules/calendar/waiting.server";
import { calendarFingerprint } from "~/modules/calendar/snapshot-cache.server";
import { minuteOf } from "~/modules/calendar/snapshot";
import { onboardingWaiting } from "~/modules/onboarding/waiting.server";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { HOME_WAITING_LIMIT, sortWaiting, type WaitingItem } from "~/modules/waiting/waiting";
import { fingerprintCache } from "~/utils/fingerprint-cache.server";

/**
 * Everything waiting on this member, from every capability, most urgent first; cached (decision
 * 055) per member, role and minute until what it reads changes. Every table the four lists read
 * (deliverables, routes, versions, decisions, memberships, users, briefs and acknowledgments,
 * onboarding links and steps, conflict acknowledgments and waivers) writes to the workspace's
 * calendar change log, and the minute keeps "waiting 3 h" and the countdowns true. Under load the
 * list was recomputed on every visit (issue 22: home p95 0.8 to 1.1 s).
 */
export async function waitingOn(ctx: MemberContext, now = new Date()): Promise<WaitingItem[]> {
  const fingerprint = await calendarFingerprint(ctx.workspace.id);
  const key = [ctx.workspace.id, ctx.user.id, ctx.role, minuteOf(now)].join("|");
  return waitingLists.get(key, fingerprint, () => computeWaiting(ctx));
}

const waitingLists = fingerprintCache("home-waiting", 128);

async function computeWaiting(ctx: MemberContext): Promise<WaitingItem[]> {
  const parts = await Promise.all([approvalsWaiting(ctx), briefsWaiting(ctx), onboardingWaiting(ctx), calendarWaiting(ctx)]);
  return sortWaiting(parts.flat()).slice(0, HOME_WAITING_LIMIT);
}
