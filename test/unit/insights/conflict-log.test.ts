import { describe, expect, it } from "vitest";
import type { Conflict } from "~/modules/calendar/conflicts/types";
import { diffConflictLog, loggedConflict, type LoggedConflict } from "~/modules/insights/conflict-log";
import { nextSlot, syncDue, FULL_EVERY_MS, SYNC_EVERY_MS } from "~/modules/insights/jobs.server";
import { at } from "./factories";

const objects = {
  agencyIdsOf: (id: string) => ({ d1: ["ap"], d2: ["aq", "ap"], c1: ["ap"] })[id] ?? [],
  channelOf: (id: string) => ({ d1: "instagram", d2: "instagram" })[id as "d1"] ?? null,
};

describe("what the conflict log keeps of a conflict", () => {
  it("a collision: its agencies, its channel, going live with the earlier post", () => {
    const collision = {
      code: "POST_COLLISION",
      severity: "warning",
      key: "POST_COLLISION:d1+d2",
      brandId: "bx",
      objectIds: ["d1", "d2"],
      startsAt: at("2026-03-10T10:00:00Z"),
      message: "",
      details: { channel: "instagram", gapMinutes: 60, minSpacingMinutes: 240 },
    } as Conflict;
    expect(loggedConflict(collision, objects)).toEqual({
      conflictKey: "POST_COLLISION:d1+d2",
      rule: "POST_COLLISION",
      severity: "warning",
      brandId: "bx",
      agencyIds: ["ap", "aq"],
      channel: "instagram",
      goesLiveAt: at("2026-03-10T10:00:00Z"),
    });
  });

  it("a sign-off risk goes live at the publish time, not at the deadline it starts from", () => {
    const risk = {
      code: "SIGNOFF_RISK",
      severity: "error",
      key: "SIGNOFF_RISK:d1:overdue",
      brandId: "bx",
      objectIds: ["d1"],
      startsAt: at("2026-03-08T10:00:00Z"),
      message: "",
      details: {
        overdue: true,
        signOffDeadline: at("2026-03-08T10:00:00Z"),
        publishAt: at("2026-03-10T10:00:00Z"),
        minutesUntilDeadline: -5,
      },
    } as Conflict;
    expect(loggedConflict(risk, objects)).toMatchObject({
      channel: "instagram",
      goesLiveAt: at("2026-03-10T10:00:00Z"),
      agencyIds: ["ap"],
    });
  });
});

describe("the diff between conflicts holding now and the log's open rows", () => {
  const c = (key: string, live: string | null): LoggedConflict => ({
    conflictKey: key,
    rule: "POST_COLLISION",
    severity: "warning",
    brandId: "bx",
    agencyIds: [],
    channel: null,
    goesLiveAt: live ? at(live) : null,
  });
  it("opens new keys, resolves keys gone, moves rows whose items moved, leaves the rest", () => {
    const open = [
      { id: "r-kept", conflictKey: "kept", goesLiveAt: at("2026-03-10T10:00:00Z") },
      { id: "r-gone", conflictKey: "gone", goesLiveAt: at("2026-03-11T10:00:00Z") },
      { id: "r-moved", conflictKey: "moved", goesLiveAt: at("2026-03-12T10:00:00Z") },
    ];
    const current = [c("kept", "2026-03-10T10:00:00Z"), c("moved", "2026-03-13T10:00:00Z"), c("new", "2026-03-14T10:00:00Z")];
    expect(diffConflictLog(current, open)).toEqual({
      toOpen: [c("new", "2026-03-14T10:00:00Z")],
      toResolve: ["r-gone"],
      toMove: [{ id: "r-moved", goesLiveAt: at("2026-03-13T10:00:00Z") }],
    });
  });
});

describe("the conflict log's clock", () => {
  it("runs at fixed slots, so every process starting the chain lands on the same job", () => {
    expect(nextSlot(at("2026-03-10T10:02:30Z")).toISOString()).toBe("2026-03-10T10:05:00.000Z");
    expect(nextSlot(at("2026-03-10T10:05:00Z")).toISOString()).toBe("2026-03-10T10:10:00.000Z");
    expect(SYNC_EVERY_MS).toBeLessThan(FULL_EVERY_MS);
  });

  it("syncs after a change, or when the clock alone may have changed something, and not otherwise", () => {
    const last = { fingerprint: "10:99", syncedAt: "2026-03-10T10:00:00.000Z" };
    expect(syncDue(last, "10:99", at("2026-03-10T10:05:00Z"))).toBe(false);
    expect(syncDue(last, "11:100", at("2026-03-10T10:05:00Z"))).toBe(true);
    expect(syncDue(last, "10:99", at("2026-03-10T10:30:00Z"))).toBe(true);
    expect(syncDue({ fingerprint: null, syncedAt: null }, "10:99", at("2026-03-10T10:05:00Z"))).toBe(true);
  });
});
