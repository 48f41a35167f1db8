import { z } from "zod";
import type { Role } from "@db/schema/roles";
import { idField } from "~/utils/ids";
import { DAY_MS, fromLocalInput, inZone } from "~/utils/time";
import { roleCan } from "./permissions";

/**
 * A member's away period and delegate (decision 052; memberships.away_from / away_until /
 * delegate_user_id). Pure: the away form checks with these, and the approvals' stand-ins read
 * `delegationApplies` to send requests to the delegate. The period is half-open, [from, until):
 * the form takes whole days in the member's zone, so "until 12 Dec" ends at the start of 13 Dec.
 */

export interface AwayPeriod {
  awayFrom: Date | null;
  awayUntil: Date | null;
  delegateUserId: string | null;
}

/** Whether requests at `at` go to the delegate: inside the period, and a delegate is named. */
export function delegationApplies(away: AwayPeriod, at: Date): boolean {
  if (!away.awayFrom || !away.awayUntil || !away.delegateUserId) return false;
  return away.awayFrom.getTime() <= at.getTime() && at.getTime() < away.awayUntil.getTime();
}

/** Whether the period is over (nothing to show, nothing to send to the delegate any more). */
export const awayEnded = (away: AwayPeriod, at: Date) => !away.awayUntil || away.awayUntil.getTime() <= at.getTime();

/** Who is a member as far as delegating goes. */
export interface DelegatingMember {
  userId: string;
  role: Role;
  agencyId: string | null;
  brandId: string | null;
}

const STAFF: readonly Role[] = ["owner", "admin", "coordinator"];

/** Whether this member decides on drafts at all, so that naming a delegate means anything. */
export const delegates = (role: Role) => roleCan(role, "drafts.review") || roleCan(role, "signoff.give");

/**
 * Why `delegate` cannot decide in `member`'s place, or null when they can. A brand lead's delegate
 * gives that brand's sign-off, so it must be a brand lead of the same brand; an agency member's
 * reviews the agency's campaigns (a colleague of the agency, or the workspace's staff); staff hand
 * over to staff, who see every campaign.
 */
export function delegateRefusal(member: DelegatingMember, delegate: DelegatingMember | null): string | null {
  if (!delegate) return "Choose a delegate from the list: a member of this workspace.";
  if (delegate.userId === member.userId) return "Choose someone else: your delegate decides while you are away.";
  if (member.role === "brand_lead") {
    return delegate.role === "brand_lead" && delegate.brandId === member.brandId
      ? null
      : "Choose a brand lead of your brand: only they can give its sign-off.";
  }
  if (member.role === "agency_member") {
    const colleague = delegate.role === "agency_member" && delegate.agencyId === member.agencyId;
    return colleague || STAFF.includes(delegate.role)
      ? null
      : "Choose a colleague of your agency or a coordinator: they review the same campaigns.";
  }
  if (STAFF.includes(member.role)) {
    return STAFF.includes(delegate.role) ? null : "Choose an owner, admin or coordinator: they review every campaign.";
  }
  return "Only people who review or sign off drafts name a delegate.";
}

/** The longest away period one form sets; a longer absence is a role change. */
export const MAX_AWAY_DAYS = 366;

export interface AwayDays {
  /** First day away and last day away, "YYYY-MM-DD", in the member's zone. */
  from: string;
  until: string;
}

export type AwayRead = { ok: true; awayFrom: Date; awayUntil: Date } | { ok: false; field: "from" | "until"; message: string };

/**
 * The days typed into the form as an instant range in the member's zone: from the start of the
 * first day to the start of the day after the last one. The period must not have ended already.
 */
export function readAwayDays(days: AwayDays, timeZone: string, now: Date): AwayRead {
  const awayFrom = fromLocalInput(`${days.from}T00:00`, timeZone);
  if (!awayFrom) return { ok: false, field: "from", message: "Give the first day you are away, e.g. 2026-12-08." };
  const lastDay = fromLocalInput(`${days.until}T00:00`, timeZone);
  if (!lastDay) return { ok: false, field: "until", message: "Give the last day you are away, e.g. 2026-12-12." };
  const awayUntil = inZone(lastDay, timeZone).plus({ days: 1 }).startOf("day").toJSDate();
  if (lastDay.getTime() < awayFrom.getTime()) return { ok: false, field: "until", message: "The last day can't be before the first one." };
  if (awayUntil.getTime() <= now.getTime())
    return { ok: false, field: "until", message: "That period is over: give a last day from today on." };
  if (awayUntil.getTime() - awayFrom.getTime() > MAX_AWAY_DAYS * DAY_MS) {
    return { ok: false, field: "until", message: `An away period can be at most ${MAX_AWAY_DAYS} days.` };
  }
  return { ok: true, awayFrom, awayUntil };
}

/** The last day away as a date, in `timeZone` ("12 Dec"): the day before `awayUntil` starts. */
export function lastDayAway(awayUntil: Date, timeZone: string, format = "d LLL"): string {
  return inZone(new Date(awayUntil.getTime() - 1), timeZone).toFormat(format);
}

const day = (what: string) =>
  z
    .string({ required_error: `Give the ${what}.`, invalid_type_error: `Give the ${what}.` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Give the ${what} as a date, e.g. 2026-12-08.`);

/** The away form (its intent "set"); the days are read in the member's zone by `readAwayDays`. */
export const awayFormSchema = z.object({
  from: day("first day you are away"),
  until: day("last day you are away"),
  delegateUserId: idField("Choose a delegate from the list."),
});
