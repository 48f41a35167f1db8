import { describe, expect, it } from "vitest";
import { backoffDelay, retryAfterMs, RETRY } from "~/modules/connections/http.server";

describe("provider retries", () => {
  it("reads Retry-After as seconds or as an HTTP date", () => {
    const now = new Date("2026-12-07T10:00:00Z");
    expect(retryAfterMs("7", now)).toBe(7000);
    expect(retryAfterMs("Mon, 07 Dec 2026 10:00:05 GMT", now)).toBe(5000);
    expect(retryAfterMs("Mon, 07 Dec 2026 09:00:00 GMT", now)).toBe(0);
    expect(retryAfterMs("soon", now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });

  it("doubles the wait from the base unless the provider said how long", () => {
    expect([1, 2, 3].map((a) => backoffDelay(a, null))).toEqual([RETRY.baseDelayMs, RETRY.baseDelayMs * 2, RETRY.baseDelayMs * 4]);
    expect(backoffDelay(1, 2500)).toBe(2500);
  });
});
