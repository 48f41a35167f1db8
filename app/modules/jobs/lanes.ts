/**
 * Lanes (decision 043): each kind of job runs in a lane with its own slots, so a slow kind cannot
 * hold up another. Email (sign-in links, invitations) never waits behind webhooks, and
 * long background work (reports, nightly checks, reminders) never waits behind either.
 */
export const LANES = ["email", "webhook", "background"] as const;
export type Lane = (typeof LANES)[number];

export function laneOf(kind: string): Lane {
  if (kind === "email") return "email";
  if (kind === "webhook") return "webhook";
  return "background";
}

export interface LaneLimits {
  /** Jobs of the lane in flight at once, per worker process. */
  concurrency: number;
  /** At most this many running jobs share one concurrency key (a webhook endpoint), across all workers. */
  perKey?: number;
  /** At most this many running jobs of one workspace in the lane, across all workers. */
  perWorkspace?: number;
}

/**
 * Webhook calls mostly wait on someone else's server (up to their timeout), so the lane is wide
 * but capped per endpoint and per workspace: two dead endpoints of one workspace hold at most
 * `perWorkspace` slots and every other workspace's deliveries keep flowing.
 */
export const DEFAULT_LANE_LIMITS: Record<Lane, LaneLimits> = {
  email: { concurrency: 4 },
  webhook: { concurrency: 16, perKey: 2, perWorkspace: 4 },
  background: { concurrency: 2 },
};

/** The concurrency key of a webhook delivery: deliveries to one endpoint share its cap. */
export function endpointKey(endpointId: string): string {
  return `webhook-endpoint:${endpointId}`;
}

/**
 * A claimed job holds its lease this long; the worker renews it every third of it while the
 * job runs, so a live job is never taken twice and a dead worker's job is free within 30 s.
 */
export const LEASE_MS = 30_000;
