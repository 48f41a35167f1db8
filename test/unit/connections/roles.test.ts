import { describe, expect, it } from "vitest";
import { judgeRole, requestedRoles, strongestRole } from "~/modules/connections/roles";

/** The role ladders that decide weaker_role (issue 19): pure, one table per platform. */
describe("role ladders", () => {
  it("GA4: a role at or above the one asked for is enough, below is weaker", () => {
    expect(judgeRole("ga4", "Analyst", "predefinedRoles/analyst")).toMatchObject({ verdict: "enough", observed: "Analyst" });
    expect(judgeRole("ga4", "Analyst", "predefinedRoles/admin")).toMatchObject({ verdict: "enough", observed: "Administrator" });
    expect(judgeRole("ga4", "Editor", "predefinedRoles/marketer")).toMatchObject({
      verdict: "weaker",
      observed: "Marketer",
      missing: ["Editor"],
    });
    expect(judgeRole("ga4", "Viewer", "predefinedRoles/viewer")).toMatchObject({ verdict: "enough" });
  });

  it("GA4: an unknown API role or asked role cannot be judged", () => {
    expect(judgeRole("ga4", "Analyst", "predefinedRoles/no-cost-data")).toMatchObject({ verdict: "unknown" });
    expect(judgeRole("ga4", "Superuser", "predefinedRoles/admin")).toMatchObject({ verdict: "unknown" });
  });

  it("GA4: of several roles of one binding the strongest counts; restrictions are not roles", () => {
    expect(strongestRole("ga4", ["predefinedRoles/no-revenue-data", "predefinedRoles/viewer", "predefinedRoles/editor"])).toBe(
      "predefinedRoles/editor",
    );
    expect(strongestRole("ga4", ["predefinedRoles/no-cost-data"])).toBeNull();
  });

  it("Search Console: Restricted user < Full user < Owner", () => {
    expect(judgeRole("search_console", "Full user", "siteOwner")).toMatchObject({ verdict: "enough", observed: "Owner" });
    expect(judgeRole("search_console", "Full user", "siteFullUser")).toMatchObject({ verdict: "enough" });
    expect(judgeRole("search_console", "Full user", "siteRestrictedUser")).toMatchObject({ verdict: "weaker" });
    expect(judgeRole("search_console", "Owner", "siteUnverifiedUser")).toMatchObject({ verdict: "unknown" });
  });

  it("Meta ad account: each task asked for must be permitted; MANAGE permits all; ADVERTISE includes ANALYZE", () => {
    expect(judgeRole("meta_ad_account", "Manage campaigns, View performance", ["ADVERTISE"])).toMatchObject({ verdict: "enough" });
    expect(judgeRole("meta_ad_account", "Manage campaigns", ["ANALYZE"])).toMatchObject({
      verdict: "weaker",
      missing: ["Manage campaigns"],
    });
    expect(judgeRole("meta_ad_account", "Full control", ["ADVERTISE", "ANALYZE"])).toMatchObject({
      verdict: "weaker",
      missing: ["Full control"],
    });
    expect(judgeRole("meta_ad_account", "Full control", ["MANAGE", "ADVERTISE", "ANALYZE", "DRAFT"])).toMatchObject({ verdict: "enough" });
    expect(judgeRole("meta_ad_account", "Manage Creative Hub mockups", ["ANALYZE"])).toMatchObject({ verdict: "weaker" });
  });

  it("Meta: legacy role names are read as today's (Advertiser = Manage campaigns)", () => {
    expect(requestedRoles("meta_ad_account", "Advertiser")).toEqual(["Manage campaigns"]);
    expect(judgeRole("meta_ad_account", "Advertiser", ["ADVERTISE", "ANALYZE"])).toMatchObject({ verdict: "enough" });
    expect(judgeRole("meta_page", "Admin", ["CREATE_CONTENT"])).toMatchObject({ verdict: "weaker" });
  });

  it("Meta Page: tasks ticked together are each needed", () => {
    expect(judgeRole("meta_page", "Content, Insights", ["CREATE_CONTENT", "ANALYZE"])).toMatchObject({ verdict: "enough" });
    expect(judgeRole("meta_page", "Content, Insights", ["ANALYZE"])).toMatchObject({ verdict: "weaker", missing: ["Content"] });
    // A task Meta's API does not name (Revenue) cannot be judged: presence only.
    expect(judgeRole("meta_page", "Revenue", ["MANAGE"])).toMatchObject({ verdict: "unknown" });
  });

  it("Meta pixel: Full control needs EDIT, partial access any reading task", () => {
    expect(judgeRole("meta_pixel", "Full control", ["EDIT", "ANALYZE"])).toMatchObject({ verdict: "enough" });
    expect(judgeRole("meta_pixel", "Full control", ["ANALYZE"])).toMatchObject({ verdict: "weaker" });
    expect(judgeRole("meta_pixel", "Partial access", ["UPLOAD"])).toMatchObject({ verdict: "enough" });
  });

  it("platforms whose API reports no role cannot be judged", () => {
    expect(judgeRole("google_tag_manager", "Publish", "publish")).toMatchObject({ verdict: "unknown" });
    expect(judgeRole("google_ads", "Standard", "ACTIVE")).toMatchObject({ verdict: "unknown" });
  });
});
