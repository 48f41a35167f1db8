import { describe, expect, it } from "vitest";
import {
  allowedEvents,
  BEFORE_SIGN_OFF,
  canEdit,
  DELIVERABLE_EDIT_RULES,
  DELIVERABLE_STATUSES,
  DELIVERABLE_TRANSITIONS,
} from "~/modules/approvals/deliverable-status";
import {
  CAMPAIGN_STATUSES,
  CLOSED_CAMPAIGN_STATUSES,
  availableCampaignEvents,
  isClosedCampaign,
} from "~/modules/campaigns/campaign-status";
import { accessTransitions, HELD_ACCESS_STATUSES } from "~/modules/onboarding/access-status";

/** Issue 14: the status lists the server and the UI use are read from their transition tables. */
describe("status lists derived from the tables", () => {
  it("reschedule is allowed from every deliverable status but published, the one no event leaves", () => {
    expect(DELIVERABLE_EDIT_RULES.reschedule.from).toEqual(DELIVERABLE_STATUSES.filter((s) => s !== "published"));
    expect(DELIVERABLE_EDIT_RULES.reschedule.from).toEqual(
      DELIVERABLE_STATUSES.filter((status) => allowedEvents({ status, blocked: false }).length > 0),
    );
    expect(canEdit("published", "reschedule")).toBe(false);
    // Blocked is a flag: a blocked draft is rescheduled like any draft.
    expect(canEdit("draft", "reschedule")).toBe(true);
  });

  it("before sign-off (the deadline still applies) is exactly the from of block", () => {
    const block = DELIVERABLE_TRANSITIONS.find((t) => t.event === "block")!;
    expect(block.from).toEqual(["draft", "in_review", "changes_requested"]);
    expect(DELIVERABLE_STATUSES.filter((status) => allowedEvents({ status, blocked: false }).includes("block"))).toEqual(block.from);
    expect(BEFORE_SIGN_OFF).toEqual(block.from);
  });

  it("closed campaigns are the statuses no event leaves", () => {
    expect(CLOSED_CAMPAIGN_STATUSES).toEqual(["completed", "cancelled"]);
    expect(CLOSED_CAMPAIGN_STATUSES).toEqual(CAMPAIGN_STATUSES.filter((s) => availableCampaignEvents(s).length === 0));
    expect(isClosedCampaign("active")).toBe(false);
    expect(isClosedCampaign("cancelled")).toBe(true);
  });

  it("held access is exactly what revoke applies to", () => {
    expect(HELD_ACCESS_STATUSES).toEqual(["confirmed", "verified"]);
    expect(HELD_ACCESS_STATUSES).toEqual(accessTransitions.filter((t) => t.event === "revoke").flatMap((t) => t.from));
  });
});
