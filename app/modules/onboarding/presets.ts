import { z } from "zod";
import { platformCatalog } from "./catalog";
import type { PlatformKey } from "./catalog";

/**
 * Least-privilege presets: for each kind of work, the smallest role on each platform that lets the
 * agency do it. Cells come from the preset table in platforms.md unless a comment says otherwise.
 * Roles are spelled exactly as the catalog (and so the platform's screens) spell them.
 */

export const serviceTypes = [
  "paid_social",
  "analytics_tracking",
  "organic_social",
  "paid_search",
  "reporting_only",
  "seo",
  "ecommerce",
] as const;
export const serviceTypeSchema = z.enum(serviceTypes);
export type ServiceType = z.infer<typeof serviceTypeSchema>;

export interface PresetGrant {
  platformKey: PlatformKey;
  role: string;
}

const presets: Record<ServiceType, Partial<Record<PlatformKey, string>>> = {
  paid_social: {
    meta_ad_account: "Manage campaigns",
    meta_page: "Ads",
    instagram: "Ads", // not in the table: running ads as the Instagram account, nothing more
    ga4: "Analyst",
    tiktok_ads: "Operator",
    linkedin_ads: "Campaign manager",
    // Not in the table: sponsored posts run as the Page; this role can't touch organic posts.
    linkedin_page: "Sponsored Content poster",
  },
  analytics_tracking: {
    // The table names the pixel without a role: configuring events and the Conversions API is
    // dataset management, which Meta only grants with full control of the dataset.
    meta_pixel: "Full control",
    google_ads: "Read-only",
    ga4: "Editor",
    google_tag_manager: "Publish",
    linkedin_ads: "Viewer",
  },
  organic_social: {
    meta_page: "Content, Community activity, Insights",
    instagram: "Content, Community activity, Insights", // not in the table: same tasks as the Page
    ga4: "Viewer",
    linkedin_page: "Content admin",
  },
  paid_search: {
    google_ads: "Standard",
    ga4: "Marketer",
    google_tag_manager: "Edit",
  },
  reporting_only: {
    meta_ad_account: "View performance",
    meta_page: "Insights", // not in the table: the Page's read-only task
    instagram: "Insights", // likewise
    google_ads: "Read-only",
    ga4: "Viewer",
    google_tag_manager: "Read",
    tiktok_ads: "Analyst",
    linkedin_ads: "Viewer",
    linkedin_page: "Analyst", // not in the table: the Page's read-only admin role
    search_console: "Restricted user", // not in the table: sees most data, changes nothing
  },
  // Not in the table (PRODUCT.md asks for it). Full user: submitting sitemaps and requesting
  // indexing is the work, and Restricted users can't. Manager: the lowest Business Profile role,
  // enough for posts, hours and review replies. Analyst: explorations on organic traffic.
  seo: {
    search_console: "Full user",
    business_profile: "Manager",
    ga4: "Analyst",
  },
  // Not in the table (PRODUCT.md asks for it). Store work without orders or customer data, which
  // hold personal data the agency rarely needs; Analyst in GA4 for sales reporting.
  ecommerce: {
    shopify: "Products, Analytics, Marketing, Online Store",
    ga4: "Analyst",
  },
};

/** The platforms and roles a preset asks for, in catalog order. */
export function presetFor(serviceType: ServiceType): PresetGrant[] {
  const grants = presets[serviceType];
  return (Object.keys(platformCatalog) as PlatformKey[]).flatMap((platformKey) => {
    const role = grants[platformKey];
    return role ? [{ platformKey, role }] : [];
  });
}

export type RoleCheck = { ok: true; role: string } | { ok: false; message: string };

/**
 * Whether `role` is something the platform really grants, returned in the platform's spelling.
 * Accepts a legacy name (Meta's "Advertiser") and, where the platform grants tasks together, a
 * comma-separated set of them (Meta's "Content, Insights"), put in the platform's order.
 */
export function validateRole(platformKey: PlatformKey, role: string): RoleCheck {
  const entry = platformCatalog[platformKey];
  const wanted = role.trim();
  const byName = (name: string) => entry.roles.find((r) => r.toLowerCase() === name.toLowerCase());
  const single = byName(wanted);
  if (single) return { ok: true, role: single };
  const aliasKey = Object.keys(entry.roleAliases ?? {}).find((a) => a.toLowerCase() === wanted.toLowerCase());
  if (aliasKey && entry.roleAliases) return { ok: true, role: entry.roleAliases[aliasKey] };

  const parts = wanted
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length > 1 && entry.combinableRoles.length > 0) {
    const found = parts.map((p) => entry.combinableRoles.find((r) => r.toLowerCase() === p.toLowerCase()));
    if (found.every((r): r is string => r !== undefined)) {
      const ordered = entry.combinableRoles.filter((r) => found.includes(r));
      return { ok: true, role: ordered.join(", ") };
    }
  }
  const choices = entry.roles.join(", ");
  const combine = entry.combinableRoles.length > 0 ? " Tasks can be combined, separated by commas." : "";
  return { ok: false, message: `${entry.name} has no role “${wanted}”. Choose one of: ${choices}.${combine}` };
}
