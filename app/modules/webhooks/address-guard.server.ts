import { lookup } from "node:dns/promises";
// The modules, not their `request`: read at call time, so a test's interceptor (MSW) that replaces
// `https.request` is the one called (a named import keeps the original).
import http, { type OutgoingHttpHeaders } from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { isPrivateAddress } from "./addresses";

export { isPrivateAddress } from "./addresses";

/** Resolves a host name to every address it has; tests inject one to play a DNS server. */
export type Resolver = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

export const systemResolver: Resolver = (hostname) => lookup(hostname, { all: true, verbatim: true });

/**
 * A refusal a person can act on (the message is shown in the form and the delivery log). `reason`
 * lets a caller other than webhooks (calendar overlays) say it in its own words.
 */
export class TargetRefused extends Error {
  constructor(
    message: string,
    readonly reason: "protocol" | "private",
  ) {
    super(message);
  }
}

export interface CheckedTarget {
  url: URL;
  /** The addresses that were checked; the request connects to these and no other. */
  addresses: Array<{ address: string; family: 4 | 6 }>;
}

export interface GuardOptions {
  /** ALLOW_PRIVATE_WEBHOOKS: plain http and private addresses allowed (development). */
  allowPrivate: boolean;
  resolve?: Resolver;
}

/**
 * Resolves the URL's host once and checks every address it has (SSRF, security.md 30). The
 * result names the address to connect to, so a second lookup (DNS rebinding) never happens.
 */
export async function resolveTarget(rawUrl: string, { allowPrivate, resolve = systemResolver }: GuardOptions): Promise<CheckedTarget> {
  const url = new URL(rawUrl);
  const okProtocol = url.protocol === "https:" || (allowPrivate && url.protocol === "http:");
  if (!okProtocol) throw new TargetRefused("Webhook endpoints must use https://.", "protocol");
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await resolve(host);
  if (addresses.length === 0) throw Object.assign(new Error(`No address for ${host}`), { code: "ENODATA" });
  if (!allowPrivate && addresses.some((a) => isPrivateAddress(a.address))) {
    throw new TargetRefused("That address is inside a private network, so Baton will not send webhooks to it.", "private");
  }
  return { url, addresses: addresses.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 })) };
}

/** Registration's check: throws TargetRefused (or a DNS error) when Baton would not deliver there. */
export async function assertPublicTarget(url: string, allowPrivate: boolean, resolve?: Resolver): Promise<void> {
  await resolveTarget(url, { allowPrivate, resolve });
}

/**
 * A `lookup` for node:net that answers the checked addresses whatever name it is asked for (all
 * of them when Node tries each in turn, "happy eyeballs"; else the first).
 */
function pinnedLookup(target: CheckedTarget): LookupFunction {
  return (_hostname, options, callback) => {
    const [first] = target.addresses;
    if (options.all) callback(null, target.addresses);
    else callback(null, first.address, first.family);
  };
}

export interface PostInit {
  headers: OutgoingHttpHeaders;
  body: string;
  /** The whole exchange, connect to last byte; the receiver's body is read and dropped. */
  timeoutMs: number;
}

/**
 * POSTs to a checked target, connected to the checked address only: the Host header and TLS SNI
 * (and certificate check) still use the URL's host name. Redirects are not followed.
 */
export function postToTarget(target: CheckedTarget, init: PostInit): Promise<{ status: number }> {
  const send = target.url.protocol === "https:" ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const req = send(
      target.url,
      {
        method: "POST",
        headers: { ...init.headers, "content-length": Buffer.byteLength(init.body) },
        lookup: pinnedLookup(target),
        agent: false,
      },
      (res) => {
        res.resume();
        res.on("end", () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0 });
        });
        res.on("error", fail);
      },
    );
    const timer = setTimeout(
      () => req.destroy(new Error(`The receiver did not answer within ${init.timeoutMs / 1000} s.`)),
      init.timeoutMs,
    );
    function fail(error: Error) {
      clearTimeout(timer);
      reject(error);
    }
    req.on("error", fail);
    req.end(init.body);
  });
}

/** The exchange took longer than its `timeoutMs`. */
export class TimedOut extends Error {}

/** A body that grew past `maxBytes` while it was read (Content-Length or not, chunked or not). */
export class ResponseTooLarge extends Error {}

export interface GetInit {
  headers: OutgoingHttpHeaders;
  /** The whole exchange, connect to last byte. */
  timeoutMs: number;
  /** Reading stops, and the request is dropped, at the first byte past this. */
  maxBytes: number;
}

export interface GetResult {
  status: number;
  /** Where a redirect points (not followed here: the caller checks the next address with resolveTarget). */
  location: string | null;
  contentType: string | null;
  body: Buffer;
}

/**
 * GETs a checked target, connected to the checked address only (as postToTarget). The body is
 * counted as it arrives and the connection dropped past `maxBytes`, so a server that lies about
 * its length, or sends chunks for ever, costs at most that much memory and `timeoutMs` of time.
 */
export function getFromTarget(target: CheckedTarget, init: GetInit): Promise<GetResult> {
  const send = target.url.protocol === "https:" ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const req = send(target.url, { method: "GET", headers: init.headers, lookup: pinnedLookup(target), agent: false }, (res) => {
      const status = res.statusCode ?? 0;
      const header = (name: string) => {
        const value = res.headers[name];
        return typeof value === "string" ? value : null;
      };
      if (status < 200 || status > 299) {
        res.resume();
        res.on("end", () => done({ status, location: header("location"), contentType: header("content-type"), body: Buffer.alloc(0) }));
        return;
      }
      if (Number(res.headers["content-length"] ?? 0) > init.maxBytes) {
        res.destroy(new ResponseTooLarge(`The answer is larger than ${init.maxBytes} bytes.`));
        return;
      }
      const chunks: Buffer[] = [];
      let bytes = 0;
      res.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > init.maxBytes) res.destroy(new ResponseTooLarge(`The answer is larger than ${init.maxBytes} bytes.`));
        else chunks.push(chunk);
      });
      res.on("end", () => done({ status, location: null, contentType: header("content-type"), body: Buffer.concat(chunks) }));
      res.on("error", fail);
    });
    const timer = setTimeout(
      () => req.destroy(new TimedOut(`The server did not answer within ${init.timeoutMs / 1000} s.`)),
      init.timeoutMs,
    );
    function done(result: GetResult) {
      clearTimeout(timer);
      resolve(result);
    }
    function fail(error: Error) {
      clearTimeout(timer);
      reject(error);
    }
    req.on("error", fail);
    req.end();
  });
}
