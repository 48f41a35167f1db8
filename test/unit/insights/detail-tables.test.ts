import { describe, expect, it } from "vitest";
import { detailTables } from "~/components/insights/page-model.server";
import type { InsightsReport } from "~/modules/insights/report";

const summary = { count: 2, median: 3_600_000, p90: 7_200_000, mean: 5_400_000 };
const report = {
  figures: {
    timeInStage: { stages: [] },
    accessPerPlatform: {
      platforms: [
        { platform: "ga4", summary },
        { platform: "custom:pinterest-ads", summary },
        { platform: "custom:gone", summary },
      ],
    },
    openConflicts: { byRule: [] },
  },
} as unknown as InsightsReport;

describe("detailTables: the time-to-verified table per platform", () => {
  it("names a built-in platform from the catalog and a custom one by the name the agency gave it", () => {
    const names = detailTables(report, new Map([["custom:pinterest-ads", "Pinterest Ads"]])).platforms.map((p) => p.name);
    expect(names[0]).not.toBe("ga4");
    expect(names.slice(1)).toEqual(["Pinterest Ads", "custom:gone"]);
  });
});
