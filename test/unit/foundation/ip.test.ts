import { describe, expect, it } from "vitest";
import { readableIp } from "~/utils/ip";

describe("readableIp: an address as a person reads it", () => {
  it.each([
    ["::ffff:127.0.0.1", "127.0.0.1"],
    ["::FFFF:203.0.113.7", "203.0.113.7"],
    ["203.0.113.7", "203.0.113.7"],
    ["2001:db8::1", "2001:db8::1"],
    ["::1", "::1"],
    // Only the IPv4-mapped form loses its prefix: an IPv6 address that merely contains ffff stays whole.
    ["::ffff:0:1", "::ffff:0:1"],
  ])("%s → %s", (raw, shown) => {
    expect(readableIp(raw)).toBe(shown);
  });

  it("has nothing to show for a missing address", () => {
    expect(readableIp(null)).toBeNull();
    expect(readableIp("  ")).toBeNull();
  });
});
