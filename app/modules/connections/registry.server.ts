import type { PlatformKey } from "~/modules/onboarding/catalog/types";
import type { PlatformDriver, Provider } from "./driver";
import { businessProfileDriver } from "./drivers/business-profile.server";
import { ga4Driver } from "./drivers/ga4.server";
import { googleAdsDriver } from "./drivers/google-ads.server";
import { metaAdAccountDriver, metaPageDriver, metaPixelDriver } from "./drivers/meta.server";
import { searchConsoleDriver } from "./drivers/search-console.server";
import { tagManagerDriver } from "./drivers/tag-manager.server";

/**
 * Which platforms Baton can check itself (issue 19), and with which provider's connection. A
 * platform without a driver (TikTok, LinkedIn, Shopify, Instagram, any custom platform) stays
 * verified by a person, exactly as before.
 */
export const DRIVERS: Partial<Record<PlatformKey, PlatformDriver>> = {
  ga4: ga4Driver,
  google_tag_manager: tagManagerDriver,
  search_console: searchConsoleDriver,
  google_ads: googleAdsDriver,
  business_profile: businessProfileDriver,
  meta_ad_account: metaAdAccountDriver,
  meta_page: metaPageDriver,
  meta_pixel: metaPixelDriver,
};

/** The driver of a step's platform key (a catalog key or "custom:<slug>"), or null: manual. */
export function driverFor(platform: string): PlatformDriver | null {
  return (DRIVERS as Record<string, PlatformDriver | undefined>)[platform] ?? null;
}

export function providerOf(platform: string): Provider | null {
  return driverFor(platform)?.provider ?? null;
}

/** The platforms a provider's connection lets Baton check: what the settings page lists. */
export function platformsOf(provider: Provider): PlatformKey[] {
  return (Object.values(DRIVERS) as PlatformDriver[]).filter((d) => d.provider === provider).map((d) => d.platform);
}
