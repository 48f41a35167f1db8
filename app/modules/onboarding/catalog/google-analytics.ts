import { accept, googleIdPatterns, refuser, tidy } from "./asset-id-rules";
import type { PlatformEntry } from "./types";

const WHERE_PROPERTY_ID =
  "In Google Analytics open Admin > Property settings > Property details: the property ID is the number at the top right (for example 123456789).";

const ga4Errors = {
  empty: `Enter your GA4 property ID. ${WHERE_PROPERTY_ID}`,
  measurement_id: `That is a measurement ID (G-…), which names a data stream. We need the numeric property ID. ${WHERE_PROPERTY_ID}`,
  universal_analytics: `UA-… IDs belong to Universal Analytics, which Google has shut down. We need the property ID of your GA4 property. ${WHERE_PROPERTY_ID}`,
  tag_id: `That is a Tag Manager or Google tag ID, not an Analytics property. ${WHERE_PROPERTY_ID}`,
  conversion_id: `That is a Google Ads conversion ID (AW-…). ${WHERE_PROPERTY_ID}`,
  format: `A GA4 property ID is a number of 6 to 12 digits. ${WHERE_PROPERTY_ID}`,
};
const ga4Refuse = refuser(ga4Errors);

export const ga4: PlatformEntry = {
  key: "ga4",
  name: "Google Analytics 4",
  family: "google",
  grantMethod: "user_email",
  agencyIdentity: "google_account_email",
  // Property level, not account level: least privilege, and the property is what we report on.
  steps: [
    "Sign in at analytics.google.com as an Administrator (only Administrators can add users).",
    "Open Admin (the gear, bottom left) and, in the Property column, click Access management.",
    "Click + > Add users.",
    "Enter {agencyId} and choose the role {role}.",
    "Click Add.",
  ],
  roles: ["Administrator", "Editor", "Marketer", "Analyst", "Viewer"],
  combinableRoles: [],
  assetId: {
    label: "GA4 property ID",
    help: WHERE_PROPERTY_ID,
    placeholder: "123456789",
    example: "123456789",
    errors: ga4Errors,
    validate(raw) {
      const value = tidy(raw);
      if (!value) return ga4Refuse("empty");
      if (googleIdPatterns.measurementId.test(value)) {
        return ga4Refuse("measurement_id");
      }
      if (googleIdPatterns.universalAnalytics.test(value)) {
        return ga4Refuse("universal_analytics");
      }
      if (googleIdPatterns.tagManager.test(value) || googleIdPatterns.googleTag.test(value)) {
        return ga4Refuse("tag_id");
      }
      if (googleIdPatterns.adsConversion.test(value)) {
        return ga4Refuse("conversion_id");
      }
      // Analytics URLs carry the property as /p123456789/, the API as properties/123456789.
      const candidate = /(?:^p|\/p|properties\/)(\d+)/.exec(value)?.[1] ?? value.replace(/\s/g, "");
      if (!/^\d{6,12}$/.test(candidate)) {
        return ga4Refuse("format");
      }
      return accept(candidate);
    },
  },
  notes: [],
  lastChecked: "2026-11-01",
};

const WHERE_CONTAINER_ID = "In Tag Manager, the container ID is shown at the top next to your workspace name, for example GTM-AB12CD3.";
const CONTAINER_ID = /^GTM-[A-Z0-9]{4,10}$/i;

const gtmErrors = {
  empty: `Enter your container ID. ${WHERE_CONTAINER_ID}`,
  measurement_id: `That is a Google Analytics measurement ID (G-…), not a container. ${WHERE_CONTAINER_ID}`,
  google_tag: `That is a Google tag ID (GT-…), not a Tag Manager container. ${WHERE_CONTAINER_ID}`,
  other_google_id: `That is an Analytics or Google Ads ID, not a container. ${WHERE_CONTAINER_ID}`,
  missing_prefix: `Container IDs start with GTM-: did you mean GTM-{{value}}? ${WHERE_CONTAINER_ID}`,
  format: `A container ID is GTM- followed by 4 to 10 letters or digits. ${WHERE_CONTAINER_ID}`,
};
const gtmRefuse = refuser(gtmErrors);

export const googleTagManager: PlatformEntry = {
  key: "google_tag_manager",
  name: "Google Tag Manager",
  family: "google",
  grantMethod: "user_email",
  agencyIdentity: "google_account_email",
  steps: [
    "Sign in at tagmanager.google.com as an account Administrator.",
    "Open Admin > User Management (account column) and click + > Add users.",
    "Enter {agencyId}.",
    "Under Account permissions choose User; under Container permissions give your container {role}.",
    "Click Invite.",
  ],
  // Account level (User, Administrator) and container level (the rest) are set on the same screen;
  // the role we ask for is the container one, with account permission "User".
  roles: ["No access", "Read", "Edit", "Approve", "Publish", "User", "Administrator"],
  combinableRoles: [],
  assetId: {
    label: "Container ID",
    help: WHERE_CONTAINER_ID,
    placeholder: "GTM-XXXXXXX",
    example: "GTM-AB12CD3",
    errors: gtmErrors,
    validate(raw) {
      const value = tidy(raw);
      if (!value) return gtmRefuse("empty");
      if (CONTAINER_ID.test(value)) return accept(value.toUpperCase());
      if (googleIdPatterns.measurementId.test(value)) {
        return gtmRefuse("measurement_id");
      }
      if (googleIdPatterns.googleTag.test(value)) {
        return gtmRefuse("google_tag");
      }
      if (googleIdPatterns.universalAnalytics.test(value) || googleIdPatterns.adsConversion.test(value)) {
        return gtmRefuse("other_google_id");
      }
      // A pasted install snippet holds the ID once (gtm.js?id=GTM-...): take it from there.
      const fromSnippet = /\bGTM-[A-Z0-9]{4,10}\b/i.exec(value)?.[0];
      if (fromSnippet && value.length > fromSnippet.length) return accept(fromSnippet.toUpperCase());
      if (/^[A-Z0-9]{4,10}$/i.test(value) && /[A-Z]/i.test(value)) {
        return gtmRefuse("missing_prefix", { value: value.toUpperCase() });
      }
      return gtmRefuse("format");
    },
  },
  notes: [],
  lastChecked: "2026-11-01",
};
