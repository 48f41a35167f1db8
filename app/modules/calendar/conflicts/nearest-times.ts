// "Where could it go instead?" For a deliverable in conflict, the nearest publish times that clear
// the calendar's timing rules (blackouts, spacing on the channel, creator exclusivity against
// competing brands) and are not before the approvals' earliest allowed publish time (which already
// keeps the sign-off rule, so SIGNOFF_RISK clears too). Pure, like the rules: each candidate is run
// through detectConflicts itself, so "half-open blackout" and "exactly the spacing apart is fine"
// hold by definition instead of being re-stated here.

import { EARLIEST_STEP_MINUTES } from "~/modules/approvals/earliest-publish";
import { MAX_PUBLISH_AHEAD_MS } from "~/modules/approvals/publish-time";
import { MINUTE_MS } from "~/utils/time";
import { buildRuleContext } from "./context";
import { detectConflicts } from "./detect";
import type { Brand, Conflict, ConflictCode, Deliverable } from "./types";

/** The rules a publish time alone decides; a move can clear these, never the others. */
export const TIMING_RULES: readonly ConflictCode[] = ["BLACKOUT", "POST_COLLISION", "CREATOR_EXCLUSIVITY"];

/** Conflicts a move can resolve: the timing rules, and a sign-off at risk (moved past the window). */
export const MOVABLE_CODES: readonly ConflictCode[] = [...TIMING_RULES, "SIGNOFF_RISK"];

export interface ClearingInput {
  now: Date;
  /** The deliverable to move, as detection sees it. */
  deliverable: Deliverable;
  /** Its brand and, for exclusivity, the brands of the creator's other work. */
  brands: readonly Brand[];
  /** Everything that may be in the way: the brand's other posts, the creator's other work. */
  others: readonly Deliverable[];
  /** approvals' earliestAllowedPublishTime for this deliverable: nothing earlier is offered. */
  earliest: Date;
  /** How many times to offer (the earliest, the nearest before the current time, the nearest after). */
  count?: number;
}

export type ClearingKind = "earliest" | "before" | "after";

export interface ClearingTime {
  at: Date;
  kind: ClearingKind;
}

const STEP_MS = EARLIEST_STEP_MINUTES * MINUTE_MS;
const roundUp = (ms: number) => Math.ceil(ms / STEP_MS) * STEP_MS;
const roundDown = (ms: number) => Math.floor(ms / STEP_MS) * STEP_MS;

/**
 * Up to `count` (3) times, soonest first and none twice: the earliest clear time at or after
 * `earliest`, and the clear times nearest the current publish time on either side of it (the
 * "before" one only when it is not before `earliest`). Empty when nothing within three years clears.
 */
export function nearestClearingTimes(input: ClearingInput): ClearingTime[] {
  const { now, deliverable } = input;
  const rules = buildRuleContext({ brands: [...input.brands], campaigns: [], deliverables: [] }, now);
  const others = input.others.filter((o) => o.id !== deliverable.id && o.status !== "cancelled");
  const timeOf = new Map(others.map((o) => [o.id, o.publishAt.getTime()]));
  const brandOf = new Map(others.map((o) => [o.id, o.brandId]));
  const own = rules.brand(deliverable.brandId);

  const blockers = (at: number): Conflict[] =>
    detectConflicts(
      { brands: [...input.brands], campaigns: [], deliverables: [...others, { ...deliverable, publishAt: new Date(at) }] },
      now,
      { only: TIMING_RULES },
    ).filter((c) => c.objectIds.includes(deliverable.id));

  /** How far a conflict with this neighbour reaches around it: spacing on the channel, or the longer exclusivity window. */
  const reachOf = (c: Conflict): { other: number; reach: number } => {
    const otherId = c.objectIds.find((id) => id !== deliverable.id)!;
    const other = timeOf.get(otherId)!;
    if (c.code === "POST_COLLISION") return { other, reach: own.spacingMs(deliverable.channel) };
    return { other, reach: Math.max(own.exclusivityMs, rules.brand(brandOf.get(otherId)!).exclusivityMs) };
  };

  const limit = now.getTime() + MAX_PUBLISH_AHEAD_MS;
  const floor = input.earliest.getTime();

  // Each round passes at least one blackout or neighbour for good, so both loops end after at most
  // (blackouts + neighbours + 1) rounds.
  const forward = (from: number): number | null => {
    for (let at = roundUp(Math.max(from, floor)); at <= limit;) {
      const found = blockers(at);
      if (found.length === 0) return at;
      at = roundUp(
        Math.max(
          ...found.map((c) => {
            if (c.code === "BLACKOUT") return c.details.blackout.endsAt.getTime();
            const { other, reach } = reachOf(c);
            return other + reach;
          }),
        ),
      );
    }
    return null;
  };
  const backward = (from: number): number | null => {
    for (let at = roundDown(from); at >= floor;) {
      const found = blockers(at);
      if (found.length === 0) return at;
      at = roundDown(
        Math.min(
          ...found.map((c) => {
            // Half-open: the last clear minute is just before the blackout starts.
            if (c.code === "BLACKOUT") return c.details.blackout.startsAt.getTime() - 1;
            const { other, reach } = reachOf(c);
            return other - reach;
          }),
        ),
      );
    }
    return null;
  };

  const current = deliverable.publishAt.getTime();
  const found: { at: number | null; kind: ClearingKind }[] = [
    { at: forward(floor), kind: "earliest" },
    { at: current - STEP_MS >= floor ? backward(current - STEP_MS) : null, kind: "before" },
    { at: forward(Math.max(current + STEP_MS, floor)), kind: "after" },
  ];
  const seen = new Set<number>();
  const times: ClearingTime[] = [];
  for (const { at, kind } of found) {
    if (at === null || seen.has(at)) continue;
    seen.add(at);
    times.push({ at: new Date(at), kind });
  }
  return times.sort((a, b) => a.at.getTime() - b.at.getTime()).slice(0, input.count ?? 3);
}
