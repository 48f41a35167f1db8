import { eq } from "drizzle-orm";
import { redirect } from "@remix-run/node";
import { users } from "@db/schema";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { safeRedirectPath } from "~/utils/redirect";
import { lucia } from "./lucia.server";
import { DAY_MS } from "~/utils/time";

export type SessionUser = typeof users.$inferSelect;

function readSessionId(request: Request): string | null {
  return lucia().readSessionCookie(request.headers.get("Cookie") ?? "");
}

/**
 * The signed-in user, or null. Enforces the absolute lifetime that lucia's sliding expiry lacks,
 * and returns a refreshed cookie when lucia extended the session.
 */
export async function getSession(request: Request) {
  const sessionId = readSessionId(request);
  if (!sessionId) return null;
  const { session, user } = await lucia().validateSession(sessionId);
  if (!session || !user) return null;
  const maxAgeMs = env().SESSION_MAX_DAYS * DAY_MS;
  if (Date.now() - session.createdAt.getTime() > maxAgeMs) {
    await lucia().invalidateSession(session.id);
    return null;
  }
  const row = await db().query.users.findFirst({ where: eq(users.id, user.id) });
  if (!row) return null;
  const refreshed = session.fresh ? lucia().createSessionCookie(session.id).serialize() : null;
  return { session, user: row, refreshedCookie: refreshed };
}

export async function getUser(request: Request): Promise<SessionUser | null> {
  return (await getSession(request))?.user ?? null;
}

export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    const back = safeRedirectPath(url.pathname + url.search, "/");
    throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
  }
  return user;
}

/** A new session id on every sign-in: a cookie planted before sign-in is never honoured. */
export async function createUserSession(userId: string, redirectTo: string, extraHeaders?: HeadersInit) {
  const session = await lucia().createSession(userId, { createdAt: new Date() });
  const headers = new Headers(extraHeaders);
  headers.append("Set-Cookie", lucia().createSessionCookie(session.id).serialize());
  return redirect(safeRedirectPath(redirectTo, "/"), { headers });
}

export async function signOut(request: Request) {
  const sessionId = readSessionId(request);
  if (sessionId) await lucia().invalidateSession(sessionId);
  return redirect("/login", { headers: { "Set-Cookie": lucia().createBlankSessionCookie().serialize() } });
}

/** Password change or reset ends every session of the user. */
export async function endAllSessions(userId: string) {
  await lucia().invalidateUserSessions(userId);
}
