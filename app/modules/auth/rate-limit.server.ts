import { sql } from "drizzle-orm";
import { rateLimits } from "@db/schema";
import { db } from "~/utils/db.server";
import { MINUTE_MS } from "~/utils/time";
import { ok, tooMany, type Outcome } from "~/utils/outcome";

export interface Limit {
  max: number;
  windowMinutes: number;
}

export const LIMITS = {
  // Sign-in counts failed attempts only (security.md 9): an office behind one address must not lock itself out.
  signInFailuresPerAccount: { max: 10, windowMinutes: 15 },
  signInFailuresPerIp: { max: 100, windowMinutes: 15 },
  signUp: { max: 10, windowMinutes: 15 },
  magicLink: { max: 10, windowMinutes: 15 },
  passwordReset: { max: 10, windowMinutes: 15 },
  emailSend: { max: 30, windowMinutes: 15 },
  onboarding: { max: 300, windowMinutes: 15 },
} satisfies Record<string, Limit>;

function windowStartOf(limit: Limit, now: Date): Date {
  const windowMs = limit.windowMinutes * MINUTE_MS;
  return new Date(Math.floor(now.getTime() / windowMs) * windowMs);
}

/** Whole minutes (at least 1) until the fixed window that holds `now` ends. */
function minutesLeft(limit: Limit, now: Date): number {
  const end = windowStartOf(limit, now).getTime() + limit.windowMinutes * MINUTE_MS;
  return Math.max(1, Math.ceil((end - now.getTime()) / MINUTE_MS));
}

async function bump(key: string, windowStart: Date, by: 1 | -1): Promise<number> {
  const rows = await db()
    .insert(rateLimits)
    .values({ key, windowStart, count: Math.max(by, 0) })
    .onConflictDoUpdate({ target: [rateLimits.key, rateLimits.windowStart], set: { count: sql`greatest(${rateLimits.count} + ${by}, 0)` } })
    .returning({ count: rateLimits.count });
  return rows[0]?.count ?? 0;
}

/**
 * Fixed-window counter in PostgreSQL (shared by every app process). One upsert per check:
 * the count comes back from the same statement, so concurrent requests cannot both slip under.
 */
export async function hit(key: string, limit: Limit, now = new Date()): Promise<boolean> {
  return (await bump(key, windowStartOf(limit, now), 1)) <= limit.max;
}

export interface FailureCounter {
  key: string;
  limit: Limit;
}

export interface FailureSlots {
  /** Gives the slots back: the attempt succeeded, so it does not count as a failure. */
  release: () => Promise<void>;
}

/**
 * For limits that count failures only (sign-in). Every counter takes a slot BEFORE the attempt,
 * in the same single upsert as `hit`, so a burst of concurrent guesses cannot all read "9" and
 * slip under; `release()` gives the slots back when the attempt succeeded, so only failures stay
 * counted. Over any limit: the slots are given back (a refused attempt is not a failed one) and
 * the outcome is `too_many`, saying when to try again. Counters are keyed by the typed email
 * whether or not an account exists, so the answer reveals nothing about accounts.
 */
export async function reserveFailureSlots(counters: FailureCounter[], now = new Date()): Promise<Outcome<FailureSlots>> {
  const taken = counters.map((c) => ({ ...c, windowStart: windowStartOf(c.limit, now) }));
  const counts = await Promise.all(taken.map((c) => bump(c.key, c.windowStart, 1)));
  const release = async () => {
    await Promise.all(taken.map((c) => bump(c.key, c.windowStart, -1)));
  };
  const over = taken.filter((c, i) => counts[i] > c.limit.max);
  if (over.length === 0) return ok({ release });
  await release();
  const minutes = Math.max(...over.map((c) => minutesLeft(c.limit, now)));
  return tooMany(
    `Too many failed sign-ins. Try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}, or use "Email me a sign-in link".`,
    minutes * 60,
  );
}

/** Counts one attempt on every key (e.g. per IP and per account); `too_many` if any is over its limit. */
export async function checkRateLimit(keys: string[], limit: Limit): Promise<Outcome> {
  const results = await Promise.all(keys.map((k) => hit(k, limit)));
  if (!results.some((ok) => !ok)) return ok();
  const minutes = minutesLeft(limit, new Date());
  return tooMany(`Too many attempts. Please wait ${minutes} ${minutes === 1 ? "minute" : "minutes"} and try again.`, minutes * 60);
}
