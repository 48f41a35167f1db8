import { describe, expect, it } from "vitest";
import { itemDetails, type Item } from "~/components/calendar/items";

/**
 * Issue 21 part 4 (WCAG 2.5.3): a grid item's name is its visible text (time, title) followed by
 * these details; they never repeat the title or the time, and never say the status twice.
 */
const base: Item = {
  key: "d:1",
  kind: "deliverable",
  id: "1",
  title: "Unboxing reel",
  masked: false,
  brandId: "b",
  brandName: "Lumen Skincare",
  color: "#db2777",
  status: "published",
  statusLabel: "Published",
  startsAt: "2026-12-06T01:13:00Z",
  endsAt: null,
  startDay: "2026-12-06",
  endDay: "2026-12-06",
  time: "02:13",
  when: "Sun 6 Dec 2026, 02:13",
  brandWhen: null,
  channels: ["Instagram"],
  campaignName: null,
  agencyNames: [],
  creatorName: null,
  signoff: { state: "published", label: "Published" },
  url: null,
  conflicts: [],
  conflictCount: 0,
  worst: null,
};

describe("itemDetails", () => {
  it("says brand, channel and status once (the sign-off that repeats the status is left out)", () => {
    expect(itemDetails(base)).toBe("Lumen Skincare, Instagram, Published");
  });
  it("keeps a sign-off that adds to the status, and the conflicts in words", () => {
    const item = { ...base, status: "in_review", statusLabel: "In review", conflictCount: 2, worst: "error" as const };
    expect(itemDetails({ ...item, signoff: { ...base.signoff!, state: "blocked", label: "Blocked" } })).toBe(
      "Lumen Skincare, Instagram, In review, Blocked, 2 conflicts",
    );
  });
  it("never repeats the visible title or time; a campaign says its dates", () => {
    const campaign = {
      ...base,
      kind: "campaign" as const,
      time: null,
      when: "Tue 17 Nov – Fri 18 Dec",
      signoff: null,
      statusLabel: "Active",
    };
    expect(itemDetails(campaign)).toBe("Lumen Skincare, campaign, Tue 17 Nov – Fri 18 Dec, Active");
    for (const item of [base, campaign]) {
      expect(itemDetails(item)).not.toContain(item.title);
      if (item.time) expect(itemDetails(item)).not.toContain(item.time);
    }
  });
});
