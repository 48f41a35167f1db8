import { describe, expect, it } from "vitest";
import { chartModel, type ChartDatum } from "~/components/insights/chart-geometry.server";

const H = 3600;
const week = (key: string, label: string, value: number | null, n = value === null ? 0 : 1): ChartDatum => ({ key, label, value, n });

describe("the charts' geometry (computed on the server)", () => {
  it("counts a duration axis in one unit people read: hours up to three days", () => {
    const chart = chartModel({
      id: "c",
      title: "Cycle",
      kind: "line",
      unit: "duration",
      data: [week("W1", "2 Mar", 11 * H), week("W2", "9 Mar", 30 * H)],
    });
    expect(chart.ticks.map((t) => t.label)).toEqual(["0", "10 h", "20 h", "30 h"]);
    const days = chartModel({ id: "c", title: "Access", kind: "line", unit: "duration", data: [week("W1", "2 Mar", 5 * 24 * H)] });
    expect(days.ticks.map((t) => t.label)).toEqual(["0", "1 d", "2 d", "3 d", "4 d", "5 d"]);
    const minutes = chartModel({ id: "c", title: "Fast", kind: "line", unit: "duration", data: [week("W1", "2 Mar", 20 * 60)] });
    expect(minutes.ticks.map((t) => t.label)).toEqual(["0", "5 min", "10 min", "15 min", "20 min"]);
  });

  it("runs a rate axis to 100 % and counts in whole numbers", () => {
    expect(
      chartModel({ id: "r", title: "Rate", kind: "bars", unit: "rate", data: [week("W1", "2 Mar", 0.5)] }).ticks.map((t) => t.label),
    ).toEqual(["0%", "25%", "50%", "75%", "100%"]);
    expect(
      chartModel({ id: "n", title: "Open", kind: "bars", unit: "count", data: [week("W1", "2 Mar", 1)] }).ticks.map((t) => t.label),
    ).toEqual(["0", "1", "2", "3", "4"]);
  });

  it("draws a week without data as a gap, never as zero, and a measured zero as a hairline", () => {
    const data = [week("W1", "2 Mar", 0.5), week("W2", "9 Mar", null), week("W3", "16 Mar", 0)];
    const bars = chartModel({ id: "b", title: "Compliance", kind: "bars", unit: "rate", data });
    expect(bars.bars.map((b) => b.label)).toEqual(["2 Mar: 50%", "16 Mar: 0%"]);
    expect(bars.bars[1].height).toBe(1);
    expect(bars.gaps).toHaveLength(1);
    const line = chartModel({
      id: "l",
      title: "Cycle",
      kind: "line",
      unit: "duration",
      data: [week("W1", "2 Mar", H), week("W2", "9 Mar", null), week("W3", "16 Mar", 2 * H)],
    });
    // Two separate segments (two M commands), no point for the empty week.
    expect(line.path?.match(/M/g)).toHaveLength(2);
    expect(line.points).toHaveLength(2);
  });

  it("says in words what the chart shows (its text alternative)", () => {
    const chart = chartModel({
      id: "c",
      title: "Approval cycle time",
      kind: "line",
      unit: "duration",
      data: [week("W1", "2 Mar", 11 * H), week("W2", "9 Mar", null), week("W3", "16 Mar", 30 * H)],
    });
    expect(chart.description).toBe("Approval cycle time, 3 rows. Highest 1 d 6 h (16 Mar); lowest 11 h (2 Mar). 1 without data.");
    expect(chartModel({ id: "e", title: "Empty", kind: "bars", unit: "rate", data: [week("W1", "2 Mar", null)] }).description).toBe(
      "Empty: nothing was measured in this period.",
    );
  });

  it("shows at most six labels on the x axis; the table has every row", () => {
    const data = Array.from({ length: 26 }, (_, i) => week(`W${i}`, `d${i}`, i));
    const chart = chartModel({ id: "c", title: "Open", kind: "bars", unit: "count", data });
    expect(chart.xLabels.length).toBeLessThanOrEqual(6);
    expect(chart.rows).toHaveLength(26);
  });
});
