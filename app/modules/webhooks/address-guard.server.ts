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
  if (v6.startsWith("::ffff:")) return isPrivateAddress(v6.slice(7));
  return v6 === "::1" || v6 === "::" || v6.startsWith("fc") || v6.startsWith("fd") || v6.startsWith("fe80");
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
