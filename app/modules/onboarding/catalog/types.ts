import { z } from "zod";

/**
 * The shape of one platform in the onboarding catalog. Platforms change their screens often, so
 * everything a client reads (steps, roles, ID formats) is data with a `lastChecked` date that a
 * person can re-verify, never text buried in components.
 */

export const platformKeys = [
  "meta_ad_account",
  "meta_page",
  "meta_pixel",
  "instagram",
  "google_ads",
  "ga4",
  "google_tag_manager",
  "search_console",
  "business_profile",
  "tiktok_ads",
  "linkedin_ads",
  "linkedin_page",
  "shopify",
] as const;

export const platformKeySchema = z.enum(platformKeys);
export type PlatformKey = z.infer<typeof platformKeySchema>;

export type PlatformFamily = "meta" | "google" | "tiktok" | "linkedin" | "shopify";

/**
 * How the client gives access. Business-to-business links by ID survive staff turnover, so they
 * are preferred; adding a person by email is the fallback where a platform has nothing better.
 * - partner_id: the client enters the agency's business ID in their own settings (Meta, TikTok).
 * - manager_link: the agency sends a request to the client's ID; the client accepts (Google Ads).
 * - user_email: the client adds the agency's login email with a role (GA4, GTM, LinkedIn...).
 * - collaborator_code: the client shares a request code; the agency requests; client approves.
 */
export type GrantMethod = "partner_id" | "manager_link" | "user_email" | "collaborator_code";

/** Which of the workspace's access identities the client needs to see on this step. */
export type AgencyIdentityKind =
  | "meta_business_portfolio_id"
  | "google_ads_manager_id"
  | "google_account_email"
  | "tiktok_business_center_id"
  | "linkedin_member_or_company"
  | "shopify_partner";

export type AssetIdResult =
  { ok: true; value: string } | { ok: false; code: string; vars: Record<string, string | number>; message: string };

/**
 * The agency's own IDs, so a validator can recognise a client pasting them back (a common
 * mistake: the ID is right there on the page). Values may be formatted; compare digits only.
 */
export interface AssetIdContext {
  agencyIds?: {
    metaBusinessPortfolioId?: string | null;
    googleAdsManagerId?: string | null;
    tiktokBusinessCenterId?: string | null;
    linkedinCompanyId?: string | null;
  };
}

export interface AssetIdField {
  label: string;
  /** Where the client finds the ID, in the platform's own words. */
  help: string;
  placeholder: string;
  example: string;
  /** Every refusal `validate` can give, by code: English templates, translated per locale. */
  errors: Readonly<Record<string, string>>;
  /** Normalises what the client typed, or says in one sentence what is wrong and how to fix it. */
  validate: (raw: string, context?: AssetIdContext) => AssetIdResult;
}

export interface PlatformEntry {
  key: PlatformKey;
  name: string;
  family: PlatformFamily;
  grantMethod: GrantMethod;
  agencyIdentity: AgencyIdentityKind;
  /** The exact clicks, with {agencyId} and {role} filled in by `fillSteps`. */
  steps: readonly string[];
  /** Real role (or task) names, as the platform's own screens spell them. */
  roles: readonly string[];
  /**
   * Roles that are tasks the client ticks together (Meta's "Partial access"), so a granted role
   * may be several of them joined by ", ". Empty when the platform grants exactly one role.
   */
  combinableRoles: readonly string[];
  /** Old role names clients still use, mapped to today's name. */
  roleAliases?: Readonly<Record<string, string>>;
  assetId: AssetIdField;
  /** Things the client should know that are not a click: limits, waiting periods. */
  notes: readonly string[];
  /** The day a person last checked these steps against the platform (yyyy-MM-dd). */
  lastChecked: string;
}
