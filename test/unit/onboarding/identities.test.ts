import { describe, expect, it } from "vitest";
import { agencyIdentitiesSchema, identityForPlatform } from "~/modules/onboarding/identities";

const fieldError = (input: Record<string, unknown>, field: string) => {
  const result = agencyIdentitiesSchema.safeParse(input);
  expect(result.success).toBe(false);
  return result.success ? "" : (result.error.flatten().fieldErrors as Record<string, string[]>)[field]?.[0];
};

describe("agencyIdentitiesSchema", () => {
  it("parses a full set, normalising as it goes", () => {
    expect(
      agencyIdentitiesSchema.parse({
        metaBusinessPortfolioId: " 1234567890123456 ",
        googleAdsManagerId: "123-456-7890",
        googleAccountEmail: "Ads@Northwind.test",
        tiktokBusinessCenterId: "7000000000000000001",
        linkedinEmail: "team@northwind.test",
        linkedinCompanyId: "urn:li:organization:12345678",
        shopifyPartnerId: "1234567",
        shopifyPartnerName: "Northwind Studio",
      }),
    ).toEqual({
      metaBusinessPortfolioId: "1234567890123456",
      googleAdsManagerId: "1234567890",
      googleAccountEmail: "ads@northwind.test",
      tiktokBusinessCenterId: "7000000000000000001",
      linkedinEmail: "team@northwind.test",
      linkedinCompanyId: "12345678",
      shopifyPartnerId: "1234567",
      shopifyPartnerName: "Northwind Studio",
    });
  });

  it("treats empty strings, blanks and nulls as unset", () => {
    expect(
      agencyIdentitiesSchema.parse({
        metaBusinessPortfolioId: "",
        googleAdsManagerId: "   ",
        googleAccountEmail: null,
      }),
    ).toEqual({});
    expect(agencyIdentitiesSchema.parse({})).toEqual({});
  });

  it("accepts a Google Ads manager ID without dashes", () => {
    expect(agencyIdentitiesSchema.parse({ googleAdsManagerId: "1234567890" }).googleAdsManagerId).toBe("1234567890");
  });

  it("accepts portfolio IDs from 10 to 20 digits", () => {
    expect(agencyIdentitiesSchema.parse({ metaBusinessPortfolioId: "1234567890" }).metaBusinessPortfolioId).toBe("1234567890");
    expect(fieldError({ metaBusinessPortfolioId: "123456789" }, "metaBusinessPortfolioId")).toMatch(/10 to 20 digits/);
    expect(fieldError({ metaBusinessPortfolioId: "1".repeat(21) }, "metaBusinessPortfolioId")).toMatch(/Business info/);
  });

  it("explains each malformed field in words", () => {
    expect(fieldError({ googleAdsManagerId: "123-4567-890" }, "googleAdsManagerId")).toMatch(/123-456-7890/);
    expect(fieldError({ googleAccountEmail: "ads at northwind" }, "googleAccountEmail")).toMatch(/Google account email/);
    expect(fieldError({ tiktokBusinessCenterId: "@northwind" }, "tiktokBusinessCenterId")).toMatch(/10 to 20 digits/);
    expect(fieldError({ linkedinEmail: "nope" }, "linkedinEmail")).toMatch(/LinkedIn member/);
    expect(fieldError({ linkedinCompanyId: "northwind-studio" }, "linkedinCompanyId")).toMatch(/admin view/);
    expect(fieldError({ shopifyPartnerId: "abc" }, "shopifyPartnerId")).toMatch(/Partner Dashboard/);
    expect(fieldError({ shopifyPartnerName: "x".repeat(101) }, "shopifyPartnerName")).toMatch(/under 100 characters/);
  });
});

describe("identityForPlatform", () => {
  const identities = {
    metaBusinessPortfolioId: "1234567890123456",
    googleAdsManagerId: "9876543210",
    googleAccountEmail: "ads@northwind.test",
    tiktokBusinessCenterId: "7000000000000000001",
    linkedinEmail: "team@northwind.test",
    shopifyPartnerName: "Northwind Studio",
    shopifyPartnerId: "1234567",
  };

  it("gives the Meta portfolio ID for every Meta asset", () => {
    for (const key of ["meta_ad_account", "meta_page", "meta_pixel", "instagram"] as const) {
      expect(identityForPlatform(key, identities)).toEqual({
        ok: true,
        value: "1234567890123456",
        field: "metaBusinessPortfolioId",
        label: "Meta business portfolio ID",
      });
    }
  });

  it("formats the Google Ads manager ID for display", () => {
    expect(identityForPlatform("google_ads", identities)).toMatchObject({ ok: true, value: "987-654-3210" });
    expect(identityForPlatform("google_ads", { googleAdsManagerId: "987-654-3210" })).toMatchObject({
      value: "987-654-3210",
    });
  });

  it("gives the Google account email for Analytics, Tag Manager, Search Console and Business Profile", () => {
    for (const key of ["ga4", "google_tag_manager", "search_console", "business_profile"] as const) {
      expect(identityForPlatform(key, identities)).toMatchObject({
        ok: true,
        value: "ads@northwind.test",
        field: "googleAccountEmail",
      });
    }
  });

  it("gives the TikTok Business Center ID", () => {
    expect(identityForPlatform("tiktok_ads", identities)).toMatchObject({ ok: true, value: "7000000000000000001" });
  });

  it("prefers the LinkedIn member email and falls back to the company ID", () => {
    expect(identityForPlatform("linkedin_ads", identities)).toMatchObject({
      value: "team@northwind.test",
      field: "linkedinEmail",
    });
    expect(identityForPlatform("linkedin_page", { linkedinEmail: "", linkedinCompanyId: "12345678" })).toMatchObject({
      ok: true,
      value: "12345678",
      field: "linkedinCompanyId",
    });
  });

  it("names the Shopify Partner, with its ID when known", () => {
    expect(identityForPlatform("shopify", identities)).toMatchObject({
      value: "Northwind Studio (Partner ID 1234567)",
    });
    expect(identityForPlatform("shopify", { shopifyPartnerId: "1234567" })).toMatchObject({
      value: "1234567",
      field: "shopifyPartnerId",
    });
  });

  it("says the admin must set a missing identity, naming it", () => {
    expect(identityForPlatform("google_ads", { googleAdsManagerId: null })).toEqual({
      ok: false,
      message:
        "Google Ads needs the workspace's Google Ads manager (MCC) ID. An admin must set it in the workspace’s access identities before this step can be sent.",
    });
    const linkedin = identityForPlatform("linkedin_ads", {});
    expect(linkedin).toMatchObject({ ok: false });
    if (!linkedin.ok) expect(linkedin.message).toMatch(/LinkedIn member email or LinkedIn company ID/);
  });

  it("treats blank values as unset", () => {
    expect(identityForPlatform("ga4", { googleAccountEmail: "   " })).toMatchObject({ ok: false });
  });
});
