import { lookup } from "node:dns/promises";
import { isIP } from "node:net";

const PRIVATE_V4: Array<[number, number]> = [
  [0x0a000000, 8], [0xac100000, 12], [0xc0a80000, 16], [0x7f000000, 8], [0xa9fe0000, 16],
  [0x64400000, 10], [0x00000000, 8], [0xe0000000, 4], [0xf0000000, 4],
];

function v4ToInt(ip: string): number {
  return ip.split(".").reduce((acc, part) => (acc << 8) + Number(part), 0) >>> 0;
}

/** Loopback, private, link-local, CGNAT, multicast and reserved ranges, v4 and v6. */
export function isPrivateAddress(ip: string): boolean {
  if (isIP(ip) === 4) {
    const n = v4ToInt(ip);
    return PRIVATE_V4.some(([base, bits]) => (n >>> (32 - bits)) === (base >>> (32 - bits)));
  }
  const v6 = ip.toLowerCase();
  // IPv4-mapped: "::ffff:10.0.0.1", or the hex form the URL parser writes ("::ffff:a00:1").
  const mappedHex = v6.match(/^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/);
  if (mappedHex) {
    const [hi, lo] = [parseInt(mappedHex[1], 16), parseInt(mappedHex[2], 16)];
    return isPrivateAddress(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
  }
  if (v6.startsWith("::ffff:")) return isPrivateAddress(v6.slice(7));
  // fc00::/7 unique local, fe80::/10 link-local.
  return v6 === "::1" || v6 === "::" || v6.startsWith("fc") || v6.startsWith("fd") || /^fe[89ab]/.test(v6);
}

/** Refuses targets inside our network (SSRF), checked at registration and again at delivery. */
export async function assertPublicTarget(url: string, allowPrivate: boolean): Promise<void> {
  const parsed = new URL(url);
  if (allowPrivate) return;
  if (parsed.protocol !== "https:") throw new Error("Webhook endpoints must use https://.");
  const host = parsed.hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  if (addresses.length === 0 || addresses.some(isPrivateAddress)) {
    throw new Error("That address is inside a private network, so Baton will not send webhooks to it.");
  }
}
