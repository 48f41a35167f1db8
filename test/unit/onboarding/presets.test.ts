import { describe, expect, it } from "vitest";
import { presetFor, serviceTypeSchema, serviceTypes, validateRole } from "~/modules/onboarding/presets";

const asMap = (service: Parameters<typeof presetFor>[0]) => Object.fromEntries(presetFor(service).map((g) => [g.platformKey, g.role]));

describe("presetFor", () => {
  it("maps paid social to the table's roles", () => {
    expect(asMap("paid_social")).toEqual({
      meta_ad_account: "Manage campaigns",
      meta_page: "Ads",
      instagram: "Ads",
      ga4: "Analyst",
      tiktok_ads: "Operator",
      linkedin_ads: "Campaign manager",
      linkedin_page: "Sponsored Content poster",
    });
  });

  it("maps analytics and tracking to the table's roles", () => {
    expect(asMap("analytics_tracking")).toEqual({
      meta_pixel: "Full control",
      google_ads: "Read-only",
      ga4: "Editor",
      google_tag_manager: "Publish",
      linkedin_ads: "Viewer",
    });
  });

  it("maps organic social to Page tasks, not full control", () => {
    expect(asMap("organic_social")).toEqual({
      meta_page: "Content, Community activity, Insights",
      instagram: "Content, Community activity, Insights",
      ga4: "Viewer",
      linkedin_page: "Content admin",
    });
  });

  it("maps paid search to Standard, Marketer and Edit", () => {
    expect(asMap("paid_search")).toEqual({ google_ads: "Standard", ga4: "Marketer", google_tag_manager: "Edit" });
  });

  it("keeps reporting only read-only everywhere", () => {
    const map = asMap("reporting_only");
    expect(map).toMatchObject({
      meta_ad_account: "View performance",
      google_ads: "Read-only",
      ga4: "Viewer",
      google_tag_manager: "Read",
      tiktok_ads: "Analyst",
      linkedin_ads: "Viewer",
    });
    expect(Object.values(map)).not.toContain("Admin");
  });

  it("covers SEO and e-commerce from the product spec", () => {
    expect(asMap("seo")).toEqual({ ga4: "Analyst", search_console: "Full user", business_profile: "Manager" });
    expect(asMap("ecommerce")).toEqual({ ga4: "Analyst", shopify: "Products, Analytics, Marketing, Online Store" });
  });

  it("returns grants in catalog order", () => {
    expect(presetFor("paid_search").map((g) => g.platformKey)).toEqual(["google_ads", "ga4", "google_tag_manager"]);
  });

  it("never asks for an owner or admin role", () => {
    const broad = ["Admin", "Administrator", "Owner", "Primary owner", "Super admin", "Full permissions", "Billing admin"];
    for (const service of serviceTypes) {
      for (const grant of presetFor(service)) expect(broad).not.toContain(grant.role);
    }
  });

  it("asks for full control only of the pixel, for tracking work", () => {
    const fullControl = serviceTypes.flatMap((service) =>
      presetFor(service)
        .filter((g) => g.role === "Full control")
        .map((g) => `${service}:${g.platformKey}`),
    );
    expect(fullControl).toEqual(["analytics_tracking:meta_pixel"]);
  });

  it("uses only roles the catalog knows, in the catalog's spelling", () => {
    for (const service of serviceTypes) {
      for (const grant of presetFor(service)) {
        expect(validateRole(grant.platformKey, grant.role)).toEqual({ ok: true, role: grant.role });
      }
    }
  });

  it("parses service types", () => {
    expect(serviceTypeSchema.parse("seo")).toBe("seo");
    expect(serviceTypeSchema.safeParse("growth_hacking").success).toBe(false);
  });
});

describe("validateRole", () => {
  it("accepts a real role, returning the platform's spelling", () => {
    expect(validateRole("ga4", "analyst")).toEqual({ ok: true, role: "Analyst" });
    expect(validateRole("google_ads", " Read-only ")).toEqual({ ok: true, role: "Read-only" });
  });

  it("maps Meta's legacy role names", () => {
    expect(validateRole("meta_ad_account", "Advertiser")).toEqual({ ok: true, role: "Manage campaigns" });
    expect(validateRole("meta_ad_account", "admin")).toEqual({ ok: true, role: "Full control" });
    expect(validateRole("meta_page", "Analyst")).toEqual({ ok: true, role: "Insights" });
  });

  it("accepts combined tasks where the platform allows them, in catalog order", () => {
    expect(validateRole("meta_page", "insights, content")).toEqual({ ok: true, role: "Content, Insights" });
    expect(validateRole("shopify", "Analytics, Products")).toEqual({ ok: true, role: "Products, Analytics" });
  });

  it("refuses combining a task with full control", () => {
    const result = validateRole("meta_page", "Full control, Insights");
    expect(result.ok).toBe(false);
  });

  it("refuses combined roles where the platform grants one role", () => {
    const result = validateRole("ga4", "Viewer, Analyst");
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.message).not.toMatch(/combined/);
  });

  it("refuses a role the platform does not have and lists the real ones", () => {
    const result = validateRole("tiktok_ads", "Editor");
    expect(result).toEqual({
      ok: false,
      message: "TikTok ad account has no role “Editor”. Choose one of: Admin, Operator, Analyst.",
    });
  });

  it("mentions that tasks combine where they do", () => {
    const result = validateRole("meta_page", "Moderator");
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.message).toMatch(/Tasks can be combined, separated by commas/);
  });
});
