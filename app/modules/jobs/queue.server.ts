import { and, asc, eq, inArray, lte, or, sql } from "drizzle-orm";
import { jobs } from "@db/schema";
import type { Queryable } from "~/utils/db.server";

export type Job = typeof jobs.$inferSelect;

export interface EnqueueInput {
  kind: string;
  payload: Record<string, unknown>;
  /** When it may run; defaults to now. Reminders use a future time. */
  runAt?: Date;
  /** A second enqueue with the same key is ignored: a reminder is scheduled once per due time. */
  dedupeKey?: string;
  workspaceId?: string | null;
  maxAttempts?: number;
}

/** Writes the job in the caller's transaction: if the change rolls back, the job never existed. */
export async function enqueue(tx: Queryable, input: EnqueueInput): Promise<string | null> {
  const rows = await tx
    .insert(jobs)
    .values({
      kind: input.kind,
      payload: input.payload,
      runAt: input.runAt ?? new Date(),
      dedupeKey: input.dedupeKey ?? null,
      workspaceId: input.workspaceId ?? null,
      maxAttempts: input.maxAttempts ?? 8,
    })
    .onConflictDoNothing()
    .returning({ id: jobs.id });
  return rows[0]?.id ?? null;
}

const LEASE_MS = 5 * 60_000;

/**
 * Claims due jobs. FOR UPDATE SKIP LOCKED lets any number of workers share the table without
 * taking the same row; the lease returns a job whose worker died to the queue.
 */
export async function claimJobs(database: Queryable, now: Date, limit: number): Promise<Job[]> {
  return database.transaction(async (tx) => {
    const due = await tx
      .select({ id: jobs.id })
      .from(jobs)
      .where(
        or(
          and(eq(jobs.status, "pending"), lte(jobs.runAt, now)),
          and(eq(jobs.status, "running"), lte(jobs.lockedUntil, now)),
        ),
      )
      .orderBy(asc(jobs.runAt))
      .limit(limit)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(jobs)
      .set({ status: "running", lockedUntil: new Date(now.getTime() + LEASE_MS), attempts: sql`${jobs.attempts} + 1` })
      .where(inArray(jobs.id, due.map((d) => d.id)))
      .returning();
  });
}

/** Exponential backoff: 10 s, 20 s, 40 s ... capped at one hour. */
export function backoffMs(attempt: number): number {
  return Math.min(3_600_000, 10_000 * 2 ** Math.max(0, attempt - 1));
}

export async function completeJob(database: Queryable, job: Job, now: Date): Promise<void> {
  await database
    .update(jobs)
    .set({ status: "done", finishedAt: now, lockedUntil: null, lastError: null })
    .where(and(eq(jobs.id, job.id), eq(jobs.attempts, job.attempts)));
}

export async function failJob(database: Queryable, job: Job, error: unknown, now: Date): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  const final = job.attempts >= job.maxAttempts;
  await database
    .update(jobs)
    .set({
      status: final ? "failed" : "pending",
      runAt: final ? job.runAt : new Date(now.getTime() + backoffMs(job.attempts)),
      lockedUntil: null,
      lastError: message.replace(/\u0000/g, "").slice(0, 2000),
      finishedAt: final ? now : null,
    })
    .where(and(eq(jobs.id, job.id), eq(jobs.attempts, job.attempts)));
}
