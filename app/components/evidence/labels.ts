import type { DecisionChannel } from "~/modules/approvals/evidence/pack";

/** The words for the pack's codes, shared by the page's sections. */
export const CHANNEL_WORDS: Record<DecisionChannel, string> = {
  page: "Deliverable page (signed in)",
  decision_link: "Decision link",
  digest_link: "Sign-off digest link",
  guest: "Guest's decision link",
};

export const TIME_FORMAT = "d LLL yyyy, HH:mm:ss ZZZZ";
