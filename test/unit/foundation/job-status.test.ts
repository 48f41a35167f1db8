import { describe, expect, it } from "vitest";
import { failureEvent, HELD_STATUS, isFinalJobStatus, JOB_EVENTS, JOB_STATUSES, JOB_TRANSITIONS } from "~/modules/jobs/job-status";

/** The job machine of docs/domain.md, as the table queue.server.ts reads its statuses from. */
describe("job status table", () => {
  it("is the machine of docs/domain.md", () => {
    const rows = JOB_EVENTS.map((event) => {
      const { from, to, by, lease } = JOB_TRANSITIONS[event];
      return `${from} -> ${to} (${event}, ${by}${lease ? `, lease ${lease}` : ""})`;
    });
    expect(rows).toEqual([
      "pending -> running (claim, new_claim)",
      "running -> running (renew, holder)",
      "running -> done (complete, holder)",
      "running -> pending (retry, holder)",
      "running -> failed (give_up, holder)",
      "running -> running (retake, new_claim, lease expired)",
    ]);
    for (const event of JOB_EVENTS) expect(JOB_TRANSITIONS[event].reason.length, event).toBeGreaterThan(20);
  });

  it("claims and retakes with one UPDATE, and the holder's moves all start from the held state", () => {
    expect(JOB_TRANSITIONS.claim.to).toBe(JOB_TRANSITIONS.retake.to);
    expect(HELD_STATUS).toBe("running");
    for (const event of JOB_EVENTS.filter((e) => JOB_TRANSITIONS[e].by === "holder")) expect(JOB_TRANSITIONS[event].from).toBe(HELD_STATUS);
  });

  it("retries while attempts are left, then gives up", () => {
    expect(failureEvent({ attempts: 1, maxAttempts: 8 })).toBe("retry");
    expect(failureEvent({ attempts: 7, maxAttempts: 8 })).toBe("retry");
    expect(failureEvent({ attempts: 8, maxAttempts: 8 })).toBe("give_up");
    expect(failureEvent({ attempts: 1, maxAttempts: 1 })).toBe("give_up");
  });

  it("ends in done or failed, and reaches every status from pending", () => {
    expect(JOB_STATUSES.filter(isFinalJobStatus)).toEqual(["done", "failed"]);
    const reached = new Set<string>(["pending"]);
    for (let grew = true; grew;) {
      grew = false;
      for (const event of JOB_EVENTS) {
        const { from, to } = JOB_TRANSITIONS[event];
        if (reached.has(from) && !reached.has(to)) grew = reached.add(to) !== undefined;
      }
    }
    expect([...reached].sort()).toEqual([...JOB_STATUSES].sort());
  });
});
