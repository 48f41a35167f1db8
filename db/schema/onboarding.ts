import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, id, tstz } from "./columns";
import { users } from "./auth";
import { brands, workspaces } from "./workspace";

/** A client's branded onboarding link. Only the token's SHA-256 is kept. */
export const onboardingLinks = pgTable(
  "onboarding_links",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    brandId: text("brand_id").references(() => brands.id, { onDelete: "set null" }),
    clientName: text("client_name").notNull(),
    clientEmail: text("client_email"),
    /**
     * The client's language (issue 20): chosen when the link is created, switched by the client on
     * the page; the page, its emails and its forwarded steps speak it. A supported locale code.
     */
    locale: text("locale").notNull().default("en"),
    serviceType: text("service_type"),
    tokenHash: text("token_hash").notNull(),
    /** Which intake steps are on: { brandKit, contacts, questionnaire, agreement } and their texts. */
    intake: jsonb("intake").$type<Record<string, unknown>>().notNull().default({}),
    /** What the client entered in intake steps (contacts, questionnaire answers, file ids). */
    answers: jsonb("answers").$type<Record<string, unknown>>().notNull().default({}),
    agreementName: text("agreement_name"),
    agreementAt: tstz("agreement_at"),
    agreementIp: text("agreement_ip"),
    accountManagerId: text("account_manager_id").references(() => users.id, { onDelete: "set null" }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: tstz("expires_at").notNull(),
    openedAt: tstz("opened_at"),
    completedAt: tstz("completed_at"),
    allVerifiedAt: tstz("all_verified_at"),
    revokedAt: tstz("revoked_at"),
    replacedById: text("replaced_by_id"),
    lastProgressAt: tstz("last_progress_at"),
    remindersSent: integer("reminders_sent").notNull().default(0),
    alertedForProgressAt: tstz("alerted_for_progress_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("onboarding_links_token_key").on(t.tokenHash),
    index("onboarding_links_workspace_idx").on(t.workspaceId, t.createdAt),
  ],
);

/** One platform step of a link: the access state machine of app/modules/onboarding/access-status.ts. */
export const accessSteps = pgTable(
  "access_steps",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    linkId: text("link_id")
      .notNull()
      .references(() => onboardingLinks.id, { onDelete: "cascade" }),
    platformKey: text("platform_key").notNull(),
    /**
     * For a platform the agency defined (issue 20): the version of its definition the link was sent
     * with, so editing the platform later never changes a sent link. Null for built-in platforms.
     */
    customPlatformVersionId: text("custom_platform_version_id").references(() => customPlatformVersions.id, { onDelete: "no action" }),
    role: text("role").notNull(),
    required: boolean("required").notNull().default(true),
    position: integer("position").notNull().default(0),
    status: text("status").notNull().default("requested"),
    assetId: text("asset_id"),
    notApplicableReason: text("not_applicable_reason"),
    rejectionReason: text("rejection_reason"),
    confirmedAt: tstz("confirmed_at"),
    verifiedAt: tstz("verified_at"),
    verifiedBy: text("verified_by").references(() => users.id, { onDelete: "set null" }),
    rejectedAt: tstz("rejected_at"),
    revokedAt: tstz("revoked_at"),
    /** How the step became verified (issue 19): "person" (an agency member) or "check" (automatic). */
    verifiedVia: text("verified_via"),
    /** Issue 19: the last time a platform check saw the grant, and when a check found it gone. */
    lastSeenAt: tstz("last_seen_at"),
    lastCheckedAt: tstz("last_checked_at"),
    lostAt: tstz("lost_at"),
    /** Compare-and-set counter: every change bumps it. */
    rowVersion: integer("row_version").notNull().default(0),
    updatedAt: tstz("updated_at").notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [index("access_steps_link_idx").on(t.linkId), index("access_steps_workspace_status_idx").on(t.workspaceId, t.status)],
);

/** A step forwarded to a colleague: its own token, its own reminders. */
export const stepForwards = pgTable(
  "step_forwards",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    stepId: text("step_id")
      .notNull()
      .references(() => accessSteps.id, { onDelete: "cascade" }),
    linkId: text("link_id")
      .notNull()
      .references(() => onboardingLinks.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    name: text("name"),
    tokenHash: text("token_hash").notNull(),
    expiresAt: tstz("expires_at").notNull(),
    revokedAt: tstz("revoked_at"),
    remindersSent: integer("reminders_sent").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("step_forwards_token_key").on(t.tokenHash), index("step_forwards_step_idx").on(t.stepId)],
);

/** Offboarding: what must be revoked, by whom, tracked until done. */
export const offboardingItems = pgTable(
  "offboarding_items",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    brandId: text("brand_id")
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    stepId: text("step_id").references(() => accessSteps.id, { onDelete: "set null" }),
    platformKey: text("platform_key").notNull(),
    side: text("side", { enum: ["client", "agency"] }).notNull(),
    description: text("description").notNull(),
    doneAt: tstz("done_at"),
    doneBy: text("done_by").references(() => users.id, { onDelete: "set null" }),
    /** "person" or "check": issue 19 marks an item done when a platform check sees the access gone. */
    doneVia: text("done_via"),
    createdAt: createdAt(),
  },
  (t) => [index("offboarding_items_brand_idx").on(t.brandId)],
);

/**
 * A platform Baton does not know, defined by a workspace admin (issue 20): its key ("custom:<slug>")
 * is what presets and steps name; its definition lives in versions, the newest is current.
 */
export const customPlatforms = pgTable(
  "custom_platforms",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    name: text("name").notNull(),
    currentVersion: integer("current_version").notNull().default(1),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    archivedAt: tstz("archived_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("custom_platforms_key").on(t.workspaceId, t.key)],
);

/**
 * One saved definition of a custom platform, never changed once written: identity to share, steps
 * per language, the ID field (label, pattern, example, wrong-value message), the roles offered.
 */
export const customPlatformVersions = pgTable(
  "custom_platform_versions",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    platformId: text("platform_id")
      .notNull()
      .references(() => customPlatforms.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    definition: jsonb("definition").$type<Record<string, unknown>>().notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("custom_platform_versions_key").on(t.platformId, t.version)],
);
