import { describe, expect, it } from "vitest";
import { isAtRisk } from "~/modules/approvals/signoff-rule";
import { SIGNOFF_WARNING_HOURS } from "~/modules/calendar/conflicts/types";
import { HOUR_MS } from "~/utils/time";

describe("at risk: a sign-off deadline under 24 hours away", () => {
  it("is at risk just under 24 h, and when overdue; not at 24 h or more", () => {
    expect(isAtRisk(24 * HOUR_MS - 1)).toBe(true);
    expect(isAtRisk(-HOUR_MS)).toBe(true);
    expect(isAtRisk(24 * HOUR_MS)).toBe(false);
  });
  it("is the same window the calendar's SIGNOFF_RISK warns in", () => expect(SIGNOFF_WARNING_HOURS).toBe(24));
});
