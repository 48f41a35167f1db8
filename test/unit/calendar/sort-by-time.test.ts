import { describe, expect, it } from "vitest";
import { sortByTime } from "~/modules/calendar/conflicts/sort-and-group";

const MINUTE = 60_000;
const YEAR = 365 * 24 * 60 * MINUTE;
const base = Date.parse("2026-01-01T00:00:00Z");

function items(times: number[]) {
  return times.map((at, i) => ({ id: i, at }));
}

/** The obvious (stable) comparator sort, to check the packed native sort against. */
function reference(list: { id: number; at: number }[]) {
  return [...list].sort((a, b) => a.at - b.at);
}

describe("sortByTime", () => {
  it("sorts minute-aligned times (packed native path) and keeps ties in input order", () => {
    const list = items([5, 1, 3, 1, 5, 0, 3].map((m) => base + m * MINUTE));
    expect(sortByTime(list, (x) => x.at)).toEqual(reference(list));
  });

  it("sorts millisecond times spread over decades (comparator fallback)", () => {
    const list = items([base + 30 * YEAR + 7, base + 1, base - 20 * YEAR + 3, base + 1, base + 999]);
    expect(sortByTime(list, (x) => x.at)).toEqual(reference(list));
  });

  it("matches the comparator on random inputs of every size class", () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (const [n, unit, spread] of [
      [1, MINUTE, 10],
      [50, MINUTE, 20],
      [500, 1000, 1e6],
      [500, 1, 1e12],
    ] as const) {
      const list = items(Array.from({ length: n }, () => base + Math.floor(rand() * spread) * unit));
      expect(sortByTime(list, (x) => x.at)).toEqual(reference(list));
    }
  });

  it("handles empty input and does not lose items with invalid times", () => {
    expect(sortByTime([], (x: { at: number }) => x.at)).toEqual([]);
    const withNaN = items([base, Number.NaN, base - MINUTE]);
    expect(sortByTime(withNaN, (x) => x.at)).toHaveLength(3);
    expect(sortByTime(items([Number.NaN]), (x) => x.at)).toEqual(items([Number.NaN]));
  });
});
