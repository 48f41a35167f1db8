import { createHash } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { metaConnectFormSchema } from "./schemas";
import { memberships, oauthStates, platformConnections, workspaces } from "@db/schema";
import type { Role } from "@db/schema/roles";
import { db, isUniqueViolation, type Queryable } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { randomToken, sha256 } from "~/utils/crypto.server";
import { seal, unseal } from "~/utils/seal.server";
import { DomainError, invalid, ok, type Outcome } from "~/utils/outcome";
import { MINUTE_MS } from "~/utils/time";
import { roleCan } from "~/modules/workspaces/permissions";
import { memberContextOf, type ActorContext, type MemberContext } from "~/modules/workspaces/authz.server";
import type { SessionUser } from "~/modules/auth/session.server";
import { CredentialRefused, type Provider } from "./driver";
import { auditConnection, liveConnection, statusOf, transitionConnection, type ConnectionRow } from "./connections.server";
import { openCredential, postGoogleToken, sealCredential, type Credential } from "./credentials.server";
import { googleOAuthUrls, metaGraphUrl } from "./endpoints.server";
import { callApi, metaErrors, type CallOptions } from "./http.server";

/**
 * Connecting, reconnecting and disconnecting the workspace's Google and Meta accounts (issue 19,
 * decision 064). Google: OAuth 2.0 authorization code with PKCE (S256), offline access, consent
 * asked each time (so a refresh token comes back), the state bound to the admin who started it
 * (hash stored, verifier sealed, 10 minutes, used once). Meta: a business portfolio's system-user
 * token, tried against the Graph API before it is kept.
 */

/**
 * What Baton asks Google for. Read-only where Google offers it; Google Ads (`adwords`) and Business
 * Profile (`business.manage`) have no read-only scope, and Baton only ever reads with them.
 */
export const GOOGLE_SCOPES = [
  { scope: "openid", readOnly: true, why: "Who connected: the account's identity" },
  { scope: "email", readOnly: true, why: "The account's email, shown here and matched in GA4 access lists" },
  { scope: "https://www.googleapis.com/auth/analytics.readonly", readOnly: true, why: "GA4 properties you can see" },
  { scope: "https://www.googleapis.com/auth/analytics.manage.users.readonly", readOnly: true, why: "Your role on a GA4 property" },
  { scope: "https://www.googleapis.com/auth/tagmanager.readonly", readOnly: true, why: "Tag Manager containers you can see" },
  { scope: "https://www.googleapis.com/auth/webmasters.readonly", readOnly: true, why: "Search Console properties and your permission" },
  {
    scope: "https://www.googleapis.com/auth/adwords",
    readOnly: false,
    why: "Google Ads links to your manager account (no read-only scope exists)",
  },
  {
    scope: "https://www.googleapis.com/auth/business.manage",
    readOnly: false,
    why: "Business Profiles you manage (no read-only scope exists)",
  },
] as const;

export const OAUTH_STATE_TTL_MS = 10 * MINUTE_MS;

export function googleConfigured(): boolean {
  return Boolean(env().GOOGLE_CLIENT_ID && env().GOOGLE_CLIENT_SECRET);
}

/** The one redirect URI registered with Google: outside any workspace, the state says which. */
export function googleRedirectUri(): string {
  return `${env().APP_URL}/connections/google/callback`;
}

export function pkceChallenge(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

/** Starts a Google consent: the state and verifier kept for 10 minutes, the consent page's address. */
export async function startGoogleConnect(ctx: MemberContext, now: Date = new Date()): Promise<Outcome<{ url: string }>> {
  if (!googleConfigured()) return invalid("Google is not configured on this Baton: set GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET.");
  const state = randomToken(32);
  const verifier = randomToken(48);
  await db().transaction(async (tx) => {
    const [row] = await tx
      .insert(oauthStates)
      .values({
        workspaceId: ctx.workspace.id,
        userId: ctx.user.id,
        provider: "google",
        stateHash: sha256(state),
        sealedVerifier: seal(verifier),
        expiresAt: new Date(now.getTime() + OAUTH_STATE_TTL_MS),
      })
      .returning({ id: oauthStates.id });
    await auditConnection(tx, ctx, ctx.workspace.id, {
      action: "connection.oauth_started",
      objectType: "oauth_state",
      objectId: row.id,
      data: { provider: "google" },
    });
  });
  const url = new URL(googleOAuthUrls().authorize);
  url.search = new URLSearchParams({
    client_id: env().GOOGLE_CLIENT_ID ?? "",
    redirect_uri: googleRedirectUri(),
    response_type: "code",
    scope: GOOGLE_SCOPES.map((s) => s.scope).join(" "),
    access_type: "offline",
    prompt: "consent",
    state,
    code_challenge: pkceChallenge(verifier),
    code_challenge_method: "S256",
  }).toString();
  return ok({ url: url.toString() });
}

/** The email in the ID token Google's token endpoint returned directly over TLS (OIDC Core 3.1.3.7: no signature check needed). */
export function emailOfIdToken(idToken: string | undefined): string | null {
  const payload = idToken?.split(".")[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { email?: unknown };
    return typeof claims.email === "string" ? claims.email.slice(0, 320) : null;
  } catch {
    return null;
  }
}

const problem = (kind: "invalid" | "not_found" | "conflict" | "gone" | "forbidden", message: string, code: string) =>
  new DomainError({ kind, message, code });

export interface GoogleCallback {
  state: string | null;
  code: string | null;
  error: string | null;
}

/**
 * Google sent the admin back: the state must be one this admin started here, within 10 minutes,
 * not used before; the code is exchanged with the verifier; the refresh token is sealed. Answers
 * the workspace slug to return to; throws a DomainError saying what went wrong otherwise.
 */
export async function finishGoogleConnect(
  user: SessionUser,
  meta: { ip: string | null; userAgent: string | null },
  input: GoogleCallback,
  opts: CallOptions & { now?: Date } = {},
): Promise<{ slug: string; outcome: Outcome<{ label: string | null }> }> {
  const now = opts.now ?? new Date();
  if (!input.state)
    throw problem(
      "invalid",
      "This page needs the answer Google sends back. Start again from Settings > Connections.",
      "oauth_state_missing",
    );
  const [row] = await db()
    .select()
    .from(oauthStates)
    .where(eq(oauthStates.stateHash, sha256(input.state)))
    .limit(1);
  // Someone else's attempt looks the same as an unknown one, and is not spent.
  if (!row || row.userId !== user.id || row.provider !== "google") {
    throw problem(
      "not_found",
      "This connection attempt is not one you started. Start again from Settings > Connections.",
      "oauth_state_unknown",
    );
  }
  if (row.usedAt)
    throw problem("gone", "This connection attempt was already used. Start again from Settings > Connections.", "oauth_state_used");
  if (row.expiresAt.getTime() <= now.getTime()) {
    throw problem("gone", "This connection attempt expired (10 minutes). Start again from Settings > Connections.", "oauth_state_expired");
  }
  const [claimed] = await db()
    .update(oauthStates)
    .set({ usedAt: now })
    .where(and(eq(oauthStates.id, row.id), isNull(oauthStates.usedAt)))
    .returning({ id: oauthStates.id });
  if (!claimed)
    throw problem("gone", "This connection attempt was already used. Start again from Settings > Connections.", "oauth_state_used");

  const [found] = await db()
    .select({ workspace: workspaces, membership: memberships })
    .from(workspaces)
    .innerJoin(memberships, and(eq(memberships.workspaceId, workspaces.id), eq(memberships.userId, user.id)))
    .where(eq(workspaces.id, row.workspaceId))
    .limit(1);
  if (!found || !roleCan(found.membership.role as Role, "connections.manage")) {
    throw problem(
      "not_found",
      "This connection attempt is not one you can finish. Start again from Settings > Connections.",
      "oauth_not_admin",
    );
  }
  const slug = found.workspace.slug;
  const ctx = memberContextOf(user, found.workspace, found.membership, meta);
  if (input.error || !input.code) {
    return {
      slug,
      outcome: invalid(
        input.error === "access_denied"
          ? "Google's consent was cancelled: nothing was connected."
          : "Google did not send a code back: nothing was connected.",
      ),
    };
  }
  const token = await postGoogleToken(
    {
      grant_type: "authorization_code",
      code: input.code,
      redirect_uri: googleRedirectUri(),
      code_verifier: unseal<string>(row.sealedVerifier),
    },
    opts,
  ).catch((error: unknown) => {
    if (error instanceof CredentialRefused) return null;
    throw error;
  });
  if (!token || !token.ok) {
    return { slug, outcome: invalid("Google refused to finish the connection (the code may have expired). Try connecting again.") };
  }
  if (!token.token.refresh_token) {
    return {
      slug,
      outcome: invalid("Google gave no lasting access. Remove Baton from the Google account's third-party access, then connect again."),
    };
  }
  const label = emailOfIdToken(token.token.id_token);
  const scopes = (token.token.scope ?? "").split(/\s+/).filter(Boolean);
  const readOnlyOrKnown = new Set<string>(GOOGLE_SCOPES.map((s) => s.scope));
  await saveConnection(ctx, "google", {
    credential: {
      provider: "google",
      refreshToken: token.token.refresh_token,
      accessToken: token.token.access_token,
      accessTokenExpiresAt: new Date(now.getTime() + token.token.expires_in * 1000).toISOString(),
    },
    label,
    scopes: scopes.filter((s) => readOnlyOrKnown.has(s) || s.startsWith("https://www.googleapis.com/auth/userinfo.")).join(" "),
    settings: label ? { accountEmail: label } : {},
  });
  return { slug, outcome: ok({ label }) };
}

/** Stores a credential: a new connection, or a reconnect of the live one (compare-and-set, audited). */
async function saveConnection(
  ctx: ActorContext,
  provider: Provider,
  input: { credential: Credential; label: string | null; scopes: string | null; settings: Record<string, unknown> },
): Promise<void> {
  const userId = ctx.actor.userId;
  const values = {
    sealedCredential: sealCredential(input.credential),
    accountLabel: input.label,
    scopes: input.scopes,
    settings: input.settings,
    connectedBy: userId,
    connectedAt: new Date(),
    lastError: null,
    reconnectAlertedAt: null,
  };
  try {
    await db().transaction(async (tx) => {
      const live = await liveConnection(tx, ctx.workspace.id, provider);
      if (live) {
        const updated = await transitionConnection(tx, live, "reconnect", values, ctx, { accountLabel: input.label });
        if (!updated) throw problem("conflict", "The connection changed meanwhile. Reload the page and try again.", "connection_changed");
        return;
      }
      const [row] = await tx
        .insert(platformConnections)
        .values({ workspaceId: ctx.workspace.id, provider, status: "connected", ...values })
        .returning({ id: platformConnections.id });
      await auditConnection(tx, ctx, ctx.workspace.id, {
        action: "connection.connect",
        objectType: "platform_connection",
        objectId: row.id,
        data: { provider, to: "connected", accountLabel: input.label, scopes: input.scopes },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw problem("conflict", "Another admin connected this account at the same moment. Reload the page.", "connection_exists");
    throw error;
  }
}

export const metaConnectSchema = metaConnectFormSchema;
export type MetaConnectInput = z.infer<typeof metaConnectSchema>;

const businessAnswer = z.object({ id: z.string(), name: z.string().optional() });

/**
 * Tries the token on the business portfolio before keeping it: a refused token, or a portfolio the
 * token cannot read, is said next to its field and nothing is stored.
 */
export async function connectMeta(
  ctx: MemberContext,
  input: MetaConnectInput,
  opts: CallOptions = {},
): Promise<Outcome<{ label: string | null }>> {
  const url = metaGraphUrl(`/${input.businessId}`);
  url.searchParams.set("fields", "id,name");
  let answer;
  try {
    answer = await callApi({ url, headers: { authorization: `Bearer ${input.token}` } }, metaErrors, opts);
  } catch (error) {
    if (!(error instanceof CredentialRefused)) throw error;
    return invalid(undefined, {
      token: [`Meta refused this token (${error.providerMessage}). Generate a new one for the system user and paste it again.`],
    });
  }
  if (answer.kind === "unavailable") return invalid(`Meta did not answer (${answer.reason}) Nothing was saved; try again in a moment.`);
  const parsed = answer.kind === "ok" ? businessAnswer.safeParse(answer.body) : null;
  if (!parsed?.success || parsed.data.id !== input.businessId) {
    return invalid(undefined, {
      businessId: ["This token cannot read that business portfolio. Check the ID, and that the system user belongs to that portfolio."],
    });
  }
  const label = parsed.data.name?.slice(0, 200) ?? null;
  await saveConnection(ctx, "meta", {
    credential: { provider: "meta", accessToken: input.token },
    label,
    scopes: null,
    settings: { businessId: input.businessId },
  });
  return ok({ label });
}

/**
 * Disconnects: the credential is erased from the row (security.md 38), which stays for the audit
 * trail; a Google refresh token is also revoked at Google (best effort, after the commit).
 */
export async function disconnect(
  ctx: MemberContext,
  provider: Provider,
  expectedVersion: number,
  opts: CallOptions = {},
): Promise<Outcome<undefined>> {
  let erased: string | null = null;
  await db().transaction(async (tx) => {
    const live = await liveConnection(tx, ctx.workspace.id, provider);
    if (!live) throw problem("conflict", "This account is not connected any more. Reload the page.", "connection_gone");
    if (live.rowVersion !== expectedVersion)
      throw problem("conflict", "The connection changed meanwhile. Reload the page and look again.", "connection_changed");
    const updated = await transitionConnection(
      tx,
      live,
      "disconnect",
      { sealedCredential: null, disconnectedAt: new Date(), disconnectedBy: ctx.user.id, lastError: null },
      ctx,
    );
    if (!updated) throw problem("conflict", "The connection changed meanwhile. Reload the page and look again.", "connection_changed");
    erased = live.sealedCredential;
  });
  if (provider === "google" && erased) await revokeGoogle(erased, opts);
  return ok(undefined);
}

async function revokeGoogle(sealed: string, opts: CallOptions): Promise<void> {
  try {
    const credential = openCredential(sealed, "google");
    if (credential.provider !== "google") return;
    await callApi(
      { url: googleOAuthUrls().revoke, method: "POST", form: { token: credential.refreshToken } },
      { provider: "google" },
      { ...opts, sleep: opts.sleep ?? (async () => {}) },
    );
  } catch {
    // The credential is already erased here; a revocation Google did not take changes nothing for Baton.
  }
}

export interface ConnectionView {
  provider: Provider;
  status: ReturnType<typeof statusOf>;
  accountLabel: string | null;
  lastError: string | null;
  connectedAt: string | null;
  lastUsedAt: string | null;
  scopes: string[];
  businessId: string | null;
  rowVersion: number;
}

/** What the settings page may show of a connection: never the credential. */
export async function connectionViews(q: Queryable, workspaceId: string): Promise<Record<Provider, ConnectionView>> {
  const view = (provider: Provider, row: ConnectionRow | null): ConnectionView => ({
    provider,
    status: statusOf(row),
    accountLabel: row?.accountLabel ?? null,
    lastError: row?.status === "reconnect_needed" ? row.lastError : null,
    connectedAt: row?.connectedAt.toISOString() ?? null,
    lastUsedAt: row?.lastUsedAt?.toISOString() ?? null,
    scopes: row?.scopes ? row.scopes.split(" ") : [],
    businessId: typeof row?.settings.businessId === "string" ? row.settings.businessId : null,
    rowVersion: row?.rowVersion ?? 0,
  });
  const [google, meta] = await Promise.all([liveConnection(q, workspaceId, "google"), liveConnection(q, workspaceId, "meta")]);
  return { google: view("google", google), meta: view("meta", meta) };
}

/** Old OAuth attempts are no use to anyone: the retention job may call this. */
export async function deleteExpiredOAuthStates(now: Date = new Date()): Promise<number> {
  const rows = await db()
    .delete(oauthStates)
    .where(sql`${oauthStates.expiresAt} < ${new Date(now.getTime() - OAUTH_STATE_TTL_MS).toISOString()}`)
    .returning({ id: oauthStates.id });
  return rows.length;
}
