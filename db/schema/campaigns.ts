import { index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, id, tstz } from "./columns";
import { users } from "./auth";
import { agencies, brands, creators, workspaces } from "./workspace";

/** The workspace's brief template; each save is a new version (app/modules/briefs/template.ts). */
export const briefTemplates = pgTable(
  "brief_templates",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    definition: jsonb("definition").$type<Record<string, unknown>>().notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("brief_templates_ws_version_key").on(t.workspaceId, t.version)],
);

export const campaigns = pgTable(
  "campaigns",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    brandId: text("brand_id")
      .notNull()
      .references(() => brands.id, { onDelete: "restrict" }),
    leadAgencyId: text("lead_agency_id")
      .notNull()
      .references(() => agencies.id, { onDelete: "restrict" }),
    name: text("name").notNull(),
    status: text("status").notNull().default("planning"),
    channels: jsonb("channels").$type<string[]>().notNull().default([]),
    startsAt: tstz("starts_at").notNull(),
    endsAt: tstz("ends_at").notNull(),
    coordinatorId: text("coordinator_id").references(() => users.id, { onDelete: "set null" }),
    rowVersion: integer("row_version").notNull().default(0),
    updatedAt: tstz("updated_at").notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [
    index("campaigns_workspace_window_idx").on(t.workspaceId, t.startsAt),
    index("campaigns_brand_idx").on(t.brandId),
    index("campaigns_lead_agency_idx").on(t.leadAgencyId),
  ],
);

/** Other agencies on a campaign (the lead agency is on the campaign row). */
export const campaignAgencies = pgTable(
  "campaign_agencies",
  {
    campaignId: text("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    agencyId: text("agency_id")
      .notNull()
      .references(() => agencies.id, { onDelete: "cascade" }),
    workspaceId: text("workspace_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.agencyId] }), index("campaign_agencies_agency_idx").on(t.agencyId)],
);

export const campaignCreators = pgTable(
  "campaign_creators",
  {
    campaignId: text("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    creatorId: text("creator_id")
      .notNull()
      .references(() => creators.id, { onDelete: "cascade" }),
    workspaceId: text("workspace_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.creatorId] }), index("campaign_creators_creator_idx").on(t.creatorId)],
);

/** The working brief of a campaign: the autosaved draft and the last published version number. */
export const briefs = pgTable(
  "briefs",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    campaignId: text("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    templateVersion: integer("template_version").notNull(),
    draft: jsonb("draft").$type<Record<string, unknown>>().notNull().default({}),
    draftUpdatedAt: tstz("draft_updated_at"),
    publishedVersion: integer("published_version"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("briefs_campaign_key").on(t.campaignId)],
);

/** Published, immutable brief versions. */
export const briefVersions = pgTable(
  "brief_versions",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    briefId: text("brief_id")
      .notNull()
      .references(() => briefs.id, { onDelete: "cascade" }),
    campaignId: text("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    templateVersion: integer("template_version").notNull(),
    content: jsonb("content").$type<Record<string, unknown>>().notNull(),
    /** The changed fields against the previous version, for the readable diff. */
    changes: jsonb("changes").$type<unknown[]>().notNull().default([]),
    publishedBy: text("published_by").references(() => users.id, { onDelete: "set null" }),
    publishedAt: tstz("published_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("brief_versions_brief_version_key").on(t.briefId, t.version)],
);

/** Who was asked to acknowledge which version, and when they did: the handoff. */
export const briefAcknowledgments = pgTable(
  "brief_acknowledgments",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    campaignId: text("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    briefVersionId: text("brief_version_id")
      .notNull()
      .references(() => briefVersions.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    requestedAt: tstz("requested_at").notNull().defaultNow(),
    acknowledgedAt: tstz("acknowledged_at"),
  },
  (t) => [
    uniqueIndex("brief_ack_version_user_key").on(t.briefVersionId, t.userId),
    index("brief_ack_user_pending_idx").on(t.userId, t.acknowledgedAt),
  ],
);

export const briefComments = pgTable(
  "brief_comments",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    campaignId: text("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    briefVersionId: text("brief_version_id")
      .notNull()
      .references(() => briefVersions.id, { onDelete: "cascade" }),
    sectionKey: text("section_key").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["comment", "question"] })
      .notNull()
      .default("comment"),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("brief_comments_version_idx").on(t.briefVersionId)],
);
