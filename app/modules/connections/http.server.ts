import { CredentialRefused, type Provider } from "./driver";

/**
 * One way every driver calls a provider (issue 19): a JSON GET or POST with a timeout, a few
 * retries with exponential backoff on 429, 5xx and network failures (honouring Retry-After, within
 * a bound), and one answer shape the drivers turn into an outcome. Tokens travel in headers only
 * and no answer here ever carries a header or a request back, so nothing secret reaches a reason,
 * an evidence record or a log.
 */

export type Sleeper = (ms: number) => Promise<void>;

export const realSleep: Sleeper = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export interface CallOptions {
  fetcher?: typeof fetch;
  /** Tests pass a fake that records the waits instead of waiting. */
  sleep?: Sleeper;
}

export const RETRY = {
  /** Attempts in all, the first included. */
  attempts: 3,
  /** The first wait; doubled each time. */
  baseDelayMs: 500,
  /** A Retry-After longer than this is not waited for: the check answers "unavailable" now. */
  maxDelayMs: 30_000,
  timeoutMs: 15_000,
} as const;

export type ApiAnswer =
  | { kind: "ok"; status: number; body: unknown }
  /** An answer that is neither success nor a refused credential (400, 403, 404...): the driver decides. */
  | { kind: "client_error"; status: number; body: unknown }
  /** Down, rate-limited past the retries, timed out, or not JSON at all. */
  | { kind: "unavailable"; status: number | null; reason: string };

/** How a provider says "retry later" or "this credential no longer opens" beyond the HTTP status. */
export interface ProviderErrors {
  provider: Provider;
  /** True when the body is a rate-limit answer whatever the status (Meta answers 400 with code 4/17/32/613). */
  isRateLimited?: (status: number, body: unknown) => boolean;
  /** True when the body says the token is refused (Google 401; Meta code 190). */
  isRefused?: (status: number, body: unknown) => boolean;
  /** A short, secret-free message of the provider for a refusal. */
  messageOf?: (body: unknown) => string | null;
}

/** Seconds, or an HTTP date, to milliseconds from now; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: Date = new Date()): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now.getTime());
}

/** The wait before attempt `attempt + 1` (attempt counts from 1): Retry-After when given, else doubling. */
export function backoffDelay(attempt: number, retryAfter: number | null): number {
  if (retryAfter !== null) return retryAfter;
  return RETRY.baseDelayMs * 2 ** (attempt - 1);
}

async function readJson(response: Response): Promise<{ ok: true; body: unknown } | { ok: false }> {
  const text = await response.text();
  if (!text) return { ok: true, body: {} };
  try {
    return { ok: true, body: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

export interface ApiRequest {
  url: URL | string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  /** JSON body (POST). */
  json?: unknown;
  /** Form body (POST application/x-www-form-urlencoded), the OAuth token endpoint's. */
  form?: Record<string, string>;
}

/**
 * Calls and answers; throws CredentialRefused when the provider refuses the token (the caller marks
 * the connection "reconnect needed"). Never throws for anything else.
 */
export async function callApi(request: ApiRequest, errors: ProviderErrors, options: CallOptions = {}): Promise<ApiAnswer> {
  const fetcher = options.fetcher ?? fetch;
  const sleep = options.sleep ?? realSleep;
  const headers: Record<string, string> = { accept: "application/json", ...request.headers };
  let body: string | undefined;
  if (request.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(request.json);
  } else if (request.form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(request.form).toString();
  }
  let last: ApiAnswer = { kind: "unavailable", status: null, reason: "The provider did not answer." };
  for (let attempt = 1; attempt <= RETRY.attempts; attempt++) {
    let retryAfter: number | null = null;
    try {
      const response = await fetcher(request.url, {
        method: request.method ?? "GET",
        headers,
        body,
        signal: AbortSignal.timeout(RETRY.timeoutMs),
      });
      const parsed = await readJson(response);
      const status = response.status;
      const payload = parsed.ok ? parsed.body : null;
      if (status === 429 || status >= 500 || errors.isRateLimited?.(status, payload)) {
        retryAfter = retryAfterMs(response.headers.get("retry-after"));
        last = {
          kind: "unavailable",
          status,
          reason: status >= 500 ? `The provider answered ${status} (it is down or failing).` : "The provider is rate-limiting Baton.",
        };
      } else if (status === 401 || errors.isRefused?.(status, payload)) {
        throw new CredentialRefused(errors.provider, errors.messageOf?.(payload) ?? `HTTP ${status}`);
      } else if (!parsed.ok) {
        return { kind: "unavailable", status, reason: "The provider answered something that is not JSON." };
      } else if (status >= 200 && status < 300) {
        return { kind: "ok", status, body: payload };
      } else {
        return { kind: "client_error", status, body: payload };
      }
    } catch (error) {
      if (error instanceof CredentialRefused) throw error;
      const timedOut = error instanceof DOMException && (error.name === "TimeoutError" || error.name === "AbortError");
      last = {
        kind: "unavailable",
        status: null,
        reason: timedOut ? "The provider did not answer in time." : "The provider could not be reached.",
      };
    }
    if (attempt === RETRY.attempts) break;
    const delay = backoffDelay(attempt, retryAfter);
    if (delay > RETRY.maxDelayMs) break;
    await sleep(delay);
  }
  return last;
}

/** Google's JSON error: `{ error: { code, message, status } }` (the OAuth endpoint: `{ error, error_description }`). */
export function googleErrorMessage(body: unknown): string | null {
  if (!body || typeof body !== "object") return null;
  const error = (body as { error?: unknown }).error;
  if (typeof error === "string") return error.slice(0, 200);
  if (error && typeof error === "object") {
    const { status, message } = error as { status?: unknown; message?: unknown };
    const text = [status, message].filter((v) => typeof v === "string").join(": ");
    return text ? text.slice(0, 200) : null;
  }
  return null;
}

export const googleErrors: ProviderErrors = { provider: "google", messageOf: googleErrorMessage };

/** Meta's Graph error: `{ error: { message, type, code, error_subcode, fbtrace_id } }`. */
function metaErrorOf(body: unknown): { code?: number; message?: string } | null {
  if (!body || typeof body !== "object") return null;
  const error = (body as { error?: unknown }).error;
  if (!error || typeof error !== "object") return null;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return { code: typeof code === "number" ? code : undefined, message: typeof message === "string" ? message : undefined };
}

/** Graph API throttling codes: app (4), user (17), API-level (32), custom (613), business use case (80000-80014). */
export const META_RATE_LIMIT_CODES = new Set([4, 17, 32, 613]);

export const metaErrors: ProviderErrors = {
  provider: "meta",
  isRateLimited: (_status, body) => {
    const code = metaErrorOf(body)?.code;
    return code !== undefined && (META_RATE_LIMIT_CODES.has(code) || (code >= 80000 && code <= 80014));
  },
  // 190: the access token is invalid, expired or revoked; 102: the session is.
  isRefused: (_status, body) => {
    const code = metaErrorOf(body)?.code;
    return code === 190 || code === 102;
  },
  messageOf: (body) => metaErrorOf(body)?.message?.slice(0, 200) ?? null,
};
