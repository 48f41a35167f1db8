import { describe, expect, it } from "vitest";
import {
  DELIVERABLE_EVENTS,
  DELIVERABLE_EVENT_LABELS,
  DELIVERABLE_STATUSES,
  DELIVERABLE_STATUS_LABELS,
  DELIVERABLE_TRANSITIONS,
  allowedEvents,
  canTransition,
  isDeliverableStatus,
  nextStatus,
  type DeliverableEvent,
  type DeliverableStatus,
} from "~/modules/approvals/deliverable-status";
import { DomainError } from "~/utils/outcome";

// The life cycle written out by hand from PRODUCT.md §5, independently of the module's table:
// every (status, event) pair NOT listed here must be refused.
const EXPECTED: Record<DeliverableStatus, Partial<Record<DeliverableEvent, DeliverableStatus>>> = {
  draft: { submit: "in_review", block: "blocked" },
  in_review: { request_changes: "changes_requested", sign_off: "signed_off", new_version: "draft", block: "blocked" },
  changes_requested: { new_version: "draft", block: "blocked" },
  signed_off: { new_version: "draft", revoke_sign_off: "in_review", schedule: "scheduled" },
  scheduled: { new_version: "draft", revoke_sign_off: "in_review", unschedule: "signed_off", publish: "published" },
  published: {},
  blocked: { unblock_reschedule: "draft", override: "signed_off" },
};

const allPairs = DELIVERABLE_STATUSES.flatMap((status) => DELIVERABLE_EVENTS.map((event) => [status, event] as const));
const allowedPairs = allPairs.filter(([status, event]) => EXPECTED[status][event] !== undefined);
const refusedPairs = allPairs.filter(([status, event]) => EXPECTED[status][event] === undefined);

describe("deliverable status machine", () => {
  it("lists the seven statuses with human labels", () => {
    expect(DELIVERABLE_STATUSES).toEqual(["draft", "in_review", "changes_requested", "signed_off", "scheduled", "published", "blocked"]);
    expect(DELIVERABLE_STATUS_LABELS.changes_requested).toBe("Changes requested");
    expect(DELIVERABLE_STATUS_LABELS.in_review).toBe("In review");
    expect(DELIVERABLE_STATUS_LABELS.signed_off).toBe("Signed off");
  });

  it("gives every event exactly one table row and a button label", () => {
    expect(DELIVERABLE_TRANSITIONS.map((t) => t.event).sort()).toEqual([...DELIVERABLE_EVENTS].sort());
    expect(DELIVERABLE_EVENT_LABELS.submit).toBe("Submit for review");
    expect(DELIVERABLE_EVENT_LABELS.publish).toBe("Mark published");
  });

  it("covers 17 allowed and 60 refused transitions", () => {
    expect(allowedPairs).toHaveLength(17);
    expect(refusedPairs).toHaveLength(60);
  });

  it.each(allowedPairs)("allows %s --%s-->", (status, event) => {
    expect(canTransition(status, event)).toBe(true);
    expect(nextStatus(status, event)).toBe(EXPECTED[status][event]);
  });

  it.each(refusedPairs)("refuses %s --%s-->", (status, event) => {
    expect(canTransition(status, event)).toBe(false);
    expect(() => nextStatus(status, event)).toThrow(DomainError);
  });

  it("explains a refused transition in words", () => {
    try {
      nextStatus("blocked", "schedule");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe("transition_not_allowed");
      expect((error as DomainError).message).toBe(`"Mark scheduled" isn't possible while the deliverable is blocked.`);
    }
  });

  it("shows the buttons for each status in table order", () => {
    expect(allowedEvents("draft")).toEqual(["submit", "block"]);
    expect(allowedEvents("in_review")).toEqual(["request_changes", "sign_off", "new_version", "block"]);
    expect(allowedEvents("signed_off")).toEqual(["new_version", "revoke_sign_off", "schedule"]);
    expect(allowedEvents("blocked")).toEqual(["unblock_reschedule", "override"]);
    expect(allowedEvents("published")).toEqual([]);
  });

  it("walks the happy path and the blocked path", () => {
    const happy: DeliverableEvent[] = ["submit", "request_changes", "new_version", "submit", "sign_off", "schedule", "publish"];
    expect(happy.reduce<DeliverableStatus>(nextStatus, "draft")).toBe("published");

    const overridden = (["submit", "block", "override", "schedule"] as DeliverableEvent[]).reduce<DeliverableStatus>(nextStatus, "draft");
    expect(overridden).toBe("scheduled");

    const rescheduled = (["submit", "block", "unblock_reschedule"] as DeliverableEvent[]).reduce<DeliverableStatus>(nextStatus, "draft");
    expect(rescheduled).toBe("draft");
  });

  it("never blocks a deliverable that was signed off in time", () => {
    expect(canTransition("signed_off", "block")).toBe(false);
    expect(canTransition("scheduled", "block")).toBe(false);
  });

  it("recognises stored status strings", () => {
    expect(isDeliverableStatus("signed_off")).toBe(true);
    expect(isDeliverableStatus("approved")).toBe(false);
    expect(isDeliverableStatus(3)).toBe(false);
  });
});
