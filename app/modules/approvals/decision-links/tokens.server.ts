import { and, eq, inArray, isNull } from "drizzle-orm";
import { decisionLinks, deliverables, workspaces } from "@db/schema";
import { randomToken, sha256 } from "~/utils/crypto.server";
import { db, type Queryable } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { linkState, plausibleLinkToken, type LinkPurpose } from "./link-rules";

/**
 * Personal links (decision 052, security.md 10 and 37): 256 random bits, only the SHA-256 stored,
 * bound to one person and one deliverable ("decision") or one brand ("digest"). The raw token
 * exists only in the email that carries it: issue a link in the transaction that queues that
 * email, whose props the outbox seals. Opening a link reads and never writes.
 */

export type LinkRow = typeof decisionLinks.$inferSelect;
type WorkspaceRow = typeof workspaces.$inferSelect;
type DeliverableRow = typeof deliverables.$inferSelect;

export type IssueLinkInput =
  | { purpose: "decision"; workspaceId: string; userId: string; deliverableId: string }
  | { purpose: "digest"; workspaceId: string; userId: string; brandId: string; expiresAt: Date };

/** Writes the link (its hash) in the caller's transaction and returns the raw token, to be sealed in an email. */
export async function issueLink(tx: Queryable, input: IssueLinkInput): Promise<string> {
  const token = randomToken();
  await tx.insert(decisionLinks).values({
    workspaceId: input.workspaceId,
    purpose: input.purpose,
    tokenHash: sha256(token),
    userId: input.userId,
    deliverableId: input.purpose === "decision" ? input.deliverableId : null,
    brandId: input.purpose === "digest" ? input.brandId : null,
    expiresAt: input.purpose === "digest" ? input.expiresAt : null,
  });
  return token;
}

/** Where a decision link's page lives. */
export const decisionLinkPath = (token: string) => `/d/${token}`;
export const decisionLinkUrl = (token: string) => `${env().APP_URL}${decisionLinkPath(token)}`;

/** One decision link per person for one deliverable, for the approval emails queued in the same transaction: user id → URL. */
export async function issueDecisionLinks(
  tx: Queryable,
  input: { workspaceId: string; deliverableId: string; userIds: readonly string[] },
): Promise<Map<string, string>> {
  const urls = new Map<string, string>();
  for (const userId of new Set(input.userIds)) {
    urls.set(
      userId,
      decisionLinkUrl(
        await issueLink(tx, { purpose: "decision", workspaceId: input.workspaceId, userId, deliverableId: input.deliverableId }),
      ),
    );
  }
  return urls;
}

export type LinkLookup =
  | { state: "invalid" }
  | { state: "expired" | "revoked"; link: LinkRow; workspace: WorkspaceRow; deliverable: DeliverableRow | null }
  | { state: "valid"; link: LinkRow; workspace: WorkspaceRow; deliverable: DeliverableRow | null };

/**
 * The link a token opens, and whether it works at `now`. Unknown, malformed or of another purpose:
 * invalid (404). A decision link's end is read from its deliverable's current publish time.
 */
export async function openLink(token: string | undefined, purpose: LinkPurpose, now: Date): Promise<LinkLookup> {
  if (!plausibleLinkToken(token)) return { state: "invalid" };
  const link = await db().query.decisionLinks.findFirst({ where: eq(decisionLinks.tokenHash, sha256(token)) });
  if (!link || link.purpose !== purpose) return { state: "invalid" };
  const [workspace, deliverable] = await Promise.all([
    db().query.workspaces.findFirst({ where: eq(workspaces.id, link.workspaceId) }),
    link.deliverableId
      ? db().query.deliverables.findFirst({
          where: and(eq(deliverables.id, link.deliverableId), eq(deliverables.workspaceId, link.workspaceId)),
        })
      : Promise.resolve(undefined),
  ]);
  if (!workspace) return { state: "invalid" };
  const state = linkState(link, deliverable?.publishAt ?? null, now);
  return { state, link, workspace, deliverable: deliverable ?? null };
}

/**
 * Turns links off (e.g. a person leaves the route or the workspace). Only links still on; returns
 * how many. The pages of revoked links answer 410.
 */
export async function revokeLinks(
  tx: Queryable,
  input: { workspaceId: string; userIds?: readonly string[]; deliverableId?: string },
  now: Date,
): Promise<number> {
  const rows = await tx
    .update(decisionLinks)
    .set({ revokedAt: now })
    .where(
      and(
        eq(decisionLinks.workspaceId, input.workspaceId),
        isNull(decisionLinks.revokedAt),
        input.userIds ? inArray(decisionLinks.userId, [...input.userIds]) : undefined,
        input.deliverableId ? eq(decisionLinks.deliverableId, input.deliverableId) : undefined,
      ),
    )
    .returning({ id: decisionLinks.id });
  return rows.length;
}
