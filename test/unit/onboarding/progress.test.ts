import { describe, expect, it } from "vitest";
import type { AccessStatus } from "~/modules/onboarding/access-status";
import { formatTimeTaken, linkProgress, linkTimeToVerified, median, stepTimeToVerified } from "~/modules/onboarding/progress";
import type { IntakeStepState } from "~/modules/onboarding/progress";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const platform = (...statuses: AccessStatus[]) => statuses.map((status) => ({ status }));
const intake = (done: Partial<Record<IntakeStepState["key"], boolean>>): IntakeStepState[] =>
  (["brand_kit", "contacts", "questionnaire", "agreement"] as const).map((key) => ({ key, done: done[key] ?? false }));

describe("linkProgress", () => {
  it("counts a fresh link as nothing done", () => {
    expect(linkProgress({ platformSteps: platform("requested", "requested"), intakeSteps: intake({}) })).toEqual({
      done: 0,
      total: 6,
      percent: 0,
      complete: false,
      allVerified: false,
    });
  });

  it("counts confirmed, verified and not applicable steps as done for the client", () => {
    const progress = linkProgress({
      platformSteps: platform("confirmed", "verified", "not_applicable", "requested"),
      intakeSteps: intake({ brand_kit: true, agreement: true }),
    });
    expect(progress).toEqual({ done: 5, total: 8, percent: 62, complete: false, allVerified: false });
  });

  it("counts a rejected step as open again", () => {
    const progress = linkProgress({ platformSteps: platform("rejected"), intakeSteps: [] });
    expect(progress).toMatchObject({ done: 0, total: 1, complete: false });
  });

  it("is complete when the client has done everything, before the agency verifies", () => {
    const progress = linkProgress({
      platformSteps: platform("confirmed", "verified"),
      intakeSteps: intake({ brand_kit: true, contacts: true, questionnaire: true, agreement: true }),
    });
    expect(progress).toEqual({ done: 6, total: 6, percent: 100, complete: true, allVerified: false });
  });

  it("is all verified once every platform step is verified or not applicable", () => {
    const progress = linkProgress({ platformSteps: platform("verified", "not_applicable"), intakeSteps: intake({}) });
    expect(progress.allVerified).toBe(true);
    expect(progress.complete).toBe(false);
  });

  it("does not count revoked access as verified", () => {
    expect(linkProgress({ platformSteps: platform("verified", "revoked"), intakeSteps: [] }).allVerified).toBe(false);
  });

  it("never shows 100% while a step is open", () => {
    const steps = [...platform(...Array<AccessStatus>(199).fill("confirmed")), ...platform("requested")];
    expect(linkProgress({ platformSteps: steps, intakeSteps: [] }).percent).toBe(99);
  });

  it("treats a link with no steps as complete", () => {
    expect(linkProgress({ platformSteps: [], intakeSteps: [] })).toEqual({
      done: 0,
      total: 0,
      percent: 100,
      complete: true,
      allVerified: true,
    });
  });
});

describe("time to verified access", () => {
  const createdAt = new Date("2026-03-02T09:00:00Z");

  it("measures a step from creation to verification", () => {
    expect(stepTimeToVerified({ createdAt, verifiedAt: new Date("2026-03-04T13:30:00Z") })).toBe(2 * DAY + 4.5 * HOUR);
    expect(stepTimeToVerified({ createdAt, verifiedAt: null })).toBeNull();
  });

  it("measures a link to its last verification once all are settled", () => {
    expect(
      linkTimeToVerified({
        createdAt,
        platformSteps: [
          { status: "verified", verifiedAt: new Date("2026-03-03T09:00:00Z") },
          { status: "verified", verifiedAt: new Date("2026-03-05T15:00:00Z") },
          { status: "not_applicable", verifiedAt: null },
        ],
      }),
    ).toBe(3 * DAY + 6 * HOUR);
  });

  it("has no link time while a step is still open", () => {
    expect(
      linkTimeToVerified({
        createdAt,
        platformSteps: [
          { status: "verified", verifiedAt: new Date("2026-03-03T09:00:00Z") },
          { status: "confirmed", verifiedAt: null },
        ],
      }),
    ).toBeNull();
  });

  it("has no link time when nothing needed verifying", () => {
    expect(linkTimeToVerified({ createdAt, platformSteps: [{ status: "not_applicable", verifiedAt: null }] })).toBeNull();
    expect(linkTimeToVerified({ createdAt, platformSteps: [] })).toBeNull();
  });
});

describe("median", () => {
  it("takes the middle of an odd count, whatever the order", () => expect(median([5, 1, 3])).toBe(3));
  it("averages the two middle values of an even count", () => expect(median([4, 1, 3, 10])).toBe(3.5));
  it("handles one value", () => expect(median([7])).toBe(7));
  it("is null for no values", () => expect(median([])).toBeNull());
  it("does not reorder the caller's array", () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe("formatTimeTaken", () => {
  it("shows days and hours", () => expect(formatTimeTaken(2 * DAY + 4 * HOUR + 59 * 60_000)).toBe("2 d 4 h"));
  it("drops a zero second unit", () => {
    expect(formatTimeTaken(3 * DAY)).toBe("3 d");
    expect(formatTimeTaken(5 * HOUR)).toBe("5 h");
  });
  it("shows hours and minutes under a day", () => expect(formatTimeTaken(3 * HOUR + 15 * 60_000)).toBe("3 h 15 min"));
  it("shows minutes under an hour", () => expect(formatTimeTaken(12 * 60_000 + 30_000)).toBe("12 min"));
  it("shows less than a minute", () => expect(formatTimeTaken(20_000)).toBe("< 1 min"));
  it("treats a negative duration (clock skew) as none", () => expect(formatTimeTaken(-5000)).toBe("< 1 min"));
});
