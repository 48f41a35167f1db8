import { index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, id, tstz } from "./columns";
import { users } from "./auth";
import { deliverables } from "./approvals";
import { brands, workspaces } from "./workspace";

/**
 * Decision links (decision 052): a personal token for one person and one deliverable ("decision"),
 * or for one brand lead's pending sign-offs of one brand ("digest"). Only the SHA-256 of the token
 * is stored. A decision link lives until the deliverable's CURRENT publish time plus 7 days (read
 * at use, so a reschedule moves it); a digest link until `expiresAt` (48 hours).
 */
export const decisionLinks = pgTable(
  "decision_links",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: ["decision", "digest"] }).notNull(),
    tokenHash: text("token_hash").notNull(),
    /** The person the link speaks for: a member, an invited brand lead or a guest approver (a user row without membership). */
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    deliverableId: text("deliverable_id").references(() => deliverables.id, { onDelete: "cascade" }),
    brandId: text("brand_id").references(() => brands.id, { onDelete: "cascade" }),
    expiresAt: tstz("expires_at"),
    revokedAt: tstz("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("decision_links_token_key").on(t.tokenHash),
    index("decision_links_deliverable_idx").on(t.deliverableId),
    index("decision_links_user_idx").on(t.userId),
  ],
);

/** One-time codes for brands that require them: 6 digits, 10 minutes, 5 tries (decision 052). */
export const decisionCodes = pgTable(
  "decision_codes",
  {
    id: id(),
    linkId: text("link_id")
      .notNull()
      .references(() => decisionLinks.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    expiresAt: tstz("expires_at").notNull(),
    attempts: integer("attempts").notNull().default(0),
    usedAt: tstz("used_at"),
    createdAt: createdAt(),
  },
  (t) => [index("decision_codes_link_idx").on(t.linkId)],
);
