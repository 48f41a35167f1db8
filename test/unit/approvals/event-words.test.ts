import { describe, expect, it } from "vitest";
import {
  DECISION_AUDIT_ACTIONS,
  DELIVERABLE_EVENT_WORDS,
  decisionAuditAction,
  eventAlone,
  eventByPerson,
} from "~/modules/approvals/event-words";

describe("deliverable event words: one table for the activity panel and the evidence pack", () => {
  it("words every event for the panel, and the pack's own events on their own", () => {
    expect(eventByPerson("deliverable.rescheduled")).toBe("changed the publish time");
    expect(eventAlone("deliverable.rescheduled")).toBe("Publish time moved");
    expect(eventAlone("deliverable.override")).toBe("Block overridden");
  });

  it("falls back to the code for an event nobody has worded yet, so it is visible rather than blank", () => {
    expect(eventByPerson("deliverable.something_new")).toBe("deliverable.something_new");
    expect(eventAlone("draft.approved")).toBe("draft.approved");
  });

  it("has a panel wording for every event and no empty words", () => {
    for (const [code, words] of Object.entries(DELIVERABLE_EVENT_WORDS)) {
      expect(words.byPerson.trim(), code).not.toBe("");
      if (words.alone !== undefined) expect(words.alone.trim(), code).not.toBe("");
    }
  });
});

describe("a decision's audit action", () => {
  it("is changes requested whatever the stage, a sign-off only when the last stage approves", () => {
    expect(decisionAuditAction("request_changes", true)).toBe("draft.changes_requested");
    expect(decisionAuditAction("approve", false)).toBe("draft.approved");
    expect(decisionAuditAction("approve", true)).toBe("draft.signed_off");
    expect([...DECISION_AUDIT_ACTIONS].sort()).toEqual(["draft.approved", "draft.changes_requested", "draft.signed_off"]);
  });
});
