// Lays campaign spans out over a week row of the month view: each span gets the first lane where
// it fits, so overlapping campaigns stack instead of covering each other.

export interface SpanInput {
  key: string;
  /** Local dates "YYYY-MM-DD", end inclusive. */
  startDay: string;
  endDay: string;
}

export interface PlacedSpan {
  key: string;
  /** 1-based grid column of the first day shown in this week. */
  column: number;
  /** Days covered in this week. */
  length: number;
  continuesBefore: boolean;
  continuesAfter: boolean;
}

export interface WeekLayout {
  lanes: PlacedSpan[][];
  /** Spans that did not fit into maxLanes. */
  hidden: string[];
}

export function layoutWeek(weekDates: readonly string[], spans: readonly SpanInput[], maxLanes: number): WeekLayout {
  const first = weekDates[0];
  const last = weekDates[weekDates.length - 1];
  const inWeek = spans
    .filter((s) => s.startDay <= last && s.endDay >= first)
    .sort((a, b) =>
      a.startDay < b.startDay ? -1 : a.startDay > b.startDay ? 1 : b.endDay.localeCompare(a.endDay) || a.key.localeCompare(b.key),
    );
  const lanes: PlacedSpan[][] = [];
  const laneEnds: number[] = [];
  const hidden: string[] = [];
  for (const span of inWeek) {
    const startIndex = span.startDay < first ? 0 : weekDates.indexOf(span.startDay);
    const endIndex = span.endDay > last ? weekDates.length - 1 : weekDates.indexOf(span.endDay);
    if (startIndex < 0 || endIndex < 0) continue;
    let lane = laneEnds.findIndex((end) => end < startIndex);
    if (lane === -1) {
      if (lanes.length >= maxLanes) {
        hidden.push(span.key);
        continue;
      }
      lane = lanes.length;
      lanes.push([]);
      laneEnds.push(-1);
    }
    laneEnds[lane] = endIndex;
    lanes[lane].push({
      key: span.key,
      column: startIndex + 1,
      length: endIndex - startIndex + 1,
      continuesBefore: span.startDay < first,
      continuesAfter: span.endDay > last,
    });
  }
  return { lanes, hidden };
}

/** Campaign lanes a month view's week row shows; the rest are counted as "+N more". */
export const MONTH_CAMPAIGN_LANES = 3;

/**
 * Which campaigns a month grid places in at least one week, and per week (keyed by its first date)
 * how many of that week's campaigns are placed in no week at all. The server sends only the
 * placed ones: laying out that subset again gives every placed span the same lane (a span that
 * did not fit never held a lane), so the page adds these counts to the "+N more" it computes.
 */
export function campaignsShownInMonth(weeks: readonly (readonly string[])[], spans: readonly SpanInput[], maxLanes = MONTH_CAMPAIGN_LANES) {
  const shown = new Set<string>();
  const layouts = weeks.map((dates) => layoutWeek(dates, spans, maxLanes));
  for (const layout of layouts) for (const lane of layout.lanes) for (const span of lane) shown.add(span.key);
  const droppedByWeek: Record<string, number> = {};
  layouts.forEach((layout, i) => {
    const dropped = layout.hidden.filter((key) => !shown.has(key)).length;
    if (dropped > 0) droppedByWeek[weeks[i][0]] = dropped;
  });
  return { shown, droppedByWeek };
}
