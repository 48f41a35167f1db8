import { accept, isDigits, looksLikeEmail, refuser, tidy } from "./asset-id-rules";
import type { PlatformEntry } from "./types";

// A domain name: labels of letters, digits and inner hyphens, then a TLD (punycode allowed).
const DOMAIN = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
const PROPERTY_HELP =
  "Copy the property name from the property picker in Search Console: a domain property looks like " +
  "example.com, a URL-prefix property like https://www.example.com/.";

const propertyErrors = {
  empty: `Enter your Search Console property. ${PROPERTY_HELP}`,
  email: `That is an email address, not a website. ${PROPERTY_HELP}`,
  bad_url: `That address is not a valid URL. ${PROPERTY_HELP}`,
  bad_url_domain: `That address has no valid domain. ${PROPERTY_HELP}`,
  path_without_scheme:
    "A URL-prefix property starts with https:// (for example https://www.example.com/blog/); a domain property is just the domain (example.com).",
  bad_domain: `That is not a domain name. ${PROPERTY_HELP}`,
};
const refuse = refuser(propertyErrors);

/**
 * Search Console has two kinds of property, and they are different properties for the same site.
 * We store them the way Google's API names them: `sc-domain:example.com` for a domain property,
 * the full URL with a trailing slash for a URL-prefix one.
 */
function validateSearchConsoleProperty(raw: string) {
  const value = tidy(raw);
  if (!value) return refuse("empty");
  if (looksLikeEmail(value)) return refuse("email");
  if (/^https?:\/\//i.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return refuse("bad_url");
    }
    if (!DOMAIN.test(url.hostname)) return refuse("bad_url_domain");
    // The prefix is the property: query strings and fragments are never part of it.
    return accept(`${url.protocol}//${url.host}${url.pathname}`);
  }
  const domain = value
    .replace(/^sc-domain:/i, "")
    .replace(/\/$/, "")
    .toLowerCase();
  if (domain.includes("/")) {
    return refuse("path_without_scheme");
  }
  if (!DOMAIN.test(domain)) return refuse("bad_domain");
  return accept(`sc-domain:${domain}`);
}

export const searchConsole: PlatformEntry = {
  key: "search_console",
  name: "Google Search Console",
  family: "google",
  grantMethod: "user_email",
  agencyIdentity: "google_account_email",
  steps: [
    "Open search.google.com/search-console as an Owner and pick your property in the property picker.",
    "Go to Settings > Users and permissions.",
    "Click Add user, enter {agencyId} and choose the permission {role}.",
    "Click Add.",
  ],
  roles: ["Owner", "Full user", "Restricted user"],
  combinableRoles: [],
  assetId: {
    label: "Search Console property",
    help: PROPERTY_HELP,
    placeholder: "example.com or https://www.example.com/",
    example: "sc-domain:example.com",
    errors: propertyErrors,
    validate: validateSearchConsoleProperty,
  },
  notes: ["A property can have at most 100 users: remove people who have left if Add user is refused."],
  lastChecked: "2026-11-01",
};

const WHERE_PROFILE_ID = "Open your profile, then Menu > Business Profile settings > Advanced settings: copy the Business Profile ID.";

const profileErrors = {
  empty: `Enter your Business Profile ID. ${WHERE_PROFILE_ID}`,
  maps_link: `That is a Google Maps link; we need the Business Profile ID. ${WHERE_PROFILE_ID}`,
  place_id: `That is a Maps place ID; we need the Business Profile ID. ${WHERE_PROFILE_ID}`,
  format: `A Business Profile ID is a long number (usually about 20 digits). ${WHERE_PROFILE_ID}`,
};
const profileRefuse = refuser(profileErrors);

export const businessProfile: PlatformEntry = {
  key: "business_profile",
  name: "Google Business Profile",
  family: "google",
  grantMethod: "user_email",
  agencyIdentity: "google_account_email",
  steps: [
    "Sign in with an owner of the profile and open it (search your business name on Google, or go to business.google.com).",
    "Open Menu > Business Profile settings > People and access.",
    "Click Add, enter {agencyId} and choose the role {role}.",
    "Click Invite.",
  ],
  roles: ["Primary owner", "Owner", "Manager"],
  combinableRoles: [],
  assetId: {
    label: "Business Profile ID",
    help: WHERE_PROFILE_ID,
    placeholder: "12345678901234567890",
    example: "12345678901234567890",
    errors: profileErrors,
    validate(raw) {
      const value = tidy(raw);
      if (!value) return profileRefuse("empty");
      if (/maps\.app\.goo\.gl|goo\.gl\/maps|google\.[a-z.]+\/maps|maps\.google\.|g\.page/i.test(value)) {
        return profileRefuse("maps_link");
      }
      if (/^ChIJ/.test(value)) {
        return profileRefuse("place_id");
      }
      const candidate = value.replace(/\s/g, "");
      if (!isDigits(candidate, 10, 25)) {
        return profileRefuse("format");
      }
      return accept(candidate);
    },
  },
  notes: ["A new owner waits 7 days before Google allows sensitive actions such as removing other owners."],
  lastChecked: "2026-11-01",
};
