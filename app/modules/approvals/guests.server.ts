import { and, eq, gt, inArray, isNull } from "drizzle-orm";
import { invitations, memberships, users } from "@db/schema";
import type { Queryable } from "~/utils/db.server";

/**
 * Guest approvers and invited brand leads (decision 052): people on a route without a membership.
 * Each is a `users` row, so approver ids, decisions, the audit trail and insights treat them like
 * members; a guest has no membership, so signing in shows them nothing, and they decide only
 * through their decision links.
 */

/**
 * The user row of each email, created when there is none: no password, not verified, named by the
 * address until the person names themself. The answer is the same whether the address had an
 * account or not (nothing here tells the caller which), and a later sign-up with the address gets
 * a sign-in link like any existing account (decision 042).
 */
export async function userRowsFor(tx: Queryable, emails: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(emails.map((e) => e.toLowerCase()))];
  if (unique.length === 0) return new Map();
  await tx
    .insert(users)
    .values(unique.map((email) => ({ email, name: email, passwordHash: null, emailVerifiedAt: null })))
    .onConflictDoNothing();
  const rows = await tx.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, unique));
  return new Map(rows.map((r) => [r.email, r.id]));
}

/** Of these user ids, the ones with a membership in the workspace. */
export async function memberIdsAmong(tx: Queryable, workspaceId: string, ids: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Set();
  const rows = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.userId, unique)));
  return new Set(rows.map((r) => r.userId));
}

/** Of these addresses, those with an open invitation to the workspace (any role): people about to join. */
export async function openInvitationEmails(
  tx: Queryable,
  workspaceId: string,
  emails: readonly string[],
  now = new Date(),
): Promise<Set<string>> {
  if (emails.length === 0) return new Set();
  const rows = await tx
    .select({ email: invitations.email })
    .from(invitations)
    .where(
      and(
        eq(invitations.workspaceId, workspaceId),
        inArray(invitations.email, [...emails]),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now),
      ),
    );
  return new Set(rows.map((r) => r.email));
}

/** Brand leads of `brandId` invited and not joined yet (the invitation still open), with their user row if one exists. */
export async function invitedBrandLeads(tx: Queryable, workspaceId: string, brandId: string, now = new Date()) {
  const rows = await tx
    .select({ invitationId: invitations.id, email: invitations.email, userId: users.id, name: users.name })
    .from(invitations)
    .leftJoin(users, eq(users.email, invitations.email))
    .where(
      and(
        eq(invitations.workspaceId, workspaceId),
        eq(invitations.role, "brand_lead"),
        eq(invitations.brandId, brandId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now),
      ),
    );
  // One per address (an address invited twice is one person); a member already joined is a member, not an invitee.
  const members = await memberIdsAmong(
    tx,
    workspaceId,
    rows.flatMap((r) => (r.userId ? [r.userId] : [])),
  );
  const byEmail = new Map(rows.filter((r) => !r.userId || !members.has(r.userId)).map((r) => [r.email, r]));
  return [...byEmail.values()];
}

/**
 * Whether a person without a membership may act on this brand's sign-off: an open brand-lead
 * invitation of that brand to their address (the decision-link door treats them as its brand lead).
 */
export async function invitedLeadOf(tx: Queryable, workspaceId: string, email: string, brandId: string, now: Date): Promise<boolean> {
  const leads = await invitedBrandLeads(tx, workspaceId, brandId, now);
  return leads.some((l) => l.email === email);
}
