import { eq } from "drizzle-orm";
import { users } from "@db/schema";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { requestMeta } from "~/utils/http.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { queueEmail } from "~/modules/email/send.server";
import { consumeLinkToken, issueLinkToken, linkLifetimeMinutes } from "./link-tokens.server";
import { hashPassword, verifyPassword } from "./password.server";
import { enforceRateLimit, LIMITS } from "./rate-limit.server";
import { endAllSessions } from "./session.server";

export const BATON_BRANDING = { name: "Baton", logoUrl: null, accentColor: "#4f46e5" };

function ipKey(request: Request) {
  return requestMeta(request).ip ?? "unknown";
}

/** Returns the user id, or null; the caller shows one message either way. */
export async function signIn(request: Request, input: { email: string; password: string }) {
  await enforceRateLimit([`signin:ip:${ipKey(request)}`, `signin:acct:${input.email}`], LIMITS.signIn);
  const user = await db().query.users.findFirst({ where: eq(users.email, input.email) });
  const ok = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !ok) return null;
  await recordAudit(db(), { workspaceId: null, actor: { userId: user.id, label: user.email }, action: "auth.signed_in", objectType: "user", objectId: user.id, meta: requestMeta(request) });
  return user.id;
}

/**
 * Creates the account, or (if the email is taken) sends that person a sign-in link instead, so the
 * answer never tells a stranger whether an email has an account.
 */
export async function signUp(request: Request, input: { name: string; email: string; password: string }) {
  await enforceRateLimit([`signup:ip:${ipKey(request)}`, `signup:acct:${input.email}`], LIMITS.signUp);
  const passwordHash = await hashPassword(input.password);
  return db().transaction(async (tx) => {
    const existing = await tx.query.users.findFirst({ where: eq(users.email, input.email) });
    if (existing) {
      const token = await issueLinkToken(tx, "magic_link", existing.id);
      await queueEmail(tx, { to: existing.email, template: "sign-in-link", props: { workspace: BATON_BRANDING, url: `${env().APP_URL}/magic/${token}`, expiresInMinutes: linkLifetimeMinutes("magic_link") } });
      return { created: false as const };
    }
    const [user] = await tx.insert(users).values({ email: input.email, name: input.name, passwordHash }).returning();
    await recordAudit(tx, { workspaceId: null, actor: { userId: user.id, label: user.email }, action: "auth.signed_up", objectType: "user", objectId: user.id, meta: requestMeta(request) });
    return { created: true as const, userId: user.id };
  });
}

/** Same answer whether or not the email has an account. */
export async function requestMagicLink(request: Request, input: { email: string; redirectTo?: string }) {
  await enforceRateLimit([`magic:ip:${ipKey(request)}`, `magic:acct:${input.email}`], LIMITS.magicLink);
  await db().transaction(async (tx) => {
    const user = await tx.query.users.findFirst({ where: eq(users.email, input.email) });
    if (!user) return;
    const token = await issueLinkToken(tx, "magic_link", user.id, input.redirectTo);
    await queueEmail(tx, { to: user.email, template: "sign-in-link", props: { workspace: BATON_BRANDING, url: `${env().APP_URL}/magic/${token}`, expiresInMinutes: linkLifetimeMinutes("magic_link") } });
  });
}

export async function redeemMagicLink(request: Request, token: string) {
  return db().transaction(async (tx) => {
    const row = await consumeLinkToken(tx, "magic_link", token);
    if (!row) return null;
    await recordAudit(tx, { workspaceId: null, actor: { userId: row.userId, label: "magic link" }, action: "auth.signed_in", objectType: "user", objectId: row.userId, data: { method: "magic_link" }, meta: requestMeta(request) });
    return { userId: row.userId, redirectTo: row.redirectTo };
  });
}

export async function requestPasswordReset(request: Request, input: { email: string }) {
  await enforceRateLimit([`reset:ip:${ipKey(request)}`, `reset:acct:${input.email}`], LIMITS.passwordReset);
  await db().transaction(async (tx) => {
    const user = await tx.query.users.findFirst({ where: eq(users.email, input.email) });
    if (!user) return;
    const token = await issueLinkToken(tx, "password_reset", user.id);
    await queueEmail(tx, { to: user.email, template: "password-reset", props: { workspace: BATON_BRANDING, url: `${env().APP_URL}/reset-password/${token}`, expiresInMinutes: linkLifetimeMinutes("password_reset") } });
  });
}

/** Consumes the token, sets the password and ends every other session of the account. */
export async function resetPassword(request: Request, token: string, newPassword: string) {
  const passwordHash = await hashPassword(newPassword);
  const userId = await db().transaction(async (tx) => {
    const row = await consumeLinkToken(tx, "password_reset", token);
    if (!row) return null;
    await tx.update(users).set({ passwordHash }).where(eq(users.id, row.userId));
    await recordAudit(tx, { workspaceId: null, actor: { userId: row.userId, label: "password reset link" }, action: "auth.password_reset", objectType: "user", objectId: row.userId, meta: requestMeta(request) });
    return row.userId;
  });
  if (userId) await endAllSessions(userId);
  return userId;
}
