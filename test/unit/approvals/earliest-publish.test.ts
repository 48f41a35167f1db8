import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { EARLIEST_STEP_MINUTES, earliestAllowedPublishTime, type PlannedPost } from "~/modules/approvals/earliest-publish";
import { zonedTimeLabel } from "~/modules/approvals/signoff-rule";
import type { Brand } from "~/modules/calendar/conflicts/types";

/** A wall-clock time in a zone, as the absolute instant it denotes. */
const local = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toJSDate();
const BERLIN = "Europe/Berlin";
const HOUR = 3_600_000;

const brand = (rules: Partial<Brand> = {}): Brand => ({ id: "brand-l", name: "Lumen", category: null, ...rules });
const post = (id: string, publishAt: Date, rules: Partial<PlannedPost> = {}): PlannedPost => ({
  id,
  channel: "instagram",
  publishAt,
  status: "in_review",
  ...rules,
});

// Fri 27 Mar 2026, 10:00 in Berlin (UTC+1). The clocks go forward on Sun 29 Mar at 02:00.
const now = local("2026-03-27T10:00", BERLIN);
const base = { now, windowHours: 48, reviewHours: 0, brand: brand(), channel: "instagram", others: [] };

describe("earliestAllowedPublishTime", () => {
  it("is one sign-off window ahead in absolute time: across the spring-forward night that reads 11:00, not 10:00", () => {
    const at = earliestAllowedPublishTime(base)!;
    expect(at.getTime() - now.getTime()).toBe(48 * HOUR);
    expect(zonedTimeLabel(at, BERLIN)).toBe("Sun 29 Mar 2026, 11:00 Berlin (UTC+2)");
    expect(zonedTimeLabel(at, "America/New_York")).toBe("Sun 29 Mar 2026, 05:00 New York (UTC-4)");
  });

  it("follows the brand's window (a per-brand override of 24 h)", () => {
    expect(earliestAllowedPublishTime({ ...base, windowHours: 24 })).toEqual(local("2026-03-28T10:00", BERLIN));
  });

  it("leaves the approvers the route's review time before the deadline", () => {
    // 24 h of review, then the 48 h window: Mon 30 Mar 11:00 in Berlin, 72 real hours from now.
    const at = earliestAllowedPublishTime({ ...base, reviewHours: 24 })!;
    expect(at.getTime() - now.getTime()).toBe(72 * HOUR);
    expect(zonedTimeLabel(at, BERLIN)).toBe("Mon 30 Mar 2026, 11:00 Berlin (UTC+2)");
  });

  it("rounds up to the next quarter hour, never down", () => {
    expect(EARLIEST_STEP_MINUTES).toBe(15);
    const at = earliestAllowedPublishTime({ ...base, now: new Date(now.getTime() + 7 * 60_000 + 30_000) })!;
    expect(zonedTimeLabel(at, BERLIN)).toBe("Sun 29 Mar 2026, 11:15 Berlin (UTC+2)");
    // Already on a quarter hour: unchanged.
    expect(earliestAllowedPublishTime({ ...base, now: local("2026-03-27T10:45", BERLIN) })).toEqual(local("2026-03-29T11:45", BERLIN));
  });

  it("is pushed past a blackout that covers it, to the blackout's end", () => {
    const launch = { id: "bo1", startsAt: local("2026-03-29T00:00", BERLIN), endsAt: local("2026-03-29T18:00", BERLIN), reason: "Launch" };
    const at = earliestAllowedPublishTime({ ...base, brand: brand({ blackouts: [launch] }) })!;
    expect(zonedTimeLabel(at, BERLIN)).toBe("Sun 29 Mar 2026, 18:00 Berlin (UTC+2)");
  });

  it("is not moved by a blackout that ends exactly at it (blackouts are half-open, as on the calendar)", () => {
    const morning = { id: "bo2", startsAt: local("2026-03-29T08:00", BERLIN), endsAt: local("2026-03-29T11:00", BERLIN), reason: "" };
    expect(earliestAllowedPublishTime({ ...base, brand: brand({ blackouts: [morning] }) })).toEqual(local("2026-03-29T11:00", BERLIN));
  });

  it("keeps the brand's spacing on the same channel, and exactly the minimum apart is fine", () => {
    const others = [post("a", local("2026-03-29T12:00", BERLIN))];
    // 4 h by default: 11:00 is 1 h before the other post, so the first clear time is 16:00.
    expect(zonedTimeLabel(earliestAllowedPublishTime({ ...base, others })!, BERLIN)).toBe("Sun 29 Mar 2026, 16:00 Berlin (UTC+2)");
    // The brand's own spacing for the channel (90 minutes): 11:00 is still too close, 13:30 is the first clear time.
    const spaced = brand({ minSpacingMinutesByChannel: { instagram: 90 } });
    expect(earliestAllowedPublishTime({ ...base, brand: spaced, others })).toEqual(local("2026-03-29T13:30", BERLIN));
    // A post exactly 4 h before the candidate is no collision.
    expect(earliestAllowedPublishTime({ ...base, others: [post("b", local("2026-03-29T07:00", BERLIN))] })).toEqual(
      local("2026-03-29T11:00", BERLIN),
    );
  });

  it("ignores other channels and cancelled deliverables", () => {
    const others = [
      post("tiktok", local("2026-03-29T11:00", BERLIN), { channel: "tiktok" }),
      post("cancelled", local("2026-03-29T11:00", BERLIN), { status: "cancelled" }),
    ];
    expect(earliestAllowedPublishTime({ ...base, others })).toEqual(local("2026-03-29T11:00", BERLIN));
  });

  it("walks through a chain: blackout, then a post right after it, then another within the spacing", () => {
    const blackout = { id: "bo3", startsAt: local("2026-03-29T09:00", BERLIN), endsAt: local("2026-03-29T14:00", BERLIN), reason: "" };
    const others = [post("p1", local("2026-03-29T15:00", BERLIN)), post("p2", local("2026-03-29T21:30", BERLIN))];
    // 14:00 is 1 h before p1 -> 19:00 is 2.5 h before p2 -> 01:30 the next day is clear.
    expect(earliestAllowedPublishTime({ ...base, brand: brand({ blackouts: [blackout] }), others })).toEqual(
      local("2026-03-30T01:30", BERLIN),
    );
  });

  it("never answers before the time asked for", () => {
    const notBefore = local("2026-04-02T09:10", BERLIN);
    expect(earliestAllowedPublishTime({ ...base, notBefore })).toEqual(local("2026-04-02T09:15", BERLIN));
  });

  it("answers null when nothing is free within the three years a publish time may be ahead", () => {
    const forever = { id: "bo4", startsAt: now, endsAt: local("2030-01-01T00:00", BERLIN), reason: "Rebrand" };
    expect(earliestAllowedPublishTime({ ...base, brand: brand({ blackouts: [forever] }) })).toBeNull();
  });
});
