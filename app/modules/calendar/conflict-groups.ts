// The conflicts page's grouping (issue 21): by rule, then by brand, each group split into what is
// open and what is settled (acknowledged, or waived by every brand whose window it breaches). Pure.

import { CONFLICT_RULES } from "./conflicts/detect";
import type { ConflictCode } from "./conflicts/types";

export interface BrandBucket<C> {
  brandId: string;
  open: C[];
  settled: C[];
}

export interface RuleBucket<C> {
  code: ConflictCode;
  open: number;
  /** Open ones of error severity: rules with errors come first. */
  errors: number;
  settled: number;
  brands: BrandBucket<C>[];
}

const RULE_ORDER = new Map(CONFLICT_RULES.map((r, i) => [r.code, i]));

/**
 * Rules with open errors first, then the most open conflicts (then in the rules' own order), brands likewise (then in
 * the order first met, which is the input's: errors first, soonest first). Each list keeps the input order.
 */
export function groupByRuleAndBrand<C extends { code: ConflictCode; brandId: string; severity: string }>(
  conflicts: readonly C[],
  isSettled: (c: C) => boolean,
): RuleBucket<C>[] {
  const rules = new Map<ConflictCode, Map<string, BrandBucket<C>>>();
  for (const c of conflicts) {
    const brands = rules.get(c.code) ?? rules.set(c.code, new Map()).get(c.code)!;
    const bucket = brands.get(c.brandId) ?? brands.set(c.brandId, { brandId: c.brandId, open: [], settled: [] }).get(c.brandId)!;
    (isSettled(c) ? bucket.settled : bucket.open).push(c);
  }
  return [...rules.entries()]
    .map(([code, brands]) => {
      const list = [...brands.values()].sort((a, b) => b.open.length - a.open.length);
      return {
        code,
        open: list.reduce((n, b) => n + b.open.length, 0),
        errors: list.reduce((n, b) => n + b.open.filter((c) => c.severity === "error").length, 0),
        settled: list.reduce((n, b) => n + b.settled.length, 0),
        brands: list,
      };
    })
    .sort(
      (a, b) =>
        Number(b.errors > 0) - Number(a.errors > 0) || b.open - a.open || (RULE_ORDER.get(a.code) ?? 0) - (RULE_ORDER.get(b.code) ?? 0),
    );
}
