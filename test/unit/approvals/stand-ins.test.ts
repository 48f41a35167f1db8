import { describe, expect, it } from "vitest";
import type { RouteStage } from "~/modules/approvals/route";
import {
  actingLabel,
  actingNow,
  decidedForMark,
  deciderLabel,
  delegatesAt,
  escalatedMark,
  personLabel,
  stageNotes,
  standInsOf,
  type ApproverAway,
} from "~/modules/approvals/stand-ins";

const D = (iso: string) => new Date(`${iso}T00:00:00Z`);
const review: RouteStage = { name: "Legal", kind: "review", rule: "all", approverUserIds: ["ana", "ben"], backupUserId: "carl" };
const signoff: RouteStage = { name: "Brand sign-off", kind: "brand_signoff", rule: "any", approverUserIds: ["lea"], backupUserId: "lou" };

/** Ana is away 8–12 Dec (until the start of 13 Dec) with `delegate`. */
const anaAway = (delegate: ApproverAway["delegate"], userId = "ana"): ApproverAway => ({
  userId,
  awayFrom: D("2026-12-08"),
  awayUntil: D("2026-12-13"),
  delegateUserId: delegate?.userId ?? null,
  delegate,
});
const dora = { userId: "dora", role: "agency_member" as const, brandId: null };
const lou = { userId: "lou", role: "brand_lead" as const, brandId: "brandX" };

describe("marks", () => {
  it("reads the version's escalations and delegated decisions, and nothing else", () => {
    const marks = [
      "2026-01-01T00:00:00.000Z:24",
      escalatedMark(2, 0),
      escalatedMark(1, 1),
      decidedForMark(2, 1, "dora", "ana"),
      "for:v2:broken",
    ];
    expect(standInsOf(marks, 2)).toEqual({ escalatedStages: [0], decidedFor: { "1:dora": "ana" } });
    expect(standInsOf(marks, 1)).toEqual({ escalatedStages: [1], decidedFor: {} });
    expect(standInsOf(null, 1)).toEqual({ escalatedStages: [], decidedFor: {} });
  });
});

describe("delegatesAt: a delegation applies from the first instant of the period to before its end", () => {
  const input = { kind: "review" as const, brandId: "brandX", submitterId: "cleo" };
  it("inside the period only", () => {
    expect(delegatesAt(input, [anaAway(dora)], D("2026-12-07"))).toEqual(new Map());
    expect(delegatesAt(input, [anaAway(dora)], D("2026-12-08"))).toEqual(new Map([["ana", "dora"]]));
    expect(delegatesAt(input, [anaAway(dora)], new Date(D("2026-12-13").getTime() - 1))).toEqual(new Map([["ana", "dora"]]));
    expect(delegatesAt(input, [anaAway(dora)], D("2026-12-13"))).toEqual(new Map());
  });
  it("never to the submitter, nor to a delegate who may not stand on the stage", () => {
    expect(delegatesAt({ ...input, submitterId: "dora" }, [anaAway(dora)], D("2026-12-09"))).toEqual(new Map());
    // A brand sign-off delegate must be a brand lead of that very brand.
    const signoffInput = { kind: "brand_signoff" as const, brandId: "brandX", submitterId: null };
    expect(delegatesAt(signoffInput, [anaAway(dora, "lea")], D("2026-12-09"))).toEqual(new Map());
    expect(delegatesAt(signoffInput, [anaAway({ ...lou, brandId: "brandY" }, "lea")], D("2026-12-09"))).toEqual(new Map());
    expect(delegatesAt(signoffInput, [anaAway(lou, "lea")], D("2026-12-09"))).toEqual(new Map([["lea", "lou"]]));
    // A review delegate must review: a creator never does.
    expect(delegatesAt(input, [anaAway({ userId: "cris", role: "creator", brandId: null })], D("2026-12-09"))).toEqual(new Map());
    // A delegate who left the workspace (no membership) does not stand in.
    expect(delegatesAt(input, [anaAway(null)], D("2026-12-09"))).toEqual(new Map());
  });
});

describe("actingNow: who a waiting stage is with", () => {
  const base = { stage: review, stageIndex: 0, standIns: { escalatedStages: [], decidedFor: {} }, submitterId: "cleo" };
  it("each pending approver, or their delegate in their place", () => {
    expect(actingNow({ ...base, pendingApproverIds: ["ana", "ben"], delegatesNow: new Map([["ana", "dora"]]) })).toEqual([
      { userId: "dora", forUserId: "ana" },
      { userId: "ben" },
    ]);
  });
  it("adds the backup once the stage escalated, never the submitter, each person once", () => {
    const escalated = { ...base, standIns: { escalatedStages: [0], decidedFor: {} } };
    expect(actingNow({ ...escalated, pendingApproverIds: ["ana"], delegatesNow: new Map() })).toEqual([
      { userId: "ana" },
      { userId: "carl", backup: true },
    ]);
    expect(actingNow({ ...escalated, submitterId: "carl", pendingApproverIds: ["ana"], delegatesNow: new Map() })).toEqual([
      { userId: "ana" },
    ]);
    expect(
      actingNow({
        ...base,
        pendingApproverIds: ["ana", "ben"],
        delegatesNow: new Map([
          ["ana", "dora"],
          ["ben", "dora"],
        ]),
      }),
    ).toEqual([{ userId: "dora", forUserId: "ana" }]);
  });
});

describe("labels", () => {
  const names = new Map([
    ["ana", { name: "Ana" }],
    ["dora", { name: "Dora" }],
    ["carl", { name: "Carl" }],
    ["gus", { name: "gus@legal.example", guest: true }],
  ]);
  it("says guest, for whom and backup", () => {
    expect(personLabel(names.get("gus"))).toBe("gus@legal.example (guest)");
    expect(personLabel({ name: "nadia@lumen.example", invited: true })).toBe("nadia@lumen.example (invited)");
    expect(actingLabel({ userId: "dora", forUserId: "ana" }, names)).toBe("Dora (for Ana)");
    expect(actingLabel({ userId: "carl", backup: true }, names)).toBe("Carl (backup)");
    expect(actingLabel({ userId: "gus" }, names)).toBe("gus@legal.example (guest)");
  });
  it("names who gave a decision and in whose seat", () => {
    const marks = [decidedForMark(1, 0, "dora", "ana")];
    expect(deciderLabel({ userId: "dora", stageIndex: 0, version: 1 }, review, marks, names)).toBe("Dora for Ana");
    expect(deciderLabel({ userId: "dora", stageIndex: 0, version: 2 }, review, marks, names)).toBe("Dora");
    expect(deciderLabel({ userId: "carl", stageIndex: 0, version: 1 }, review, marks, names)).toBe("Carl (backup)");
    expect(deciderLabel({ userId: "ana", stageIndex: 0, version: 1 }, review, marks, names)).toBe("Ana");
  });
  it("the route panel: who is away and who decides in their place; the backup, before and after an escalation", () => {
    const notes = (standIns: { escalatedStages: number[]; decidedFor: Record<string, string> }, now: Date) =>
      stageNotes({
        stage: review,
        stageIndex: 0,
        current: true,
        standIns,
        acting: [{ userId: "dora", forUserId: "ana" }],
        aways: [anaAway(dora)],
        names,
        now,
        lastDay: () => "12 Dec",
      });
    expect(notes({ escalatedStages: [], decidedFor: {} }, D("2026-12-09"))).toEqual([
      "Ana is away until 12 Dec; Dora decides in their place.",
      "Backup: Carl, if the stage sits without a decision.",
    ]);
    expect(notes({ escalatedStages: [0], decidedFor: {} }, D("2026-12-20"))).toEqual([
      "Escalated to Carl (backup) and the coordinator; Carl may decide this stage.",
    ]);
    void signoff;
  });
});
