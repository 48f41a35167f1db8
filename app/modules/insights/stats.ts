/**
 * The one definition of a percentile in Baton's insights (decision 053): NEAREST RANK. The p-th
 * percentile of n values is the value at rank ⌈p/100 · n⌉ of the sorted list, so it is always one
 * of the values measured (never an average of two), the median of an even count is the lower
 * middle value, and the 90th percentile of fewer than ten values is the largest. Pure, no I/O.
 */

export interface Summary {
  count: number;
  /** Nearest-rank 50th percentile; null when there is nothing to measure. */
  median: number | null;
  /** Nearest-rank 90th percentile. */
  p90: number | null;
}

export interface Rate {
  /** How many met the rule. */
  count: number;
  /** Out of how many. */
  of: number;
  /** count / of, between 0 and 1; null when `of` is 0 (no rate, rather than a misleading 0 %). */
  rate: number | null;
}

/** Nearest-rank percentile of `values` (0 < p ≤ 100); null for no values. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  if (!(p > 0 && p <= 100)) throw new RangeError(`A percentile is between 0 (excluded) and 100, not ${p}.`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.max(1, rank) - 1];
}

export function summarize(values: readonly number[]): Summary {
  return { count: values.length, median: percentile(values, 50), p90: percentile(values, 90) };
}

export function rateOf(count: number, of: number): Rate {
  return { count, of, rate: of === 0 ? null : count / of };
}

/** The mean, for counts such as revision rounds where it reads naturally beside the median; null for none. */
export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, v) => sum + v, 0) / values.length;
}
