// Reading an overlay's iCalendar URL (issue 21, decision 067) through the webhooks' address guard:
// https only (http and private addresses only where ALLOW_PRIVATE_WEBHOOKS allows them), each hop
// of a redirect checked again, at most 2 MB counted while it arrives, 10 s for the whole read.
// Every refusal is a sentence for the form or for the overlay's "last error".

import { env } from "~/utils/env.server";
import { invalid, ok, type Outcome } from "~/utils/outcome";
import {
  getFromTarget,
  resolveTarget,
  ResponseTooLarge,
  systemResolver,
  TargetRefused,
  TimedOut,
  type Resolver,
} from "~/modules/webhooks/address-guard.server";

export const OVERLAY_MAX_BYTES = 2_000_000;
export const OVERLAY_TIMEOUT_MS = 10_000;
const MAX_REDIRECTS = 3;

export interface OverlayFetchOptions {
  /** The whole read, every redirect included; tests shorten it. */
  timeoutMs?: number;
  /** The DNS lookup; tests inject one to play a DNS server. */
  resolve?: Resolver;
}

const refused = (message: string, code: string) => invalid(message, undefined, { code });

/** "webcal://" is how calendar apps spell a subscription; it is read over https. */
export function overlayAddress(raw: string): string {
  return raw.trim().replace(/^webcals?:\/\//i, "https://");
}

function refusalOf(error: unknown, host: string, timeoutMs: number): Outcome<never> {
  if (error instanceof TargetRefused) {
    return error.reason === "protocol"
      ? refused("Give the calendar's address starting with https://.", "protocol")
      : refused("That address is inside a private network, so Baton will not read calendars from it.", "private_address");
  }
  if (error instanceof ResponseTooLarge) return refused(`The calendar is larger than ${OVERLAY_MAX_BYTES / 1_000_000} MB.`, "too_large");
  const code = (error as { code?: string }).code;
  if (code === "ENOTFOUND" || code === "ENODATA" || code === "EAI_AGAIN")
    return refused(`No server answers at ${host}: check the address.`, "not_found");
  if (error instanceof TimedOut) return refused(`The calendar's server did not answer within ${timeoutMs / 1000} s.`, "timeout");
  const why = error instanceof Error && error.message ? ` (${error.message.slice(0, 120)})` : "";
  return refused(`Baton could not reach the calendar's server${why}.`, "unreachable");
}

const late = () => new TimedOut("The server did not answer within the time allowed.");

/** The lookup, given only what is left of the read's time (a DNS server can hang too). */
function resolveBefore(deadline: number, resolve: Resolver): Resolver {
  return (host) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(late()), Math.max(0, deadline - Date.now()));
    });
    return Promise.race([resolve(host), expired]).finally(() => clearTimeout(timer));
  };
}

/** The text at an overlay's address, or why it could not be read. */
export async function fetchOverlayText(rawUrl: string, opts: OverlayFetchOptions = {}): Promise<Outcome<string>> {
  const timeoutMs = opts.timeoutMs ?? OVERLAY_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  let address = overlayAddress(rawUrl);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    let url: URL;
    try {
      url = new URL(address);
    } catch {
      return refused("Give the calendar's full address, starting with https://.", "bad_address");
    }
    try {
      const resolve = resolveBefore(deadline, opts.resolve ?? systemResolver);
      const target = await resolveTarget(url.href, { allowPrivate: env().ALLOW_PRIVATE_WEBHOOKS, resolve });
      const left = deadline - Date.now();
      if (left <= 0) throw late();
      const res = await getFromTarget(target, {
        headers: { accept: "text/calendar, text/plain;q=0.5", "user-agent": "Baton-Calendar/1" },
        timeoutMs: left,
        maxBytes: OVERLAY_MAX_BYTES,
      });
      if (res.status >= 300 && res.status < 400 && res.location) {
        address = new URL(res.location, url).href;
        continue;
      }
      if (res.status === 404 || res.status === 410)
        return refused(`The calendar's server answered ${res.status}: there is no calendar at that address.`, "http_status");
      if (res.status < 200 || res.status > 299)
        return refused(`The calendar's server answered ${res.status} instead of the calendar.`, "http_status");
      return ok(new TextDecoder("utf-8").decode(res.body));
    } catch (error) {
      return refusalOf(error, url.hostname, timeoutMs);
    }
  }
  return refused("The address redirects too many times; give the calendar's own address.", "redirects");
}
