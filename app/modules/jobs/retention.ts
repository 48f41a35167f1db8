/**
 * How long finished bookkeeping is kept (decision 063). Pure: the cut-off instants for a run at `now`.
 *
 * - A job that is done is kept 14 days: long enough to read what was sent and to keep its dedupe key
 *   against a repeat within the window where one can happen (a reminder, a resent form), short
 *   enough that the queue's table does not grow for ever. Failed jobs are kept: a person reads them.
 * - An idempotency key (security.md 34) is kept 30 days: a form page left open longer than that and
 *   sent twice is not a double click any more.
 */
export const DONE_JOBS_KEPT_DAYS = 14;
export const IDEMPOTENCY_KEYS_KEPT_DAYS = 30;
/** Rows deleted per statement, so a first run on a large table never holds long locks. */
export const RETENTION_BATCH = 5_000;
/** How often the clean-up runs. */
export const RETENTION_EVERY_MS = 60 * 60 * 1000;

const DAY_MS = 24 * 60 * 60 * 1000;

export function retentionCutoffs(now: Date): { doneJobsBefore: Date; idempotencyKeysBefore: Date } {
  return {
    doneJobsBefore: new Date(now.getTime() - DONE_JOBS_KEPT_DAYS * DAY_MS),
    idempotencyKeysBefore: new Date(now.getTime() - IDEMPOTENCY_KEYS_KEPT_DAYS * DAY_MS),
  };
}

/** The next run: the next whole hour after `now`, so every process that starts the chain meets on one instant. */
export function nextRetentionRun(now: Date): Date {
  return new Date((Math.floor(now.getTime() / RETENTION_EVERY_MS) + 1) * RETENTION_EVERY_MS);
}
