import { db, type Queryable } from "~/utils/db.server";
import { appSecret } from "~/utils/env.server";
import { DEFAULT_LANE_LIMITS, LANES, LEASE_MS, type Lane, type LaneLimits } from "./lanes";
import type { Job } from "./queue.server";
import { claimJobs, completeJob, failJob, renewLease } from "./queue.server";

export type JobHandler = (job: Job, now: Date) => Promise<void>;
export type HandlerMap = Record<string, JobHandler>;

export interface WorkerOptions {
  /** Per-lane limits; a lane left out keeps DEFAULT_LANE_LIMITS. */
  lanes?: Partial<Record<Lane, LaneLimits>>;
  leaseMs?: number;
  /** The worker's clock; tests run it at a fixed or shifted time. */
  clock?: () => Date;
  /** Connection to use; defaults to the installed database. */
  database?: Queryable;
}

function limitsOf(lane: Lane, opts: WorkerOptions): LaneLimits {
  return opts.lanes?.[lane] ?? DEFAULT_LANE_LIMITS[lane];
}

/**
 * Runs one claimed job under its lease: a heartbeat renews the lease every third of it while the
 * handler works (so a long job is never taken twice), and the outcome is recorded only if this
 * claim still holds the job (compare-and-set in completeJob / failJob).
 */
async function runJob(database: Queryable, handlers: HandlerMap, job: Job, clock: () => Date, leaseMs: number): Promise<void> {
  const heartbeat = setInterval(
    () => {
      renewLease(database, job, clock(), leaseMs).catch(() => {
        // A missed beat is retried at the next one; the lease is three beats long.
      });
    },
    Math.max(1, Math.floor(leaseMs / 3)),
  );
  try {
    const handler = handlers[job.kind];
    if (!handler) throw new Error(`No handler for job kind "${job.kind}"`);
    await handler(job, clock());
    await completeJob(database, job, clock());
  } catch (error) {
    await failJob(database, job, error, clock());
  } finally {
    clearInterval(heartbeat);
  }
}

/** How many due jobs of each lane one runDueJobs batch takes (the caps per endpoint still hold). */
const TEST_BATCH = 20;

/**
 * Runs one batch of due jobs: each lane claims up to TEST_BATCH and runs those jobs side by side;
 * returns how many were attempted. Tests drive it with a fixed clock (`now`).
 * claimJobs hands each job over opened (sealed payload values merged back, see enqueue's `secret`).
 */
export async function runDueJobs(handlers: HandlerMap, opts: WorkerOptions & { now?: Date; batch?: number } = {}): Promise<number> {
  const now = opts.now ?? new Date();
  const clock = opts.clock ?? (() => now);
  const leaseMs = opts.leaseMs ?? LEASE_MS;
  const database = opts.database ?? db();
  // Claim every lane before running any: a batch is what was due when it started, so an email a
  // job of this batch queues waits for the next batch (tests read the outbox between batches).
  const claimed: Job[][] = [];
  for (const lane of LANES) {
    const limits = limitsOf(lane, opts);
    claimed.push(await claimJobs(database, { lane, now, limit: opts.batch ?? TEST_BATCH, leaseMs, limits }));
  }
  await Promise.all(claimed.map((jobsOfLane) => Promise.all(jobsOfLane.map((job) => runJob(database, handlers, job, clock, leaseMs)))));
  return claimed.reduce((n, jobsOfLane) => n + jobsOfLane.length, 0);
}

/**
 * One lane of a running worker: keeps up to `concurrency` of its jobs in flight, claiming again
 * as soon as one finishes, and polls every `pollMs` when idle or capped.
 */
function startLane(lane: Lane, handlers: HandlerMap, pollMs: number, onError: (e: unknown) => void, opts: WorkerOptions) {
  const limits = limitsOf(lane, opts);
  const clock = opts.clock ?? (() => new Date());
  const leaseMs = opts.leaseMs ?? LEASE_MS;
  const running = new Set<Promise<void>>();
  let stopped = false;
  let claiming = false;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  const fill = async (): Promise<void> => {
    if (stopped) return;
    if (claiming) {
      again = true;
      return;
    }
    clearTimeout(timer);
    claiming = true;
    let claimed = 0;
    try {
      const database = opts.database ?? db();
      const free = limits.concurrency - running.size;
      const jobs = free > 0 ? await claimJobs(database, { lane, now: clock(), limit: free, leaseMs, limits }) : [];
      claimed = jobs.length;
      for (const job of jobs) {
        const done: Promise<void> = runJob(database, handlers, job, clock, leaseMs)
          .catch(onError)
          .finally(() => {
            running.delete(done);
            void fill(); // a slot is free: take the next job now, not at the next poll
          });
        running.add(done);
      }
    } catch (error) {
      onError(error);
    } finally {
      claiming = false;
    }
    if (stopped) return;
    const more = again || (claimed > 0 && running.size < limits.concurrency);
    again = false;
    timer = setTimeout(() => void fill(), more ? 0 : pollMs);
  };
  timer = setTimeout(() => void fill(), 0);

  return async () => {
    stopped = true;
    clearTimeout(timer);
    // Jobs a claim in progress is about to start count too: wait for the claim, then for them.
    while (claiming || running.size > 0) await Promise.race([...running, new Promise((resolve) => setTimeout(resolve, 20))]);
  };
}

/**
 * Starts a worker: one loop per lane (lanes.ts), so email never waits behind webhooks. The
 * returned function stops claiming and resolves once the jobs in flight have finished.
 */
export function startWorker(handlers: HandlerMap, pollMs: number, onError: (e: unknown) => void = () => {}, opts: WorkerOptions = {}) {
  // Resolve the sealing secret now: a bad DATA_DIR/app-secret stops start-up, not every job.
  appSecret();
  const stops = LANES.map((lane) => startLane(lane, handlers, pollMs, onError, opts));
  return async (): Promise<void> => {
    await Promise.all(stops.map((stop) => stop()));
  };
}
