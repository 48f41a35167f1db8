import { describe, expect, it } from "vitest";
import {
  moveRecordOf,
  needsConfirmation,
  reasonsNeeded,
  undoRefusal,
  UNDO_WINDOW_MS,
  type MoveRecord,
} from "~/modules/calendar/drag-rules";
import type { WhatIfConflict } from "~/modules/calendar/what-if";

/** Decision 066: which drops ask for a reason, and when a move may be undone. */
const c = (severity: "error" | "warning"): WhatIfConflict => ({ key: `K:${severity}`, title: "t", severity, message: "m" });
const NOW = new Date("2026-11-21T12:00:00Z");
const MIN = 60_000;

describe("reasonsNeeded", () => {
  it("asks for nothing when the move creates no error and keeps (or has no) sign-off", () => {
    expect(reasonsNeeded({ created: [], signOff: "none" })).toEqual([]);
    expect(reasonsNeeded({ created: [c("warning")], signOff: "kept" })).toEqual([]);
  });
  it("asks when the move creates an error-severity conflict", () => {
    expect(reasonsNeeded({ created: [c("warning"), c("error")], signOff: "none" })).toEqual(["error_conflict"]);
  });
  it("asks when the sign-off would be lost, and names both reasons when both hold", () => {
    expect(reasonsNeeded({ created: [], signOff: "lost" })).toEqual(["sign_off_lost"]);
    expect(reasonsNeeded({ created: [c("error")], signOff: "lost" })).toEqual(["error_conflict", "sign_off_lost"]);
  });
  it("confirms a drop inside the sign-off window even without a reason", () => {
    expect(needsConfirmation({ created: [], signOff: "none", insideWindow: true })).toBe(true);
    expect(needsConfirmation({ created: [c("warning")], signOff: "kept", insideWindow: false })).toBe(false);
    expect(needsConfirmation({ created: [c("error")], signOff: "kept", insideWindow: false })).toBe(true);
  });
});

describe("undoRefusal", () => {
  const move: MoveRecord = {
    deliverableId: "d",
    actorUserId: "u",
    from: new Date("2026-11-25T10:00:00Z"),
    to: new Date("2026-11-26T10:00:00Z"),
    rowVersion: 4,
    at: new Date(NOW.getTime() - 2 * MIN),
    undoOf: null,
  };
  const current = { publishAt: move.to, rowVersion: 4 };

  it("allows an undo within ten minutes when nothing changed", () => {
    expect(undoRefusal(move, current, NOW)).toBeNull();
    expect(undoRefusal({ ...move, at: new Date(NOW.getTime() - UNDO_WINDOW_MS) }, current, NOW)).toBeNull();
  });
  it("refuses after ten minutes", () => {
    expect(undoRefusal({ ...move, at: new Date(NOW.getTime() - UNDO_WINDOW_MS - 1) }, current, NOW)).toBe("expired");
  });
  it("refuses when the row changed since (another version, or another time)", () => {
    expect(undoRefusal(move, { ...current, rowVersion: 5 }, NOW)).toBe("changed");
    expect(undoRefusal(move, { ...current, publishAt: new Date("2026-11-27T10:00:00Z") }, NOW)).toBe("changed");
  });
  it("refuses when the old time has passed, and refuses to undo an undo", () => {
    expect(undoRefusal({ ...move, from: new Date(NOW.getTime() - MIN) }, current, NOW)).toBe("past");
    expect(undoRefusal({ ...move, undoOf: 12 }, current, NOW)).toBe("undo");
  });
});

describe("moveRecordOf", () => {
  it("reads from, to and the row version from the audit data, and refuses an event without them", () => {
    const event = {
      objectId: "d",
      actorUserId: "u",
      createdAt: NOW,
      data: { from: "2026-11-25T10:00:00.000Z", to: "2026-11-26T10:00:00.000Z", rowVersion: 3 },
    };
    expect(moveRecordOf(event)).toMatchObject({ from: new Date("2026-11-25T10:00:00Z"), rowVersion: 3, undoOf: null });
    expect(moveRecordOf({ ...event, data: { from: "x", to: "y", rowVersion: 3 } })).toBeNull();
    expect(moveRecordOf({ ...event, data: { from: event.data.from, to: event.data.to } })).toBeNull();
  });
});
