// Recomputing only what a change can affect (decision 068). A change to some deliverables can add,
// remove or reword only the conflicts of their brands (spacing per brand and channel, blackouts,
// sign-off risk, access) and of their creators (exclusivity); campaign windows are untouched. So
// the conflicts of those brands and creators are detected again over every deliverable of those
// brands and creators, and the rest of the previous answer is kept. Pure, like the rules; the
// property test (test/unit/calendar/incremental.test.ts) holds it equal to a full detectConflicts.

import { compareConflicts, detectConflicts } from "./detect";
import type { Conflict, ConflictCode, ConflictInput, Deliverable } from "./types";

/** The brands and creators whose deliverables changed (before and after the change). */
export interface AffectedGroups {
  brandIds: ReadonlySet<string>;
  creatorIds: ReadonlySet<string>;
}

/** Rules that look at deliverables only; CAMPAIGN_OVERLAP looks at campaigns only. */
const DELIVERABLE_RULES: readonly ConflictCode[] = ["POST_COLLISION", "CREATOR_EXCLUSIVITY", "BLACKOUT", "SIGNOFF_RISK", "ACCESS_MISSING"];

export function touchesGroups(affected: AffectedGroups, d: Pick<Deliverable, "brandId" | "creatorId">): boolean {
  return affected.brandIds.has(d.brandId) || (d.creatorId !== null && affected.creatorIds.has(d.creatorId));
}

/**
 * Whether a change to the affected groups' deliverables can change this conflict: every one of its
 * deliverables' neighbours that matter to its rule is in the recomputed set exactly when this holds.
 */
export function dependsOnGroups(conflict: Conflict, affected: AffectedGroups, clockMoved = false): boolean {
  switch (conflict.code) {
    case "CAMPAIGN_OVERLAP":
      return false;
    case "BLACKOUT":
      return conflict.details.subject === "deliverable" && affected.brandIds.has(conflict.brandId);
    case "CREATOR_EXCLUSIVITY":
      return affected.creatorIds.has(conflict.details.creatorId);
    case "SIGNOFF_RISK":
      return clockMoved || affected.brandIds.has(conflict.brandId);
    case "POST_COLLISION":
    case "ACCESS_MISSING":
      return affected.brandIds.has(conflict.brandId);
  }
}

/** Two lists each in compareConflicts order, merged into one. */
function mergeSorted(a: readonly Conflict[], b: readonly Conflict[]): Conflict[] {
  if (b.length === 0) return [...a];
  if (a.length === 0) return [...b];
  const out = new Array<Conflict>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = compareConflicts(a[i], b[j]) <= 0 ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}

export interface RedetectOptions {
  /** The rules the previous answer ran (detectConflicts' `only`). */
  only?: readonly ConflictCode[];
  /** `now` differs from the previous answer's: sign-off risk of every deliverable is recomputed too. */
  clockMoved?: boolean;
}

/**
 * What detectConflicts(input, now, options) returns, given `previous`, its answer over an input
 * that differed from `input` only in deliverables of the affected brands and creators (campaigns,
 * brands, blackouts, access and names unchanged), computed at the same `now` unless `clockMoved`.
 */
export function redetectConflicts(
  input: ConflictInput,
  previous: readonly Conflict[],
  affected: AffectedGroups,
  now: Date,
  options: RedetectOptions = {},
): Conflict[] {
  const wanted = (code: ConflictCode) => !options.only || options.only.includes(code);
  const clockMoved = options.clockMoved === true;
  const rules = DELIVERABLE_RULES.filter(wanted).filter((code) => !(clockMoved && code === "SIGNOFF_RISK"));
  const subset = input.deliverables.filter((d) => touchesGroups(affected, d));
  const fresh =
    subset.length === 0 || rules.length === 0
      ? []
      : detectConflicts({ ...input, campaigns: [], deliverables: subset }, now, { only: rules }).filter((c) =>
          dependsOnGroups(c, affected),
        );
  const clock = clockMoved && wanted("SIGNOFF_RISK") ? detectConflicts({ ...input, campaigns: [] }, now, { only: ["SIGNOFF_RISK"] }) : [];
  const kept = previous.filter((c) => !dependsOnGroups(c, affected, clockMoved));
  return mergeSorted(kept, clock.length ? mergeSorted(fresh, clock) : fresh);
}
