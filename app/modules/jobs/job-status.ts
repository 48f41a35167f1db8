/**
 * The job life cycle (decisions 001, 043) as ONE table. queue.server.ts takes the status names and
 * the allowed from-state of every UPDATE it makes from here, docs/domain.md prints the table, and
 * the tests walk it, so the three cannot disagree.
 */

export const JOB_STATUSES = ["pending", "running", "done", "failed"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const JOB_EVENTS = ["claim", "renew", "complete", "retry", "give_up", "retake"] as const;
export type JobEvent = (typeof JOB_EVENTS)[number];

export interface JobTransition {
  from: JobStatus;
  to: JobStatus;
  /**
   * Who may make the move: `holder` is the claim that holds the job (same `attempts`, lease not
   * taken over); `new_claim` is any worker, which starts a new claim (attempts + 1, a new lease).
   */
  by: "holder" | "new_claim";
  /** What the lease must be for the move: `expired` only for taking a dead worker's job. */
  lease?: "expired";
  reason: string;
}

export const JOB_TRANSITIONS: Readonly<Record<JobEvent, JobTransition>> = {
  claim: {
    from: "pending",
    to: "running",
    by: "new_claim",
    reason: "Its run_at has come and its lane has a free slot under the caps; attempts + 1 is the claim's token.",
  },
  renew: {
    from: "running",
    to: "running",
    by: "holder",
    reason: "The heartbeat, every third of the lease while the handler runs, so a live job is never taken twice.",
  },
  complete: {
    from: "running",
    to: "done",
    by: "holder",
    reason: "The handler returned; the sealed part of the payload is dropped, nothing will send it again.",
  },
  retry: {
    from: "running",
    to: "pending",
    by: "holder",
    reason: "The handler (or the payload's seal or schema) failed with attempts left: due again after the backoff.",
  },
  give_up: {
    from: "running",
    to: "failed",
    by: "holder",
    reason: "It failed and its attempts are exhausted: it stays failed, with the last error, for a person to look at.",
  },
  retake: {
    from: "running",
    to: "running",
    by: "new_claim",
    lease: "expired",
    reason: "Nobody renewed the lease (the worker died): any worker takes it under a new claim; the old claim can no longer touch it.",
  },
};

/** The state a worker holds a job in: renewing, completing and failing all start from it. */
export const HELD_STATUS: JobStatus = JOB_TRANSITIONS.renew.from;

/** What a failed run does next: retry while attempts are left, then give up. */
export function failureEvent(job: { attempts: number; maxAttempts: number }): "retry" | "give_up" {
  return job.attempts >= job.maxAttempts ? "give_up" : "retry";
}

/** Statuses no event leaves. */
export function isFinalJobStatus(status: JobStatus): boolean {
  return !JOB_EVENTS.some((event) => JOB_TRANSITIONS[event].from === status);
}
