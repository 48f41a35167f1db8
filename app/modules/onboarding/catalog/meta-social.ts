import { accept, isAgencyOwnId, isDigits, looksLikeEmail, refuser, tidy } from "./asset-id-rules";
import { META_LAST_CHECKED, metaPartnerSteps } from "./meta-partner-steps";
import type { PlatformEntry } from "./types";

const PAGE_ID_HELP =
  "On your Page, open About > Page transparency and copy the Page ID; " + "Business settings > Accounts > Pages shows it too.";

const pageErrors = {
  empty: `Enter your Page ID. ${PAGE_ID_HELP}`,
  own_id: `That is our business portfolio ID. Here we need your Page ID. ${PAGE_ID_HELP}`,
  page_address: `That is your Page's address or username; we need its numeric Page ID. ${PAGE_ID_HELP}`,
  format: `A Page ID is a number, for example 102345678901234. ${PAGE_ID_HELP}`,
};
const pageRefuse = refuser(pageErrors);

export const metaPage: PlatformEntry = {
  key: "meta_page",
  name: "Facebook Page",
  family: "meta",
  grantMethod: "partner_id",
  agencyIdentity: "meta_business_portfolio_id",
  steps: metaPartnerSteps("Pages", "Page"),
  roles: ["Full control", "Content", "Community activity", "Messages and calls", "Ads", "Insights", "Revenue"],
  combinableRoles: ["Content", "Community activity", "Messages and calls", "Ads", "Insights", "Revenue"],
  roleAliases: { Admin: "Full control", Advertiser: "Ads", Analyst: "Insights" },
  assetId: {
    label: "Page ID",
    help: PAGE_ID_HELP,
    placeholder: "102345678901234",
    example: "102345678901234",
    errors: pageErrors,
    validate(raw, context) {
      const value = tidy(raw);
      if (!value) return pageRefuse("empty");
      // Pages without a username live at facebook.com/profile.php?id=<Page ID>: take the number.
      const candidate = /profile\.php\?(?:.*&)?id=(\d+)/.exec(value)?.[1] ?? value.replace(/\s/g, "");
      if (isDigits(candidate, 5, 20)) {
        if (isAgencyOwnId(candidate, context?.agencyIds?.metaBusinessPortfolioId)) {
          return pageRefuse("own_id");
        }
        return accept(candidate);
      }
      if (/facebook\.com|fb\.com|^@/i.test(value)) {
        return pageRefuse("page_address");
      }
      return pageRefuse("format");
    },
  },
  notes: [],
  lastChecked: META_LAST_CHECKED,
};

const INSTAGRAM_USERNAME = /^[a-z0-9._]{1,30}$/;
// Paths on instagram.com that are not profiles: a link to a post or reel, not the account.
const INSTAGRAM_NON_PROFILE_PATHS = new Set(["p", "reel", "reels", "stories", "explore", "tv"]);

const instagramErrors = {
  empty: "Enter your Instagram username, for example @lumenskincare.",
  email: "That is an email address. Enter your Instagram username instead, for example @lumenskincare.",
  facebook_link: "That is a Facebook link. Enter your Instagram username, for example @lumenskincare.",
  post_link: "That is a link to a post, not to your profile. Enter your Instagram username, for example @lumenskincare.",
  format: "Instagram usernames have up to 30 letters, numbers, periods and underscores, for example @lumen.skincare.",
};
const instagramRefuse = refuser(instagramErrors);

export const instagram: PlatformEntry = {
  key: "instagram",
  name: "Instagram account",
  family: "meta",
  grantMethod: "partner_id",
  agencyIdentity: "meta_business_portfolio_id",
  // The Instagram account must be connected to your business portfolio first (Accounts >
  // Instagram accounts); then it is shared with partners exactly like a Page.
  steps: metaPartnerSteps("Instagram accounts", "Instagram account"),
  // Not listed in platforms.md: Meta's task names for Instagram assets, which mirror the Page's.
  roles: ["Full control", "Content", "Messages", "Community activity", "Ads", "Insights"],
  combinableRoles: ["Content", "Messages", "Community activity", "Ads", "Insights"],
  assetId: {
    label: "Instagram username",
    help: "Your profile name on Instagram, with or without the @ (for example @lumenskincare).",
    placeholder: "@yourbrand",
    example: "lumenskincare",
    errors: instagramErrors,
    validate(raw) {
      const value = tidy(raw);
      if (!value) return instagramRefuse("empty");
      if (looksLikeEmail(value)) {
        return instagramRefuse("email");
      }
      if (/facebook\.com|fb\.com/i.test(value)) {
        return instagramRefuse("facebook_link");
      }
      const fromUrl = /instagram\.com\/([^/?#\s]+)/i.exec(value)?.[1];
      if (fromUrl && INSTAGRAM_NON_PROFILE_PATHS.has(fromUrl.toLowerCase())) {
        return instagramRefuse("post_link");
      }
      const handle = (fromUrl ?? value).replace(/^@/, "").toLowerCase();
      if (!INSTAGRAM_USERNAME.test(handle) || handle.endsWith(".") || handle.includes("..")) {
        return instagramRefuse("format");
      }
      return accept(handle);
    },
  },
  notes: [
    "The Instagram account must be connected to your business portfolio (Business settings > Accounts > Instagram accounts) before it can be shared.",
  ],
  lastChecked: META_LAST_CHECKED,
};
