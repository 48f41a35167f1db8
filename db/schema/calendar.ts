import { bigserial, boolean, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, id, tstz } from "./columns";
import { users } from "./auth";
import { brands, workspaces } from "./workspace";

export const brandBlackouts = pgTable(
  "brand_blackouts",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    brandId: text("brand_id")
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    startsAt: tstz("starts_at").notNull(),
    endsAt: tstz("ends_at").notNull(),
    reason: text("reason").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("brand_blackouts_brand_idx").on(t.brandId)],
);

/** Acknowledged conflicts by their stable key; a conflict that no longer holds simply is not shown. */
export const conflictAcknowledgments = pgTable(
  "conflict_acknowledgments",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    conflictKey: text("conflict_key").notNull(),
    note: text("note").notNull(),
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("conflict_ack_key").on(t.workspaceId, t.conflictKey)],
);

/**
 * An exclusivity clash waived for one brand's side (issue 21): a brand lead of a brand whose window
 * is breached accepts it, with a reason. The clash stays visible on both items, marked waived.
 */
export const conflictWaivers = pgTable(
  "conflict_waivers",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    conflictKey: text("conflict_key").notNull(),
    brandId: text("brand_id")
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    reason: text("reason").notNull(),
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("conflict_waivers_key").on(t.workspaceId, t.conflictKey, t.brandId)],
);

/** A user's secret iCalendar feed URL; only the token's hash is kept. */
export const calendarFeeds = pgTable(
  "calendar_feeds",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    revokedAt: tstz("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("calendar_feeds_token_key").on(t.tokenHash), index("calendar_feeds_user_idx").on(t.userId)],
);

/**
 * One row per statement and workspace that changed something the calendar's conflicts depend on,
 * written by statement triggers (migrations 0004 and 0013). Readers compare (count, max id) of
 * their workspace's rows (and the rows of no workspace: users, TRUNCATE) with what they saw when
 * they cached a snapshot: any committed change, in whatever order, moves one of them. Rows older
 * than an hour are pruned; a prune also moves the count, which only costs one recompute.
 * A deliverables row also names the brands and creators whose deliverables the statement touched
 * (before and after), so a reader can recompute only what those can affect (decision 068).
 */
export const calendarChanges = pgTable(
  "calendar_changes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: createdAt(),
    /** null: every workspace (a user renamed, a table truncated). */
    workspaceId: text("workspace_id"),
    /** The table the statement changed; null for rows written before migration 0013. */
    source: text("source"),
    brandIds: text("brand_ids").array(),
    creatorIds: text("creator_ids").array(),
  },
  (t) => [index("calendar_changes_at_idx").on(t.at), index("calendar_changes_workspace_idx").on(t.workspaceId, t.id)],
);

/**
 * A saved view of the calendar (issue 21): a name for a set of filters (the URL's query, parsed by
 * app/modules/calendar/filters.ts), personal or shared with the workspace. A shared view is only
 * filters: each viewer still sees it through their own scope.
 */
export const savedViews = pgTable(
  "saved_views",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    ownerId: text("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** The view ("month" | "week" | "list") and its filters, as the calendar's query string holds them. */
    query: jsonb("query").$type<Record<string, string | string[]>>().notNull().default({}),
    shared: boolean("shared").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: tstz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("saved_views_owner_name").on(t.workspaceId, t.ownerId, t.name),
    index("saved_views_shared_idx").on(t.workspaceId, t.shared),
  ],
);

/**
 * A read-only calendar of one brand for client contacts without an account (issue 21, security.md
 * 10–14 and 40): only the token's SHA-256 is kept; it expires and can be revoked.
 */
export const calendarShareLinks = pgTable(
  "calendar_share_links",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    brandId: text("brand_id")
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    /** Who it was made for, in the agency's words ("Lumen marketing team"). */
    label: text("label").notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: tstz("expires_at").notNull(),
    revokedAt: tstz("revoked_at"),
    revokedBy: text("revoked_by").references(() => users.id, { onDelete: "set null" }),
    lastOpenedAt: tstz("last_opened_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("calendar_share_links_token_key").on(t.tokenHash),
    index("calendar_share_links_brand_idx").on(t.workspaceId, t.brandId),
  ],
);

/**
 * A marker on the calendar (issue 21): a launch, an embargo or a note, for the whole workspace
 * (brand null) or for one brand, shown only to viewers of that brand.
 */
export const calendarMarkers = pgTable(
  "calendar_markers",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    brandId: text("brand_id").references(() => brands.id, { onDelete: "cascade" }),
    /** "launch" | "embargo" | "note". */
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    note: text("note"),
    startsAt: tstz("starts_at").notNull(),
    /** An embargo or a multi-day note ends; a launch is a moment (null). */
    endsAt: tstz("ends_at"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("calendar_markers_window_idx").on(t.workspaceId, t.startsAt)],
);

/**
 * An overlay of holidays or events from an iCalendar source (issue 21): an uploaded file, or a URL
 * fetched through the address guard (at most 2 MB, 10 s) and refreshed daily.
 */
export const calendarOverlays = pgTable(
  "calendar_overlays",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** "file" | "url". */
    source: text("source").notNull(),
    url: text("url"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    lastFetchedAt: tstz("last_fetched_at"),
    /** Why the last refresh failed, in a person's words; the events of the last good read stay. */
    lastError: text("last_error"),
    eventCount: integer("event_count").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index("calendar_overlays_workspace_idx").on(t.workspaceId)],
);

/** One event of an overlay, replaced as a whole on each refresh. */
export const calendarOverlayEvents = pgTable(
  "calendar_overlay_events",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    overlayId: text("overlay_id")
      .notNull()
      .references(() => calendarOverlays.id, { onDelete: "cascade" }),
    uid: text("uid"),
    title: text("title").notNull(),
    startsAt: tstz("starts_at").notNull(),
    endsAt: tstz("ends_at"),
    allDay: boolean("all_day").notNull().default(false),
  },
  (t) => [index("calendar_overlay_events_window_idx").on(t.workspaceId, t.startsAt)],
);
