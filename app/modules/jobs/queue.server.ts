import { and, eq, inArray, lte, or, sql } from "drizzle-orm";
import { jobs } from "@db/schema";
import type { Queryable } from "~/utils/db.server";
import { seal, unseal } from "~/utils/seal.server";
import type { EnqueuePayloadOf, JobKindName } from "./handlers.server";
import { failureEvent, HELD_STATUS, JOB_TRANSITIONS } from "./job-status";
import { DEFAULT_LANE_LIMITS, LEASE_MS, laneOf, type Lane, type LaneLimits } from "./lanes";
import { HOUR_MS } from "~/utils/time";

export type Job = typeof jobs.$inferSelect;

/** The payload key that holds an enqueue's `secret`, sealed (app/utils/seal.server.ts). */
const SEALED = "sealed";

/**
 * `payload` is stored readable: what the ops view and queries need (ids, recipient, template).
 * `secret` is what the handler needs but no database dump may show: links with tokens
 * (security.md 10). It is stored sealed with APP_SECRET as `payload.sealed`; the worker merges it
 * back, so the handler reads `url` / `props` as if it had been in `payload`. For a kind of the
 * registry (handlers.server.ts) both are typed from its schema and sealed keys; a kind outside it
 * (a test's own) takes any object.
 */
type PayloadFor<K extends string> = K extends JobKindName
  ? EnqueuePayloadOf<K>
  : { payload: Record<string, unknown>; secret?: Record<string, unknown> };

export type EnqueueInput<K extends string = string> = PayloadFor<K> & {
  kind: K;
  /** When it may run; defaults to now. Reminders use a future time. */
  runAt?: Date;
  /** A second enqueue with the same key is ignored: a reminder is scheduled once per due time. */
  dedupeKey?: string;
  workspaceId?: string | null;
  maxAttempts?: number;
  /** Jobs with one key share a cap on how many run at once (lanes.ts); a webhook's is its endpoint. */
  concurrencyKey?: string;
};

/** Writes the job in the caller's transaction: if the change rolls back, the job never existed. */
export async function enqueue<K extends string>(tx: Queryable, input: EnqueueInput<K>): Promise<string | null> {
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
      lane: laneOf(input.kind),
      concurrencyKey: input.concurrencyKey ?? null,
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

const { claim, retake, complete } = JOB_TRANSITIONS;

/** A job is due when its time has come (claim), or when it is running on a lease nobody renewed (retake). */
function dueAt(now: Date) {
  return or(and(eq(jobs.status, claim.from), lte(jobs.runAt, now)), and(eq(jobs.status, retake.from), lte(jobs.lockedUntil, now)));
}

/** drizzle's execute answers an array on postgres.js and `{ rows }` on PGlite. */
function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
}

export interface ClaimOptions {
  lane: Lane;
  now: Date;
  /** Free slots of the lane in this worker. */
  limit: number;
  leaseMs?: number;
  limits?: LaneLimits;
}

/**
 * Claims due jobs of one lane, oldest first, skipping any whose endpoint (concurrency key) or
 * workspace already has its cap of running jobs with a live lease. Claims of one lane take
 * turns (a transaction advisory lock), so the caps hold across any number of workers; FOR
 * UPDATE SKIP LOCKED still keeps two workers off one row. Each claim adds one to `attempts`,
 * which is the claim's token: renewing, completing and failing are compare-and-set on it.
 * The jobs come back opened (sealed values merged into `payload`); one whose seal does not open
 * is failed here (it retries with backoff, then stays failed) and the rest run.
 */
export async function claimJobs(database: Queryable, opts: ClaimOptions): Promise<Job[]> {
  const { lane, now, limit } = opts;
  const { perKey, perWorkspace } = opts.limits ?? DEFAULT_LANE_LIMITS[lane];
  const at = sql`${now.toISOString()}::timestamptz`;
  if (limit <= 0) return [];
  const claimed = await database.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`baton.jobs.${lane}`}))`);
    // Rank the due jobs within their key (then their workspace) and keep those still under the
    // cap once the running ones are counted: a busy endpoint's backlog never hides the others.
    const keyOk =
      perKey === undefined
        ? sql`true`
        : sql`d.concurrency_key is null or d.key_rank + (select count(*) from live l where l.concurrency_key = d.concurrency_key) <= ${perKey}`;
    const workspaceOk =
      perWorkspace === undefined
        ? sql`true`
        : sql`k.workspace_id is null or k.workspace_rank + (select count(*) from live l where l.workspace_id = k.workspace_id) <= ${perWorkspace}`;
    const candidates = rowsOf<{ id: string }>(
      await tx.execute(sql`
        with live as (
          select concurrency_key, workspace_id from jobs
          where lane = ${lane} and status = ${HELD_STATUS} and locked_until > ${at}
        ), due as (
          select id, run_at, concurrency_key, workspace_id,
                 row_number() over (partition by concurrency_key order by run_at, id) as key_rank
          from jobs
          where lane = ${lane} and ((status = ${claim.from} and run_at <= ${at}) or (status = ${retake.from} and locked_until <= ${at}))
        ), key_ok as (
          select d.*, row_number() over (partition by workspace_id order by run_at, id) as workspace_rank
          from due d where ${keyOk}
        )
        select id from key_ok k where ${workspaceOk}
        order by run_at, id limit ${limit}`),
    );
    if (candidates.length === 0) return [];
    // Re-checked under the row lock: a row another worker claimed meanwhile is no longer due.
    const locked = await tx
      .select({ id: jobs.id })
      .from(jobs)
      .where(
        and(
          inArray(
            jobs.id,
            candidates.map((c) => c.id),
          ),
          dueAt(now),
        ),
      )
      .for("update", { skipLocked: true });
    if (locked.length === 0) return [];
    return tx
      .update(jobs)
      .set({ status: claim.to, lockedUntil: new Date(now.getTime() + (opts.leaseMs ?? LEASE_MS)), attempts: sql`${jobs.attempts} + 1` })
      .where(
        inArray(
          jobs.id,
          locked.map((d) => d.id),
        ),
      )
      .returning();
  });
  claimed.sort((a, b) => a.runAt.getTime() - b.runAt.getTime());
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

/** This claim of the job, and only while it is still running: a retaken job has a new `attempts`. */
function stillOurs(job: Job) {
  return and(eq(jobs.id, job.id), eq(jobs.attempts, job.attempts), eq(jobs.status, HELD_STATUS));
}

/**
 * The heartbeat: extends the lease of a job this worker still holds. False when the lease was
 * lost (it ran out and another worker took the job): the new owner's lease is left alone.
 */
export async function renewLease(database: Queryable, job: Job, now: Date, leaseMs: number = LEASE_MS): Promise<boolean> {
  const rows = await database
    .update(jobs)
    .set({ lockedUntil: new Date(now.getTime() + leaseMs) })
    .where(stillOurs(job))
    .returning({ id: jobs.id });
  return rows.length === 1;
}

/** Exponential backoff: 10 s, 20 s, 40 s ... capped at one hour. */
export function backoffMs(attempt: number): number {
  return Math.min(HOUR_MS, 10_000 * 2 ** Math.max(0, attempt - 1));
}

/**
 * Done: the sealed part (link tokens) is dropped, since nothing will send this job again. Only
 * this claim can complete it: a worker that lost its lease leaves the new owner's row alone.
 */
export async function completeJob(database: Queryable, job: Job, now: Date): Promise<void> {
  await database
    .update(jobs)
    .set({ status: complete.to, finishedAt: now, lockedUntil: null, lastError: null, payload: sql`${jobs.payload} - ${SEALED}::text` })
    .where(stillOurs(job));
}

export async function failJob(database: Queryable, job: Job, error: unknown, now: Date): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  const event = failureEvent(job);
  const final = event === "give_up";
  await database
    .update(jobs)
    .set({
      status: JOB_TRANSITIONS[event].to,
      runAt: final ? job.runAt : new Date(now.getTime() + backoffMs(job.attempts)),
      lockedUntil: null,
      lastError: message.replace(/\u0000/g, "").slice(0, 2000),
      finishedAt: final ? now : null,
    })
    .where(stillOurs(job));
}
