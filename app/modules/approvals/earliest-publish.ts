import { buildRuleContext } from "~/modules/calendar/conflicts/context";
import { detectConflicts } from "~/modules/calendar/conflicts/detect";
import type { Brand, Conflict, Deliverable } from "~/modules/calendar/conflicts/types";
import { HOUR_MS, MINUTE_MS } from "~/utils/time";
import { MAX_PUBLISH_AHEAD_MS } from "./publish-time";

/**
 * "When is the earliest it can go live?" (decision 052): one pure answer for the new-deliverable
 * page, the reschedule panel, "Reschedule to the earliest allowed time" and the calendar.
 *
 * The earliest time that keeps the sign-off rule AND that the calendar would raise no BLACKOUT and
 * no POST_COLLISION conflict for. Keeping the rule means the route can still finish before the
 * deadline: at least one window ahead, plus the review time the route needs (the same time that
 * makes a submission "late"). Without it the earliest time would leave the brand minutes to sign
 * off and the deliverable would block again; a caller whose sign-off comes with the move itself (a
 * brand lead moving and signing in one step) passes 0.
 * Those two are not re-stated here: each candidate is run through the calendar's own
 * detectConflicts, so blackouts stay half-open (one ending at the minute does not cover it) and
 * spacing stays "closer than the minimum" (exactly the minimum apart is fine), by definition.
 *
 * All arithmetic is on absolute instants (signoff-rule.ts): 48 hours are 48 real hours across a
 * daylight-saving change. Candidates are whole quarter hours (UTC, which is also a quarter hour in
 * every zone in use): a time a person would pick, a few minutes of slack for the brand, and still a
 * valid answer when the person confirms it a minute later.
 */

/** Answers are whole multiples of this many minutes. */
export const EARLIEST_STEP_MINUTES = 15;

/** Another deliverable of the same brand: only its channel, time and status matter here. */
export interface PlannedPost {
  id: string;
  channel: string;
  publishAt: Date;
  /** "cancelled" (its campaign was cancelled) is never in the way. */
  status: string;
}

export interface EarliestPublishInput {
  now: Date;
  windowHours: number;
  /** Hours the approvers need before the sign-off deadline (the route's review time); 0 when the sign-off comes with the move. */
  reviewHours: number;
  /** The brand's calendar rules: blackouts and minimum spacing per channel (conflicts/types.ts). */
  brand: Brand;
  channel: string;
  /** The brand's other deliverables (the one being moved left out); other channels are ignored. */
  others: readonly PlannedPost[];
  /** Not before this instant either (e.g. the time that was asked for). */
  notBefore?: Date;
}

/** The candidate's id inside the detection run; never a real id (ids are 32 hex characters). */
const CANDIDATE = "earliest-publish-candidate";

const asDeliverable = (brandId: string, post: PlannedPost): Deliverable => ({
  id: post.id,
  campaignId: "",
  brandId,
  creatorId: null,
  channel: post.channel,
  title: "",
  publishAt: post.publishAt,
  signOffDeadline: post.publishAt,
  signedOff: true,
  status: post.status,
});

/** The earliest allowed publish time, or null when none exists within the three years a publish time may be ahead. */
export function earliestAllowedPublishTime(input: EarliestPublishInput): Date | null {
  const { now, brand, channel } = input;
  const step = EARLIEST_STEP_MINUTES * MINUTE_MS;
  const roundUp = (ms: number) => Math.ceil(ms / step) * step;
  const spacingMs = buildRuleContext({ brands: [brand], campaigns: [], deliverables: [] }, now)
    .brand(brand.id)
    .spacingMs(channel);
  const ruleKept = now.getTime() + (input.windowHours + input.reviewHours) * HOUR_MS;
  let at = roundUp(Math.max(ruleKept, input.notBefore?.getTime() ?? -Infinity));
  // Posts that ended their spacing before the first candidate can never be in the way.
  const others = input.others
    .filter((o) => o.channel === channel && o.publishAt.getTime() + spacingMs > at)
    .map((o) => asDeliverable(brand.id, o));
  const timeOf = new Map(others.map((o) => [o.id, o.publishAt.getTime()]));
  const limit = now.getTime() + MAX_PUBLISH_AHEAD_MS;
  // Each round moves past at least one blackout or post for good, so this ends after at most
  // (blackouts + posts + 1) rounds.
  while (at <= limit) {
    const candidate = asDeliverable(brand.id, { id: CANDIDATE, channel, publishAt: new Date(at), status: "draft" });
    const conflicts = detectConflicts({ brands: [brand], campaigns: [], deliverables: [...others, candidate] }, now, {
      only: ["BLACKOUT", "POST_COLLISION"],
    }).filter((c) => c.objectIds.includes(CANDIDATE));
    if (conflicts.length === 0) return new Date(at);
    at = roundUp(Math.max(...conflicts.map((c) => clearedAt(c, timeOf, spacingMs))));
  }
  return null;
}

/** The first instant the candidate is clear of this conflict: the blackout's end, or the other post plus the spacing. */
function clearedAt(conflict: Conflict, timeOf: Map<string, number>, spacingMs: number): number {
  if (conflict.code === "BLACKOUT") return conflict.details.blackout.endsAt.getTime();
  const other = conflict.objectIds.find((id) => id !== CANDIDATE)!;
  return timeOf.get(other)! + spacingMs;
}
