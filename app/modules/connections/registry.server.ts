import type { PlatformKey } from "~/modules/onboarding/catalog/types";
import type { PlatformDriver, Provider } from "./driver";
import { ga4Driver } from "./drivers/ga4.server";

/**
 * Which platforms Baton can check itself (issue 19), and with which provider's connection. A
 * platform without a driver (TikTok, LinkedIn, Shopify, Instagram, any custom platform) stays
 * verified by a person, exactly as before.
 */
export const DRIVERS: Partial<Record<PlatformKey, PlatformDriver>> = {
  ga4: ga4Driver,
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
