import { describe, expect, it } from "vitest";
import {
  BEFORE_SIGN_OFF,
  BLOCKED_SCHEDULE_REFUSAL,
  DELIVERABLE_EVENTS,
  DELIVERABLE_EVENT_LABELS,
  DELIVERABLE_STATUSES,
  DELIVERABLE_STATUS_LABELS,
  DELIVERABLE_TRANSITIONS,
  LATE_SIGNOFF_REFUSAL,
  allowedEvents,
  canTransition,
  isDeliverableStatus,
  nextState,
  nextStatus,
  refusalOf,
  stateOf,
  type DeliverableEvent,
  type DeliverableState,
  type DeliverableStatus,
} from "~/modules/approvals/deliverable-status";
import { DomainError } from "~/utils/outcome";

// The life cycle written out by hand from PRODUCT.md §5 and decision 052, independently of the
// module's table: every (status, flag, event) triple NOT listed here must be refused.
type Expected = Record<DeliverableStatus, Partial<Record<DeliverableEvent, DeliverableState>>>;
const s = (status: DeliverableStatus, blocked = false): DeliverableState => ({ status, blocked });

const NOT_BLOCKED: Expected = {
  draft: { submit: s("in_review"), block: s("draft", true) },
  in_review: {
    request_changes: s("changes_requested"),
    sign_off: s("signed_off"),
    new_version: s("draft"),
    block: s("in_review", true),
  },
  changes_requested: { new_version: s("draft"), block: s("changes_requested", true) },
  signed_off: { new_version: s("draft"), revoke_sign_off: s("in_review"), schedule: s("scheduled") },
  scheduled: { new_version: s("draft"), revoke_sign_off: s("in_review"), unschedule: s("signed_off"), publish: s("published") },
  published: {},
};

// Blocked: the draft path goes on with the flag kept; sign-off, schedule and publish are refused;
// a reschedule a window ahead clears the flag and keeps the status (the route is not reset); an
// override clears it and stands in for the sign-off.
const BLOCKED: Expected = {
  draft: { submit: s("in_review", true), unblock_reschedule: s("draft"), override: s("signed_off") },
  in_review: {
    request_changes: s("changes_requested", true),
    new_version: s("draft", true),
    unblock_reschedule: s("in_review"),
    override: s("signed_off"),
  },
  changes_requested: { new_version: s("draft", true), unblock_reschedule: s("changes_requested"), override: s("signed_off") },
  // A blocked deliverable is never signed off, scheduled or published (the invariant below), and
  // nothing clears a flag that cannot be there: these rows only keep the draft path's events.
  signed_off: { new_version: s("draft", true), revoke_sign_off: s("in_review", true) },
  scheduled: { new_version: s("draft", true), revoke_sign_off: s("in_review", true), unschedule: s("signed_off", true) },
  published: {},
};

const triples = [false, true].flatMap((blocked) =>
  DELIVERABLE_STATUSES.flatMap((status) => DELIVERABLE_EVENTS.map((event) => [status, blocked, event] as const)),
);
const expectedOf = (status: DeliverableStatus, blocked: boolean, event: DeliverableEvent) =>
  (blocked ? BLOCKED : NOT_BLOCKED)[status][event];
const allowed = triples.filter(([status, blocked, event]) => expectedOf(status, blocked, event) !== undefined);
const refused = triples.filter(([status, blocked, event]) => expectedOf(status, blocked, event) === undefined);

describe("deliverable status machine", () => {
  it("lists six statuses with human labels; blocked is not one of them", () => {
    expect(DELIVERABLE_STATUSES).toEqual(["draft", "in_review", "changes_requested", "signed_off", "scheduled", "published"]);
    expect(isDeliverableStatus("blocked")).toBe(false);
    expect(DELIVERABLE_STATUS_LABELS.changes_requested).toBe("Changes requested");
    expect(DELIVERABLE_STATUS_LABELS.in_review).toBe("In review");
    expect(DELIVERABLE_STATUS_LABELS.signed_off).toBe("Signed off");
  });

  it("gives every event exactly one table row and a button label", () => {
    expect(DELIVERABLE_TRANSITIONS.map((t) => t.event).sort()).toEqual([...DELIVERABLE_EVENTS].sort());
    expect(DELIVERABLE_EVENT_LABELS.submit).toBe("Submit for review");
    expect(DELIVERABLE_EVENT_LABELS.publish).toBe("Mark published");
  });

  it("covers every event from every status, with and without the flag: 30 allowed, 102 refused", () => {
    expect(triples).toHaveLength(2 * 6 * 11);
    expect(allowed).toHaveLength(30);
    expect(refused).toHaveLength(102);
  });

  it.each(allowed)("allows %s (blocked: %s) --%s-->", (status, blocked, event) => {
    expect(canTransition({ status, blocked }, event)).toBe(true);
    expect(nextState({ status, blocked }, event)).toEqual(expectedOf(status, blocked, event));
    expect(nextStatus({ status, blocked }, event)).toBe(expectedOf(status, blocked, event)!.status);
  });

  it.each(refused)("refuses %s (blocked: %s) --%s-->", (status, blocked, event) => {
    expect(canTransition({ status, blocked }, event)).toBe(false);
    expect(() => nextState({ status, blocked }, event)).toThrow(DomainError);
    expect(refusalOf({ status, blocked }, event)).toMatch(/\w/);
  });

  it("keeps the invariant: a blocked deliverable is only ever before sign-off", () => {
    // From every reachable blocked state, every allowed event lands before sign-off, or clears the flag.
    const reachable = BEFORE_SIGN_OFF.map((status) => s(status, true));
    for (const state of reachable) {
      for (const event of allowedEvents(state)) {
        const after = nextState(state, event);
        if (after.blocked) expect(BEFORE_SIGN_OFF, `${state.status} --${event}-->`).toContain(after.status);
      }
    }
    expect(BEFORE_SIGN_OFF).toEqual(["draft", "in_review", "changes_requested"]);
  });

  it("says why, and what to do, when the flag refuses an event", () => {
    try {
      nextState(s("signed_off", true), "schedule");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe("transition_not_allowed");
      expect((error as DomainError).message).toBe(BLOCKED_SCHEDULE_REFUSAL);
    }
    expect(refusalOf(s("scheduled", true), "publish")).toBe(BLOCKED_SCHEDULE_REFUSAL);
    expect(refusalOf(s("in_review", true), "sign_off")).toBe(LATE_SIGNOFF_REFUSAL);
    expect(refusalOf(s("draft"), "schedule")).toBe(`"Mark scheduled" isn't possible while the deliverable is draft.`);
    expect(refusalOf(s("draft"), "override")).toBe(`"Override (admin)" is only for a blocked deliverable, and this one isn't blocked.`);
  });

  it("shows the buttons for each state in table order", () => {
    expect(allowedEvents(s("draft"))).toEqual(["submit", "block"]);
    expect(allowedEvents(s("draft", true))).toEqual(["submit", "unblock_reschedule", "override"]);
    expect(allowedEvents(s("in_review"))).toEqual(["request_changes", "sign_off", "new_version", "block"]);
    expect(allowedEvents(s("in_review", true))).toEqual(["request_changes", "new_version", "unblock_reschedule", "override"]);
    expect(allowedEvents(s("signed_off"))).toEqual(["new_version", "revoke_sign_off", "schedule"]);
    expect(allowedEvents(s("published"))).toEqual([]);
  });

  it("walks the happy path, the late path rescheduled, and the late path overridden", () => {
    const walk = (events: DeliverableEvent[], from = s("draft")) => events.reduce(nextState, from);
    expect(walk(["submit", "request_changes", "new_version", "submit", "sign_off", "schedule", "publish"])).toEqual(s("published"));
    // Created late: blocked at once, the creator still submits, reviews continue, the reschedule
    // keeps the status (the route is not reset), then the brand signs off in time.
    expect(walk(["block", "submit", "request_changes", "new_version", "submit"])).toEqual(s("in_review", true));
    expect(walk(["block", "submit", "unblock_reschedule", "sign_off", "schedule"])).toEqual(s("scheduled"));
    expect(walk(["submit", "block", "override", "schedule"])).toEqual(s("scheduled"));
  });

  it("never blocks a deliverable that was signed off in time", () => {
    expect(canTransition(s("signed_off"), "block")).toBe(false);
    expect(canTransition(s("scheduled"), "block")).toBe(false);
  });

  it("reads stored rows, refusing an unknown status rather than guessing", () => {
    expect(stateOf({ status: "in_review", blocked: true })).toEqual(s("in_review", true));
    expect(() => stateOf({ status: "blocked", blocked: false })).toThrow(DomainError);
    expect(isDeliverableStatus("signed_off")).toBe(true);
    expect(isDeliverableStatus("approved")).toBe(false);
    expect(isDeliverableStatus(3)).toBe(false);
  });
});
