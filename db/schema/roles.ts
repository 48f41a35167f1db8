/** Plain data (no table), so forms in the browser can import it. */
export const ROLES = ["owner", "admin", "coordinator", "agency_member", "brand_lead", "creator", "client_contact"] as const;
export type Role = (typeof ROLES)[number];
