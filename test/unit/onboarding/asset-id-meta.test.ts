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

const agency = { agencyIds: { metaBusinessPortfolioId: "9876543210987654" } };

describe("Meta ad account ID", () => {
  it("accepts the bare number", () => expectAccepted("meta_ad_account", "1234567890123456", "1234567890123456"));
  it("strips the act_ prefix and accepts", () => {
    expectAccepted("meta_ad_account", "act_1234567890123456", "1234567890123456");
    expectAccepted("meta_ad_account", "  ACT_1234567890123456 ", "1234567890123456");
  });
  it("takes the account from an Ads Manager URL", () =>
    expectAccepted(
      "meta_ad_account",
      "https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=1234567890123456&nav_entry_point=am",
      "1234567890123456",
    ));
  it("refuses the agency's own portfolio ID", () =>
    expectRefused("meta_ad_account", "9876543210987654", [/our business portfolio ID/, /Ad accounts/], agency));
  it("refuses text, explaining where the number is", () =>
    expectRefused("meta_ad_account", "Lumen Skincare ads", [/number/, /Ads Manager/, /act_/]));
  it("refuses a number too short to be an account", () => expectRefused("meta_ad_account", "12345", [/up to 20 digits/]));
});

describe("Meta Page ID", () => {
  it("accepts the number", () => expectAccepted("meta_page", "102345678901234", "102345678901234"));
  it("takes the ID from a profile.php address", () =>
    expectAccepted("meta_page", "https://www.facebook.com/profile.php?id=61550000000000", "61550000000000"));
  it("refuses the Page's web address, saying where the Page ID is", () =>
    expectRefused("meta_page", "https://www.facebook.com/lumenskincare", [/address or username/, /Page transparency/]));
  it("refuses an @username", () => expectRefused("meta_page", "@lumenskincare", [/numeric Page ID/]));
  it("refuses the agency's own portfolio ID", () => expectRefused("meta_page", "9876543210987654", [/our business portfolio ID/], agency));
  it("refuses other text", () => expectRefused("meta_page", "Lumen", [/Page ID is a number/]));
});

describe("Meta dataset (pixel) ID", () => {
  it("accepts a 15-digit ID", () => expectAccepted("meta_pixel", "123456789012345", "123456789012345"));
  it("takes the ID out of a pasted base code", () =>
    expectAccepted("meta_pixel", "<script>fbq('init', '123456789012345'); fbq('track', 'PageView');</script>", "123456789012345"));
  it("refuses an ad account ID, saying where the pixel ID is", () =>
    expectRefused("meta_pixel", "act_1234567890123456", [/ad account ID/, /Events Manager/]));
  it("refuses a short number", () => expectRefused("meta_pixel", "12345", [/15 or 16 digits/]));
  it("refuses the agency's own portfolio ID", () => expectRefused("meta_pixel", "9876543210987654", [/our business portfolio ID/], agency));
});

describe("Instagram username", () => {
  it("accepts a handle with or without @, lower-cased", () => {
    expectAccepted("instagram", "@LumenSkincare", "lumenskincare");
    expectAccepted("instagram", "lumen.skincare_", "lumen.skincare_");
  });
  it("takes the handle from a profile URL", () =>
    expectAccepted("instagram", "https://www.instagram.com/lumenskincare/?igsh=abc", "lumenskincare"));
  it("refuses a link to a post", () => expectRefused("instagram", "https://www.instagram.com/p/Cx123/", [/link to a post/]));
  it("refuses an email address", () => expectRefused("instagram", "hello@lumen.test", [/email address/]));
  it("refuses a Facebook link", () => expectRefused("instagram", "https://facebook.com/lumen", [/Facebook link/]));
  it("refuses names Instagram would not allow", () => {
    expectRefused("instagram", "lumen skincare", [/up to 30 letters/]);
    expectRefused("instagram", "lumen.", [/periods/]);
    expectRefused("instagram", "lumen..skin", [/periods/]);
    expectRefused("instagram", "a".repeat(31), [/up to 30/]);
  });
});
