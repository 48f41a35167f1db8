import { bigserial, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, id, tstz } from "./columns";
import { users } from "./auth";
import { workspaces } from "./workspace";

/** Append-only: a trigger (see the migration) refuses UPDATE and DELETE. */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workspaceId: text("workspace_id"),
    actorUserId: text("actor_user_id"),
    actorLabel: text("actor_label").notNull(),
    action: text("action").notNull(),
    objectType: text("object_type").notNull(),
    objectId: text("object_id").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    ip: text("ip"),
    userAgent: text("user_agent"),
    createdAt: createdAt(),
  },
  (t) => [index("audit_workspace_time_idx").on(t.workspaceId, t.createdAt)],
);

/**
 * The transactional outbox and job queue in one table: a row is written in the transaction of the
 * change that causes it, and workers claim due rows with FOR UPDATE SKIP LOCKED.
 */
export const jobs = pgTable(
  "jobs",
  {
    id: id(),
    kind: text("kind").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    dedupeKey: text("dedupe_key"),
    workspaceId: text("workspace_id"),
    status: text("status", { enum: ["pending", "running", "done", "failed"] })
      .notNull()
      .default("pending"),
    runAt: tstz("run_at").notNull().defaultNow(),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(8),
    lockedUntil: tstz("locked_until"),
    lastError: text("last_error"),
    finishedAt: tstz("finished_at"),
    createdAt: createdAt(),
    /** Which worker lane runs it (app/modules/jobs/lanes.ts, decision 043). */
    lane: text("lane", { enum: ["email", "webhook", "background"] })
      .notNull()
      .default("background"),
    /** Jobs sharing a key (one webhook endpoint) are capped in flight together; null = no cap. */
    concurrencyKey: text("concurrency_key"),
  },
  (t) => [
    index("jobs_due_idx").on(t.status, t.runAt),
    index("jobs_lane_due_idx").on(t.lane, t.status, t.runAt),
    uniqueIndex("jobs_dedupe_key").on(t.dedupeKey),
  ],
);

/** The local mailbox driver's store: what would have gone out, readable at /dev/mail and by tests. */
export const localEmails = pgTable(
  "local_emails",
  {
    id: id(),
    idempotencyKey: text("idempotency_key").notNull(),
    from: text("from_address").notNull(),
    to: text("to_address").notNull(),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("local_emails_idem_key").on(t.idempotencyKey), index("local_emails_to_idx").on(t.to)],
);

export const notifications = pgTable(
  "notifications",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    category: text("category").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    url: text("url"),
    readAt: tstz("read_at"),
    createdAt: createdAt(),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.readAt)],
);

export const notificationPrefs = pgTable(
  "notification_prefs",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    category: text("category").notNull(),
    mode: text("mode", { enum: ["immediate", "digest", "off"] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.category] })],
);

export const files = pgTable(
  "files",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    storageKey: text("storage_key").notNull(),
    driver: text("driver").notNull(),
    originalName: text("original_name").notNull(),
    mimeType: text("mime_type").notNull(),
    size: integer("size").notNull(),
    /** Hex SHA-256 of the bytes, taken at upload; the evidence pack lists it (older rows: computed when sealed). */
    sha256: text("sha256"),
    purpose: text("purpose").notNull(),
    uploadedBy: text("uploaded_by"),
    createdAt: createdAt(),
  },
  (t) => [index("files_workspace_idx").on(t.workspaceId)],
);

export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    description: text("description").notNull().default(""),
    eventTypes: jsonb("event_types").$type<string[]>().notNull(),
    /** Needed in clear to sign; shown to the admin once at creation. */
    secret: text("secret").notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    disabledAt: tstz("disabled_at"),
    createdAt: createdAt(),
  },
  (t) => [index("webhook_endpoints_workspace_idx").on(t.workspaceId)],
);

export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: id(),
    endpointId: text("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    messageId: text("message_id").notNull(),
    eventType: text("event_type").notNull(),
    attempt: integer("attempt").notNull(),
    statusCode: integer("status_code"),
    error: text("error"),
    durationMs: integer("duration_ms"),
    createdAt: createdAt(),
  },
  (t) => [index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.createdAt)],
);

/**
 * One row per create form submitted: the unique (scope, key) makes a repeated or concurrent submit
 * of the same form find the first record instead of creating another (security.md 34). `scope` is
 * the workspace id, or the user id for forms outside a workspace (new workspace).
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    scope: text("scope").notNull(),
    key: text("key").notNull(),
    /** What was created (e.g. "onboarding_link", "campaign"): a key reused on another form is refused. */
    kind: text("kind").notNull(),
    recordId: text("record_id"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);
