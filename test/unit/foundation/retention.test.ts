import { describe, expect, it } from "vitest";
import { DONE_JOBS_KEPT_DAYS, IDEMPOTENCY_KEYS_KEPT_DAYS, nextRetentionRun, retentionCutoffs } from "~/modules/jobs/retention";

describe("retention (decision 063)", () => {
  const now = new Date("2026-12-07T17:25:13.000Z");

  it("keeps done jobs 14 days and idempotency keys 30 days", () => {
    const { doneJobsBefore, idempotencyKeysBefore } = retentionCutoffs(now);
    expect(doneJobsBefore.toISOString()).toBe("2026-11-23T17:25:13.000Z");
    expect(idempotencyKeysBefore.toISOString()).toBe("2026-11-07T17:25:13.000Z");
    expect([DONE_JOBS_KEPT_DAYS, IDEMPOTENCY_KEYS_KEPT_DAYS]).toEqual([14, 30]);
  });

  it("runs on the next whole hour, the same instant for every process that asks during the hour", () => {
    expect(nextRetentionRun(now).toISOString()).toBe("2026-12-07T18:00:00.000Z");
    expect(nextRetentionRun(new Date("2026-12-07T17:59:59.999Z")).toISOString()).toBe("2026-12-07T18:00:00.000Z");
    expect(nextRetentionRun(new Date("2026-12-07T18:00:00.000Z")).toISOString()).toBe("2026-12-07T19:00:00.000Z");
  });
});
