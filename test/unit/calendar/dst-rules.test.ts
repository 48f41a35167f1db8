import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { brand, campaign, deliverable, detectOnly } from "./conflict-factories";

/**
 * The rules measure real elapsed time, never wall-clock differences: on a daylight-saving day in
 * Berlin (29 March 2026, 02:00 → 03:00; 25 October 2026, 03:00 → 02:00) an hour appears or vanishes.
 */
const berlin = (iso: string) => DateTime.fromISO(iso, { zone: "Europe/Berlin" }).toJSDate();

describe("conflict rules across daylight-saving changes", () => {
  it("POST_COLLISION: 4 h 15 min apart on the wall clock on spring-forward night is only 3 h 15 min, so it collides", () => {
    const conflicts = detectOnly("POST_COLLISION", {
      deliverables: [
        deliverable({ id: "del-1", title: "Night teaser", publishAt: berlin("2026-03-29T00:30") }),
        deliverable({ id: "del-2", title: "Morning reel", publishAt: berlin("2026-03-29T04:45") }),
      ],
    });
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0].details).toMatchObject({ gapMinutes: 195, minSpacingMinutes: 240 });
  });

  it("POST_COLLISION: 3 h 30 min on the wall clock on fall-back night is really 4 h 30 min, so it does not", () => {
    const conflicts = detectOnly("POST_COLLISION", {
      deliverables: [
        deliverable({ id: "del-1", publishAt: berlin("2026-10-25T00:30") }),
        deliverable({ id: "del-2", publishAt: berlin("2026-10-25T04:00") }),
      ],
    });
    expect(conflicts).toEqual([]);
  });

  it("BLACKOUT: a blackout of the whole local 25-hour fall-back day covers 23:30 and ends exactly at the next midnight", () => {
    const blackout = { id: "bo-1", startsAt: berlin("2026-10-25T00:00"), endsAt: berlin("2026-10-26T00:00"), reason: "Press embargo" };
    expect(blackout.endsAt.getTime() - blackout.startsAt.getTime()).toBe(25 * 3_600_000);
    const brands = [brand({ blackouts: [blackout] })];
    const late = deliverable({ id: "del-late", publishAt: berlin("2026-10-25T23:30") });
    const midnight = deliverable({ id: "del-midnight", publishAt: berlin("2026-10-26T00:00") });
    const conflicts = detectOnly("BLACKOUT", {
      brands,
      deliverables: [late, midnight],
      campaigns: [campaign({ startsAt: berlin("2026-10-01T00:00"), endsAt: berlin("2026-10-01T12:00") })],
    });
    expect(conflicts.map((c) => c.objectIds[0])).toEqual(["del-late"]);
  });

  it("CAMPAIGN_OVERLAP: windows touching at the spring-forward instant (02:00 is skipped to 03:00) do not overlap", () => {
    const a = campaign({ id: "camp-a", agencyId: "agency-1", startsAt: berlin("2026-03-20T00:00"), endsAt: berlin("2026-03-29T03:00") });
    const b = campaign({ id: "camp-b", agencyId: "agency-2", startsAt: berlin("2026-03-29T02:00"), endsAt: berlin("2026-04-10T00:00") });
    // 02:00 does not exist that night: luxon moves it to 03:00, the same instant as a's end.
    expect(b.startsAt.getTime()).toBe(a.endsAt.getTime());
    expect(detectOnly("CAMPAIGN_OVERLAP", { campaigns: [a, b] })).toEqual([]);
  });
});
