import { DomainError } from "~/utils/outcome";

/**
 * The campaign lifecycle, written once: the server enforces it, the UI asks it which buttons to
 * show, and the tests read it. planning → briefed → active → completed, or cancelled on the way.
 */

export const CAMPAIGN_STATUSES = ["planning", "briefed", "active", "completed", "cancelled"] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const CAMPAIGN_EVENTS = ["publish_brief", "activate", "complete", "cancel"] as const;
export type CampaignEvent = (typeof CAMPAIGN_EVENTS)[number];

interface Transition {
  from: readonly CampaignStatus[];
  to: CampaignStatus;
  /** Work may only be handed to creators against a complete brief. */
  requiresCompleteBrief: boolean;
  /** Completes "A briefed campaign cannot ..." in the refusal message. */
  refusal: string;
}

export const CAMPAIGN_TRANSITIONS: Readonly<Record<CampaignEvent, Transition>> = {
  publish_brief: { from: ["planning"], to: "briefed", requiresCompleteBrief: true, refusal: "publish its brief" },
  // Checked again on activation: the brief may have been edited, or the template may have gained
  // a required field, since it was published.
  activate: { from: ["briefed"], to: "active", requiresCompleteBrief: true, refusal: "be activated" },
  complete: { from: ["active"], to: "completed", requiresCompleteBrief: false, refusal: "be completed" },
  // Cancelling never needs a brief: a campaign abandoned in planning must be able to stop.
  cancel: { from: ["planning", "briefed", "active"], to: "cancelled", requiresCompleteBrief: false, refusal: "be cancelled" },
};

/** Completed or cancelled: the statuses no event leaves. Reminders and waiting lists skip them. */
export const CLOSED_CAMPAIGN_STATUSES: readonly CampaignStatus[] = CAMPAIGN_STATUSES.filter((status) =>
  CAMPAIGN_EVENTS.every((event) => !CAMPAIGN_TRANSITIONS[event].from.includes(status)),
);

export function isClosedCampaign(status: string): boolean {
  return (CLOSED_CAMPAIGN_STATUSES as readonly string[]).includes(status);
}

/** What the lifecycle needs to know of the campaign's brief (the briefs capability works it out). */
export interface BriefReadiness {
  briefComplete: boolean;
  missing: readonly { label: string }[];
}

/** The one sentence naming a brief's gaps: the lifecycle's refusal and the brief editor both say it. */
export function missingFieldsMessage(missing: readonly { label: string }[]): string {
  if (missing.length === 0) return "The brief is not complete.";
  return `The brief is missing: ${missing.map((m) => m.label).join(", ")}.`;
}

export function canCampaignTransition(from: CampaignStatus, event: CampaignEvent): boolean {
  return CAMPAIGN_TRANSITIONS[event].from.includes(from);
}

/** The events a campaign in this status accepts, in lifecycle order (for the UI's buttons). */
export function availableCampaignEvents(from: CampaignStatus): CampaignEvent[] {
  return CAMPAIGN_EVENTS.filter((event) => canCampaignTransition(from, event));
}

/**
 * The status after the event, or a DomainError saying why not (a wrong state is a conflict, a
 * gap in the brief invalid input). Without `brief`, an event that
 * needs a complete brief is refused rather than assumed to be fine.
 */
export function nextCampaignStatus(from: CampaignStatus, event: CampaignEvent, brief?: BriefReadiness): CampaignStatus {
  const transition = CAMPAIGN_TRANSITIONS[event];
  if (!transition.from.includes(from)) {
    const article = /^[aeiou]/.test(from) ? "An" : "A";
    // Asked to activate a campaign still in planning with a gap in its brief: say what the gap is too.
    const gap =
      transition.requiresCompleteBrief && brief && !brief.briefComplete && brief.missing.length > 0
        ? ` ${missingFieldsMessage(brief.missing)}`
        : "";
    throw new DomainError("invalid_transition", `${article} ${from} campaign cannot ${transition.refusal}.${gap}`, "conflict");
  }
  if (transition.requiresCompleteBrief && !brief?.briefComplete) {
    throw new DomainError("brief_incomplete", missingFieldsMessage(brief?.missing ?? []), "invalid");
  }
  return transition.to;
}
