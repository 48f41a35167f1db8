import { describe, expect, it } from "vitest";
import { accountManagerAlertDue, clientReminderDueTimes, dueClientReminder, forwardedStepAlertDue } from "~/modules/onboarding/reminders";

const createdAt = new Date("2026-03-02T09:00:00Z");
const at = (iso: string) => new Date(iso);
const HOUR = 3_600_000;

describe("clientReminderDueTimes", () => {
  it("falls 2, 4 and 6 days after the link was created", () => {
    expect(clientReminderDueTimes(createdAt).map((d) => d.toISOString())).toEqual([
      "2026-03-04T09:00:00.000Z",
      "2026-03-06T09:00:00.000Z",
      "2026-03-08T09:00:00.000Z",
    ]);
  });
});

describe("dueClientReminder", () => {
  const base = { createdAt, remindersSent: 0, openSteps: 2 };

  it("sends nothing before two days", () => {
    expect(dueClientReminder({ ...base, now: at("2026-03-04T08:59:59Z") })).toBeNull();
  });

  it("sends the first reminder exactly at two days", () => {
    expect(dueClientReminder({ ...base, now: at("2026-03-04T09:00:00Z") })).toBe(1);
  });

  it("sends each reminder once per due time when the job runs every 15 minutes", () => {
    // Simulate the job: ten days of ticks, recording what it sent as the caller would.
    let remindersSent = 0;
    const sent: string[] = [];
    for (let t = createdAt.getTime(); t <= createdAt.getTime() + 10 * 24 * HOUR; t += 15 * 60_000) {
      const now = new Date(t);
      const due = dueClientReminder({ createdAt, remindersSent, now, openSteps: 1 });
      if (due !== null) {
        sent.push(`${due}@${now.toISOString()}`);
        remindersSent = due;
      }
    }
    expect(sent).toEqual(["1@2026-03-04T09:00:00.000Z", "2@2026-03-06T09:00:00.000Z", "3@2026-03-08T09:00:00.000Z"]);
  });

  it("does not repeat a reminder already sent for this due time", () => {
    expect(dueClientReminder({ ...base, remindersSent: 1, now: at("2026-03-05T12:00:00Z") })).toBeNull();
    expect(dueClientReminder({ ...base, remindersSent: 1, now: at("2026-03-06T09:00:00Z") })).toBe(2);
  });

  it("stops after three reminders", () => {
    expect(dueClientReminder({ ...base, remindersSent: 3, now: at("2026-04-30T09:00:00Z") })).toBeNull();
  });

  it("sends only the latest one after downtime, never a burst", () => {
    expect(dueClientReminder({ ...base, remindersSent: 0, now: at("2026-03-06T10:00:00Z") })).toBe(2);
    expect(dueClientReminder({ ...base, remindersSent: 2, now: at("2026-03-06T10:15:00Z") })).toBeNull();
    expect(dueClientReminder({ ...base, remindersSent: 0, now: at("2026-05-01T00:00:00Z") })).toBe(3);
  });

  it("sends nothing once no step is open", () => {
    expect(dueClientReminder({ ...base, openSteps: 0, now: at("2026-03-04T09:00:00Z") })).toBeNull();
  });
});

describe("accountManagerAlertDue", () => {
  const lastProgressAt = at("2026-03-02T09:00:00Z");
  const base = { lastProgressAt, alertedForProgressAt: null, hasOpenRequiredStep: true };

  it("is not due before 48 hours without progress", () => {
    expect(accountManagerAlertDue({ ...base, now: at("2026-03-04T08:59:59Z") })).toBe(false);
  });

  it("is due at 48 hours", () => {
    expect(accountManagerAlertDue({ ...base, now: at("2026-03-04T09:00:00Z") })).toBe(true);
  });

  it("alerts once per stall", () => {
    expect(accountManagerAlertDue({ ...base, alertedForProgressAt: lastProgressAt, now: at("2026-03-09T09:00:00Z") })).toBe(false);
  });

  it("alerts again after new progress stalls for another 48 hours", () => {
    const newer = at("2026-03-05T09:00:00Z");
    const input = { lastProgressAt: newer, alertedForProgressAt: lastProgressAt, hasOpenRequiredStep: true };
    expect(accountManagerAlertDue({ ...input, now: at("2026-03-07T08:00:00Z") })).toBe(false);
    expect(accountManagerAlertDue({ ...input, now: at("2026-03-07T09:00:00Z") })).toBe(true);
  });

  it("is never due when no required step is open", () => {
    expect(accountManagerAlertDue({ ...base, hasOpenRequiredStep: false, now: at("2026-03-20T09:00:00Z") })).toBe(false);
  });
});

describe("forwardedStepAlertDue", () => {
  const forwardedAt = at("2026-03-03T15:00:00Z");

  it("counts 48 hours from when the step was forwarded", () => {
    expect(forwardedStepAlertDue({ createdAt: forwardedAt, alertedAt: null, now: at("2026-03-05T14:59:00Z"), isOpen: true })).toBe(false);
    expect(forwardedStepAlertDue({ createdAt: forwardedAt, alertedAt: null, now: at("2026-03-05T15:00:00Z"), isOpen: true })).toBe(true);
  });

  it("alerts only once", () => {
    expect(
      forwardedStepAlertDue({
        createdAt: forwardedAt,
        alertedAt: at("2026-03-05T15:00:00Z"),
        now: at("2026-03-09T00:00:00Z"),
        isOpen: true,
      }),
    ).toBe(false);
  });

  it("is not due once the colleague has done the step", () => {
    expect(
      forwardedStepAlertDue({
        createdAt: forwardedAt,
        alertedAt: null,
        now: at("2026-03-09T00:00:00Z"),
        isOpen: false,
      }),
    ).toBe(false);
  });
});
