import { sql } from "drizzle-orm";
import { bigserial, date, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, id, tstz } from "./columns";
import { users } from "./auth";
import { brands, workspaces } from "./workspace";

/**
 * One row per finished handoff (decision 053), written in the same transaction as the handoff, so
 * medians and 90th percentiles are computed over exactly the rows a filter keeps. `kind` is one of
 * the fact kinds in app/modules/insights/fact-kinds.ts; `subjectId` the row it measures (a step, a
 * brief acknowledgment, a deliverable version); `(kind, subjectKey)` is unique so a backfill or a
 * retried transaction never counts a handoff twice.
 */
export const handoffFacts = pgTable(
  "handoff_facts",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    subjectKey: text("subject_key").notNull(),
    startedAt: tstz("started_at").notNull(),
    finishedAt: tstz("finished_at").notNull(),
    durationSeconds: integer("duration_seconds").notNull(),
    brandId: text("brand_id"),
    agencyId: text("agency_id"),
    channel: text("channel"),
    creatorId: text("creator_id"),
    /** Whoever finished the handoff (approver, verifier, acknowledger); null for the system. */
    personId: text("person_id"),
    /** The day the handoff finished, in the workspace's time zone. */
    localDate: date("local_date", { mode: "string" }).notNull(),
    /** Kind-specific facts: { version, firstPass, onTime, late, override, blocked, stageIndex, platform, ... }. */
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("handoff_facts_subject_key").on(t.kind, t.subjectKey),
    index("handoff_facts_workspace_date_idx").on(t.workspaceId, t.kind, t.localDate),
  ],
);

/**
 * Conflicts are computed on read (decision 040) and had no history: this log records when each
 * conflict was first seen and when it stopped (decision 053), written when conflicts are
 * recomputed after a change. One open row per conflict key.
 */
export const conflictLog = pgTable(
  "conflict_log",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    conflictKey: text("conflict_key").notNull(),
    rule: text("rule").notNull(),
    severity: text("severity").notNull(),
    brandId: text("brand_id"),
    agencyIds: jsonb("agency_ids").$type<string[]>().notNull().default([]),
    channel: text("channel"),
    /** The earliest moment one of its items goes live: "resolved before going live" compares to it. */
    goesLiveAt: tstz("goes_live_at"),
    firstSeenAt: tstz("first_seen_at").notNull(),
    resolvedAt: tstz("resolved_at"),
  },
  (t) => [
    index("conflict_log_workspace_idx").on(t.workspaceId, t.resolvedAt),
    uniqueIndex("conflict_log_open_key")
      .on(t.workspaceId, t.conflictKey)
      .where(sql`resolved_at IS NULL`),
  ],
);

/** Monthly accountability reports sent: automatic sends are idempotent per brand, month and recipient. */
export const reportSends = pgTable(
  "report_sends",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    brandId: text("brand_id")
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    /** "2026-11" */
    month: text("month").notNull(),
    recipientUserId: text("recipient_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** "auto" once per (brand, month, recipient); "again" for each audited manual re-send. */
    kind: text("kind", { enum: ["auto", "again"] }).notNull(),
    sentBy: text("sent_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("report_sends_brand_month_idx").on(t.brandId, t.month),
    uniqueIndex("report_sends_auto_once_key")
      .on(t.brandId, t.month, t.recipientUserId)
      .where(sql`kind = 'auto'`),
  ],
);

/**
 * What the insights report reads changed (decision 055): statement triggers on handoff_facts
 * ("facts"), conflict_log and conflict_acknowledgments ("conflicts") append one row per statement,
 * never an UPDATE of a shared counter, so writers never wait on each other for it. The report cache
 * (app/modules/insights/report-cache.server.ts) keys on (count, max id) per source; rows older
 * than an hour are pruned.
 */
export const insightsChanges = pgTable(
  "insights_changes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    source: text("source", { enum: ["facts", "conflicts"] }).notNull(),
    at: createdAt(),
  },
  (t) => [index("insights_changes_at_idx").on(t.at)],
);
