import { describe, expect, it } from "vitest";
import { escalationTime, plainEscalationTime, stageStartedAt, type TimedDecision } from "~/modules/approvals/escalation";
import type { ApprovalRoute } from "~/modules/approvals/route";
import { reminderTimes } from "~/modules/approvals/signoff-rule";

const HOUR = 3_600_000;
const T0 = new Date("2026-03-02T09:00:00Z");
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);
/** The escalation time, in hours after T0, of a stage that began at `start` with the deadline at `deadline` (hours after T0). */
const escalatesAt = (start: number, deadline: number) => {
  const d = at(deadline);
  const t = escalationTime({ start: at(start), deadline: d, reminders: reminderTimes(d).map((r) => r.at) });
  return t === null ? null : (t.getTime() - T0.getTime()) / HOUR;
};

describe("the escalation formula: min(max(start + 4 h, start + (deadline − start) / 4), deadline − 4 h)", () => {
  it("a quarter of the time to the deadline when that is more than 4 hours", () => {
    // 100 h to the deadline: a quarter is 25 h.
    expect((plainEscalationTime(at(0), at(100)).getTime() - T0.getTime()) / HOUR).toBe(25);
    expect(escalatesAt(0, 100)).toBe(25);
  });
  it("at least 4 hours after the stage began", () => {
    // 12 h to the deadline: a quarter is 3 h, so 4 h.
    expect((plainEscalationTime(at(0), at(12)).getTime() - T0.getTime()) / HOUR).toBe(4);
  });
  it("never later than 4 hours before the deadline", () => {
    expect((plainEscalationTime(at(0), at(7)).getTime() - T0.getTime()) / HOUR).toBe(3);
  });
  it("counts from when the stage began, not from the submission", () => {
    expect(escalatesAt(10, 110)).toBe(35);
  });
});

describe("no stall reminder within 2 hours of a deadline reminder (24 h and 4 h before the deadline)", () => {
  it("moves a time near the 24 h reminder to 2 hours after it", () => {
    // Deadline at 30 h: formula 7.5 h, the 24 h reminder is at 6 h (1.5 h apart), so 8 h.
    expect(escalatesAt(0, 30)).toBe(8);
    // Deadline at 32 h: formula 8 h, the same time as the 24 h reminder → 10 h.
    expect(escalatesAt(0, 32)).toBe(10);
    // Deadline at 40 h: formula 10 h, reminder 16 h (6 h apart): unchanged.
    expect(escalatesAt(0, 40)).toBe(10);
  });
  it("leaves a time 2 hours or more from a reminder alone, and moves one closer", () => {
    // Deadline at 28 h: formula 7 h, the 24 h reminder at 4 h is 3 h before.
    expect(escalatesAt(0, 28)).toBe(7);
    // Start 0, deadline 34 h: formula 8.5 h, reminder at 10 h (1.5 h apart) → 12 h.
    expect(escalatesAt(0, 34)).toBe(12);
  });
  it("moves a time near the 4 h reminder to 2 hours before it, since after it would pass the cap", () => {
    // Deadline at 10 h: formula min(max(4, 2.5), 6) = 4 h; the 4 h reminder is at 6 h (2 h apart): allowed, unchanged.
    expect(escalatesAt(0, 10)).toBe(4);
    // Start at 0, deadline at 9 h: formula min(4, 5) = 4 h; reminder at 5 h (1 h apart) → 3 h.
    expect(escalatesAt(0, 9)).toBe(3);
  });
  it("does not escalate a stage that began too close to the deadline for a stall", () => {
    // Deadline at 5 h: formula min(4, 1) = 1 h, the reminder at 1 h → 2 h before is -1 h, before the start.
    expect(escalatesAt(0, 5)).toBeNull();
    // The stage began 3 h before the deadline: the cap is before the start.
    expect(escalatesAt(0, 3)).toBeNull();
  });
  it("is never within 2 hours of either reminder, for any start and deadline", () => {
    const broken: string[] = [];
    for (let deadline = 1; deadline <= 120; deadline += 0.25) {
      for (let start = 0; start < deadline; start += 0.5) {
        const t = escalatesAt(start, deadline);
        if (t === null) continue;
        const ok = Math.abs(t - (deadline - 24)) >= 2 && Math.abs(t - (deadline - 4)) >= 2 && t <= deadline - 4 && t > start;
        if (!ok) broken.push(`start ${start}, deadline ${deadline}: ${t}`);
      }
    }
    expect(broken).toEqual([]);
  });
});

describe("when a stage began waiting", () => {
  const route: ApprovalRoute = {
    stages: [
      { name: "Agency", kind: "review", rule: "all", approverUserIds: ["ana", "ben"] },
      { name: "Legal", kind: "review", rule: "any", approverUserIds: ["gus"] },
      { name: "Brand", kind: "brand_signoff", rule: "any", approverUserIds: ["lea"] },
    ],
  };
  const d = (userId: string, stageIndex: number, hours: number, version = 1): TimedDecision => ({
    userId,
    stageIndex,
    version,
    decision: "approve",
    createdAt: at(hours),
  });
  const start = (stageIndex: number, decisions: TimedDecision[]) =>
    stageStartedAt({ route, decisions, version: 1, submittedAt: at(0), stageIndex });

  it("the first stage at the submission", () => {
    expect(start(0, [])).toEqual(at(0));
  });
  it("a later stage at the decision that completed the one before (the last of an 'all' stage)", () => {
    const decisions = [d("ben", 0, 5), d("ana", 0, 2), d("gus", 1, 9)];
    expect(start(1, decisions)).toEqual(at(5));
    expect(start(2, decisions)).toEqual(at(9));
  });
  it("ignores other versions' decisions, and answers null for a stage not reached yet", () => {
    expect(start(1, [d("ana", 0, 1, 0), d("ben", 0, 1, 0)])).toBeNull();
    expect(start(2, [d("ana", 0, 1), d("ben", 0, 2)])).toBeNull();
  });
});
