import type { Role } from "@db/schema/roles";

/** Every permission, typed; the table below is the whole of who may do what. */
export type Permission =
  | "workspace.settings"
  | "members.manage"
  | "directory.manage"
  | "audit.view"
  | "webhooks.manage"
  | "campaigns.manage"
  | "calendar.view"
  | "onboarding.manage"
  | "drafts.review"
  | "drafts.submit"
  | "signoff.give"
  | "signoff.override"
  | "drafts.publish"
  | "template.manage"
  | "conflicts.manage"
  /** The insights page and "stuck now": figures of what the member may see (factScope); client contacts follow a calendar, not the work. */
  | "insights.view"
  /** Preview a brand's monthly accountability report and send it again (issue 16): the coordinators'. */
  | "reports.send"
  /**
   * A deliverable's evidence pack (issue 18): who approved what, when, from which address. The team and
   * the brand's lead, who answer for it; not creators or client contacts (it lists reviewers' IPs).
   */
  | "evidence.view"
  /** Waive the brand's own side of an exclusivity clash (issue 21, decision 062): its lead's alone. */
  | "conflicts.waive"
  /**
   * Connect, reconnect and disconnect the workspace's own Google and Meta accounts (issue 19,
   * decision 064): credentials that read every client's grants, so admins only; they are also the
   * people told when a connection needs reconnecting.
   */
  | "connections.manage";

const ADMIN: Permission[] = [
  "workspace.settings",
  "members.manage",
  "directory.manage",
  "audit.view",
  "webhooks.manage",
  "campaigns.manage",
  "calendar.view",
  "onboarding.manage",
  "drafts.review",
  "signoff.give",
  "signoff.override",
  "drafts.publish",
  "template.manage",
  "conflicts.manage",
  "insights.view",
  "reports.send",
  "evidence.view",
  "connections.manage",
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  owner: ADMIN,
  admin: ADMIN,
  coordinator: [
    "campaigns.manage",
    "calendar.view",
    "onboarding.manage",
    "drafts.review",
    "drafts.publish",
    "conflicts.manage",
    "template.manage",
    "insights.view",
    "reports.send",
    "evidence.view",
  ],
  agency_member: ["calendar.view", "onboarding.manage", "drafts.review", "drafts.publish", "insights.view", "evidence.view"],
  brand_lead: ["calendar.view", "signoff.give", "insights.view", "evidence.view", "conflicts.waive"],
  creator: ["calendar.view", "drafts.submit", "insights.view"],
  client_contact: ["calendar.view"],
};

export const ROLE_LABELS: Record<Role, string> = {
  owner: "Owner",
  admin: "Admin",
  coordinator: "Coordinator",
  agency_member: "Agency member",
  brand_lead: "Brand lead",
  creator: "Creator",
  client_contact: "Client contact",
};

/** Which scope object a role needs; the invitation form asks for exactly that one. */
export const ROLE_SCOPE: Record<Role, "workspace" | "agency" | "brand" | "creator"> = {
  owner: "workspace",
  admin: "workspace",
  coordinator: "workspace",
  agency_member: "agency",
  brand_lead: "brand",
  creator: "creator",
  client_contact: "brand",
};

export function roleCan(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/**
 * Why an admin may not change or remove this membership, or null if they may: nobody edits their
 * own membership (no locking yourself out), and only an owner touches another owner.
 */
export function membershipChangeRefusal(actor: { userId: string; role: Role }, target: { userId: string; role: Role }): string | null {
  if (actor.userId === target.userId) return "You can't change or remove your own membership. Ask another admin.";
  if (target.role === "owner" && actor.role !== "owner") return "Only an owner can change or remove another owner.";
  return null;
}
