/**
 * The providers' documented answers (issue 19), as plain data: the MSW handlers of the driver and
 * connect tests and the end-to-end provider stub (test/support/provider-stub.ts) answer with these,
 * so both speak the same shapes. No imports: the browser tests load this without the app.
 */

export const AGENCY_EMAIL = "ops@agency.example";

/** Recognisable secrets, so a dump or a log that holds one is easy to catch. */
export const SECRETS = {
  refreshToken: "1//refresh-SECRET-google-0123456789",
  expiredAccess: "ya29.expired-SECRET-access",
  freshAccess: "ya29.fresh-SECRET-access",
  metaToken: "EAAG-meta-system-user-SECRET-token",
};

/** A Google API error body as the APIs document it. */
export function googleError(code: number, status: string, message: string) {
  return { error: { code, message, status } };
}

/**
 * An ID token as Google's token endpoint returns it (a JWT; Baton reads its email claim only, as
 * OIDC allows for a token received directly from the token endpoint over TLS).
 */
export function idToken(email: string): string {
  return ["e30", Buffer.from(JSON.stringify({ email, email_verified: true })).toString("base64url"), "sig"].join(".");
}

/** One entry of Analytics Admin `accountSummaries` (v1beta): an account and its GA4 properties. */
export function ga4AccountSummary(account: string, properties: string[]) {
  return {
    name: `accountSummaries/${account}`,
    account: `accounts/${account}`,
    displayName: `Account ${account}`,
    propertySummaries: properties.map((p) => ({
      property: `properties/${p}`,
      displayName: `Site ${p}`,
      propertyType: "PROPERTY_TYPE_ORDINARY",
      parent: `accounts/${account}`,
    })),
  };
}

/** A Graph API error body: `{ error: { message, type, code, fbtrace_id } }` (190: the token is refused). */
export function graphError(code: number, message: string, type = "OAuthException") {
  return { error: { message, type, code, fbtrace_id: "AbCdEf123" } };
}
