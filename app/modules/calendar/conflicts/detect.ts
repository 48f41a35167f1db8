import { buildRuleContext, compareIds, type ConflictRule } from "./context";
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
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    a.startsAt.getTime() - b.startsAt.getTime() ||
    compareIds(a.key, b.key)
  );
}

/** Same order as compareConflicts, with sort keys computed once per conflict instead of per comparison. */
function sortConflicts(conflicts: Conflict[]): Conflict[] {
  const decorated = conflicts.map((c) => ({ c, rank: SEVERITY_RANK[c.severity], at: c.startsAt.getTime(), key: c.key }));
  decorated.sort((a, b) => a.rank - b.rank || a.at - b.at || compareIds(a.key, b.key));
  return decorated.map((d) => d.c);
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
