import { describe, expect, it } from "vitest";
import { DELIVERABLE_EVENT_WORDS, eventAlone, eventByPerson } from "~/modules/approvals/event-words";

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
