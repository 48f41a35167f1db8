import { z } from "zod";
import { env } from "~/utils/env.server";
import { seal, unseal } from "~/utils/seal.server";
import { CredentialRefused, type Provider } from "./driver";
import { googleOAuthUrls } from "./endpoints.server";
import { callApi, googleErrors, type ApiAnswer, type CallOptions } from "./http.server";

/**
 * What a connection's sealed credential holds (issue 19). Only this module seals and opens it; the
 * rest of Baton sees an access token for one call at most, never the refresh token.
 */

export const googleCredentialSchema = z.object({
  provider: z.literal("google"),
  refreshToken: z.string().min(1),
  accessToken: z.string().min(1).optional(),
  /** ISO instant the access token stops opening. */
  accessTokenExpiresAt: z.string().optional(),
});

export const metaCredentialSchema = z.object({
  provider: z.literal("meta"),
  /** A system-user access token of the agency's business portfolio. */
  accessToken: z.string().min(1),
});

export const credentialSchema = z.discriminatedUnion("provider", [googleCredentialSchema, metaCredentialSchema]);
export type GoogleCredential = z.infer<typeof googleCredentialSchema>;
export type MetaCredential = z.infer<typeof metaCredentialSchema>;
export type Credential = z.infer<typeof credentialSchema>;

export function sealCredential(credential: Credential): string {
  return seal(credentialSchema.parse(credential));
}

/** Opens a sealed credential; a credential that no longer opens (another APP_SECRET, altered) is refused. */
export function openCredential(sealed: string | null, provider: Provider): Credential {
  if (!sealed) throw new CredentialRefused(provider, "no credential is stored");
  let value: unknown;
  try {
    value = unseal(sealed);
  } catch {
    throw new CredentialRefused(provider, "the stored credential no longer opens (was APP_SECRET changed?)");
  }
  const parsed = credentialSchema.safeParse(value);
  if (!parsed.success || parsed.data.provider !== provider) throw new CredentialRefused(provider, "the stored credential is not readable");
  return parsed.data;
}

/** An access token this close to expiry is refreshed first. */
export const EXPIRY_MARGIN_MS = 60_000;

export function needsRefresh(credential: GoogleCredential, now: Date): boolean {
  if (!credential.accessToken || !credential.accessTokenExpiresAt) return true;
  return Date.parse(credential.accessTokenExpiresAt) - EXPIRY_MARGIN_MS <= now.getTime();
}

const tokenAnswer = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().int().positive(),
  refresh_token: z.string().min(1).optional(),
  scope: z.string().optional(),
  token_type: z.string().optional(),
  id_token: z.string().optional(),
});
export type GoogleTokenAnswer = z.infer<typeof tokenAnswer>;

/** OAuth errors after which only a new consent helps (RFC 6749 §5.2). */
const REFUSED_GRANT = new Set(["invalid_grant", "unauthorized_client"]);

export type TokenCall =
  | { ok: true; token: GoogleTokenAnswer }
  | { ok: false; answer: Extract<ApiAnswer, { kind: "unavailable" }> | { kind: "client_error"; status: number; error: string | null } };

/** POSTs to Google's token endpoint with the app's client credentials; a refused grant throws CredentialRefused. */
export async function postGoogleToken(form: Record<string, string>, call: CallOptions): Promise<TokenCall> {
  const { GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET } = env();
  const answer = await callApi(
    {
      url: googleOAuthUrls().token,
      method: "POST",
      form: { ...form, client_id: GOOGLE_CLIENT_ID ?? "", client_secret: GOOGLE_CLIENT_SECRET ?? "" },
    },
    // The token endpoint answers 400 invalid_grant for a revoked or expired refresh token.
    {
      ...googleErrors,
      isRefused: (status, body) => status === 400 && REFUSED_GRANT.has(String((body as { error?: unknown } | null)?.error)),
    },
    call,
  );
  if (answer.kind === "unavailable") return { ok: false, answer };
  if (answer.kind === "client_error") {
    const error = (answer.body as { error?: unknown } | null)?.error;
    return { ok: false, answer: { kind: "client_error", status: answer.status, error: typeof error === "string" ? error : null } };
  }
  const parsed = tokenAnswer.safeParse(answer.body);
  if (!parsed.success)
    return {
      ok: false,
      answer: { kind: "unavailable", status: answer.status, reason: "Google's token endpoint answered an unexpected shape." },
    };
  return { ok: true, token: parsed.data };
}

/**
 * A fresh access token from the refresh token: the new credential to reseal, or why not. A refused
 * refresh token (revoked, expired, the consent withdrawn) throws CredentialRefused.
 */
export async function refreshGoogleCredential(
  credential: GoogleCredential,
  now: Date,
  call: CallOptions,
): Promise<{ ok: true; credential: GoogleCredential } | { ok: false; reason: string }> {
  const answer = await postGoogleToken({ grant_type: "refresh_token", refresh_token: credential.refreshToken }, call);
  if (!answer.ok) {
    const reason =
      answer.answer.kind === "unavailable"
        ? answer.answer.reason
        : `Google's token endpoint refused the app (HTTP ${answer.answer.status}${answer.answer.error ? `, ${answer.answer.error}` : ""}): check GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET.`;
    return { ok: false, reason };
  }
  return {
    ok: true,
    credential: {
      ...credential,
      accessToken: answer.token.access_token,
      accessTokenExpiresAt: new Date(now.getTime() + answer.token.expires_in * 1000).toISOString(),
    },
  };
}
