import { and, eq, sql } from "drizzle-orm";
import { approvalDecisions, campaigns, deliverables } from "@db/schema";
import { db, isUniqueViolation, type Queryable, type Transaction } from "~/utils/db.server";
import { attempt, conflict, DomainError, notFound, type Outcome } from "~/utils/outcome";
import type { RouteDecision } from "./route";

/**
 * What every deliverable command shares (decision 051): one transaction that either commits whole
 * or answers a problem, the compare-and-set on the row, and the words for a lost race.
 */

export type DeliverableRow = typeof deliverables.$inferSelect;
export type CampaignRow = typeof campaigns.$inferSelect;

export const RACE_MESSAGE = "Someone else changed this deliverable just now. Reload the page to see the latest state.";

/** Out of scope looks the same as missing (decision 004). */
export const missingDeliverable = () => notFound("That deliverable does not exist.");

/** Rolls the command's transaction back and answers `problem` (a failed outcome from ~/utils/outcome). */
export function refuse(failed: Extract<Outcome<unknown>, { ok: false }>): never {
  throw new DomainError(failed.problem);
}

/**
 * Runs a command in one transaction. A refusal inside (a thrown DomainError, e.g. a transition the
 * status machine forbids) rolls everything back and is answered as its problem; two transactions
 * inserting the same decision or version lose to the unique index and answer the race message.
 */
export async function runCommand<T>(work: (tx: Transaction) => Promise<T>): Promise<Outcome<T>> {
  try {
    return await attempt(() => db().transaction(work));
  } catch (error) {
    if (isUniqueViolation(error)) return conflict(RACE_MESSAGE, { code: "race" });
    throw error;
  }
}

/** Compare-and-set: the row must still be at the version and status we read, else the race refusal. */
export async function casUpdate(tx: Queryable, row: DeliverableRow, patch: Partial<typeof deliverables.$inferInsert>): Promise<void> {
  const updated = await tx
    .update(deliverables)
    .set({ ...patch, rowVersion: sql`${deliverables.rowVersion} + 1`, updatedAt: new Date() })
    .where(and(eq(deliverables.id, row.id), eq(deliverables.rowVersion, row.rowVersion), eq(deliverables.status, row.status)))
    .returning({ id: deliverables.id });
  if (updated.length === 0) refuse(conflict(RACE_MESSAGE, { code: "race" }));
}

export async function campaignOf(tx: Queryable, row: DeliverableRow): Promise<CampaignRow> {
  const campaign = await tx.query.campaigns.findFirst({ where: eq(campaigns.id, row.campaignId) });
  if (!campaign) refuse(missingDeliverable());
  return campaign!;
}

/** Every decision recorded on the deliverable, each pinned to its version. */
export async function versionDecisions(tx: Queryable, deliverableId: string): Promise<(RouteDecision & { draftVersionId: string })[]> {
  return tx
    .select({
      stageIndex: approvalDecisions.stageIndex,
      userId: approvalDecisions.userId,
      decision: approvalDecisions.decision,
      version: approvalDecisions.version,
      draftVersionId: approvalDecisions.draftVersionId,
    })
    .from(approvalDecisions)
    .where(eq(approvalDecisions.deliverableId, deliverableId));
}
