import { describe, expect, it } from "vitest";
import { parseShopifyAsset, validateAssetId } from "~/modules/onboarding/catalog";
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

describe("TikTok advertiser ID", () => {
  it("accepts 10 to 20 digits", () => {
    expectAccepted("tiktok_ads", "7012345678901234567", "7012345678901234567");
    expectAccepted("tiktok_ads", "1234567890", "1234567890");
  });
  it("takes the ID from an Ads Manager URL", () =>
    expectAccepted("tiktok_ads", "https://ads.tiktok.com/i18n/dashboard?aadvid=7012345678901234567", "7012345678901234567"));
  it("recognises an @handle and says where the advertiser ID is", () => {
    expectRefused("tiktok_ads", "@lumenskincare", [/profile handle/, /Ads Manager/]);
    expectRefused("tiktok_ads", "https://www.tiktok.com/@lumenskincare", [/profile handle/]);
  });
  it("refuses the agency's own Business Center ID", () =>
    expectRefused("tiktok_ads", "7000000000000000001", [/our Business Center ID/], {
      agencyIds: { tiktokBusinessCenterId: "7000000000000000001" },
    }));
  it("refuses numbers of the wrong length", () => {
    expectRefused("tiktok_ads", "123456789", [/10 to 20 digits/]);
    expectRefused("tiktok_ads", "1".repeat(21), [/10 to 20 digits/]);
  });
});

describe("LinkedIn ad account ID", () => {
  it("accepts the number", () => expectAccepted("linkedin_ads", "512345678", "512345678"));
  it("strips the urn prefix", () => expectAccepted("linkedin_ads", "urn:li:sponsoredAccount:512345678", "512345678"));
  it("takes the account from a Campaign Manager URL", () =>
    expectAccepted("linkedin_ads", "https://www.linkedin.com/campaignmanager/accounts/512345678/campaigns", "512345678"));
  it("refuses a company Page", () => {
    expectRefused("linkedin_ads", "urn:li:organization:12345678", [/company Page, not an ad account/]);
    expectRefused("linkedin_ads", "https://www.linkedin.com/company/lumen", [/company Page/]);
  });
  it("refuses text", () => expectRefused("linkedin_ads", "Lumen ads", [/usually 9 digits/, /Campaign Manager/]));
});

describe("LinkedIn Page ID", () => {
  it("accepts the number and strips urn prefixes", () => {
    expectAccepted("linkedin_page", "12345678", "12345678");
    expectAccepted("linkedin_page", "urn:li:organization:12345678", "12345678");
    expectAccepted("linkedin_page", "urn:li:company:12345678", "12345678");
  });
  it("takes the number from the admin view address", () =>
    expectAccepted("linkedin_page", "https://www.linkedin.com/company/12345678/admin/dashboard/", "12345678"));
  it("refuses a vanity address, pointing at the admin view", () =>
    expectRefused("linkedin_page", "https://www.linkedin.com/company/lumen-skincare/", [/public address/, /admin view/]));
  it("refuses an ad account", () =>
    expectRefused("linkedin_page", "urn:li:sponsoredAccount:512345678", [/ad account, not your company Page/]));
  it("refuses the agency's own company ID", () =>
    expectRefused("linkedin_page", "87654321", [/our own company Page/], {
      agencyIds: { linkedinCompanyId: "87654321" },
    }));
});

describe("Shopify store and collaborator code", () => {
  it("accepts the myshopify domain and 4-digit code in one field", () => {
    expectAccepted("shopify", "lumen-skincare.myshopify.com 4821", "lumen-skincare.myshopify.com 4821");
    expectAccepted("shopify", "https://Lumen-Skincare.myshopify.com/admin, code: 4821", "lumen-skincare.myshopify.com 4821");
    expectAccepted("shopify", "4821 lumen-skincare.myshopify.com", "lumen-skincare.myshopify.com 4821");
  });
  it("turns a new-admin URL into the myshopify domain", () =>
    expectAccepted("shopify", "https://admin.shopify.com/store/lumen-skincare 4821", "lumen-skincare.myshopify.com 4821"));
  it("does not read digits in the store name as the code", () =>
    expectRefused("shopify", "shop1234.myshopify.com", [/collaborator request code/, /Settings > Users > Security/]));
  it("says the code has 4 digits when it does not", () => expectRefused("shopify", "lumen.myshopify.com 48210", [/exactly 4 digits/]));
  it("recognises a public domain and asks for the myshopify one", () =>
    expectRefused("shopify", "www.lumenskincare.com 4821", [/public domain/, /Settings > Domains/]));
  it("asks for the address when only the code is given", () => expectRefused("shopify", "4821", [/myshopify.com address before the code/]));
  it("splits a stored value back into its parts", () => {
    expect(parseShopifyAsset("lumen-skincare.myshopify.com 4821")).toEqual({
      storeDomain: "lumen-skincare.myshopify.com",
      collaboratorCode: "4821",
    });
    expect(parseShopifyAsset("lumen-skincare.myshopify.com")).toBeNull();
  });
});
