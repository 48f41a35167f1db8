import { and, eq, isNotNull, isNull } from "drizzle-orm";
import { users } from "@db/schema";
import { db, type Queryable } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { recordAudit, type AuditActor, type AuditEvent } from "~/modules/audit/audit.server";
import type { VisitorContext } from "~/modules/workspaces/authz.server";
import { queueEmail } from "~/modules/email/send.server";
import { consumeLinkToken, issueLinkToken, linkLifetimeMinutes } from "./link-tokens.server";
import { hashPassword, verifyPassword } from "./password.server";
import { checkRateLimit, LIMITS, reserveFailureSlots } from "./rate-limit.server";
import { endAllSessions } from "./session.server";
import { forbidden, gone, invalid, ok, type Outcome } from "~/utils/outcome";

export const BATON_BRANDING = { name: "Baton", logoUrl: null, accentColor: "#4f46e5" };

function ipKey(ctx: VisitorContext) {
  return ctx.actor.ip ?? "unknown";
}

/**
 * Account events belong to no workspace, and their actor is the account the password or the link
 * proved (not the anonymous visitor); the visitor's IP and user agent are kept with them.
 */
async function auditAccount(tx: Queryable, ctx: VisitorContext, who: AuditActor, event: AuditEvent) {
  await recordAudit(tx, { ...event, workspaceId: null, actor: who, meta: { ip: ctx.actor.ip, userAgent: ctx.actor.userAgent } });
}

/**
 * Only failed attempts count against the limits (10 per account, 100 per IP per 15 minutes), so
 * colleagues behind one address never lock each other out. While an account is locked even the
 * right password is refused: otherwise the lock would not slow down a guesser at all.
 * "unverified" (code) is told only after the right password, so it reveals nothing to a stranger;
 * "mismatch" is one answer for a wrong password and an unknown email. The value is the user id.
 */
export async function signIn(ctx: VisitorContext, input: { email: string; password: string }): Promise<Outcome<string>> {
  const slots = await reserveFailureSlots([
    { key: `signin-failed:acct:${input.email}`, limit: LIMITS.signInFailuresPerAccount },
    { key: `signin-failed:ip:${ipKey(ctx)}`, limit: LIMITS.signInFailuresPerIp },
  ]);
  if (!slots.ok) return slots;
  const user = await db().query.users.findFirst({ where: eq(users.email, input.email) });
  const matches = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !matches) return invalid("That email and password do not match an account.", undefined, { code: "mismatch" });
  await slots.value.release();
  if (!user.emailVerifiedAt) return forbidden("Confirm your email first: we sent you a link.", { code: "unverified" });
  await auditAccount(
    db(),
    ctx,
    { userId: user.id, label: user.email },
    { action: "auth.signed_in", objectType: "user", objectId: user.id },
  );
  return ok(user.id);
}

async function queueSignInLink(tx: Queryable, user: { id: string; email: string }, redirectTo?: string) {
  const token = await issueLinkToken(tx, "magic_link", user.id, redirectTo);
  await queueEmail(tx, {
    to: user.email,
    template: "sign-in-link",
    props: { workspace: BATON_BRANDING, url: `${env().APP_URL}/magic/${token}`, expiresInMinutes: linkLifetimeMinutes("magic_link") },
  });
}

async function queueVerificationLink(tx: Queryable, user: { id: string; email: string; name: string }, redirectTo?: string) {
  const token = await issueLinkToken(tx, "email_verification", user.id, redirectTo);
  await queueEmail(tx, {
    to: user.email,
    template: "email-verification",
    props: {
      workspace: BATON_BRANDING,
      name: user.name,
      url: `${env().APP_URL}/verify-email/${token}`,
      expiresInMinutes: linkLifetimeMinutes("email_verification"),
    },
  });
}

/**
 * Always the same answer and no session (decision 042): a new address gets a verification link,
 * a known one a sign-in link, so the page never tells a stranger whether an email has an account,
 * and nobody signs in as an address they have not proved they own. The password is hashed
 * either way so the timing does not tell either.
 */
export async function signUp(
  ctx: VisitorContext,
  input: { name: string; email: string; password: string; redirectTo?: string },
): Promise<Outcome> {
  const allowed = await checkRateLimit([`signup:ip:${ipKey(ctx)}`, `signup:acct:${input.email}`], LIMITS.signUp);
  if (!allowed.ok) return allowed;
  const passwordHash = await hashPassword(input.password);
  await db().transaction(async (tx) => {
    // ON CONFLICT: of two concurrent sign-ups with one new address, the second is "known".
    const [created] = await tx
      .insert(users)
      .values({ email: input.email, name: input.name, passwordHash, emailVerifiedAt: null })
      .onConflictDoNothing()
      .returning();
    if (!created) {
      const existing = await tx.query.users.findFirst({ where: eq(users.email, input.email) });
      if (existing) await queueSignInLink(tx, existing, input.redirectTo);
      return;
    }
    await auditAccount(
      tx,
      ctx,
      { userId: created.id, label: created.email },
      { action: "auth.signed_up", objectType: "user", objectId: created.id },
    );
    await queueVerificationLink(tx, created, input.redirectTo ?? "/workspaces/new");
  });
  return ok();
}

/**
 * "Send the link again" for a password account that has not confirmed its address. Same answer
 * for every email; only an unverified password account gets a message.
 */
export async function resendVerification(ctx: VisitorContext, input: { email: string; redirectTo?: string }): Promise<Outcome> {
  const allowed = await checkRateLimit([`verify:ip:${ipKey(ctx)}`, `verify:acct:${input.email}`], LIMITS.magicLink);
  if (!allowed.ok) return allowed;
  await db().transaction(async (tx) => {
    const user = await tx.query.users.findFirst({
      where: and(eq(users.email, input.email), isNull(users.emailVerifiedAt), isNotNull(users.passwordHash)),
    });
    if (user) await queueVerificationLink(tx, user, input.redirectTo);
  });
  return ok();
}

/** Opening the verification link (POST): proves the address and keeps the password chosen at sign-up. */
export async function redeemEmailVerification(ctx: VisitorContext, token: string) {
  return db().transaction(async (tx) => {
    const row = await consumeLinkToken(tx, "email_verification", token);
    if (!row) return null;
    await tx
      .update(users)
      .set({ emailVerifiedAt: new Date() })
      .where(and(eq(users.id, row.userId), isNull(users.emailVerifiedAt)));
    await auditAccount(
      tx,
      ctx,
      { userId: row.userId, label: "email verification link" },
      { action: "auth.email_verified", objectType: "user", objectId: row.userId, data: { method: "email_verification" } },
    );
    return { userId: row.userId, redirectTo: row.redirectTo };
  });
}

/**
 * A link that reached the inbox (sign-in link, password reset) proves the address. If the account
 * had not proved it before, its password may be a stranger's who signed up with this address
 * (security.md 36): that password ends here. Returns whether it did.
 */
async function proveEmailByLink(tx: Queryable, ctx: VisitorContext, userId: string, method: string): Promise<boolean> {
  const ended = await tx
    .update(users)
    .set({ emailVerifiedAt: new Date(), passwordHash: null })
    .where(and(eq(users.id, userId), isNull(users.emailVerifiedAt)))
    .returning({ id: users.id });
  if (ended.length === 0) return false;
  await auditAccount(
    tx,
    ctx,
    { userId, label: method },
    { action: "auth.email_verified", objectType: "user", objectId: userId, data: { method, passwordEnded: true } },
  );
  return true;
}

/** Same answer whether or not the email has an account. */
export async function requestMagicLink(ctx: VisitorContext, input: { email: string; redirectTo?: string }): Promise<Outcome> {
  const allowed = await checkRateLimit([`magic:ip:${ipKey(ctx)}`, `magic:acct:${input.email}`], LIMITS.magicLink);
  if (!allowed.ok) return allowed;
  await db().transaction(async (tx) => {
    const user = await tx.query.users.findFirst({ where: eq(users.email, input.email) });
    if (user) await queueSignInLink(tx, user, input.redirectTo);
  });
  return ok();
}

export async function redeemMagicLink(ctx: VisitorContext, token: string) {
  return db().transaction(async (tx) => {
    const row = await consumeLinkToken(tx, "magic_link", token);
    if (!row) return null;
    await proveEmailByLink(tx, ctx, row.userId, "magic link");
    await auditAccount(
      tx,
      ctx,
      { userId: row.userId, label: "magic link" },
      { action: "auth.signed_in", objectType: "user", objectId: row.userId, data: { method: "magic_link" } },
    );
    return { userId: row.userId, redirectTo: row.redirectTo };
  });
}

/** Same answer whether or not the email has an account. */
export async function requestPasswordReset(ctx: VisitorContext, input: { email: string }): Promise<Outcome> {
  const allowed = await checkRateLimit([`reset:ip:${ipKey(ctx)}`, `reset:acct:${input.email}`], LIMITS.passwordReset);
  if (!allowed.ok) return allowed;
  await db().transaction(async (tx) => {
    const user = await tx.query.users.findFirst({ where: eq(users.email, input.email) });
    if (!user) return;
    const token = await issueLinkToken(tx, "password_reset", user.id);
    await queueEmail(tx, {
      to: user.email,
      template: "password-reset",
      props: {
        workspace: BATON_BRANDING,
        url: `${env().APP_URL}/reset-password/${token}`,
        expiresInMinutes: linkLifetimeMinutes("password_reset"),
      },
    });
  });
  return ok();
}

/** Consumes the token, sets the password and ends every other session of the account; the value is the user id. */
export async function resetPassword(ctx: VisitorContext, input: { token: string; password: string }): Promise<Outcome<string>> {
  const passwordHash = await hashPassword(input.password);
  const userId = await db().transaction(async (tx) => {
    const row = await consumeLinkToken(tx, "password_reset", input.token);
    if (!row) return null;
    // The new password is chosen by whoever holds the inbox, so it is the one that stays.
    await proveEmailByLink(tx, ctx, row.userId, "password reset link");
    await tx.update(users).set({ passwordHash }).where(eq(users.id, row.userId));
    await auditAccount(
      tx,
      ctx,
      { userId: row.userId, label: "password reset link" },
      { action: "auth.password_reset", objectType: "user", objectId: row.userId },
    );
    return row.userId;
  });
  if (!userId) return gone("This reset link was already used or has expired. Ask for a new one.", { code: "link_used" });
  await endAllSessions(userId);
  return ok(userId);
}
