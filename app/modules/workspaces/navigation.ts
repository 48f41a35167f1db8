import type { Permission } from "./permissions";

export type NavIcon =
  | "home"
  | "calendar"
  | "users"
  | "building"
  | "sparkles"
  | "shield"
  | "plug"
  | "bell"
  | "settings"
  | "inbox"
  | "alert"
  | "link"
  | "file"
  | "clock"
  | "chart";

export interface NavItem {
  label: string;
  /** Relative to /w/:workspace. */
  path: string;
  icon: NavIcon;
  /** Shown only to roles that hold this permission (or one of these); absent = everyone in the workspace. */
  needs?: Permission | readonly Permission[];
  section: "work" | "admin";
}

/** The navigation per role comes from the permission table, never from a second list of roles. */
export const NAV_ITEMS: NavItem[] = [
  { label: "Home", path: "", icon: "home", section: "work" },
  { label: "Campaigns", path: "/campaigns", icon: "sparkles", section: "work" },
  { label: "Approvals", path: "/approvals", icon: "inbox", section: "work" },
  { label: "Calendar", path: "/calendar", icon: "calendar", needs: "calendar.view", section: "work" },
  { label: "Conflicts", path: "/conflicts", icon: "alert", needs: "conflicts.manage", section: "work" },
  { label: "Exclusivity clashes", path: "/exclusivity", icon: "alert", needs: "conflicts.waive", section: "work" },
  { label: "Onboarding links", path: "/onboarding", icon: "link", needs: "onboarding.manage", section: "work" },
  { label: "Insights", path: "/insights", icon: "chart", needs: "insights.view", section: "work" },
  { label: "Notifications", path: "/notifications", icon: "bell", section: "work" },
  // Whoever decides on drafts can hand their requests to a delegate while away (decision 052).
  { label: "Away & delegate", path: "/away", icon: "clock", needs: ["drafts.review", "signoff.give"], section: "work" },
  { label: "Members", path: "/members", icon: "users", needs: "members.manage", section: "admin" },
  { label: "Brands, agencies & creators", path: "/directory", icon: "building", needs: "directory.manage", section: "admin" },
  { label: "Audit trail", path: "/audit", icon: "shield", needs: "audit.view", section: "admin" },
  { label: "Access identities", path: "/access-identities", icon: "link", needs: "workspace.settings", section: "admin" },
  { label: "Custom platforms", path: "/settings/platforms", icon: "link", needs: "workspace.settings", section: "admin" },
  { label: "Connections", path: "/settings/connections", icon: "plug", needs: "connections.manage", section: "admin" },
  { label: "Webhooks", path: "/webhooks", icon: "plug", needs: "webhooks.manage", section: "admin" },
  { label: "Brief template", path: "/brief-template", icon: "file", needs: "template.manage", section: "admin" },
  { label: "Settings", path: "/settings", icon: "settings", needs: "workspace.settings", section: "admin" },
];

export function navFor(can: (p: Permission) => boolean): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.needs || [item.needs].flat().some((p) => can(p)));
}
