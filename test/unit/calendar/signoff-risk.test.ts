import { describe, expect, it } from "vitest";
import { HOUR, MINUTE, NOW, deliverable, detectOnly, plus } from "./conflict-factories";

function dueIn(ms: number, overrides: Parameters<typeof deliverable>[0] = {}) {
  const signOffDeadline = plus(NOW, ms);
  return deliverable({ signedOff: false, signOffDeadline, publishAt: plus(signOffDeadline, 48 * HOUR), ...overrides });
}

describe("SIGNOFF_RISK", () => {
  it("leaves deadlines more than 24 hours away alone", () => {
    expect(detectOnly("SIGNOFF_RISK", { deliverables: [dueIn(24 * HOUR + MINUTE)] })).toEqual([]);
  });

  it("warns when the deadline is 24 hours away or closer", () => {
    expect(detectOnly("SIGNOFF_RISK", { deliverables: [dueIn(24 * HOUR)] })).toHaveLength(1);
    const [conflict] = detectOnly("SIGNOFF_RISK", { deliverables: [dueIn(5 * HOUR)] });
    expect(conflict).toMatchObject({
      severity: "warning",
      key: "SIGNOFF_RISK:del-1:due-soon",
      startsAt: plus(NOW, 5 * HOUR),
      message: "“Teaser” for Acme still needs brand sign-off, due in 5 h.",
      details: { overdue: false, minutesUntilDeadline: 300 },
    });
  });

  it("is an error once the deadline is reached or passed", () => {
    expect(detectOnly("SIGNOFF_RISK", { deliverables: [dueIn(0)] })[0].severity).toBe("error");
    const [conflict] = detectOnly("SIGNOFF_RISK", { deliverables: [dueIn(-3 * HOUR)] });
    expect(conflict).toMatchObject({
      severity: "error",
      key: "SIGNOFF_RISK:del-1:overdue",
      message: "“Teaser” for Acme missed its sign-off deadline 3 h ago and is blocked until it is rescheduled or an admin overrides it.",
    });
  });

  it("ignores signed-off, published and cancelled deliverables", () => {
    const deliverables = [
      dueIn(HOUR, { id: "signed", signedOff: true }),
      dueIn(-HOUR, { id: "published", status: "published" }),
      dueIn(-HOUR, { id: "cancelled", status: "cancelled" }),
    ];
    expect(detectOnly("SIGNOFF_RISK", { deliverables })).toEqual([]);
  });
});
