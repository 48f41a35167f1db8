/**
 * Which IP addresses Baton may connect to on a user's behalf (security.md 30). Pure: the DNS
 * lookup and the connection live in address-guard.server.ts.
 */

/** [base, prefix bits]: loopback, private, link-local, CGNAT, "this network", benchmarking, IETF, multicast, reserved. */
const PRIVATE_V4: Array<[number, number]> = [
  [0x00000000, 8], // 0.0.0.0/8 "this network"
  [0x0a000000, 8], // 10/8
  [0x64400000, 10], // 100.64/10 CGNAT
  [0x7f000000, 8], // 127/8 loopback
  [0xa9fe0000, 16], // 169.254/16 link-local (cloud metadata)
  [0xac100000, 12], // 172.16/12
  [0xc0000000, 24], // 192.0.0/24 IETF protocol assignments
  [0xc0a80000, 16], // 192.168/16
  [0xc6120000, 15], // 198.18/15 benchmarking
  [0xe0000000, 4], // 224/4 multicast
  [0xf0000000, 4], // 240/4 reserved, broadcast
];

function parseV4(ip: string): number | null {
  const parts = ip.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return null;
  return parts.reduce((acc, part) => acc * 256 + Number(part), 0);
}

function v4FromInt(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
}

/** The eight 16-bit groups of an IPv6 address ("::" expanded, a trailing dotted quad split), or null. */
export function parseV6(ip: string): number[] | null {
  let text = ip.toLowerCase().replace(/%.*$/, ""); // a zone ("fe80::1%eth0") does not change the address
  const quad = text.match(/^(.*:)(\d+\.\d+\.\d+\.\d+)$/);
  if (quad) {
    const n = parseV4(quad[2]);
    if (n === null) return null;
    text = `${quad[1]}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const groups = (s: string) => (s === "" ? [] : s.split(":"));
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  if (!all.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  return all.map((g) => parseInt(g, 16));
}

const v4Of = (hi: number, lo: number) => v4FromInt(hi * 65536 + lo);

/**
 * The IPv4 address an IPv6 address carries, for the forms that reach it: IPv4-mapped
 * (::ffff:0:0/96), SIIT (::ffff:0:0:0/96), IPv4-compatible (::/96, which includes :: and ::1),
 * NAT64 (64:ff9b::/96) and 6to4 (2002::/16, bits 16..47). Null for any other address.
 */
export function embeddedV4(groups: number[]): string | null {
  const zeros = (from: number, to: number) => groups.slice(from, to).every((g) => g === 0);
  if (zeros(0, 5) && groups[5] === 0xffff) return v4Of(groups[6], groups[7]);
  if (zeros(0, 4) && groups[4] === 0xffff && groups[5] === 0) return v4Of(groups[6], groups[7]);
  if (zeros(0, 6)) return v4Of(groups[6], groups[7]);
  if (groups[0] === 0x64 && groups[1] === 0xff9b && zeros(2, 6)) return v4Of(groups[6], groups[7]);
  if (groups[0] === 0x2002) return v4Of(groups[1], groups[2]);
  return null;
}

function isPrivateV6(groups: number[]): boolean {
  const inner = embeddedV4(groups);
  if (inner !== null) return isPrivateAddress(inner);
  const [first, second] = groups;
  return (
    (first & 0xfe00) === 0xfc00 || // fc00::/7 unique local
    (first & 0xffc0) === 0xfe80 || // fe80::/10 link-local
    (first & 0xffc0) === 0xfec0 || // fec0::/10 site-local (deprecated, still routed inside some networks)
    (first & 0xff00) === 0xff00 || // ff00::/8 multicast
    (first === 0x64 && second === 0xff9b) || // rest of 64:ff9b::/32 (local-use NAT64 64:ff9b:1::/48): the IPv4 inside is not at a fixed place
    (first === 0x2001 && second === 0) || // 2001::/32 Teredo: the IPv4 inside is obfuscated
    (first === 0x2001 && second === 0x0db8) || // 2001:db8::/32 documentation
    (first === 0x0100 && groups.slice(1, 4).every((g) => g === 0)) // 100::/64 discard
  );
}

/**
 * True for every address Baton must not connect to for a user: private, loopback, link-local,
 * CGNAT, multicast and reserved ranges, in IPv4 and in each IPv6 form that carries an IPv4
 * address. Anything that does not parse as an address counts as private (refuse when unsure).
 */
export function isPrivateAddress(ip: string): boolean {
  const v4 = parseV4(ip);
  if (v4 !== null) return PRIVATE_V4.some(([base, bits]) => Math.floor(v4 / 2 ** (32 - bits)) === Math.floor(base / 2 ** (32 - bits)));
  const v6 = parseV6(ip);
  return v6 === null || isPrivateV6(v6);
}
