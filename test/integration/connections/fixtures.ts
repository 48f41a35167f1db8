import { eq } from "drizzle-orm";
import { http, HttpResponse, type HttpResponseResolver } from "msw";
import { notifications, platformConnections } from "@db/schema";
import type { Database } from "@db/client";
import { sealCredential, type Credential } from "~/modules/connections/credentials.server";
import { AGENCY_EMAIL, SECRETS } from "./shapes";

/**
 * Test doubles of the providers (issue 19): MSW handlers answering the documented request and
 * response shapes at the real hosts (the environment's base URLs are unset in these tests), and
 * connections stored as the connect flow stores them.
 */

export { AGENCY_EMAIL, SECRETS, googleError } from "./shapes";

export const GOOGLE_TOKEN_URL = "https://oauth2.googleapis.com/token";

export async function storeConnection(
  db: Database,
  workspaceId: string,
  credential: Credential,
  extra: Partial<typeof platformConnections.$inferInsert> = {},
) {
  const [row] = await db
    .insert(platformConnections)
    .values({
      workspaceId,
      provider: credential.provider,
      accountLabel: credential.provider === "google" ? AGENCY_EMAIL : "Agency portfolio",
      sealedCredential: sealCredential(credential),
      settings: credential.provider === "google" ? { accountEmail: AGENCY_EMAIL } : { businessId: "1111222233334444" },
      ...extra,
    })
    .returning();
  return row;
}

/** A Google connection whose access token is still good for an hour (no refresh needed). */
export function freshGoogle(): Credential {
  return {
    provider: "google",
    refreshToken: SECRETS.refreshToken,
    accessToken: SECRETS.freshAccess,
    accessTokenExpiresAt: new Date(Date.now() + 3600_000).toISOString(),
  };
}

export function expiredGoogle(): Credential {
  return {
    provider: "google",
    refreshToken: SECRETS.refreshToken,
    accessToken: SECRETS.expiredAccess,
    accessTokenExpiresAt: new Date(Date.now() - 60_000).toISOString(),
  };
}

export async function clearConnections(db: Database) {
  await db.delete(platformConnections);
  await db.delete(notifications);
}

export async function notificationsOf(db: Database, userId: string) {
  return db.select().from(notifications).where(eq(notifications.userId, userId));
}

/** A fake sleeper that records what the retries would have waited. */
export function fakeSleeper() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

/** Google's token endpoint: a refresh answers `freshAccess`; `revoked` answers invalid_grant. */
export function googleTokenHandler(state: { revoked: boolean; seen: URLSearchParams[] }) {
  return http.post(GOOGLE_TOKEN_URL, async ({ request }) => {
    const form = new URLSearchParams(await request.text());
    state.seen.push(form);
    if (state.revoked) {
      return HttpResponse.json({ error: "invalid_grant", error_description: "Token has been expired or revoked." }, { status: 400 });
    }
    return HttpResponse.json({
      access_token: SECRETS.freshAccess,
      expires_in: 3599,
      scope: "https://www.googleapis.com/auth/analytics.readonly",
      token_type: "Bearer",
    });
  });
}

/**
 * A scripted answer: each entry answers one request in turn (the last one repeats): a status with
 * a body, or a function. Lets one test say "429, then success".
 */
export type Scripted = { status: number; body?: unknown; headers?: Record<string, string> } | HttpResponseResolver;

export function scripted(entries: Scripted[]): HttpResponseResolver {
  let i = 0;
  return (info) => {
    const entry = entries[Math.min(i, entries.length - 1)];
    i += 1;
    if (typeof entry === "function") return entry(info);
    return HttpResponse.json((entry.body ?? {}) as Record<string, unknown>, { status: entry.status, headers: entry.headers });
  };
}
