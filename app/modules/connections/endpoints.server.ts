import { env } from "~/utils/env.server";

/**
 * Where Baton talks to the providers (issue 19). Only the environment moves these: tests and local
 * stubs set GOOGLE_OAUTH_BASE_URL / GOOGLE_API_BASE_URL / META_GRAPH_BASE_URL, as RESEND_BASE_URL
 * does for email. Unset, each address is the provider's real host.
 */

/** The Google API hosts a driver reads, by their first DNS label (`<service>.googleapis.com`). */
export type GoogleService =
  "analyticsadmin" | "tagmanager" | "searchconsole" | "googleads" | "mybusinessaccountmanagement" | "mybusinessbusinessinformation";

/**
 * A Google API address: `https://<service>.googleapis.com<path>`, or with GOOGLE_API_BASE_URL set,
 * `<base>/<service><path>` (one stub answers every API, told apart by the first path segment).
 */
export function googleApiUrl(service: GoogleService, path: string): URL {
  const base = env().GOOGLE_API_BASE_URL;
  if (base) return new URL(`${base.replace(/\/$/, "")}/${service}${path}`);
  return new URL(`https://${service}.googleapis.com${path}`);
}

/** Google's OAuth 2.0 endpoints: the consent page, the token endpoint and the revocation endpoint. */
export function googleOAuthUrls(): { authorize: string; token: string; revoke: string } {
  const base = env().GOOGLE_OAUTH_BASE_URL?.replace(/\/$/, "");
  if (base) return { authorize: `${base}/o/oauth2/v2/auth`, token: `${base}/token`, revoke: `${base}/revoke` };
  return {
    authorize: "https://accounts.google.com/o/oauth2/v2/auth",
    token: "https://oauth2.googleapis.com/token",
    revoke: "https://oauth2.googleapis.com/revoke",
  };
}

/** A Graph API address: META_GRAPH_BASE_URL (version included, `https://graph.facebook.com/v25.0`) then the path. */
export function metaGraphUrl(path: string): URL {
  return new URL(`${env().META_GRAPH_BASE_URL.replace(/\/$/, "")}${path}`);
}

/** The Google Ads API version the Ads driver speaks (part of the path). */
export const GOOGLE_ADS_API_VERSION = "v22";
