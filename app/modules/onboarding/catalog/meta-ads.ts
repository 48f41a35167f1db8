import { accept, digitsOf, isAgencyOwnId, isDigits, refuser, tidy } from "./asset-id-rules";
import { META_LAST_CHECKED, metaPartnerSteps } from "./meta-partner-steps";
import type { PlatformEntry } from "./types";

const OWN_PORTFOLIO = "That is our business portfolio ID, the one you give access to. Here we need the ID of your own ";

const adErrors = {
  empty: "Enter your ad account ID: the number under your account name in Ads Manager.",
  format:
    "An ad account ID is a number (up to 20 digits), sometimes shown as act_1234567890123456. " +
    "Find it in Ads Manager under your account name, or in Business settings > Accounts > Ad accounts.",
  own_id: OWN_PORTFOLIO + "ad account, from Business settings > Accounts > Ad accounts.",
};
const adRefuse = refuser(adErrors);

export const metaAdAccount: PlatformEntry = {
  key: "meta_ad_account",
  name: "Meta ad account",
  family: "meta",
  grantMethod: "partner_id",
  agencyIdentity: "meta_business_portfolio_id",
  steps: metaPartnerSteps("Ad accounts", "ad account"),
  roles: ["Full control", "Manage campaigns", "View performance", "Manage Creative Hub mockups"],
  combinableRoles: ["Manage campaigns", "View performance", "Manage Creative Hub mockups"],
  // Meta renamed these, but agencies and clients still say the old names.
  roleAliases: { Admin: "Full control", Advertiser: "Manage campaigns", Analyst: "View performance" },
  assetId: {
    label: "Ad account ID",
    help:
      "In Ads Manager, the number under your account name in the account menu (top left); " +
      "Business settings > Accounts > Ad accounts lists it too. If it starts with act_, paste it as is.",
    placeholder: "act_1234567890123456",
    example: "1234567890123456",
    errors: adErrors,
    validate(raw, context) {
      const value = tidy(raw);
      if (!value) return adRefuse("empty");
      // Ads Manager URLs carry the account as ?act=123...; the API and some screens show act_123...
      const candidate = /[?&]act=(\d+)/.exec(value)?.[1] ?? value.replace(/^act_/i, "").replace(/\s/g, "");
      if (!isDigits(candidate, 6, 20)) {
        return adRefuse("format");
      }
      if (isAgencyOwnId(candidate, context?.agencyIds?.metaBusinessPortfolioId)) {
        return adRefuse("own_id");
      }
      return accept(candidate);
    },
  },
  notes: ["If you'd rather we send the request: give us your ad account ID and approve it under Business settings > Requests > Received."],
  lastChecked: META_LAST_CHECKED,
};

const pixelErrors = {
  empty: "Enter your dataset (pixel) ID from Events Manager > Data sources.",
  ad_account:
    "That is an ad account ID (act_…). We need the dataset (pixel) ID: in Events Manager, " +
    "open Data sources and select your pixel; the ID is under its name.",
  format: "A dataset (pixel) ID is a number of 15 or 16 digits. Find it in Events Manager > Data sources, under your pixel's name.",
  own_id: OWN_PORTFOLIO + "pixel, from Events Manager > Data sources.",
};
const pixelRefuse = refuser(pixelErrors);

export const metaPixel: PlatformEntry = {
  key: "meta_pixel",
  name: "Meta pixel / dataset",
  family: "meta",
  grantMethod: "partner_id",
  agencyIdentity: "meta_business_portfolio_id",
  steps: metaPartnerSteps("Datasets (Data sources)", "dataset (pixel)"),
  // Meta's dataset screen offers full control or partial access (use, analyse, upload events);
  // platforms.md names no finer tasks, so we ask for one of the two levels.
  roles: ["Full control", "Partial access"],
  combinableRoles: [],
  roleAliases: { Admin: "Full control", Analyst: "Partial access" },
  assetId: {
    label: "Dataset (pixel) ID",
    help:
      "In Events Manager, open Data sources and select your pixel: the ID is under its name. " +
      "Business settings > Data sources > Datasets shows it too.",
    placeholder: "123456789012345",
    example: "123456789012345",
    errors: pixelErrors,
    validate(raw, context) {
      const value = tidy(raw);
      if (!value) return pixelRefuse("empty");
      if (/^act_/i.test(value)) {
        return pixelRefuse("ad_account");
      }
      // Clients often paste the whole base code; the ID is the second argument of fbq('init', ...).
      const fromSnippet = /fbq\(\s*['"]init['"]\s*,\s*['"](\d+)['"]/.exec(value)?.[1];
      const candidate = fromSnippet ?? value.replace(/\s/g, "");
      if (!isDigits(candidate, 10, 20)) {
        return pixelRefuse("format");
      }
      if (isAgencyOwnId(digitsOf(candidate), context?.agencyIds?.metaBusinessPortfolioId)) {
        return pixelRefuse("own_id");
      }
      return accept(candidate);
    },
  },
  notes: [],
  lastChecked: META_LAST_CHECKED,
};
