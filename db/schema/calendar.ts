import { bigserial, index, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
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
 * One row per statement that changed something the calendar's conflicts depend on, written by
 * statement triggers (migration 0004). Readers compare (count, max id) with what they saw when
 * they cached a snapshot: any committed change, in whatever order, moves one of them. Rows older
 * than an hour are pruned; a prune also moves the count, which only costs one recompute.
 */
export const calendarChanges = pgTable(
  "calendar_changes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: createdAt(),
  },
  (t) => [index("calendar_changes_at_idx").on(t.at)],
);
