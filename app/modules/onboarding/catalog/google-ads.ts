import { accept, digitsOf, googleIdPatterns, isAgencyOwnId, refuser, tidy } from "./asset-id-rules";
import type { PlatformEntry } from "./types";

const WHERE_CUSTOMER_ID = "It is the 10-digit number shown as 123-456-7890 at the top right of Google Ads, next to your account name.";

const errors = {
  empty: `Enter your Google Ads customer ID. ${WHERE_CUSTOMER_ID}`,
  conversion_id: `That is a conversion ID (AW-…), used in tracking tags. We need your customer ID instead. ${WHERE_CUSTOMER_ID}`,
  analytics_id: `That is a Google Analytics or Tag Manager ID, not a Google Ads one. ${WHERE_CUSTOMER_ID}`,
  format: `A Google Ads customer ID has exactly 10 digits. ${WHERE_CUSTOMER_ID}`,
  format_counted: `A Google Ads customer ID has exactly 10 digits. This one has {{count}} digits. ${WHERE_CUSTOMER_ID}`,
  own_id: `That is our manager (MCC) ID, the one sending you the request. We need your own account's customer ID. ${WHERE_CUSTOMER_ID}`,
};
const refuse = refuser(errors);

/** Display form of a 10-digit Google Ads ID (customer or manager): 123-456-7890. */
export function formatGoogleAdsId(digits: string): string {
  return /^\d{10}$/.test(digits) ? `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}` : digits;
}

export const googleAds: PlatformEntry = {
  key: "google_ads",
  name: "Google Ads",
  family: "google",
  grantMethod: "manager_link",
  agencyIdentity: "google_ads_manager_id",
  // A manager link has no role of its own: our people reach the account with the access level
  // we give them in our manager account, so {role} is what we hold ourselves to, not a click.
  steps: [
    "Enter your customer ID below: we send a link request from our manager account {agencyId} to it.",
    "Sign in at ads.google.com as an Admin of the account: only Admins can accept a manager link.",
    "Go to Admin > Access and security > Managers.",
    "Find the request from manager account {agencyId} and click Accept. We work in it with {role} access.",
  ],
  roles: ["Admin", "Standard", "Read-only", "Email-only", "Billing"],
  combinableRoles: [],
  assetId: {
    label: "Google Ads customer ID",
    help: WHERE_CUSTOMER_ID,
    placeholder: "123-456-7890",
    example: "1234567890",
    errors,
    validate(raw, context) {
      const value = tidy(raw);
      if (!value) return refuse("empty");
      if (googleIdPatterns.adsConversion.test(value)) {
        return refuse("conversion_id");
      }
      if (
        googleIdPatterns.measurementId.test(value) ||
        googleIdPatterns.universalAnalytics.test(value) ||
        googleIdPatterns.tagManager.test(value)
      ) {
        return refuse("analytics_id");
      }
      const compact = value.replace(/\s/g, "");
      if (!/^\d{3}-?\d{3}-?\d{4}$/.test(compact)) {
        return /^[\d-]+$/.test(compact) ? refuse("format_counted", { count: digitsOf(compact).length }) : refuse("format");
      }
      const digits = digitsOf(compact);
      if (isAgencyOwnId(digits, context?.agencyIds?.googleAdsManagerId)) {
        return refuse("own_id");
      }
      return accept(digits);
    },
  },
  notes: [
    "An account can be linked to at most 5 manager accounts: if Accept is missing, remove a manager you no longer use.",
    "If “Allowed email domains” is set under Access and security, it can block our invitations.",
  ],
  lastChecked: "2026-11-01",
};
