import { and, asc, eq, inArray, lte, or, sql } from "drizzle-orm";
import { jobs } from "@db/schema";
import type { Queryable } from "~/utils/db.server";
import { seal, unseal } from "~/utils/seal.server";

export type Job = typeof jobs.$inferSelect;

/** The payload key that holds an enqueue's `secret`, sealed (app/utils/seal.server.ts). */
const SEALED = "sealed";

export interface EnqueueInput {
  kind: string;
  /** Stored readable: what the ops view and queries need (ids, recipient, template). */
  payload: Record<string, unknown>;
  /**
   * What the handler needs but no database dump may show: links with tokens (security.md 10).
   * Stored sealed with APP_SECRET as `payload.sealed`; the worker merges it back, so the handler
   * reads `job.payload.url` / `job.payload.props` as if it had been in `payload`.
   */
  secret?: Record<string, unknown>;
  /** When it may run; defaults to now. Reminders use a future time. */
  runAt?: Date;
  /** A second enqueue with the same key is ignored: a reminder is scheduled once per due time. */
  dedupeKey?: string;
  workspaceId?: string | null;
  maxAttempts?: number;
}

/** Writes the job in the caller's transaction: if the change rolls back, the job never existed. */
export async function enqueue(tx: Queryable, input: EnqueueInput): Promise<string | null> {
  if (SEALED in input.payload) throw new Error(`enqueue: "${SEALED}" is reserved in a job payload; pass secret values as \`secret\``);
  const rows = await tx
    .insert(jobs)
    .values({
      kind: input.kind,
      payload: input.secret ? { ...input.payload, [SEALED]: seal(input.secret) } : input.payload,
      runAt: input.runAt ?? new Date(),
      dedupeKey: input.dedupeKey ?? null,
      workspaceId: input.workspaceId ?? null,
      maxAttempts: input.maxAttempts ?? 8,
    })
    .onConflictDoNothing()
    .returning({ id: jobs.id });
  return rows[0]?.id ?? null;
}

/**
 * The payload as a handler reads it: the clear fields with the sealed ones merged back in.
 * Throws if the seal does not open (altered, or APP_SECRET changed since the job was queued).
 */
export function openPayload(payload: Record<string, unknown>): Record<string, unknown> {
  if (!(SEALED in payload)) return payload;
  const { [SEALED]: sealed, ...clear } = payload;
  if (typeof sealed !== "string") throw new Error("The job's sealed payload is not a string.");
  let secret: unknown;
  try {
    secret = unseal(sealed);
  } catch {
    throw new Error("The job's sealed payload could not be opened: it was altered, or APP_SECRET changed since it was queued.");
  }
  if (typeof secret !== "object" || secret === null || Array.isArray(secret)) throw new Error("The job's sealed payload is not an object.");
  return { ...clear, ...(secret as Record<string, unknown>) };
}

/** The job as its handler is given it (claimJobs): its payload opened. */
export function openJob(job: Job): Job {
  return { ...job, payload: openPayload(job.payload) };
}

const LEASE_MS = 5 * 60_000;

/**
 * Claims due jobs. FOR UPDATE SKIP LOCKED lets any number of workers share the table without
 * taking the same row; the lease returns a job whose worker died to the queue. The jobs come back
 * opened, ready for their handler (sealed values merged into `payload`); one whose seal does not
 * open is failed here (it retries with backoff, then stays failed) and the rest of the batch runs.
 */
export async function claimJobs(database: Queryable, now: Date, limit: number): Promise<Job[]> {
  const claimed = await database.transaction(async (tx) => {
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
  const ready: Job[] = [];
  for (const job of claimed) {
    try {
      ready.push(openJob(job));
    } catch (error) {
      await failJob(database, job, error, now);
    }
  }
  return ready;
}

/** Exponential backoff: 10 s, 20 s, 40 s ... capped at one hour. */
export function backoffMs(attempt: number): number {
  return Math.min(3_600_000, 10_000 * 2 ** Math.max(0, attempt - 1));
}

/** Done: the sealed part (link tokens) is dropped, since nothing will send this job again. */
export async function completeJob(database: Queryable, job: Job, now: Date): Promise<void> {
  await database
    .update(jobs)
    .set({ status: "done", finishedAt: now, lockedUntil: null, lastError: null, payload: sql`${jobs.payload} - ${SEALED}::text` })
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
