import { accept, isAgencyOwnId, isDigits, refuser, tidy } from "./asset-id-rules";
import type { PlatformEntry } from "./types";

const WHERE_ADVERTISER_ID =
  "In TikTok Ads Manager it is the number under your account name in the account menu (top right); " +
  "Business Center > Assets > Advertiser accounts lists it too.";

const errors = {
  empty: `Enter your advertiser ID. ${WHERE_ADVERTISER_ID}`,
  own_id: `That is our Business Center ID. We need your ad account's advertiser ID. ${WHERE_ADVERTISER_ID}`,
  profile_handle: `That is a TikTok profile handle; ads run from an ad account with a numeric advertiser ID. ${WHERE_ADVERTISER_ID}`,
  format: `An advertiser ID is a number of 10 to 20 digits. ${WHERE_ADVERTISER_ID}`,
};
const refuse = refuser(errors);

export const tiktokAds: PlatformEntry = {
  key: "tiktok_ads",
  name: "TikTok ad account",
  family: "tiktok",
  grantMethod: "partner_id",
  agencyIdentity: "tiktok_business_center_id",
  steps: [
    "Sign in at business.tiktok.com as an Admin of your Business Center.",
    "Go to Users > Partners and click Add Partners.",
    "Enter our Business Center ID {agencyId}.",
    "Select your ad account and give it the {role} permission.",
    "Confirm.",
  ],
  // Ad account permissions; Business Center member roles (Admin, Standard, Finance) are for people.
  roles: ["Admin", "Operator", "Analyst"],
  combinableRoles: [],
  assetId: {
    label: "Advertiser ID",
    help: WHERE_ADVERTISER_ID,
    placeholder: "7012345678901234567",
    example: "7012345678901234567",
    errors,
    validate(raw, context) {
      const value = tidy(raw);
      if (!value) return refuse("empty");
      // Ads Manager URLs carry the account as aadvid=<advertiser ID>.
      const candidate = /[?&]aadvid=(\d+)/.exec(value)?.[1] ?? value.replace(/\s/g, "");
      if (isDigits(candidate, 10, 20)) {
        if (isAgencyOwnId(candidate, context?.agencyIds?.tiktokBusinessCenterId)) {
          return refuse("own_id");
        }
        return accept(candidate);
      }
      if (/^@|tiktok\.com\/@/i.test(value)) {
        return refuse("profile_handle");
      }
      return refuse("format");
    },
  },
  notes: ["If you'd rather we send the request: give us your advertiser ID and the Business Center owner accepts it."],
  lastChecked: "2026-11-01",
};
