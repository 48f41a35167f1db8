import type { PlatformKey } from "~/modules/onboarding/catalog/types";

/**
 * The one interface every platform check sits behind (issue 19, docs/decisions/064). A driver reads,
 * with the agency's own connected credentials, whether the agency can now see one asset a client
 * granted, and answers with one of five outcomes. Only "found" ever verifies a step; everything else
 * leaves the step for a person (with the reason shown) or, on a recheck, decides a grant is lost
 * only on "not_found" or "weaker_role". "unavailable" and "unknown" never change a step.
 */

export type Provider = "google" | "meta";

export type CheckOutcome =
  /** The asset is visible to the agency, with at least the role the step asked for (or presence where the API cannot say). */
  | "found"
  /** The asset is visible, but the API says the agency's role is weaker than asked. */
  | "weaker_role"
  /** The API answered normally and the asset is not among what the agency can see. */
  | "not_found"
  /** The API is down, rate-limited past the retries, or timed out: nothing can be concluded. */
  | "unavailable"
  /** The API answered something the driver does not understand: nothing can be concluded. */
  | "unknown";

/** Whether a driver's "found" confirms only that the asset is visible, or also the role granted. */
export type CheckConfirms = "presence" | "role";

export interface CheckRequest {
  platform: PlatformKey;
  /** The asset ID the client entered, normalised as the catalog stores it (digits, GTM-XXXX, a URL...). */
  assetId: string;
  /** The role the step asked for, as the catalog names it ("Analyst", "Standard", ...). */
  role: string;
}

export interface CheckResult {
  outcome: CheckOutcome;
  confirms: CheckConfirms;
  /** A person's words: what was found or why not ("Property 123456 is not in the agency's account summaries"). */
  reason: string;
  /** The facts of the answer that decided (ids, role names, status). Never a token or a header. */
  evidence: Record<string, unknown>;
  /** The role the API reported, where it reports one. */
  observedRole?: string;
}

/**
 * A fresh access token for one call, from the connection's sealed credential. The connections
 * service refreshes an expired Google token with the refresh token and reseals it; a refresh the
 * provider refuses throws CredentialRefused, which marks the connection "reconnect needed".
 */
export interface CheckCredentials {
  accessToken: string;
  /** Non-secret connection settings: Meta `businessId`, Google Ads `managerCustomerId` (login-customer-id). */
  settings: Record<string, unknown>;
}

/** What a driver may be given besides the fetcher: a sleeper for its retries (tests pass a fake one). */
export interface DriverOptions {
  sleep?: (ms: number) => Promise<void>;
}

export interface PlatformDriver {
  provider: Provider;
  platform: PlatformKey;
  confirms: CheckConfirms;
  /** The endpoints it reads, for docs/platform-checks.md and the audit event. */
  endpoints: readonly string[];
  check(request: CheckRequest, credentials: CheckCredentials, fetcher?: typeof fetch, options?: DriverOptions): Promise<CheckResult>;
}

/** The access token, or the refresh token behind it, was refused by the provider (401 / invalid_grant). */
export class CredentialRefused extends Error {
  constructor(
    readonly provider: Provider,
    readonly providerMessage: string,
  ) {
    super(`The ${provider} credential was refused: ${providerMessage}`);
    this.name = "CredentialRefused";
  }
}
