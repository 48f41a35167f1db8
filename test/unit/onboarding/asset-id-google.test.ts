import { describe, expect, it } from "vitest";
import { validateAssetId } from "~/modules/onboarding/catalog";
import type { AssetIdContext, PlatformKey } from "~/modules/onboarding/catalog";

/** Asserts the raw input is accepted and normalised to `expected`. */
function expectAccepted(key: PlatformKey, raw: string, expected: string, context?: AssetIdContext) {
  expect(validateAssetId(key, raw, context)).toEqual({ ok: true, value: expected });
}

/** Asserts the raw input is refused with a message matching every pattern given. */
function expectRefused(key: PlatformKey, raw: string, patterns: RegExp[], context?: AssetIdContext) {
  const result = validateAssetId(key, raw, context);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  for (const pattern of patterns) expect(result.message).toMatch(pattern);
}

describe("Google Ads customer ID", () => {
  it("accepts dashes and stores digits", () => expectAccepted("google_ads", "123-456-7890", "1234567890"));
  it("accepts digits only and spaces", () => {
    expectAccepted("google_ads", "1234567890", "1234567890");
    expectAccepted("google_ads", "123 456 7890", "1234567890");
  });
  it("refuses an AW- conversion ID, explaining where the customer ID is", () =>
    expectRefused("google_ads", "AW-123456789", [/conversion ID/, /top right of Google Ads/]));
  it("refuses an AW- conversion ID with its label", () => expectRefused("google_ads", "AW-123456789/AbC-D_efG", [/conversion ID/]));
  it("refuses the agency's own manager ID, however it is formatted", () => {
    const context = { agencyIds: { googleAdsManagerId: "9876543210" } };
    expectRefused("google_ads", "987-654-3210", [/our manager \(MCC\) ID/, /your own account/], context);
    expectRefused("google_ads", "9876543210", [/MCC/], { agencyIds: { googleAdsManagerId: "987-654-3210" } });
  });
  it("accepts another account when the agency's ID is known", () =>
    expectAccepted("google_ads", "123-456-7890", "1234567890", { agencyIds: { googleAdsManagerId: "9876543210" } }));
  it("says how many digits were typed when the count is wrong", () => {
    expectRefused("google_ads", "123-456-789", [/exactly 10 digits/, /This one has 9 digits/]);
    expectRefused("google_ads", "12345678901", [/has 11 digits/]);
  });
  it("refuses Analytics and Tag Manager IDs", () => {
    expectRefused("google_ads", "G-ABC123DEF4", [/Analytics or Tag Manager/]);
    expectRefused("google_ads", "GTM-AB12CD3", [/Analytics or Tag Manager/]);
    expectRefused("google_ads", "UA-12345-1", [/Analytics or Tag Manager/]);
  });
});

describe("GA4 property ID", () => {
  it("accepts the numeric property ID", () => expectAccepted("ga4", "123456789", "123456789"));
  it("takes the property from an Analytics URL or API name", () => {
    expectAccepted("ga4", "https://analytics.google.com/analytics/web/#/p123456789/reports/intelligenthome", "123456789");
    expectAccepted("ga4", "properties/123456789", "123456789");
    expectAccepted("ga4", "p123456789", "123456789");
  });
  it("recognises a G- measurement ID and says where the property ID is", () =>
    expectRefused("ga4", "G-ABC123DEF4", [/measurement ID/, /numeric property ID/, /Admin > Property settings > Property details/]));
  it("recognises a lower-case measurement ID too", () => expectRefused("ga4", "g-abc123def4", [/measurement ID/]));
  it("explains that UA- IDs are dead", () =>
    expectRefused("ga4", "UA-12345678-1", [/Universal Analytics/, /shut down/, /Property details/]));
  it("refuses Tag Manager and Google tag IDs", () => {
    expectRefused("ga4", "GTM-AB12CD3", [/Tag Manager/]);
    expectRefused("ga4", "GT-ABCDEF1", [/Google tag/]);
  });
  it("refuses a Google Ads conversion ID", () => expectRefused("ga4", "AW-123456789", [/conversion ID/]));
  it("refuses numbers of the wrong length", () => {
    expectRefused("ga4", "12345", [/6 to 12 digits/]);
    expectRefused("ga4", "1234567890123", [/6 to 12 digits/]);
  });
});

describe("Tag Manager container ID", () => {
  it("accepts GTM- IDs in any case and stores upper case", () => {
    expectAccepted("google_tag_manager", "GTM-AB12CD3", "GTM-AB12CD3");
    expectAccepted("google_tag_manager", "gtm-ab12cd3", "GTM-AB12CD3");
  });
  it("takes the ID from a pasted install snippet", () =>
    expectAccepted(
      "google_tag_manager",
      "<script>(function(w,d,s,l,i){})(window,document,'script','dataLayer','GTM-AB12CD3');</script>",
      "GTM-AB12CD3",
    ));
  it("refuses a GA4 measurement ID", () =>
    expectRefused("google_tag_manager", "G-ABC123DEF4", [/measurement ID/, /next to your workspace name/]));
  it("refuses a Google tag ID", () => expectRefused("google_tag_manager", "GT-ABCDEF1", [/Google tag ID/]));
  it("refuses UA- and AW- IDs", () => {
    expectRefused("google_tag_manager", "UA-12345-1", [/not a container/]);
    expectRefused("google_tag_manager", "AW-123456789", [/not a container/]);
  });
  it("suggests the prefix when it is missing", () => expectRefused("google_tag_manager", "ab12cd3", [/did you mean GTM-AB12CD3\?/]));
  it("refuses a suffix that is too long", () => expectRefused("google_tag_manager", "GTM-ABCDEFGHIJK", [/4 to 10 letters or digits/]));
});

describe("Search Console property", () => {
  it("stores a domain property in Google's sc-domain form", () => {
    expectAccepted("search_console", "example.com", "sc-domain:example.com");
    expectAccepted("search_console", "Shop.Example.co.uk/", "sc-domain:shop.example.co.uk");
    expectAccepted("search_console", "sc-domain:example.com", "sc-domain:example.com");
  });
  it("keeps a URL-prefix property as a URL with a trailing slash on the root", () => {
    expectAccepted("search_console", "https://www.Example.com", "https://www.example.com/");
    expectAccepted("search_console", "http://example.com/blog/?utm_source=x#top", "http://example.com/blog/");
  });
  it("refuses a path without a protocol, explaining the two kinds", () =>
    expectRefused("search_console", "example.com/blog", [/URL-prefix property starts with https:\/\//, /domain property/]));
  it("refuses an email address", () => expectRefused("search_console", "seo@example.com", [/email address/]));
  it("refuses something that is not a domain", () => {
    expectRefused("search_console", "my website", [/not a domain name/]);
    expectRefused("search_console", "https://localhost/", [/no valid domain/]);
  });
});

describe("Business Profile ID", () => {
  it("accepts the long number", () => expectAccepted("business_profile", "12345678901234567890", "12345678901234567890"));
  it("refuses a Maps link, saying where the ID is", () => {
    expectRefused("business_profile", "https://maps.app.goo.gl/AbCdEf123", [/Google Maps link/, /Advanced settings/]);
    expectRefused("business_profile", "https://www.google.com/maps/place/Lumen", [/Google Maps link/]);
  });
  it("refuses a Maps place ID", () => expectRefused("business_profile", "ChIJN1t_tDeuEmsRUsoyG83frY4", [/place ID/]));
  it("refuses a short number", () => expectRefused("business_profile", "12345", [/about 20 digits/]));
});
