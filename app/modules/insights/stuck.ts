import { AT_RISK_HOURS } from "~/modules/approvals/signoff-rule";
import { ACCOUNT_MANAGER_ALERT_AFTER_MS } from "~/modules/onboarding/reminders";
import { DAY_MS, HOUR_MS } from "~/utils/time";

/**
 * "Stuck now" (issue 16): every handoff waiting longer than its expected time, grouped by whoever
 * holds it, so a coordinator knows whom to chase today. Who holds each handoff is NOT decided here:
 * each capability's definition is read as is (approvals/holder.ts, briefs' pendingAcknowledgments,
 * onboarding's accessStepHolder and accountableFor, calendar's resolvesConflicts), the same ones
 * the home page's "waiting on me" reads. This module only says how long is too long, and groups.
 * Pure, no I/O.
 */

export const STUCK_KINDS = ["blocked", "signoff", "draft_review", "brief_ack", "access_verify", "access_grant", "conflict"] as const;
export type StuckKind = (typeof STUCK_KINDS)[number];

export const STUCK_KIND_LABELS: Record<StuckKind, string> = {
  blocked: "Blocked: reschedule",
  signoff: "Sign-off",
  draft_review: "Draft to review",
  brief_ack: "Brief to acknowledge",
  access_verify: "Access to verify",
  access_grant: "Access not granted",
  conflict: "Conflict open",
};

/** What a handoff may take before it counts as stuck. Each is a rule the product already has, or says why. */
export const EXPECTED = {
  /**
   * A brief is the kickoff: nothing useful is drafted before it is read. Two days gives a reader a
   * busy day and the next; after that the draft due date starts to slip. The same two days Baton
   * waits before it first reminds a client of an onboarding link.
   */
  briefAckMs: 2 * DAY_MS,
  /**
   * A review stage may take the route's review time (the hours its approvers say they need, 24 by
   * default: the same hours that flag a submission as late). This is the fallback for a route
   * that could not be read.
   */
  reviewFallbackMs: 24 * HOUR_MS,
  /**
   * A sign-off is stuck once its deadline is nearer than SIGNOFF_RISK's threshold (24 h): the
   * calendar already calls it a risk, and the last reminder goes out inside it.
   */
  signoffAtRiskMs: AT_RISK_HOURS * HOUR_MS,
  /**
   * The client has granted access and the agency only has to check it: minutes of work. A day
   * allows for a team in another time zone; past it the client starts to think it is broken.
   */
  verifyMs: 1 * DAY_MS,
  /** The client has not granted access: the product's own stall rule (48 h without progress alerts the account manager). */
  grantMs: ACCOUNT_MANAGER_ALERT_AFTER_MS,
  /** A conflict should be fixed or acknowledged by the next working day: coordinators get the digest daily. */
  conflictMs: 1 * DAY_MS,
} as const;

/** Someone a handoff waits on: a member, the team that resolves conflicts, a client outside the workspace, or nobody at all. */
export type StuckHolder =
  | { kind: "person"; userId: string }
  | { kind: "team"; team: "conflicts" }
  | { kind: "client"; name: string }
  | { kind: "nobody"; why: string };

export interface StuckItem {
  id: string;
  kind: StuckKind;
  title: string;
  detail: string;
  url: string;
  holders: StuckHolder[];
  /** When it started waiting on its holder (ISO). */
  since: string;
  /** How long it may take (ms); 0 when it is overdue by definition (a blocked deliverable). */
  expectedMs: number;
  /** A deadline it runs to (ISO), if it has one. */
  dueAt: string | null;
}

export interface StuckGroup {
  key: string;
  holder: StuckHolder;
  name: string;
  /** Items, longest past their expected time first. */
  items: (StuckItem & { waitedMs: number; overdueMs: number })[];
}

/** Waiting longer than expected; a deadline under the risk threshold makes it stuck however short the wait. */
export function isStuck(input: { since: Date; expectedMs: number; dueAt?: Date | null; atRiskMs?: number }, now: Date): boolean {
  const waited = now.getTime() - input.since.getTime();
  if (waited > input.expectedMs) return true;
  return input.dueAt != null && input.atRiskMs !== undefined && input.dueAt.getTime() - now.getTime() < input.atRiskMs;
}

/**
 * When a stage began waiting on the current version: the latest decision at an earlier stage (the
 * one that handed it on), else the submission. The same start the `stage_decided` fact records,
 * so the wait shown here and "time in stage" on the insights page measure the same thing.
 */
export function stageWaitingSince(submittedAt: Date, earlierStageDecisions: readonly Date[]): Date {
  const latest = earlierStageDecisions.reduce<Date | null>((a, b) => (a && a > b ? a : b), null);
  return latest && latest > submittedAt ? latest : submittedAt;
}

export function holderKey(h: StuckHolder): string {
  switch (h.kind) {
    case "person":
      return `person:${h.userId}`;
    case "team":
      return `team:${h.team}`;
    case "client":
      return `client:${h.name.toLowerCase()}`;
    case "nobody":
      return `nobody:${h.why}`;
  }
}

/**
 * One group per holder (an item held by two people appears under each: either can move it), the
 * groups with the most overdue item first, each group's items most overdue first.
 */
export function groupByHolder(items: readonly StuckItem[], nameOf: (h: StuckHolder) => string, now: Date): StuckGroup[] {
  const groups = new Map<string, StuckGroup>();
  for (const item of items) {
    const waitedMs = Math.max(0, now.getTime() - new Date(item.since).getTime());
    const row = { ...item, waitedMs, overdueMs: waitedMs - item.expectedMs };
    for (const holder of item.holders) {
      const key = holderKey(holder);
      const group = groups.get(key) ?? groups.set(key, { key, holder, name: nameOf(holder), items: [] }).get(key)!;
      group.items.push(row);
    }
  }
  const byOverdue = (a: { overdueMs: number; id: string }, b: { overdueMs: number; id: string }) =>
    b.overdueMs - a.overdueMs || a.id.localeCompare(b.id);
  const list = [...groups.values()].map((g) => ({ ...g, items: [...g.items].sort(byOverdue) }));
  return list.sort((a, b) => b.items[0].overdueMs - a.items[0].overdueMs || a.name.localeCompare(b.name));
}
