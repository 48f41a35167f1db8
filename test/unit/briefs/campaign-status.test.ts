import { describe, expect, it } from "vitest";
import {
  availableCampaignEvents,
  CAMPAIGN_EVENTS,
  CAMPAIGN_STATUSES,
  canCampaignTransition,
  nextCampaignStatus,
  type CampaignEvent,
  type CampaignStatus,
} from "~/modules/campaigns/campaign-status";
import { briefCompleteness } from "~/modules/briefs/completeness";
import { DomainError } from "~/utils/outcome";
import { createBriefTemplate } from "~/modules/briefs/template";

const READY = { briefComplete: true, missing: [] };
const MISSING = {
  briefComplete: false,
  missing: [
    { key: "keyMessage", label: "Key message" },
    { key: "successMetrics", label: "Success metrics" },
  ],
};

// The product's lifecycle, spelled out independently of the table under test.
const ALLOWED: Record<string, CampaignStatus> = {
  "planning/publish_brief": "briefed",
  "planning/cancel": "cancelled",
  "briefed/activate": "active",
  "briefed/cancel": "cancelled",
  "active/complete": "completed",
  "active/cancel": "cancelled",
};

const pairs = CAMPAIGN_STATUSES.flatMap((status) => CAMPAIGN_EVENTS.map((event) => [status, event] as [CampaignStatus, CampaignEvent]));

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected a DomainError");
}

describe("campaign transitions", () => {
  it.each(pairs)("%s + %s follows the lifecycle", (status, event) => {
    const expected = ALLOWED[`${status}/${event}`];
    expect(canCampaignTransition(status, event)).toBe(expected !== undefined);
    if (expected) {
      expect(nextCampaignStatus(status, event, READY)).toBe(expected);
    } else {
      const error = refusal(() => nextCampaignStatus(status, event, READY));
      expect(error.code).toBe("invalid_transition");
      // A wrong state is a conflict (409 at the edge), not bad input.
      expect(error.problem.kind).toBe("conflict");
    }
  });

  it("explains a refused transition in a sentence", () => {
    expect(refusal(() => nextCampaignStatus("completed", "cancel", READY)).message).toBe("A completed campaign cannot be cancelled.");
    expect(refusal(() => nextCampaignStatus("active", "publish_brief", READY)).message).toBe(
      "An active campaign cannot publish its brief.",
    );
    expect(refusal(() => nextCampaignStatus("planning", "activate", READY)).message).toBe("A planning campaign cannot be activated.");
  });

  it("lists the events each status offers, for the buttons the UI shows", () => {
    expect(availableCampaignEvents("planning")).toEqual(["publish_brief", "cancel"]);
    expect(availableCampaignEvents("briefed")).toEqual(["activate", "cancel"]);
    expect(availableCampaignEvents("active")).toEqual(["complete", "cancel"]);
    expect(availableCampaignEvents("completed")).toEqual([]);
    expect(availableCampaignEvents("cancelled")).toEqual([]);
  });
});

describe("the brief gate", () => {
  it("keeps a campaign in planning until its brief is complete, naming what is missing", () => {
    const error = refusal(() => nextCampaignStatus("planning", "publish_brief", MISSING));
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe("brief_incomplete");
    expect(error.problem.kind).toBe("invalid");
    expect(error.message).toBe("The brief is missing: Key message, Success metrics.");
  });

  it("refuses activation with an incomplete brief, naming the fields", () => {
    const readiness = briefCompleteness(createBriefTemplate(), { brandStory: "x", audience: "y", keyMessage: "z" });
    const error = refusal(() =>
      nextCampaignStatus("briefed", "activate", { briefComplete: readiness.complete, missing: readiness.missing }),
    );
    expect(error.code).toBe("brief_incomplete");
    expect(error.message).toMatch(/^The brief is missing: Kickoff date, Draft due date, .*, Approvers\.$/);
  });

  it("refuses a gated event when the brief's state is not given", () => {
    expect(refusal(() => nextCampaignStatus("planning", "publish_brief")).message).toBe("The brief is not complete.");
    expect(refusal(() => nextCampaignStatus("planning", "publish_brief", { briefComplete: false, missing: [] })).code).toBe(
      "brief_incomplete",
    );
  });

  it("lets a campaign be cancelled or completed whatever its brief", () => {
    expect(nextCampaignStatus("planning", "cancel")).toBe("cancelled");
    expect(nextCampaignStatus("briefed", "cancel", MISSING)).toBe("cancelled");
    expect(nextCampaignStatus("active", "complete", MISSING)).toBe("completed");
  });

  it("reports an impossible transition before an incomplete brief", () => {
    expect(refusal(() => nextCampaignStatus("completed", "activate", MISSING)).code).toBe("invalid_transition");
  });

  it("names the missing fields when a campaign still in planning is asked to activate", () => {
    const error = refusal(() => nextCampaignStatus("planning", "activate", MISSING));
    expect(error.code).toBe("invalid_transition");
    expect(error.message).toBe("A planning campaign cannot be activated. The brief is missing: Key message, Success metrics.");
    expect(refusal(() => nextCampaignStatus("completed", "cancel", MISSING)).message).toBe("A completed campaign cannot be cancelled.");
  });
});
