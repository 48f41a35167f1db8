import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, id, tstz } from "./columns";
import { users } from "./auth";

import { ROLES } from "./roles";

export { ROLES, type Role } from "./roles";

export const workspaces = pgTable(
  "workspaces",
  {
    id: id(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    logoUrl: text("logo_url"),
    accentColor: text("accent_color").notNull().default("#4f46e5"),
    welcomeText: text("welcome_text").notNull().default(""),
    signoffWindowHours: integer("signoff_window_hours").notNull().default(48),
    /** Words a brief's disclosure must contain one of to be published (case-insensitive). */
    disclosureWords: jsonb("disclosure_words").$type<string[]>().notNull().default(["#ad", "#sponsored", "Paid partnership"]),
    /** Agency IDs and emails per platform (see app/modules/onboarding/identities.ts). */
    accessIdentities: jsonb("access_identities").$type<Record<string, string>>().notNull().default({}),
    /** Days and ISO weeks of insights are counted in this zone (decision 053). */
    timeZone: text("time_zone").notNull().default("UTC"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("workspaces_slug_key").on(t.slug)],
);

export const brands = pgTable(
  "brands",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    category: text("category"),
    timeZone: text("time_zone").notNull().default("UTC"),
    color: text("color").notNull().default("#0ea5e9"),
    signoffWindowHours: integer("signoff_window_hours"),
    exclusivityDays: integer("exclusivity_days").notNull().default(14),
    minSpacingMinutes: jsonb("min_spacing_minutes").$type<Record<string, number>>().notNull().default({}),
    /** A decision through a decision link counts only after a one-time code sent to the same address (decision 052). */
    requireDecisionCode: boolean("require_decision_code").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index("brands_workspace_idx").on(t.workspaceId)],
);

export const agencies = pgTable(
  "agencies",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    isOperator: boolean("is_operator").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index("agencies_workspace_idx").on(t.workspaceId)],
);

export const creators = pgTable(
  "creators",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    handle: text("handle"),
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("creators_workspace_idx").on(t.workspaceId)],
);

/** A person's role in one workspace; agency, brand or creator scope where the role needs one. */
export const memberships = pgTable(
  "memberships",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: ROLES }).notNull(),
    agencyId: text("agency_id").references(() => agencies.id, { onDelete: "cascade" }),
    brandId: text("brand_id").references(() => brands.id, { onDelete: "cascade" }),
    creatorId: text("creator_id").references(() => creators.id, { onDelete: "cascade" }),
    /** Away period: approval requests in [awayFrom, awayUntil) go to the delegate (decision 052). */
    awayFrom: tstz("away_from"),
    awayUntil: tstz("away_until"),
    delegateUserId: text("delegate_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("memberships_workspace_user_key").on(t.workspaceId, t.userId), index("memberships_user_idx").on(t.userId)],
);

export const invitations = pgTable(
  "invitations",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    agencyId: text("agency_id").references(() => agencies.id, { onDelete: "cascade" }),
    brandId: text("brand_id").references(() => brands.id, { onDelete: "cascade" }),
    creatorId: text("creator_id").references(() => creators.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    invitedBy: text("invited_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: tstz("expires_at").notNull(),
    acceptedAt: tstz("accepted_at"),
    revokedAt: tstz("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("invitations_token_key").on(t.tokenHash), index("invitations_workspace_idx").on(t.workspaceId)],
);
