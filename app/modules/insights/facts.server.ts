import { eq } from "drizzle-orm";
import { handoffFacts, workspaces } from "@db/schema";
import type { Queryable } from "~/utils/db.server";
import type { FactInput } from "./fact-kinds";
import { localDateOf } from "./periods";

/**
 * Records one finished handoff (decision 053). Call it with the transaction that finished the
 * handoff, so the fact commits or rolls back with it. `(kind, subject_key)` is unique and the
 * insert does nothing on a repeat: a retried transaction or the backfill never counts a handoff
 * twice. `timeZone` is the workspace's (read when not given): the fact's day is counted there.
 */
export async function recordFact(tx: Queryable, fact: FactInput, timeZone?: string): Promise<boolean> {
  const zone = timeZone ?? (await workspaceTimeZone(tx, fact.workspaceId));
  const durationSeconds = Math.max(0, Math.round((fact.finishedAt.getTime() - fact.startedAt.getTime()) / 1000));
  const inserted = await tx
    .insert(handoffFacts)
    .values({
      workspaceId: fact.workspaceId,
      kind: fact.kind,
      subjectKey: fact.subjectKey,
      startedAt: fact.startedAt,
      finishedAt: fact.finishedAt,
      durationSeconds,
      brandId: fact.brandId,
      agencyId: fact.agencyId,
      channel: fact.channel,
      creatorId: fact.creatorId,
      personId: fact.personId,
      localDate: localDateOf(fact.countsAt ?? fact.finishedAt, zone),
      data: fact.data as unknown as Record<string, unknown>,
    })
    .onConflictDoNothing({ target: [handoffFacts.kind, handoffFacts.subjectKey] })
    .returning({ id: handoffFacts.id });
  return inserted.length > 0;
}

async function workspaceTimeZone(tx: Queryable, workspaceId: string): Promise<string> {
  const [row] = await tx.select({ timeZone: workspaces.timeZone }).from(workspaces).where(eq(workspaces.id, workspaceId)).limit(1);
  return row?.timeZone ?? "UTC";
}
