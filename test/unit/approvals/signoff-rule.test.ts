import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { DomainError } from "~/utils/outcome";
import {
  DEFAULT_SIGNOFF_WINDOW_HOURS,
  canScheduleOrPublish,
  dualTimeLabel,
  effectiveWindowHours,
  formatCountdown,
  isInsideWindow,
  isLateSubmission,
  reminderTimes,
  reschedule,
  shouldBlock,
  signOffCounts,
  signOffDeadline,
  zonedTimeLabel,
} from "~/modules/approvals/signoff-rule";

const utc = (iso: string) => new Date(iso);
/** A wall-clock time in a zone, as the absolute instant it denotes. */
const local = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toJSDate();
/** The wall-clock reading of an instant in a zone, e.g. "2026-03-28T09:00+01:00". */
const wallClock = (date: Date, zone: string) => DateTime.fromJSDate(date, { zone }).toFormat("yyyy-MM-dd'T'HH:mmZZ");

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe("effectiveWindowHours", () => {
  it("defaults to 48 hours", () => {
    expect(DEFAULT_SIGNOFF_WINDOW_HOURS).toBe(48);
    expect(effectiveWindowHours(null, null)).toBe(48);
  });
  it("uses the workspace setting, and the brand override over it", () => {
    expect(effectiveWindowHours(72, null)).toBe(72);
    expect(effectiveWindowHours(72, 24)).toBe(24);
    expect(effectiveWindowHours(null, 96)).toBe(96);
  });
  it("refuses a window that would disable the rule", () => {
    expect(() => effectiveWindowHours(0, null)).toThrow(DomainError);
    expect(() => effectiveWindowHours(48, -1)).toThrow("positive number of hours");
    expect(() => effectiveWindowHours(Number.NaN, null)).toThrow(DomainError);
  });
});

describe("signOffDeadline", () => {
  it("is publishAt minus the window in absolute time", () => {
    expect(signOffDeadline(utc("2026-06-10T12:00:00Z"), 48).toISOString()).toBe("2026-06-08T12:00:00.000Z");
    expect(signOffDeadline(utc("2026-06-10T12:00:00Z"), 24).toISOString()).toBe("2026-06-09T12:00:00.000Z");
    expect(signOffDeadline(utc("2026-06-10T12:00:00Z"), 1.5).toISOString()).toBe("2026-06-10T10:30:00.000Z");
  });

  // 48 REAL hours: across a DST change the local clock time of the deadline moves by an hour.
  it.each([
    // Europe/Berlin springs forward 2026-03-29 02:00 -> 03:00 (CET +1 -> CEST +2)
    ["Europe/Berlin", "2026-03-30T10:00", "2026-03-30T08:00:00.000Z", "2026-03-28T08:00:00.000Z", "2026-03-28T09:00+01:00"],
    // Europe/Berlin falls back 2026-10-25 03:00 -> 02:00 (CEST +2 -> CET +1)
    ["Europe/Berlin", "2026-10-26T10:00", "2026-10-26T09:00:00.000Z", "2026-10-24T09:00:00.000Z", "2026-10-24T11:00+02:00"],
    // America/New_York springs forward 2026-03-08 02:00 -> 03:00 (EST -5 -> EDT -4)
    ["America/New_York", "2026-03-09T10:00", "2026-03-09T14:00:00.000Z", "2026-03-07T14:00:00.000Z", "2026-03-07T09:00-05:00"],
    // America/New_York falls back 2026-11-01 02:00 -> 01:00 (EDT -4 -> EST -5)
    ["America/New_York", "2026-11-02T10:00", "2026-11-02T15:00:00.000Z", "2026-10-31T15:00:00.000Z", "2026-10-31T11:00-04:00"],
  ])("across DST in %s: publish %s local", (zone, publishLocal, publishUtc, deadlineUtc, deadlineLocal) => {
    const publishAt = local(publishLocal, zone);
    expect(publishAt.toISOString()).toBe(publishUtc);
    const deadline = signOffDeadline(publishAt, 48);
    expect(deadline.toISOString()).toBe(deadlineUtc);
    expect(wallClock(deadline, zone)).toBe(deadlineLocal);
    expect(publishAt.getTime() - deadline.getTime()).toBe(48 * HOUR);
    // Calendar arithmetic would have given 10:00 local, i.e. 47 or 49 real hours: not what we do.
    const calendar = DateTime.fromJSDate(publishAt, { zone }).minus({ days: 2 });
    expect(calendar.toFormat("HH:mm")).toBe("10:00");
    expect(Math.abs(publishAt.getTime() - calendar.toMillis())).not.toBe(48 * HOUR);
  });

  it("never lands in the hour Berlin skips (calendar maths would give 29 Mar 02:30, which does not exist)", () => {
    // Publish Tue 31 Mar 02:30 Berlin; 48 h earlier is 29 Mar 00:30 UTC = 01:30 CET, just before the jump.
    const deadline = signOffDeadline(local("2026-03-31T02:30", "Europe/Berlin"), 48);
    expect(wallClock(deadline, "Europe/Berlin")).toBe("2026-03-29T01:30+01:00");
    const later = signOffDeadline(local("2026-03-31T03:30", "Europe/Berlin"), 48);
    expect(wallClock(later, "Europe/Berlin")).toBe("2026-03-29T03:30+02:00");
  });
});

describe("signOffCounts", () => {
  const deadline = utc("2026-05-08T12:00:00Z");
  const onCurrent = { signedOffVersion: 3, currentVersion: 3, deadline };

  it("counts a sign-off just before and exactly at the deadline", () => {
    expect(signOffCounts({ ...onCurrent, signedOffAt: new Date(deadline.getTime() - 1) })).toBe(true);
    expect(signOffCounts({ ...onCurrent, signedOffAt: deadline })).toBe(true);
  });
  it("does not count a sign-off after the deadline", () => {
    expect(signOffCounts({ ...onCurrent, signedOffAt: new Date(deadline.getTime() + 1) })).toBe(false);
  });
  it("does not count a sign-off given to an older version", () => {
    expect(signOffCounts({ signedOffAt: utc("2026-05-01T00:00:00Z"), signedOffVersion: 2, currentVersion: 3, deadline })).toBe(false);
  });
  it("does not count a missing sign-off", () => {
    expect(signOffCounts({ signedOffAt: null, signedOffVersion: null, currentVersion: 1, deadline })).toBe(false);
  });
});

describe("isLateSubmission", () => {
  const publishAt = utc("2026-05-10T12:00:00Z"); // deadline 2026-05-08T12:00Z with 48 h
  const base = { publishAt, windowHours: 48, routeReviewHours: 24 };

  it("is not late with more than the review time left", () => {
    expect(isLateSubmission({ ...base, submittedAt: utc("2026-05-06T12:00:00Z") })).toBe(false);
  });
  it("is not late with exactly the review time left", () => {
    expect(isLateSubmission({ ...base, submittedAt: utc("2026-05-07T12:00:00Z") })).toBe(false);
  });
  it("is late with a minute less than the review time", () => {
    expect(isLateSubmission({ ...base, submittedAt: utc("2026-05-07T12:01:00Z") })).toBe(true);
  });
  it("is late after the deadline, and uses the window given", () => {
    expect(isLateSubmission({ ...base, submittedAt: utc("2026-05-09T00:00:00Z") })).toBe(true);
    expect(isLateSubmission({ ...base, windowHours: 24, submittedAt: utc("2026-05-08T12:00:00Z") })).toBe(false);
  });
});

describe("reminderTimes", () => {
  it("is 24 h and 4 h before the deadline", () => {
    expect(reminderTimes(utc("2026-05-08T12:00:00Z"))).toEqual([
      { hoursBefore: 24, at: utc("2026-05-07T12:00:00Z") },
      { hoursBefore: 4, at: utc("2026-05-08T08:00:00Z") },
    ]);
  });
  it("counts real hours across the Berlin spring change", () => {
    const [dayBefore] = reminderTimes(local("2026-03-29T12:00", "Europe/Berlin"));
    expect(wallClock(dayBefore.at, "Europe/Berlin")).toBe("2026-03-28T11:00+01:00");
  });
});

describe("shouldBlock", () => {
  const deadline = utc("2026-05-08T12:00:00Z");
  it("blocks once the deadline has passed without sign-off", () => {
    expect(shouldBlock({ now: new Date(deadline.getTime() + 1), deadline, signedOff: false })).toBe(true);
  });
  it("does not block at or before the deadline, when a sign-off can still count", () => {
    expect(shouldBlock({ now: deadline, deadline, signedOff: false })).toBe(false);
    expect(shouldBlock({ now: new Date(deadline.getTime() - HOUR), deadline, signedOff: false })).toBe(false);
  });
  it("never blocks a signed-off deliverable", () => {
    expect(shouldBlock({ now: utc("2026-06-01T00:00:00Z"), deadline, signedOff: true })).toBe(false);
  });
});

describe("reschedule", () => {
  const oldPublishAt = utc("2026-05-10T12:00:00Z"); // deadline 05-08 12:00
  const signedOffAt = utc("2026-05-07T12:00:00Z");
  const now = utc("2026-05-07T18:00:00Z");

  it("keeps the sign-off when publishAt moves later", () => {
    const r = reschedule({ oldPublishAt, newPublishAt: utc("2026-05-12T12:00:00Z"), signedOffAt, windowHours: 48, now });
    expect(r).toEqual({
      newDeadline: utc("2026-05-10T12:00:00Z"),
      direction: "later",
      signOffKept: true,
      signOffRemoved: false,
      mayUnblock: true,
    });
  });
  it("keeps the sign-off when moved earlier but the sign-off is still at or before the new deadline", () => {
    const r = reschedule({ oldPublishAt, newPublishAt: utc("2026-05-09T12:00:00Z"), signedOffAt, windowHours: 48, now });
    expect(r.newDeadline).toEqual(signedOffAt);
    expect(r.direction).toBe("earlier");
    expect(r.signOffKept).toBe(true);
  });
  it("removes the sign-off when moved earlier than the sign-off allows", () => {
    const r = reschedule({ oldPublishAt, newPublishAt: utc("2026-05-09T11:00:00Z"), signedOffAt, windowHours: 48, now });
    expect(r.newDeadline.toISOString()).toBe("2026-05-07T11:00:00.000Z");
    expect(r.signOffKept).toBe(false);
    expect(r.signOffRemoved).toBe(true);
    expect(r.mayUnblock).toBe(false);
  });
  it("reports no sign-off to keep or remove when there was none", () => {
    const r = reschedule({ oldPublishAt, newPublishAt: oldPublishAt, signedOffAt: null, windowHours: 48, now });
    expect(r).toMatchObject({ direction: "unchanged", signOffKept: false, signOffRemoved: false });
  });
  it("lets a blocked deliverable go only when rescheduled at least one window ahead", () => {
    const blockedNow = utc("2026-05-09T00:00:00Z");
    const args = { oldPublishAt, signedOffAt: null, windowHours: 48, now: blockedNow };
    expect(reschedule({ ...args, newPublishAt: utc("2026-05-11T00:00:00Z") }).mayUnblock).toBe(true);
    expect(reschedule({ ...args, newPublishAt: utc("2026-05-10T23:59:00Z") }).mayUnblock).toBe(false);
    expect(reschedule({ ...args, windowHours: 24, newPublishAt: utc("2026-05-10T00:00:00Z") }).mayUnblock).toBe(true);
  });
});

describe("canScheduleOrPublish", () => {
  it("allows signed-off and scheduled deliverables", () => {
    expect(canScheduleOrPublish({ status: "signed_off", blocked: false })).toEqual({ ok: true });
    expect(canScheduleOrPublish({ status: "scheduled", blocked: false })).toEqual({ ok: true });
  });
  it.each(["draft", "in_review", "changes_requested"] as const)("refuses %s while blocked, saying why and what to do", (status) => {
    expect(canScheduleOrPublish({ status, blocked: true })).toEqual({
      ok: false,
      code: "blocked",
      message: "The sign-off deadline passed without a sign-off. Reschedule it a full sign-off window ahead, or ask an admin to override.",
    });
  });
  it("refuses the flag whatever the status says", () => {
    expect(canScheduleOrPublish({ status: "signed_off", blocked: true })).toMatchObject({ ok: false, code: "blocked" });
    expect(canScheduleOrPublish({ status: "scheduled", blocked: true })).toMatchObject({ ok: false, code: "blocked" });
  });
  it.each(["draft", "in_review", "changes_requested"] as const)("refuses %s: no sign-off yet", (status) => {
    expect(canScheduleOrPublish({ status, blocked: false })).toEqual({
      ok: false,
      code: "not_signed_off",
      message: "The brand has to sign this off before it can be scheduled or published.",
    });
  });
  it("refuses an already published deliverable", () => {
    expect(canScheduleOrPublish({ status: "published", blocked: false })).toMatchObject({ ok: false, code: "already_published" });
  });
});

describe("isInsideWindow", () => {
  const now = utc("2026-05-09T00:00:00Z");
  it("is inside when the deadline has already passed; exactly one window ahead is not (a sign-off at the deadline counts)", () => {
    expect(isInsideWindow({ publishAt: utc("2026-05-10T20:00:00Z"), windowHours: 48, now })).toBe(true);
    expect(isInsideWindow({ publishAt: utc("2026-05-10T23:59:59Z"), windowHours: 48, now })).toBe(true);
    expect(isInsideWindow({ publishAt: utc("2026-05-11T00:00:00Z"), windowHours: 48, now })).toBe(false);
    expect(isInsideWindow({ publishAt: utc("2026-05-10T20:00:00Z"), windowHours: 24, now })).toBe(false);
  });
});

describe("formatCountdown", () => {
  it.each([
    [27 * HOUR, "1 d 3 h"],
    [27 * HOUR + 59 * MINUTE, "1 d 3 h"],
    [48 * HOUR, "2 d"],
    [5 * HOUR + 20 * MINUTE, "5 h 20 min"],
    [3 * HOUR, "3 h"],
    [45 * MINUTE + 59_999, "45 min"],
    [30_000, "less than 1 min"],
    [0, "less than 1 min"],
    [-2 * HOUR, "overdue by 2 h"],
    [-(26 * HOUR), "overdue by 1 d 2 h"],
    [-90_000, "overdue by 1 min"],
  ])("%d ms -> %s", (ms, text) => {
    expect(formatCountdown(ms)).toBe(text);
  });
});

describe("time labels", () => {
  const instant = utc("2026-03-30T08:00:00Z");
  it("renders one zone with its offset", () => {
    expect(zonedTimeLabel(instant, "Europe/Berlin")).toBe("Mon 30 Mar 2026, 10:00 Berlin (UTC+2)");
    expect(zonedTimeLabel(instant, "Asia/Kolkata")).toBe("Mon 30 Mar 2026, 13:30 Kolkata (UTC+5:30)");
  });
  it("renders the viewer's time beside the brand's, dates included", () => {
    expect(dualTimeLabel(utc("2026-03-30T02:00:00Z"), "America/Los_Angeles", "Europe/Berlin")).toBe(
      "Sun 29 Mar 2026, 19:00 Los Angeles (UTC-7) · Mon 30 Mar 2026, 04:00 Berlin (UTC+2)",
    );
  });
  it("shows one label when viewer and brand share a zone", () => {
    expect(dualTimeLabel(instant, "America/New_York", "America/New_York")).toBe("Mon 30 Mar 2026, 04:00 New York (UTC-4)");
  });
  it("refuses an unknown zone", () => {
    expect(() => zonedTimeLabel(instant, "Mars/Olympus_Mons")).toThrow(DomainError);
  });
});

describe("a controlled clock across a daylight-saving change", () => {
  // Publish Mon 2 Nov 2026 10:00 New York; the clocks fell back on Sunday 1 Nov.
  const publishAt = local("2026-11-02T10:00", "America/New_York");
  const deadline = signOffDeadline(publishAt, 48);
  const clock = (offsetMs: number) => new Date(deadline.getTime() + offsetMs);

  it("counts a sign-off a second before the deadline, not a second after; blocks only after it", () => {
    expect(signOffCounts({ signedOffAt: clock(-1000), signedOffVersion: 3, currentVersion: 3, deadline })).toBe(true);
    expect(signOffCounts({ signedOffAt: clock(1000), signedOffVersion: 3, currentVersion: 3, deadline })).toBe(false);
    expect(shouldBlock({ now: clock(0), deadline, signedOff: false })).toBe(false);
    expect(shouldBlock({ now: clock(1000), deadline, signedOff: false })).toBe(true);
    // Blocked: no scheduling until the flag is cleared (a reschedule or the admin's override).
    expect(canScheduleOrPublish({ status: "in_review", blocked: true }).ok).toBe(false);
    expect(canScheduleOrPublish({ status: "signed_off", blocked: false }).ok).toBe(true);
  });

  it("rescheduling later keeps an in-time sign-off; earlier than it allows removes it; a blocked one needs a full window", () => {
    const signedOffAt = clock(-6 * HOUR);
    const later = reschedule({
      oldPublishAt: publishAt,
      newPublishAt: new Date(publishAt.getTime() + 24 * HOUR),
      signedOffAt,
      windowHours: 48,
      now: clock(-7 * HOUR),
    });
    expect(later).toMatchObject({ direction: "later", signOffKept: true, signOffRemoved: false });
    const earlier = reschedule({
      oldPublishAt: publishAt,
      newPublishAt: new Date(publishAt.getTime() - 12 * HOUR),
      signedOffAt,
      windowHours: 48,
      now: clock(-7 * HOUR),
    });
    expect(earlier).toMatchObject({ direction: "earlier", signOffKept: false, signOffRemoved: true });
    const now = clock(2 * HOUR);
    expect(
      reschedule({ oldPublishAt: publishAt, newPublishAt: new Date(now.getTime() + 47 * HOUR), signedOffAt: null, windowHours: 48, now })
        .mayUnblock,
    ).toBe(false);
    expect(
      reschedule({ oldPublishAt: publishAt, newPublishAt: new Date(now.getTime() + 48 * HOUR), signedOffAt: null, windowHours: 48, now })
        .mayUnblock,
    ).toBe(true);
  });
});
