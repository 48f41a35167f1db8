import { describe, expect, it } from "vitest";
import { MAX_PUBLISH_AHEAD_MS, publishAtField, publishAtProblem } from "~/modules/approvals/publish-time";

const now = new Date("2026-05-04T10:00:00Z");
const after = (ms: number) => new Date(now.getTime() + ms);

describe("publishAtProblem", () => {
  it("accepts a time in the future up to three years ahead", () => {
    expect(publishAtProblem(after(60_000), now)).toBeNull();
    expect(publishAtProblem(after(MAX_PUBLISH_AHEAD_MS), now)).toBeNull();
  });

  it("refuses now and the past", () => {
    expect(publishAtProblem(now, now)).toBe("Pick a publish time in the future.");
    expect(publishAtProblem(after(-60_000), now)).toBe("Pick a publish time in the future.");
  });

  it("refuses more than three years ahead (a typo, not a plan)", () => {
    expect(MAX_PUBLISH_AHEAD_MS).toBe(3 * 366 * 86_400_000);
    expect(publishAtProblem(after(MAX_PUBLISH_AHEAD_MS + 60_000), now)).toBe("Pick a publish time within the next three years.");
  });

  it("refuses an invalid date", () => {
    expect(publishAtProblem(new Date(Number.NaN), now)).toBe("Give a valid publish date and time.");
  });
});

describe("publishAtField", () => {
  it("takes a datetime-local value and nothing else", () => {
    expect(publishAtField.safeParse("2026-05-04T10:00").success).toBe(true);
    expect(publishAtField.safeParse("2026-05-04T10:00:30").success).toBe(true);
    for (const bad of ["2026-05-04", "04/05/2026 10:00", "2026-05-04T10:00Z", "", 5])
      expect(publishAtField.safeParse(bad).success).toBe(false);
  });
});
