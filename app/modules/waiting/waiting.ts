/**
 * The shared vocabulary of "what is waiting on you" (decision 051): each capability's waiting
 * provider returns these, and home gathers them. Here, not in home, so no capability imports home.
 */

/** One thing waiting on the signed-in person, from any capability, for the home page. */
export interface WaitingItem {
  id: string;
  kind:
    "brief_ack" | "draft_review" | "signoff" | "changes_requested" | "draft_due" | "blocked" | "access_verify" | "conflict" | "onboarding";
  title: string;
  detail: string;
  url: string;
  /** ISO time it is due (a sign-off deadline), or null. Items with a due time come first, soonest first. */
  dueAt: string | null;
  /** ISO time it started waiting, to show how long it has waited. */
  since: string | null;
}

/** How many items the home page lists. */
export const HOME_WAITING_LIMIT = 50;

export function sortWaiting(items: WaitingItem[]): WaitingItem[] {
  return [...items].sort((a, b) => {
    if (a.dueAt && b.dueAt) return a.dueAt.localeCompare(b.dueAt);
    if (a.dueAt) return -1;
    if (b.dueAt) return 1;
    return (a.since ?? "").localeCompare(b.since ?? "");
  });
}
