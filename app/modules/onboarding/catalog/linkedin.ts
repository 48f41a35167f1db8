import { accept, isAgencyOwnId, isDigits, refuser, tidy } from "./asset-id-rules";
import type { PlatformEntry } from "./types";

const WHERE_AD_ACCOUNT_ID = "In Campaign Manager, the account list shows the number next to each account name (for example 512345678).";
const WHERE_COMPANY_ID = "Open your Page's admin view: the number in the address (linkedin.com/company/12345678/admin/) is the Page ID.";

const adsErrors = {
  empty: `Enter your ad account ID. ${WHERE_AD_ACCOUNT_ID}`,
  company_page: `That is a company Page, not an ad account. ${WHERE_AD_ACCOUNT_ID}`,
  format: `A LinkedIn ad account ID is a number, usually 9 digits. ${WHERE_AD_ACCOUNT_ID}`,
};
const adsRefuse = refuser(adsErrors);

export const linkedinAds: PlatformEntry = {
  key: "linkedin_ads",
  name: "LinkedIn ad account",
  family: "linkedin",
  grantMethod: "user_email",
  agencyIdentity: "linkedin_member_or_company",
  steps: [
    "Sign in to Campaign Manager (linkedin.com/campaignmanager) and open your ad account.",
    "Open Account settings > Manage access and click Add user.",
    "Find {agencyId} and choose the role {role}.",
    "Click Save.",
    "If a LinkedIn Business Manager owns the account, ask its admin to share the account with us as a partner instead.",
  ],
  roles: ["Billing admin", "Account manager", "Campaign manager", "Creative manager", "Viewer"],
  combinableRoles: [],
  assetId: {
    label: "Ad account ID",
    help: WHERE_AD_ACCOUNT_ID,
    placeholder: "512345678",
    example: "512345678",
    errors: adsErrors,
    validate(raw) {
      const value = tidy(raw);
      if (!value) return adsRefuse("empty");
      if (/urn:li:(organization|company):|linkedin\.com\/company\//i.test(value)) {
        return adsRefuse("company_page");
      }
      // The API names accounts urn:li:sponsoredAccount:<id>; Campaign Manager URLs /accounts/<id>.
      const candidate =
        /urn:li:sponsoredAccount:(\d+)/i.exec(value)?.[1] ?? /\/accounts\/(\d+)/.exec(value)?.[1] ?? value.replace(/\s/g, "");
      if (!isDigits(candidate, 5, 15)) {
        return adsRefuse("format");
      }
      return accept(candidate);
    },
  },
  notes: [],
  lastChecked: "2026-11-01",
};

const pageErrors = {
  empty: `Enter your LinkedIn Page ID. ${WHERE_COMPANY_ID}`,
  ad_account: `That is an ad account, not your company Page. ${WHERE_COMPANY_ID}`,
  own_id: `That is our own company Page. We need yours. ${WHERE_COMPANY_ID}`,
  vanity_url: `That is your Page's public address; we need the number behind it. ${WHERE_COMPANY_ID}`,
  format: `A LinkedIn Page ID is a number. ${WHERE_COMPANY_ID}`,
};
const pageRefuse = refuser(pageErrors);

export const linkedinPage: PlatformEntry = {
  key: "linkedin_page",
  name: "LinkedIn Page",
  family: "linkedin",
  grantMethod: "user_email",
  agencyIdentity: "linkedin_member_or_company",
  steps: [
    "Open your LinkedIn Page's admin view as a Super admin.",
    "Go to Settings > Manage admins and click Add admin.",
    "Find {agencyId} and choose the role {role}.",
    "Click Save.",
  ],
  roles: [
    "Super admin",
    "Content admin",
    "Curator",
    "Analyst",
    "Sponsored Content poster",
    "Lead Gen Forms manager",
    "Landing Pages manager",
  ],
  combinableRoles: [],
  assetId: {
    label: "LinkedIn Page ID",
    help: WHERE_COMPANY_ID,
    placeholder: "12345678",
    example: "12345678",
    errors: pageErrors,
    validate(raw, context) {
      const value = tidy(raw);
      if (!value) return pageRefuse("empty");
      if (/urn:li:sponsoredAccount:|campaignmanager/i.test(value)) {
        return pageRefuse("ad_account");
      }
      const candidate =
        /urn:li:(?:organization|company):(\d+)/i.exec(value)?.[1] ??
        /linkedin\.com\/company\/(\d+)/i.exec(value)?.[1] ??
        value.replace(/\s/g, "");
      if (isDigits(candidate, 3, 15)) {
        if (isAgencyOwnId(candidate, context?.agencyIds?.linkedinCompanyId)) {
          return pageRefuse("own_id");
        }
        return accept(candidate);
      }
      if (/linkedin\.com\/company\//i.test(value)) {
        // A vanity address (/company/lumen-skincare) can be renamed; the number cannot.
        return pageRefuse("vanity_url");
      }
      return pageRefuse("format");
    },
  },
  notes: [],
  lastChecked: "2026-11-01",
};
