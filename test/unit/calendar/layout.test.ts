import { describe, expect, it } from "vitest";
import { campaignsShownInMonth, layoutWeek, type SpanInput } from "~/modules/calendar/layout";

const week = (first: number) => Array.from({ length: 7 }, (_, i) => `2026-12-${String(first + i).padStart(2, "0")}`);
const weeks = [week(1), week(8), week(15)];
const span = (key: string, start: number, end: number): SpanInput => ({
  key,
  startDay: `2026-12-${String(start).padStart(2, "0")}`,
  endDay: `2026-12-${String(end).padStart(2, "0")}`,
});

describe("layoutWeek", () => {
  it("stacks overlapping spans in lanes and reuses a lane once a span has ended", () => {
    const layout = layoutWeek(week(1), [span("a", 1, 3), span("b", 2, 5), span("c", 4, 7)], 3);
    expect(layout.lanes.map((lane) => lane.map((s) => s.key))).toEqual([["a", "c"], ["b"]]);
    expect(layout.lanes[0][1]).toMatchObject({ column: 4, length: 4, continuesBefore: false, continuesAfter: false });
    expect(layout.hidden).toEqual([]);
  });

  it("hides what does not fit into the lanes", () => {
    const layout = layoutWeek(week(1), [span("a", 1, 7), span("b", 1, 7), span("c", 1, 7), span("d", 2, 2)], 3);
    expect(layout.hidden).toEqual(["d"]);
  });
});

describe("campaignsShownInMonth", () => {
  // Five campaigns over the first week (only three fit); "late" starts in week two where lanes are free.
  const spans = [span("a", 1, 20), span("b", 1, 20), span("c", 1, 6), span("d", 2, 4), span("e", 3, 3), span("late", 5, 10)];

  it("keeps campaigns placed in some week and counts, per week, those placed in none", () => {
    const { shown, droppedByWeek } = campaignsShownInMonth(weeks, spans, 3);
    expect([...shown].sort()).toEqual(["a", "b", "c", "late"]);
    expect(droppedByWeek).toEqual({ "2026-12-01": 2 });
  });

  it("laying out only the kept campaigns gives each the same lane, and the counts add up", () => {
    const { shown, droppedByWeek } = campaignsShownInMonth(weeks, spans, 3);
    const kept = spans.filter((s) => shown.has(s.key));
    for (const dates of weeks) {
      const full = layoutWeek(dates, spans, 3);
      const trimmed = layoutWeek(dates, kept, 3);
      expect(trimmed.lanes).toEqual(full.lanes);
      expect(trimmed.hidden.length + (droppedByWeek[dates[0]] ?? 0)).toBe(full.hidden.length);
    }
  });
});
