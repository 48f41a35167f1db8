import { index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { createdAt, id, tstz } from "./columns";
import { users } from "./auth";
import { accessSteps } from "./onboarding";
import { workspaces } from "./workspace";

/**
 * A workspace's own account on a platform provider (issue 19): Google through OAuth 2.0 (one
 * refresh token serves Ads, GA4, Tag Manager, Search Console and Business Profile), Meta through a
 * business portfolio's system-user token. The credential is sealed with APP_SECRET
 * (app/utils/seal.server.ts) and never leaves the server readable (security.md 38).
 * At most one live connection per provider; a disconnected one keeps its row (credential erased)
 * for the audit trail.
 */
export const platformConnections = pgTable(
  "platform_connections",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** "google" | "meta" (app/modules/connections). */
    provider: text("provider").notNull(),
    /** "connected" | "reconnect_needed" | "disconnected": the connection state table decides. */
    status: text("status").notNull().default("connected"),
    /** What a person recognises: the Google account's email, the Meta business portfolio's name. */
    accountLabel: text("account_label"),
    /** Sealed JSON of the credential (refresh/access token, expiry); null once disconnected. */
    sealedCredential: text("sealed_credential"),
    /** Scopes the provider granted, space-separated (read-only ones only). */
    scopes: text("scopes"),
    /** Non-secret settings: Meta business id, Google Ads manager (login-customer-id), etc. */
    settings: jsonb("settings").$type<Record<string, unknown>>().notNull().default({}),
    connectedBy: text("connected_by").references(() => users.id, { onDelete: "set null" }),
    connectedAt: tstz("connected_at").notNull().defaultNow(),
    lastUsedAt: tstz("last_used_at"),
    /** Why the credential stopped opening (a person's words, no secret), when reconnect is needed. */
    lastError: text("last_error"),
    /** Set when the admins were told "reconnect needed", so they are told once per breakage. */
    reconnectAlertedAt: tstz("reconnect_alerted_at"),
    disconnectedAt: tstz("disconnected_at"),
    disconnectedBy: text("disconnected_by").references(() => users.id, { onDelete: "set null" }),
    rowVersion: integer("row_version").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("platform_connections_live_key")
      .on(t.workspaceId, t.provider)
      .where(sql`disconnected_at is null`),
  ],
);

/**
 * An OAuth authorization in flight: the state (its hash) and the PKCE code verifier (sealed), bound
 * to the admin who started it; used once, gone after 10 minutes.
 */
export const oauthStates = pgTable(
  "oauth_states",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    provider: text("provider").notNull(),
    stateHash: text("state_hash").notNull(),
    sealedVerifier: text("sealed_verifier").notNull(),
    expiresAt: tstz("expires_at").notNull(),
    usedAt: tstz("used_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("oauth_states_state_key").on(t.stateHash)],
);

/**
 * One reading of a platform about one access step (issue 19): after the client confirms
 * ("verify"), nightly and on demand ("recheck"), and at offboarding ("offboarding"). What the API
 * answered is kept trimmed to the facts that decided (never a token).
 */
export const accessChecks = pgTable(
  "access_checks",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    stepId: text("step_id")
      .notNull()
      .references(() => accessSteps.id, { onDelete: "cascade" }),
    connectionId: text("connection_id").references(() => platformConnections.id, { onDelete: "set null" }),
    /** "verify" | "recheck" | "offboarding". */
    purpose: text("purpose").notNull(),
    /** "found" | "weaker_role" | "not_found" | "unavailable" | "unknown" (app/modules/connections). */
    outcome: text("outcome").notNull(),
    /** "presence" | "role": whether the driver confirms only that the asset is visible, or its role too. */
    confirms: text("confirms").notNull(),
    /** The facts the API answered that decided the outcome, and the reason in a person's words. */
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default({}),
    checkedAt: tstz("checked_at").notNull().defaultNow(),
  },
  (t) => [index("access_checks_step_idx").on(t.stepId, t.checkedAt), index("access_checks_workspace_idx").on(t.workspaceId, t.checkedAt)],
);
