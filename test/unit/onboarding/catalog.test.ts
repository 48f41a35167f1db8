import { describe, expect, it } from "vitest";
import { fillSteps, getPlatform, listPlatforms, platformCatalog, platformKeySchema, platformKeys } from "~/modules/onboarding/catalog";

describe("platform catalog", () => {
  it("has exactly one entry per platform key, under its own key", () => {
    expect(Object.keys(platformCatalog)).toEqual([...platformKeys]);
    for (const key of platformKeys) expect(platformCatalog[key].key).toBe(key);
    expect(platformKeys).toHaveLength(13);
  });

  it("gives every entry a family, method, identity, steps, roles and a last-checked date", () => {
    for (const entry of listPlatforms()) {
      expect(entry.name.length).toBeGreaterThan(0);
      expect(["meta", "google", "tiktok", "linkedin", "shopify"]).toContain(entry.family);
      expect(entry.steps.length).toBeGreaterThanOrEqual(3);
      expect(entry.roles.length).toBeGreaterThanOrEqual(2);
      expect(entry.lastChecked).toBe("2026-11-01");
      expect(entry.assetId.label.length).toBeGreaterThan(0);
      expect(entry.assetId.help.length).toBeGreaterThan(0);
      // Combinable tasks are a subset of the roles, so validateRole can return catalog spellings.
      for (const task of entry.combinableRoles) expect(entry.roles).toContain(task);
    }
  });

  it("puts the agency's ID in every step list and uses only known placeholders", () => {
    for (const entry of listPlatforms()) {
      const placeholders = entry.steps.join(" ").match(/\{[a-zA-Z]+\}/g) ?? [];
      expect(placeholders.length).toBeGreaterThan(0);
      for (const p of placeholders) expect(["{agencyId}", "{role}"]).toContain(p);
      expect(entry.steps.join(" ")).toContain("{agencyId}");
    }
  });

  it("accepts its own example for every platform, unchanged", () => {
    for (const entry of listPlatforms()) {
      expect(entry.assetId.validate(entry.assetId.example)).toEqual({ ok: true, value: entry.assetId.example });
    }
  });

  it("refuses an empty asset ID everywhere with a sentence that names what to enter", () => {
    for (const entry of listPlatforms()) {
      const result = entry.assetId.validate("   ");
      expect(result).toMatchObject({ ok: false });
      if (!result.ok) expect(result.message).toMatch(/^Enter your /);
    }
  });

  it("uses the right grant method and identity for each family", () => {
    expect(platformCatalog.meta_ad_account).toMatchObject({
      grantMethod: "partner_id",
      agencyIdentity: "meta_business_portfolio_id",
    });
    expect(platformCatalog.instagram).toMatchObject({ family: "meta", agencyIdentity: "meta_business_portfolio_id" });
    expect(platformCatalog.google_ads).toMatchObject({
      grantMethod: "manager_link",
      agencyIdentity: "google_ads_manager_id",
    });
    for (const key of ["ga4", "google_tag_manager", "search_console", "business_profile"] as const) {
      expect(platformCatalog[key]).toMatchObject({
        family: "google",
        grantMethod: "user_email",
        agencyIdentity: "google_account_email",
      });
    }
    expect(platformCatalog.tiktok_ads).toMatchObject({
      grantMethod: "partner_id",
      agencyIdentity: "tiktok_business_center_id",
    });
    expect(platformCatalog.linkedin_page.agencyIdentity).toBe("linkedin_member_or_company");
    expect(platformCatalog.shopify).toMatchObject({
      grantMethod: "collaborator_code",
      agencyIdentity: "shopify_partner",
    });
  });

  it("spells roles the way the platforms do", () => {
    expect(platformCatalog.google_ads.roles).toEqual(["Admin", "Standard", "Read-only", "Email-only", "Billing"]);
    expect(platformCatalog.ga4.roles).toEqual(["Administrator", "Editor", "Marketer", "Analyst", "Viewer"]);
    expect(platformCatalog.search_console.roles).toEqual(["Owner", "Full user", "Restricted user"]);
    expect(platformCatalog.business_profile.roles).toEqual(["Primary owner", "Owner", "Manager"]);
    expect(platformCatalog.tiktok_ads.roles).toEqual(["Admin", "Operator", "Analyst"]);
    expect(platformCatalog.linkedin_ads.roles).toContain("Campaign manager");
    expect(platformCatalog.linkedin_page.roles).toContain("Content admin");
    expect(platformCatalog.google_tag_manager.roles).toEqual(expect.arrayContaining(["No access", "Read", "Edit", "Approve", "Publish"]));
    expect(platformCatalog.meta_ad_account.roles).toEqual(
      expect.arrayContaining(["Manage campaigns", "View performance", "Manage Creative Hub mockups"]),
    );
  });
});

describe("getPlatform", () => {
  it("returns the entry for a known key", () => {
    expect(getPlatform("ga4")?.name).toBe("Google Analytics 4");
  });
  it("returns null for an unknown key", () => {
    expect(getPlatform("myspace")).toBeNull();
    expect(getPlatform("")).toBeNull();
  });
});

describe("platformKeySchema", () => {
  it("parses known keys and refuses others", () => {
    expect(platformKeySchema.parse("shopify")).toBe("shopify");
    expect(platformKeySchema.safeParse("snapchat").success).toBe(false);
  });
});

describe("fillSteps", () => {
  it("writes the agency ID and role into the steps", () => {
    const steps = fillSteps(platformCatalog.ga4, { agencyId: "team@northwind.test", role: "Analyst" });
    expect(steps).toContain("Enter team@northwind.test and choose the role Analyst.");
    expect(steps.join(" ")).not.toMatch(/\{agencyId\}|\{role\}/);
  });
  it("replaces every occurrence, not only the first", () => {
    const steps = fillSteps(platformCatalog.google_ads, { agencyId: "123-456-7890", role: "Standard" });
    expect(steps.filter((s) => s.includes("123-456-7890"))).toHaveLength(2);
    expect(steps.at(-1)).toBe("Find the request from manager account 123-456-7890 and click Accept. We work in it with Standard access.");
  });
  it("fills the Meta partner step with the portfolio ID", () => {
    const steps = fillSteps(platformCatalog.meta_page, { agencyId: "1234567890123456", role: "Ads" });
    expect(steps).toContain("Choose “Give a partner access to your assets” and enter our business portfolio ID 1234567890123456.");
    expect(steps).toContain("Under Pages, select your Page and turn on Ads, nothing more.");
  });
});
