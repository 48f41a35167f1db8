import { describe, expect, it } from "vitest";
import {
  accessPerLink,
  accessPerPlatform,
  approvalCycle,
  briefAcknowledgment,
  compliance48h,
  firstPassRate,
  lateSubmissions,
  latestSignOffs,
  onTimeDrafts,
  openConflicts,
  resolvedBeforeLive,
  revisionRounds,
  timeInStage,
} from "~/modules/insights/metrics";
import { isOnTime } from "~/modules/insights/approval-facts.server";
import { at, conflictEntry, D, fact, H, outcome } from "./factories";

/**
 * Every metric of issue 16's list 1 over facts written out by hand, with a controlled clock: the
 * instants are fixed, so each expected value below is worked out from them in the comment beside it.
 */

const link = (key: string, started: string, finished: string) =>
  fact("link_verified", { key, started, finished, data: { linkId: key, platforms: ["instagram"] } });
const step = (platform: string, started: string, finished: string, rejected = false) =>
  fact("access_verified", { started, finished, data: { linkId: "l", stepId: `${platform}-${started}`, platform, rejected } });

describe("time to verified access", () => {
  it("per link: median and 90th percentile by nearest rank", () => {
    const facts = [
      link("l1", "2026-03-02T09:00:00Z", "2026-03-03T09:00:00Z"), // 24 h
      link("l2", "2026-03-02T09:00:00Z", "2026-03-05T21:00:00Z"), // 84 h
      link("l3", "2026-03-02T09:00:00Z", "2026-03-02T19:00:00Z"), // 10 h
    ];
    // Sorted 10, 24, 84: rank ⌈1.5⌉ = 2 is 24 h; rank ⌈2.7⌉ = 3 is 84 h.
    expect(accessPerLink(facts)).toEqual({ count: 3, median: 24 * H, p90: 84 * H });
  });

  it("per platform: a rejected grant counts from the first ask, not from the corrected grant", () => {
    const facts = [
      // Asked Mon 09:00, granted, rejected Tue 10:00, granted again Wed 08:00, verified Wed 09:00: 48 h, not 1 h.
      step("instagram", "2026-03-02T09:00:00Z", "2026-03-04T09:00:00Z", true),
      step("instagram", "2026-03-02T09:00:00Z", "2026-03-02T15:00:00Z"), // 6 h
      step("meta_page", "2026-03-02T09:00:00Z", "2026-03-02T21:00:00Z"), // 12 h
    ];
    const { all, platforms } = accessPerPlatform(facts);
    expect(all).toEqual({ count: 3, median: 12 * H, p90: 48 * H });
    expect(platforms).toEqual([
      { platform: "instagram", summary: { count: 2, median: 6 * H, p90: 48 * H } },
      { platform: "meta_page", summary: { count: 1, median: 12 * H, p90: 12 * H } },
    ]);
  });
});

describe("brief acknowledgment time", () => {
  it("is asked → acknowledged, over every acknowledgment", () => {
    const ack = (hours: number) =>
      fact("brief_acknowledged", {
        started: "2026-03-02T08:00:00Z",
        finished: new Date(at("2026-03-02T08:00:00Z").getTime() + hours * H * 1000).toISOString(),
        data: { campaignId: "c", version: 1 },
      });
    // Sorted 1, 2, 5, 30 h: the median is rank 2 (2 h, the lower middle, never an average), p90 rank 4.
    expect(briefAcknowledgment([ack(2), ack(30), ack(5), ack(1)])).toEqual({ count: 4, median: 2 * H, p90: 30 * H });
  });
});

describe("approval cycle, revision rounds and first-pass rate", () => {
  const signed = (deliverableId: string, version: number, started: string, finished: string) =>
    fact("signed_off", {
      key: `${deliverableId}:v${version}`,
      started,
      finished,
      data: { deliverableId, version, revisionRounds: version - 1, firstPass: version === 1 },
    });
  const facts = [
    // D1 signed off on v1 after 24 h, then a new version reset the route and v2 was signed off 72 h after the FIRST submission.
    signed("d1", 1, "2026-03-02T10:00:00Z", "2026-03-03T10:00:00Z"),
    signed("d1", 2, "2026-03-02T10:00:00Z", "2026-03-05T10:00:00Z"),
    // D2: changes requested twice, v3 signed off 48 h after the first submission.
    signed("d2", 3, "2026-03-02T12:00:00Z", "2026-03-04T12:00:00Z"),
    // D3: first pass in 12 h.
    signed("d3", 1, "2026-03-03T08:00:00Z", "2026-03-03T20:00:00Z"),
  ];

  it("counts each deliverable once, by its latest sign-off (a version reset does not count twice)", () => {
    expect(latestSignOffs(facts).map((f) => f.subjectKey)).toEqual(["d1:v2", "d2:v3", "d3:v1"]);
    // 72, 48, 12 h: median 48 h, p90 72 h (with d1's first sign-off counted it would be 24 h).
    expect(approvalCycle(facts)).toEqual({ count: 3, median: 48 * H, p90: 72 * H });
  });

  it("revision rounds are the versions before the signed one: 1, 2, 0", () => {
    expect(revisionRounds(facts)).toEqual({ count: 3, median: 1, p90: 2, mean: 1 });
  });

  it("first pass is a sign-off on version 1: one deliverable of three (d1's v1 sign-off was undone by the reset)", () => {
    expect(firstPassRate(facts)).toEqual({ count: 1, of: 3, rate: 1 / 3 });
  });
});

describe("time in each stage", () => {
  const decided = (
    stageIndex: number,
    started: string,
    finished: string,
    completesStage: boolean,
    decision: "approve" | "request_changes" = "approve",
  ) =>
    fact("stage_decided", {
      started,
      finished,
      data: {
        deliverableId: "d",
        version: 1,
        stageIndex,
        stageName: stageIndex === 0 ? "Agency review" : "Brand sign-off",
        stageKind: stageIndex === 0 ? "review" : "brand_signoff",
        decision,
        completesStage,
      },
    });
  it("runs from the stage starting to wait to the decision that completed it; earlier approvals of an 'all' stage do not end it", () => {
    const facts = [
      decided(0, "2026-03-02T10:00:00Z", "2026-03-02T14:00:00Z", true), // 4 h
      decided(1, "2026-03-02T14:00:00Z", "2026-03-02T16:00:00Z", false), // first of two brand leads: the stage still waits
      decided(1, "2026-03-02T14:00:00Z", "2026-03-02T20:00:00Z", true), // 6 h: the second completes it
      decided(0, "2026-03-03T09:00:00Z", "2026-03-03T12:00:00Z", true, "request_changes"), // 3 h: stopped by changes
    ];
    const { all, stages } = timeInStage(facts);
    expect(stages).toEqual([
      { stageIndex: 0, stageName: "Agency review", stageKind: "review", summary: { count: 2, median: 3 * H, p90: 4 * H } },
      { stageIndex: 1, stageName: "Brand sign-off", stageKind: "brand_signoff", summary: { count: 1, median: 6 * H, p90: 6 * H } },
    ]);
    expect(all).toEqual({ count: 3, median: 4 * H, p90: 6 * H });
  });
});

describe("48-hour compliance", () => {
  it("is the share of scheduled or published deliverables with a sign-off that counts; an override and blocks are beside it", () => {
    const facts = [
      // A: scheduled with a sign-off in time, then published: one deliverable, compliant.
      outcome("a", "scheduled", { publishAt: "2026-03-10T12:00:00Z", at: "2026-03-07T09:00:00Z", counted: true }),
      outcome("a", "published", { publishAt: "2026-03-10T12:00:00Z", at: "2026-03-10T12:05:00Z", counted: true }),
      // B: blocked at its deadline, an admin overrode, then scheduled: handed off without a sign-off that counts.
      outcome("b", "blocked", { publishAt: "2026-03-11T10:00:00Z", at: "2026-03-09T10:00:01Z", counted: false }),
      outcome("b", "overridden", { publishAt: "2026-03-11T10:00:00Z", at: "2026-03-10T08:00:00Z", counted: false }),
      outcome("b", "scheduled", { publishAt: "2026-03-11T10:00:00Z", at: "2026-03-10T09:00:00Z", counted: false, overridden: true }),
      // C: blocked and never handed off (not in the share, counted as a block).
      outcome("c", "blocked", { publishAt: "2026-03-12T10:00:00Z", at: "2026-03-10T10:00:01Z", counted: false }),
      // D: scheduled twice (moved to another time in the period): one deliverable, by its latest hand-off.
      outcome("d", "scheduled", { publishAt: "2026-03-12T09:00:00Z", at: "2026-03-05T09:00:00Z", counted: true }),
      outcome("d", "scheduled", { publishAt: "2026-03-13T09:00:00Z", at: "2026-03-08T09:00:00Z", counted: true }),
    ];
    expect(compliance48h(facts)).toEqual({ count: 2, of: 3, rate: 2 / 3, overrides: 1, blocks: 2 });
  });

  it("has no rate (null, not 0 %) when nothing was handed off", () => {
    const blockedOnly = [outcome("c", "blocked", { publishAt: "2026-03-12T10:00:00Z", at: "2026-03-10T10:00:01Z", counted: false })];
    expect(compliance48h(blockedOnly)).toEqual({ count: 0, of: 0, rate: null, overrides: 0, blocks: 1 });
  });
});

describe("drafts: on time against the brief's due date, and late submissions", () => {
  const draft = (version: number, onTime: boolean | null, late: boolean) =>
    fact("draft_submitted", {
      started: "2026-03-01T09:00:00Z",
      finished: "2026-03-05T09:00:00Z",
      data: { deliverableId: `d${Math.random()}`, version, dueDate: onTime === null ? null : "2026-03-05", onTime, late },
    });
  const facts = [draft(1, true, false), draft(1, true, false), draft(1, false, true), draft(1, null, false), draft(2, null, true)];

  it("on-time rate: first drafts with a due date only", () => {
    expect(onTimeDrafts(facts)).toEqual({ count: 2, of: 3, rate: 2 / 3 });
  });

  it("late submissions: every version flagged late, out of every version", () => {
    expect(lateSubmissions(facts)).toEqual({ count: 2, of: 5, rate: 2 / 5 });
  });

  it("a draft is on time until the end of its due day in the BRAND's zone", () => {
    // 5 Mar 2026 in Berlin (UTC+1) ends at 23:00 UTC.
    expect(isOnTime(at("2026-03-05T22:30:00Z"), "2026-03-05", "Europe/Berlin")).toBe(true);
    expect(isOnTime(at("2026-03-05T23:00:00Z"), "2026-03-05", "Europe/Berlin")).toBe(false);
    expect(isOnTime(at("2026-03-05T23:30:00Z"), "2026-03-05", "UTC")).toBe(true);
  });
});

describe("conflicts", () => {
  it("open conflicts at an instant, by rule, with their age since first seen", () => {
    const entries = [
      conflictEntry({ key: "k1", rule: "POST_COLLISION", firstSeen: "2026-03-01T00:00:00Z" }), // 9 days old
      conflictEntry({ key: "k2", rule: "POST_COLLISION", firstSeen: "2026-03-08T00:00:00Z", resolved: "2026-03-09T00:00:00Z" }),
      conflictEntry({ key: "k3", rule: "BLACKOUT", firstSeen: "2026-03-07T00:00:00Z", resolved: "2026-03-11T00:00:00Z" }), // 3 days
      conflictEntry({ key: "k4", rule: "SIGNOFF_RISK", firstSeen: "2026-03-10T12:00:00Z" }), // not yet
      conflictEntry({ key: "k5", rule: "POST_COLLISION", firstSeen: "2026-03-09T00:00:00Z", acknowledged: true }), // 1 day
    ];
    expect(openConflicts(entries, at("2026-03-10T00:00:00Z"))).toEqual({
      total: 3,
      acknowledged: 1,
      age: { count: 3, median: 3 * D, p90: 9 * D },
      byRule: [
        { rule: "POST_COLLISION", count: 2, acknowledged: 1, age: { count: 2, median: 1 * D, p90: 9 * D } },
        { rule: "BLACKOUT", count: 1, acknowledged: 0, age: { count: 1, median: 3 * D, p90: 3 * D } },
      ],
    });
  });

  it("resolved before going live: per key, no episode holding at the moment it went live", () => {
    const entries = [
      conflictEntry({ key: "k1", firstSeen: "2026-03-01T00:00:00Z", resolved: "2026-03-04T00:00:00Z", live: "2026-03-05T00:00:00Z" }), // yes
      conflictEntry({ key: "k2", firstSeen: "2026-03-01T00:00:00Z", resolved: "2026-03-07T00:00:00Z", live: "2026-03-06T00:00:00Z" }), // no
      // k3 stopped, came back and held when it went live.
      conflictEntry({ key: "k3", firstSeen: "2026-03-01T00:00:00Z", resolved: "2026-03-02T00:00:00Z", live: "2026-03-08T00:00:00Z" }),
      conflictEntry({ key: "k3", firstSeen: "2026-03-03T00:00:00Z", resolved: null, live: "2026-03-08T00:00:00Z" }),
      conflictEntry({ key: "k4", firstSeen: "2026-03-01T00:00:00Z", resolved: "2026-03-10T00:00:00Z", live: "2026-03-10T00:00:00Z" }), // yes: by then
      conflictEntry({ key: "k5", firstSeen: "2026-03-01T00:00:00Z", resolved: "2026-03-02T00:00:00Z", live: "2026-03-20T00:00:00Z" }), // outside
      conflictEntry({ key: "k6", firstSeen: "2026-03-01T00:00:00Z", resolved: null, live: "2026-03-12T00:00:00Z" }), // no
    ];
    const window = { start: at("2026-03-01T00:00:00Z"), end: at("2026-03-15T00:00:00Z"), now: at("2026-03-20T00:00:00Z") };
    expect(resolvedBeforeLive(entries, window)).toEqual({ count: 2, of: 5, rate: 2 / 5 });
    // Not live yet by `now`: not counted at all.
    expect(resolvedBeforeLive(entries, { ...window, now: at("2026-03-09T00:00:00Z") })).toEqual({ count: 1, of: 3, rate: 1 / 3 });
  });
});
