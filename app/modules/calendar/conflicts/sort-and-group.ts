import { MINUTE_MS } from "~/utils/time";
// Ordering and grouping helpers tuned for 100,000-row workspaces: the rules call them on every
// deliverable, so they avoid per-item allocations and comparator calls where they can.

/**
 * Sorts by time, ties in input order. Comparator sorts over 100,000 objects cost ~80 ms, so when
 * it fits exactly, each item's (time, index) is packed into one float64 and sorted natively.
 * Times are scaled down to seconds or minutes when all of them allow it, which keeps years of
 * data inside the 53 exact bits; otherwise it falls back to a comparator.
 */
export function sortByTime<T>(items: readonly T[], timeOf: (item: T) => number): T[] {
  const times = new Float64Array(items.length); // filled by a loop: Float64Array.from(items, fn) is slow
  for (let i = 0; i < items.length; i++) times[i] = timeOf(items[i]);
  let min = Infinity;
  let max = -Infinity;
  let wholeMinutes = true;
  let wholeSeconds = true;
  for (const at of times) {
    if (!Number.isFinite(at)) min = -Infinity; // forces the comparator below
    if (at < min) min = at;
    if (at > max) max = at;
    if (wholeSeconds && at % 1000 !== 0) wholeSeconds = wholeMinutes = false;
    else if (wholeMinutes && at % MINUTE_MS !== 0) wholeMinutes = false;
  }
  const unit = wholeMinutes ? MINUTE_MS : wholeSeconds ? 1000 : 1;
  const slots = 2 ** Math.ceil(Math.log2(items.length + 1));
  if (!Number.isFinite(max - min) || ((max - min) / unit + 1) * slots > Number.MAX_SAFE_INTEGER) {
    const order = Array.from(items.keys()).sort((a, b) => times[a] - times[b] || a - b);
    return order.map((i) => items[i]);
  }
  const keys = new Float64Array(items.length);
  for (let i = 0; i < items.length; i++) keys[i] = ((times[i] - min) / unit) * slots + i;
  keys.sort();
  const sorted = new Array<T>(items.length);
  for (let i = 0; i < keys.length; i++) sorted[i] = items[keys[i] % slots];
  return sorted;
}

/**
 * Groups items, keeping their order (so pre-sorted input stays sorted); null drops an item.
 * Group by existing strings or objects and nest (groupBy2) rather than concatenating keys:
 * building and hashing a fresh key string per item is slow at 100,000 deliverables.
 */
export function groupBy<T, K>(items: Iterable<T>, keyOf: (item: T) => K | null): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === null) continue;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** groupBy with two levels in one pass, e.g. brand then channel, without intermediate arrays. */
export function groupBy2<T, K1, K2>(
  items: Iterable<T>,
  outerOf: (item: T) => K1 | null,
  innerOf: (item: T) => K2 | null,
): Map<K1, Map<K2, T[]>> {
  const groups = new Map<K1, Map<K2, T[]>>();
  for (const item of items) {
    const outer = outerOf(item);
    const inner = outer === null ? null : innerOf(item);
    if (outer === null || inner === null) continue;
    let byInner = groups.get(outer);
    if (!byInner) groups.set(outer, (byInner = new Map()));
    const group = byInner.get(inner);
    if (group) group.push(item);
    else byInner.set(inner, [item]);
  }
  return groups;
}
