import { db } from "~/utils/db.server";
import { appSecret } from "~/utils/env.server";
import type { Job } from "./queue.server";
import { claimJobs, completeJob, failJob } from "./queue.server";

export type JobHandler = (job: Job, now: Date) => Promise<void>;
export type HandlerMap = Record<string, JobHandler>;

/**
 * Runs one batch of due jobs; returns how many were attempted. Tests drive it with a fixed clock.
 * claimJobs hands each job over opened (sealed payload values merged back, see enqueue's `secret`).
 */
export async function runDueJobs(handlers: HandlerMap, opts: { now?: Date; batch?: number } = {}): Promise<number> {
  const now = opts.now ?? new Date();
  const claimed = await claimJobs(db(), now, opts.batch ?? 20);
  for (const job of claimed) {
    const handler = handlers[job.kind];
    try {
      if (!handler) throw new Error(`No handler for job kind "${job.kind}"`);
      await handler(job, now);
      await completeJob(db(), job, now);
    } catch (error) {
      await failJob(db(), job, error, now);
    }
  }
  return claimed.length;
}

/** Polls until stopped; drains quickly while there is work, then waits `pollMs`. */
export function startWorker(handlers: HandlerMap, pollMs: number, onError: (e: unknown) => void = () => {}) {
  // Resolve the sealing secret now: a bad DATA_DIR/app-secret stops start-up, not every job.
  appSecret();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    if (stopped) return;
    let worked = 0;
    try {
      worked = await runDueJobs(handlers);
    } catch (error) {
      onError(error);
    }
    if (!stopped) timer = setTimeout(tick, worked > 0 ? 0 : pollMs);
  };
  timer = setTimeout(tick, 0);
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
