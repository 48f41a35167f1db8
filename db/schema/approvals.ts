import { boolean, check, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { createdAt, id, tstz } from "./columns";
import { users } from "./auth";
import { campaigns } from "./campaigns";
import { brands, creators, workspaces } from "./workspace";

/** Ordered approval stages per campaign (app/modules/approvals/route.ts). */
export const approvalRoutes = pgTable(
  "approval_routes",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    campaignId: text("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    stages: jsonb("stages").$type<unknown[]>().notNull(),
    /** Hours the route needs for review; a later submission is flagged late. */
    reviewHours: integer("review_hours").notNull().default(24),
    updatedBy: text("updated_by").references(() => users.id, { onDelete: "set null" }),
    updatedAt: tstz("updated_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("approval_routes_campaign_key").on(t.campaignId)],
);

/** A deliverable; its status follows app/modules/approvals/deliverable-status.ts. */
export const deliverables = pgTable(
  "deliverables",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    campaignId: text("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    /** Copied from the campaign so the calendar and conflict sweeps filter without a join. */
    brandId: text("brand_id")
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    creatorId: text("creator_id").references(() => creators.id, { onDelete: "set null" }),
    channel: text("channel").notNull(),
    title: text("title").notNull(),
    publishAt: tstz("publish_at").notNull(),
    status: text("status").notNull().default("draft"),
    /**
     * Blocked is a flag beside the status (decision 052): the sign-off deadline passed without a
     * sign-off. Drafts, reviews and decisions continue; scheduling and publishing are refused until
     * a reschedule at least one window ahead (or an override) clears it.
     */
    blocked: boolean("blocked").notNull().default(false),
    currentVersion: integer("current_version").notNull().default(0),
    signedOffAt: tstz("signed_off_at"),
    signedOffVersion: integer("signed_off_version"),
    signedOffBy: text("signed_off_by").references(() => users.id, { onDelete: "set null" }),
    overrideReason: text("override_reason"),
    overriddenAt: tstz("overridden_at"),
    overriddenBy: text("overridden_by").references(() => users.id, { onDelete: "set null" }),
    liveUrl: text("live_url"),
    revisionRounds: integer("revision_rounds").notNull().default(0),
    remindersSent: jsonb("reminders_sent").$type<string[]>().notNull().default([]),
    /** Compare-and-set counter: every decision bumps it, so of concurrent decisions one wins. */
    rowVersion: integer("row_version").notNull().default(0),
    updatedAt: tstz("updated_at").notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [
    index("deliverables_workspace_publish_idx").on(t.workspaceId, t.publishAt),
    index("deliverables_brand_channel_publish_idx").on(t.brandId, t.channel, t.publishAt),
    index("deliverables_creator_publish_idx").on(t.creatorId, t.publishAt),
    index("deliverables_campaign_idx").on(t.campaignId),
    // "Waiting on me" and the queue read one status in publish order; this serves both filter and order.
    index("deliverables_status_publish_idx").on(t.workspaceId, t.status, t.publishAt),
  ],
);

/** Immutable draft versions. */
export const draftVersions = pgTable(
  "draft_versions",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    deliverableId: text("deliverable_id")
      .notNull()
      .references(() => deliverables.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    copy: text("copy").notNull().default(""),
    title: text("title"),
    link: text("link"),
    mediaFileIds: jsonb("media_file_ids").$type<string[]>().notNull().default([]),
    late: boolean("late").notNull().default(false),
    submittedBy: text("submitted_by").references(() => users.id, { onDelete: "set null" }),
    submittedAt: tstz("submitted_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("draft_versions_deliverable_version_key").on(t.deliverableId, t.version)],
);

/** Approve or request changes, pinned to one version and one stage. */
export const approvalDecisions = pgTable(
  "approval_decisions",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    deliverableId: text("deliverable_id")
      .notNull()
      .references(() => deliverables.id, { onDelete: "cascade" }),
    draftVersionId: text("draft_version_id")
      .notNull()
      .references(() => draftVersions.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    stageIndex: integer("stage_index").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    decision: text("decision", { enum: ["approve", "request_changes"] }).notNull(),
    comment: text("comment"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("approval_decisions_once_key").on(t.draftVersionId, t.stageIndex, t.userId),
    index("approval_decisions_deliverable_idx").on(t.deliverableId),
  ],
);

export const draftComments = pgTable(
  "draft_comments",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    draftVersionId: text("draft_version_id")
      .notNull()
      .references(() => draftVersions.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    body: text("body").notNull(),
    /**
     * A reviewer's note to the team (issue 18): only workspace-wide members and members of the
     * campaign's agencies read it (scope.server.ts seesInternalComments); never creators, brand
     * leads, guests or clients, on any page, email, export, webhook or link.
     */
    internal: boolean("internal").notNull().default(false),
    /**
     * A pin (issue 18): the point of one image of the version the comment is about, in ten-thousandths
     * of the image's width and height from its top-left corner (0..10000), so it survives any display
     * size. All three are set or none; the number a reader sees is computed on read (pins.ts).
     */
    pinFileId: text("pin_file_id"),
    pinX: integer("pin_x"),
    pinY: integer("pin_y"),
    createdAt: createdAt(),
  },
  (t) => [
    index("draft_comments_version_idx").on(t.draftVersionId),
    check(
      "draft_comments_pin_whole",
      sql`(${t.pinFileId} IS NULL AND ${t.pinX} IS NULL AND ${t.pinY} IS NULL) OR (${t.pinFileId} IS NOT NULL AND ${t.pinX} BETWEEN 0 AND 10000 AND ${t.pinY} BETWEEN 0 AND 10000)`,
    ),
  ],
);

/**
 * The evidence pack's ledger (issue 18, decision 057): per deliverable, a chain of entries. A "sealed"
 * entry is the whole pack at a sign-off or an override; later events (published, moved, overridden,
 * sign-off lost) are appended as their own entries. `body` is the entry's RFC 8785 canonical JSON,
 * stored byte for byte, and `sha256` its hash, which the audit event of that moment records too.
 * Append-only: a trigger refuses UPDATE (rows go only with their deliverable or workspace).
 */
export const evidenceEntries = pgTable(
  "evidence_entries",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    deliverableId: text("deliverable_id")
      .notNull()
      .references(() => deliverables.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    kind: text("kind").notNull(),
    body: text("body").notNull(),
    sha256: text("sha256").notNull(),
    prevSha256: text("prev_sha256"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("evidence_entries_seq_key").on(t.deliverableId, t.seq)],
);
