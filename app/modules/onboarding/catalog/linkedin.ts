import { accept, isAgencyOwnId, isDigits, refuse, tidy } from "./asset-id-rules";
import type { PlatformEntry } from "./types";

const WHERE_AD_ACCOUNT_ID = "In Campaign Manager, the account list shows the number next to each account name (for example 512345678).";
const WHERE_COMPANY_ID = "Open your Page's admin view: the number in the address (linkedin.com/company/12345678/admin/) is the Page ID.";

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
    validate(raw) {
      const value = tidy(raw);
      if (!value) return refuse(`Enter your ad account ID. ${WHERE_AD_ACCOUNT_ID}`);
      if (/urn:li:(organization|company):|linkedin\.com\/company\//i.test(value)) {
        return refuse(`That is a company Page, not an ad account. ${WHERE_AD_ACCOUNT_ID}`);
      }
      // The API names accounts urn:li:sponsoredAccount:<id>; Campaign Manager URLs /accounts/<id>.
      const candidate =
        /urn:li:sponsoredAccount:(\d+)/i.exec(value)?.[1] ?? /\/accounts\/(\d+)/.exec(value)?.[1] ?? value.replace(/\s/g, "");
      if (!isDigits(candidate, 5, 15)) {
        return refuse(`A LinkedIn ad account ID is a number, usually 9 digits. ${WHERE_AD_ACCOUNT_ID}`);
      }
      return accept(candidate);
    },
  },
  notes: [],
  lastChecked: "2026-11-01",
};

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
    validate(raw, context) {
      const value = tidy(raw);
      if (!value) return refuse(`Enter your LinkedIn Page ID. ${WHERE_COMPANY_ID}`);
      if (/urn:li:sponsoredAccount:|campaignmanager/i.test(value)) {
        return refuse(`That is an ad account, not your company Page. ${WHERE_COMPANY_ID}`);
      }
      const candidate =
        /urn:li:(?:organization|company):(\d+)/i.exec(value)?.[1] ??
        /linkedin\.com\/company\/(\d+)/i.exec(value)?.[1] ??
        value.replace(/\s/g, "");
      if (isDigits(candidate, 3, 15)) {
        if (isAgencyOwnId(candidate, context?.agencyIds?.linkedinCompanyId)) {
          return refuse(`That is our own company Page. We need yours. ${WHERE_COMPANY_ID}`);
        }
        return accept(candidate);
      }
      if (/linkedin\.com\/company\//i.test(value)) {
        // A vanity address (/company/lumen-skincare) can be renamed; the number cannot.
        return refuse(`That is your Page's public address; we need the number behind it. ${WHERE_COMPANY_ID}`);
      }
      return refuse(`A LinkedIn Page ID is a number. ${WHERE_COMPANY_ID}`);
    },
  },
  notes: [],
  lastChecked: "2026-11-01",
};
