// Sort-and-sweep joins shared by the rules. Each one does O(n log n) for sorting plus work
// proportional to the pairs it reports, so a busy workspace never degrades into all-pairs.

/** A half-open time span [start, end) in epoch milliseconds. */
export interface Span<T> {
  item: T;
  start: number;
  end: number;
}

export function byStart<T>(a: Span<T>, b: Span<T>): number {
  return a.start - b.start;
}

/** Drops spans that ended at or before `at`, in place, keeping order. */
function dropEnded<T>(active: Span<T>[], at: number): void {
  let kept = 0;
  for (const span of active) if (span.end > at) active[kept++] = span;
  active.length = kept;
}

/**
 * Every (left, right) pair whose spans intersect. Both lists must be sorted by start.
 * A pair is found when its later-starting span starts: the other is then still active.
 * Touching spans (one ends where the other starts) do not intersect.
 */
export function intersectingPairs<A, B>(left: readonly Span<A>[], right: readonly Span<B>[], onPair: (a: A, b: B) => void): void {
  const activeLeft: Span<A>[] = [];
  const activeRight: Span<B>[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (j >= right.length || (i < left.length && left[i].start <= right[j].start)) {
      const span = left[i++];
      if (span.end <= span.start) continue;
      dropEnded(activeRight, span.start);
      for (const other of activeRight) onPair(span.item, other.item);
      activeLeft.push(span);
    } else {
      const span = right[j++];
      if (span.end <= span.start) continue;
      dropEnded(activeLeft, span.start);
      for (const other of activeLeft) onPair(other.item, span.item);
      activeRight.push(span);
    }
  }
}

/**
 * Every (point, span) pair with start <= at < end. Points sorted by `at`, spans by start. Spans
 * are admitted as the sweep reaches their start and dropped once it passes their end.
 */
export function spansContainingPoints<P extends { at: number }, S>(
  points: readonly P[],
  spans: readonly Span<S>[],
  onPair: (point: P, span: S) => void,
): void {
  const active: Span<S>[] = [];
  let next = 0;
  for (const point of points) {
    while (next < spans.length && spans[next].start <= point.at) active.push(spans[next++]);
    if (active.length === 0) continue;
    dropEnded(active, point.at);
    for (const span of active) onPair(point, span.item);
  }
}

/**
 * Every pair of intersecting spans from different groups (earlier-starting first).
 * Active spans are kept per group, so same-group overlaps cost nothing: the work is bounded by
 * the pairs reported plus one pass over the (few) groups per span.
 */
export function overlappingPairsAcrossGroups<T>(
  spans: readonly Span<T>[],
  groupOf: (item: T) => string,
  onPair: (earlier: T, later: T) => void,
): void {
  const active = new Map<string, Span<T>[]>();
  for (const span of spans) {
    if (span.end <= span.start) continue;
    const group = groupOf(span.item);
    for (const [otherGroup, others] of active) {
      if (otherGroup === group) continue;
      dropEnded(others, span.start);
      if (others.length === 0) active.delete(otherGroup);
      else for (const other of others) onPair(other.item, span.item);
    }
    const own = active.get(group);
    if (own) own.push(span);
    else active.set(group, [span]);
  }
}

/**
 * Every pair of points from different groups closer than the larger reach of their two groups
 * (strictly: exactly `reach` apart is fine). Points (epoch ms in `at`) must be sorted by time.
 * Each group keeps a queue of recent points; walking it from the newest end stops at the first
 * point out of reach, so the work is the pairs reported plus one step per group per point.
 */
export function nearbyPairsAcrossGroups<T extends { at: number }, G>(
  points: readonly T[],
  groupOf: (point: T) => G,
  reachOf: (group: G) => number,
  onPair: (earlier: T, later: T) => void,
): void {
  let maxReach = 0;
  for (const point of points) maxReach = Math.max(maxReach, reachOf(groupOf(point)));
  const recent = new Map<G, { points: T[]; head: number }>();
  for (const point of points) {
    const group = groupOf(point);
    const reach = reachOf(group);
    for (const [otherGroup, queue] of recent) {
      if (otherGroup === group) continue;
      // Out of everyone's reach now means out of reach for every later point too.
      while (queue.head < queue.points.length && point.at - queue.points[queue.head].at >= maxReach) queue.head++;
      if (queue.head === queue.points.length) {
        recent.delete(otherGroup);
        continue;
      }
      const limit = Math.max(reach, reachOf(otherGroup));
      for (let k = queue.points.length - 1; k >= queue.head; k--) {
        if (point.at - queue.points[k].at >= limit) break;
        onPair(queue.points[k], point);
      }
    }
    const own = recent.get(group);
    if (own) own.points.push(point);
    else recent.set(group, { points: [point], head: 0 });
  }
}
