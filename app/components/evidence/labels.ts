import type { DecisionChannel } from "~/modules/approvals/evidence/pack";

/** The words for the pack's codes, shared by the page's sections. */
export const CHANNEL_WORDS: Record<DecisionChannel, string> = {
  page: "Deliverable page (signed in)",
  decision_link: "Decision link",
  digest_link: "Sign-off digest link",
  guest: "Guest's decision link",
};

export const EVENT_WORDS: Record<string, string> = {
  "deliverable.scheduled": "Marked scheduled",
  "deliverable.unscheduled": "Taken off the schedule",
  "deliverable.published": "Marked published",
  "deliverable.rescheduled": "Publish time moved",
  "deliverable.override": "Block overridden",
  "deliverable.blocked": "Blocked at the sign-off deadline",
  "draft.submitted": "New version submitted (the sign-off above no longer covers it)",
};

export const TIME_FORMAT = "d LLL yyyy, HH:mm:ss ZZZZ";
