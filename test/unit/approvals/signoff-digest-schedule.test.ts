import { describe, expect, it } from "vitest";
import { isDigestSlot, nextDigestSlot, slotDate } from "~/modules/approvals/signoff-digest/schedule";

/**
 * The daily sign-off digest's clock (issue 17 part 3): 08:00 on the brand's own clock, whatever
 * UTC date that is, and still 08:00 on the days daylight saving starts and ends.
 */
const at = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();

describe("nextDigestSlot", () => {
  it("is 08:00 in the brand's zone later the same local day, else the next day's (strictly after)", () => {
    // Berlin in winter is UTC+1: 08:00 local is 07:00 UTC.
    expect(nextDigestSlot(at("2026-01-10T06:30:00Z"), "Europe/Berlin")).toEqual({
      at: at("2026-01-10T07:00:00Z"),
      localDate: "2026-01-10",
    });
    expect(iso(nextDigestSlot(at("2026-01-10T07:00:00Z"), "Europe/Berlin").at)).toBe("2026-01-11T07:00:00.000Z");
    expect(iso(nextDigestSlot(at("2026-01-10T06:59:59.999Z"), "Europe/Berlin").at)).toBe("2026-01-10T07:00:00.000Z");
  });

  it("a brand where 08:00 local falls on the previous UTC date (Auckland, UTC+13 in January)", () => {
    // 12:00 UTC on the 14th is already 01:00 on the 15th in Auckland; its 08:00 is 19:00 UTC on the 14th.
    const slot = nextDigestSlot(at("2026-01-14T12:00:00Z"), "Pacific/Auckland");
    expect(iso(slot.at)).toBe("2026-01-14T19:00:00.000Z");
    expect(slot.localDate).toBe("2026-01-15");
    // Tokyo (UTC+9): 08:00 on the 15th is 23:00 UTC on the 14th.
    expect(nextDigestSlot(at("2026-01-14T12:00:00Z"), "Asia/Tokyo")).toEqual({ at: at("2026-01-14T23:00:00Z"), localDate: "2026-01-15" });
  });

  it("daylight saving starts: the next slot comes 23 hours later, still at 08:00 local (New York, 8 March 2026)", () => {
    const before = nextDigestSlot(at("2026-03-07T12:00:00Z"), "America/New_York");
    expect(iso(before.at)).toBe("2026-03-07T13:00:00.000Z"); // 08:00 EST (UTC-5)
    const after = nextDigestSlot(before.at, "America/New_York");
    expect(after).toEqual({ at: at("2026-03-08T12:00:00Z"), localDate: "2026-03-08" }); // 08:00 EDT (UTC-4)
    expect(after.at.getTime() - before.at.getTime()).toBe(23 * 3_600_000);
  });

  it("daylight saving ends: the next slot comes 25 hours later (Berlin, 25 October 2026)", () => {
    const before = nextDigestSlot(at("2026-10-24T05:00:00Z"), "Europe/Berlin");
    expect(iso(before.at)).toBe("2026-10-24T06:00:00.000Z"); // 08:00 CEST (UTC+2)
    const after = nextDigestSlot(before.at, "Europe/Berlin");
    expect(after).toEqual({ at: at("2026-10-25T07:00:00Z"), localDate: "2026-10-25" }); // 08:00 CET (UTC+1)
    expect(after.at.getTime() - before.at.getTime()).toBe(25 * 3_600_000);
  });

  it("a chain of slots across a change: one a day, each at 08:00 local, no day skipped or doubled", () => {
    const dates: string[] = [];
    let slot = nextDigestSlot(at("2026-03-25T00:00:00Z"), "Europe/London");
    for (let i = 0; i < 10; i++) {
      expect(isDigestSlot(slot.at, "Europe/London")).toBe(true);
      dates.push(slot.localDate);
      slot = nextDigestSlot(slot.at, "Europe/London");
    }
    // London moves to summer time on 29 March 2026.
    expect(dates).toEqual([
      ...["25", "26", "27", "28", "29", "30", "31"].map((d) => `2026-03-${d}`),
      ...["01", "02", "03"].map((d) => `2026-04-${d}`),
    ]);
  });

  it("an unknown zone reads as UTC rather than stopping the digest", () => {
    expect(nextDigestSlot(at("2026-01-10T09:00:00Z"), "Mars/Olympus")).toEqual({ at: at("2026-01-11T08:00:00Z"), localDate: "2026-01-11" });
  });
});

describe("isDigestSlot", () => {
  it("knows a slot scheduled under another zone (the brand moved) from its own", () => {
    const berlin = nextDigestSlot(at("2026-05-01T00:00:00Z"), "Europe/Berlin").at;
    expect(isDigestSlot(berlin, "Europe/Berlin")).toBe(true);
    expect(isDigestSlot(berlin, "America/New_York")).toBe(false);
    expect(isDigestSlot(new Date(berlin.getTime() + 60_000), "Europe/Berlin")).toBe(false);
    expect(slotDate(berlin, "Europe/Berlin")).toBe("2026-05-01");
  });
});
