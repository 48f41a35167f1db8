import { sql } from "drizzle-orm";
import { json } from "@remix-run/node";
import { rateLimits } from "@db/schema";
import { db } from "~/utils/db.server";

export interface Limit {
  max: number;
  windowMinutes: number;
}

export const LIMITS = {
  signIn: { max: 10, windowMinutes: 15 },
  signUp: { max: 10, windowMinutes: 15 },
  magicLink: { max: 10, windowMinutes: 15 },
  passwordReset: { max: 10, windowMinutes: 15 },
  emailSend: { max: 30, windowMinutes: 15 },
  onboarding: { max: 300, windowMinutes: 15 },
} satisfies Record<string, Limit>;

/**
 * Fixed-window counter in PostgreSQL (shared by every app process). One upsert per check:
 * the count comes back from the same statement, so concurrent requests cannot both slip under.
 */
export async function hit(key: string, limit: Limit, now = new Date()): Promise<boolean> {
  const windowMs = limit.windowMinutes * 60_000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const rows = await db()
    .insert(rateLimits)
    .values({ key, windowStart, count: 1 })
    .onConflictDoUpdate({ target: [rateLimits.key, rateLimits.windowStart], set: { count: sql`${rateLimits.count} + 1` } })
    .returning({ count: rateLimits.count });
  return (rows[0]?.count ?? 0) <= limit.max;
}

/** Checks every key (e.g. per IP and per account); throws 429 if any is over its limit. */
export async function enforceRateLimit(keys: string[], limit: Limit): Promise<void> {
  const results = await Promise.all(keys.map((k) => hit(k, limit)));
  if (results.some((ok) => !ok)) {
    throw json(
      { ok: false, errors: {}, formError: `Too many attempts. Please wait ${limit.windowMinutes} minutes and try again.` },
      { status: 429, headers: { "Retry-After": String(limit.windowMinutes * 60) } },
    );
  }
}
