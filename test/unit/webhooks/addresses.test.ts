import { describe, expect, it } from "vitest";
import { embeddedV4, isPrivateAddress, parseV6 } from "~/modules/webhooks/addresses";

/** Security.md 30: which addresses a webhook (any fetch of a URL a user typed) may reach. */
describe("isPrivateAddress", () => {
  const PRIVATE = [
    // IPv4 ranges
    ["0.0.0.0", "this network"],
    ["0.1.2.3", "this network /8"],
    ["10.0.0.1", "10/8"],
    ["100.64.0.1", "CGNAT 100.64/10"],
    ["100.127.255.255", "CGNAT top"],
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback /8"],
    ["169.254.169.254", "link-local, cloud metadata"],
    ["172.16.0.1", "172.16/12"],
    ["172.31.255.255", "172.16/12 top"],
    ["192.0.0.8", "IETF 192.0.0/24"],
    ["192.168.1.5", "192.168/16"],
    ["198.18.0.1", "benchmarking 198.18/15"],
    ["224.0.0.1", "multicast"],
    ["255.255.255.255", "broadcast"],
    // IPv6 ranges
    ["::1", "v6 loopback"],
    ["::", "v6 unspecified"],
    ["fe80::1", "link-local"],
    ["febf::1", "link-local top"],
    ["fec0::1", "site-local"],
    ["fc00::1", "unique local fc"],
    ["fd12:3456::1", "unique local fd"],
    ["ff02::1", "multicast"],
    ["fe80::1%eth0", "link-local with a zone"],
    // IPv4 carried inside IPv6
    ["::ffff:127.0.0.1", "IPv4-mapped, dotted"],
    ["::ffff:7f00:1", "IPv4-mapped, hex (as the URL parser writes it)"],
    ["0:0:0:0:0:ffff:a9fe:a9fe", "IPv4-mapped, long form"],
    ["::ffff:0:a00:1", "SIIT ::ffff:0:0:0/96"],
    ["::127.0.0.1", "IPv4-compatible ::/96"],
    ["::7f00:1", "IPv4-compatible, hex"],
    ["::a9fe:a9fe", "IPv4-compatible metadata"],
    ["64:ff9b::127.0.0.1", "NAT64"],
    ["64:ff9b::7f00:1", "NAT64, hex"],
    ["64:ff9b::a00:1", "NAT64 of 10.0.0.1"],
    ["64:ff9b:1::1", "local-use NAT64"],
    ["2002:7f00:1::", "6to4 of 127.0.0.1"],
    ["2002:a9fe:a9fe::1", "6to4 of 169.254.169.254"],
    ["2002:c0a8:0101:1::1", "6to4 of 192.168.1.1"],
    ["2001:0:4136:e378::1", "Teredo (IPv4 hidden inside)"],
    ["2001:db8::1", "documentation"],
    // Not an address at all: refuse when unsure.
    ["not-an-ip", "garbage"],
    ["1.2.3", "short v4"],
    ["1::2::3", "two ::"],
    ["256.1.1.1", "octet out of range"],
  ];
  it.each(PRIVATE)("refuses %s (%s)", (ip) => {
    expect(isPrivateAddress(ip)).toBe(true);
  });

  const PUBLIC = [
    ["93.184.216.34", "public v4"],
    ["8.8.8.8", "public v4"],
    ["100.63.255.255", "just below CGNAT"],
    ["100.128.0.1", "just above CGNAT"],
    ["172.32.0.1", "just above 172.16/12"],
    ["198.20.0.1", "just above benchmarking"],
    ["2606:4700::1111", "public v6"],
    ["2a00:1450:4001:80b::200e", "public v6"],
    ["::ffff:93.184.216.34", "IPv4-mapped public"],
    ["64:ff9b::8.8.8.8", "NAT64 of a public address"],
    ["2002:5db8:d822::1", "6to4 of 93.184.216.34"],
  ];
  it.each(PUBLIC)("allows %s (%s)", (ip) => {
    expect(isPrivateAddress(ip)).toBe(false);
  });
});

describe("embeddedV4", () => {
  const groups = (ip: string) => {
    const g = parseV6(ip);
    if (!g) throw new Error(`did not parse ${ip}`);
    return g;
  };
  it("unwraps each form that carries an IPv4 address", () => {
    expect(embeddedV4(groups("::ffff:10.1.2.3"))).toBe("10.1.2.3");
    expect(embeddedV4(groups("::ffff:0:10.1.2.3"))).toBe("10.1.2.3");
    expect(embeddedV4(groups("::10.1.2.3"))).toBe("10.1.2.3");
    expect(embeddedV4(groups("64:ff9b::10.1.2.3"))).toBe("10.1.2.3");
    expect(embeddedV4(groups("2002:0a01:0203:ffff::1"))).toBe("10.1.2.3");
  });
  it("leaves other addresses alone", () => {
    expect(embeddedV4(groups("2606:4700::1111"))).toBeNull();
    expect(embeddedV4(groups("fe80::1"))).toBeNull();
    expect(embeddedV4(groups("64:ff9b:0:0:0:1:0:1"))).toBeNull();
  });
  it("parses the spellings the URL parser and DNS produce", () => {
    expect(parseV6("::")).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(parseV6("1::")).toEqual([1, 0, 0, 0, 0, 0, 0, 0]);
    expect(parseV6("1:2:3:4:5:6:7:8")).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(parseV6("1:2:3:4:5:6:7:8:9")).toBeNull();
    expect(parseV6("1:2:3:4::5:6:7:8")).toBeNull();
    expect(parseV6("12345::")).toBeNull();
  });
});
