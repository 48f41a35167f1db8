import { buildRuleContext, compareIds, type ConflictRule } from "./context";
import { sortByTime } from "./sort-and-group";
import { accessMissingRule } from "./rules/access-missing";
import { blackoutRule } from "./rules/blackout";
import { campaignOverlapRule } from "./rules/campaign-overlap";
import { creatorExclusivityRule } from "./rules/creator-exclusivity";
import { postCollisionRule } from "./rules/post-collision";
import { signoffRiskRule } from "./rules/signoff-risk";
import type { Conflict, ConflictCode, ConflictInput, RuleMetadata } from "./types";

const RULES: readonly ConflictRule[] = [
  campaignOverlapRule,
  postCollisionRule,
  creatorExclusivityRule,
  blackoutRule,
  signoffRiskRule,
  accessMissingRule,
];

/** Rule codes, severities and explanations, as data the UI can list without running anything. */
export const CONFLICT_RULES: readonly RuleMetadata[] = RULES.map((rule) => rule.meta);

export function conflictRuleMetadata(code: ConflictCode): RuleMetadata {
  const meta = CONFLICT_RULES.find((rule) => rule.code === code);
  if (!meta) throw new Error(`Unknown conflict code: ${code}`);
  return meta;
}

const SEVERITY_RANK = { error: 0, warning: 1 } as const;

/** Errors first, then soonest first; the key breaks ties so the order never flickers. */
export function compareConflicts(a: Conflict, b: Conflict): number {
  return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.startsAt.getTime() - b.startsAt.getTime() || compareIds(a.key, b.key);
}

/**
 * Same order as compareConflicts, but fast for tens of thousands of conflicts: each severity is
 * sorted by time natively, and keys are compared only within runs of equal times.
 */
function sortConflicts(conflicts: Conflict[]): Conflict[] {
  const sorted: Conflict[] = [];
  for (const severity of ["error", "warning"] as const) {
    const byTime = sortByTime(
      conflicts.filter((c) => c.severity === severity),
      (c) => c.startsAt.getTime(),
    );
    for (let start = 0; start < byTime.length;) {
      const at = byTime[start].startsAt.getTime();
      let end = start + 1;
      while (end < byTime.length && byTime[end].startsAt.getTime() === at) end++;
      const run = end - start > 1 ? byTime.slice(start, end).sort((a, b) => compareIds(a.key, b.key)) : [byTime[start]];
      for (const c of run) sorted.push(c);
      start = end;
    }
  }
  return sorted;
}

export interface DetectOptions {
  /** Run only these rules, e.g. to recompute what a single change can affect. */
  only?: readonly ConflictCode[];
}

/**
 * Runs every conflict rule over one workspace snapshot. Pure: `now` is passed in so sign-off
 * risk is reproducible. O(n log n) overall plus the size of the answer.
 */
export function detectConflicts(input: ConflictInput, now: Date, options: DetectOptions = {}): Conflict[] {
  const ctx = buildRuleContext(input, now);
  const rules = options.only ? RULES.filter((rule) => options.only?.includes(rule.meta.code)) : RULES;
  const conflicts: Conflict[] = [];
  for (const rule of rules) for (const conflict of rule.detect(ctx)) conflicts.push(conflict);
  return sortConflicts(conflicts);
}
