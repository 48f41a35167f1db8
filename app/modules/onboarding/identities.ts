import { z } from "zod";
import { formatGoogleAdsId, platformCatalog } from "./catalog";
import type { AgencyIdentityKind, PlatformKey } from "./catalog";

/**
 * The workspace's access identities: what a client types into their platform to give the agency
 * access. Every field is optional (an agency may not run TikTok at all); an empty form field means
 * "not set", so it is stored as absent rather than as "".
 */

/** Trim, and turn an empty field into undefined so "not set" has one representation. */
function optionalField<T extends z.ZodTypeAny>(schema: T) {
  return z.preprocess((value) => {
    if (value === null || value === undefined) return undefined;
    if (typeof value !== "string") return value;
    const trimmed = value.trim();
    return trimmed === "" ? undefined : trimmed;
  }, schema.optional());
}

const digits = (min: number, max: number, message: string) => z.string().regex(new RegExp(`^\\d{${min},${max}}$`), message);
const email = (message: string) =>
  z
    .string()
    .email(message)
    .transform((v) => v.toLowerCase());

export const agencyIdentitiesSchema = z.object({
  metaBusinessPortfolioId: optionalField(
    digits(
      10,
      20,
      "A Meta business portfolio ID is a number of 10 to 20 digits (usually 15 or 16): find it in Business settings > Business info.",
    ),
  ),
  googleAdsManagerId: optionalField(
    z
      .string()
      .regex(
        /^\d{3}-?\d{3}-?\d{4}$/,
        "A Google Ads manager ID has 10 digits, shown as 123-456-7890 at the top right of your manager account.",
      )
      .transform((v) => v.replace(/-/g, "")),
  ),
  googleAccountEmail: optionalField(
    email("Enter the Google account email you use for Analytics, Tag Manager, Search Console and Business Profile."),
  ),
  tiktokBusinessCenterId: optionalField(
    digits(
      10,
      20,
      "A TikTok Business Center ID is a number of 10 to 20 digits: find it in Business Center > Business settings > Business info.",
    ),
  ),
  linkedinEmail: optionalField(email("Enter the email of the LinkedIn member clients should add to their ad accounts and Pages.")),
  linkedinCompanyId: optionalField(
    z
      .string()
      .transform((v) => v.replace(/^urn:li:(organization|company):/i, ""))
      .pipe(digits(3, 15, "A LinkedIn company ID is a number: open your Page's admin view and copy the number in its address.")),
  ),
  shopifyPartnerId: optionalField(
    digits(4, 12, "A Shopify Partner ID is a number: it is in your Partner Dashboard's address (partners.shopify.com/1234567)."),
  ),
  shopifyPartnerName: optionalField(
    z.string().max(100, "Keep the Shopify Partner name under 100 characters: clients see it on the collaborator request."),
  ),
});

export type AgencyIdentities = z.output<typeof agencyIdentitiesSchema>;
export type IdentityField = keyof AgencyIdentities;
/** What the database or a half-filled form may hold: any field missing, null or empty. */
export type StoredIdentities = Partial<Record<IdentityField, string | null | undefined>>;

export const identityFieldLabels: Record<IdentityField, string> = {
  metaBusinessPortfolioId: "Meta business portfolio ID",
  googleAdsManagerId: "Google Ads manager (MCC) ID",
  googleAccountEmail: "Google account email",
  tiktokBusinessCenterId: "TikTok Business Center ID",
  linkedinEmail: "LinkedIn member email",
  linkedinCompanyId: "LinkedIn company ID",
  shopifyPartnerId: "Shopify Partner ID",
  shopifyPartnerName: "Shopify Partner name",
};

/** Which fields can satisfy each kind, best first (a LinkedIn member is what the steps add). */
const fieldsForKind: Record<AgencyIdentityKind, readonly IdentityField[]> = {
  meta_business_portfolio_id: ["metaBusinessPortfolioId"],
  google_ads_manager_id: ["googleAdsManagerId"],
  google_account_email: ["googleAccountEmail"],
  tiktok_business_center_id: ["tiktokBusinessCenterId"],
  linkedin_member_or_company: ["linkedinEmail", "linkedinCompanyId"],
  shopify_partner: ["shopifyPartnerName", "shopifyPartnerId"],
};

export type IdentityLookup = { ok: true; value: string; field: IdentityField; label: string } | { ok: false; message: string };

function displayValue(field: IdentityField, value: string, identities: StoredIdentities): string {
  if (field === "googleAdsManagerId") return formatGoogleAdsId(value.replace(/-/g, ""));
  // The client sees the Partner's name on the request; the ID helps tell two namesakes apart.
  if (field === "shopifyPartnerName" && identities.shopifyPartnerId?.trim()) {
    return `${value} (Partner ID ${identities.shopifyPartnerId.trim()})`;
  }
  return value;
}

/** The identity a client needs for this platform's step, formatted for display, or why it is missing. */
export function identityForPlatform(platformKey: PlatformKey, identities: StoredIdentities): IdentityLookup {
  const entry = platformCatalog[platformKey];
  const fields = fieldsForKind[entry.agencyIdentity];
  for (const field of fields) {
    const value = identities[field]?.trim();
    if (value) {
      return { ok: true, value: displayValue(field, value, identities), field, label: identityFieldLabels[field] };
    }
  }
  const names = fields.map((f) => identityFieldLabels[f]).join(" or ");
  return {
    ok: false,
    message: `${entry.name} needs the workspace's ${names}. An admin must set it in the workspace’s access identities before this step can be sent.`,
  };
}
