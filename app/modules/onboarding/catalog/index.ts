import { googleAds } from "./google-ads";
import { ga4, googleTagManager } from "./google-analytics";
import { businessProfile, searchConsole } from "./google-search";
import { linkedinAds, linkedinPage } from "./linkedin";
import { metaAdAccount, metaPixel } from "./meta-ads";
import { instagram, metaPage } from "./meta-social";
import { shopify } from "./shopify";
import { tiktokAds } from "./tiktok";
import { platformKeySchema, platformKeys } from "./types";
import type { AssetIdContext, AssetIdResult, PlatformEntry, PlatformKey } from "./types";

export * from "./types";
export { formatGoogleAdsId } from "./google-ads";
export { parseShopifyAsset } from "./shopify";

/** Every platform a link can ask for, keyed by platform key (the order is the display order). */
export const platformCatalog: Readonly<Record<PlatformKey, PlatformEntry>> = {
  meta_ad_account: metaAdAccount,
  meta_page: metaPage,
  meta_pixel: metaPixel,
  instagram,
  google_ads: googleAds,
  ga4,
  google_tag_manager: googleTagManager,
  search_console: searchConsole,
  business_profile: businessProfile,
  tiktok_ads: tiktokAds,
  linkedin_ads: linkedinAds,
  linkedin_page: linkedinPage,
  shopify,
};

export function isPlatformKey(value: unknown): value is PlatformKey {
  return platformKeySchema.safeParse(value).success;
}

/** The catalog entry for `key`, or null for a key that is not (or no longer) a platform. */
export function getPlatform(key: string): PlatformEntry | null {
  return isPlatformKey(key) ? platformCatalog[key] : null;
}

export function listPlatforms(): PlatformEntry[] {
  return platformKeys.map((key) => platformCatalog[key]);
}

/** The steps as the client reads them: the agency's ID and the role to grant written in. */
export function fillSteps(steps: PlatformEntry | readonly string[], values: { agencyId: string; role: string }): string[] {
  return ("steps" in steps ? steps.steps : steps).map((step) =>
    step.replaceAll("{agencyId}", values.agencyId).replaceAll("{role}", values.role),
  );
}

export function validateAssetId(key: PlatformKey, raw: string, context?: AssetIdContext): AssetIdResult {
  return platformCatalog[key].assetId.validate(raw, context);
}
