import { describe, expect, it } from "vitest";
import { AT_RISK_HOURS } from "~/modules/approvals/signoff-rule";
import { EXPECTED, groupByHolder, isStuck, stageWaitingSince, type StuckItem } from "~/modules/insights/stuck";
import { AGENCY_HELD_STATUSES, CLIENT_HELD_STATUSES, accessStepHolder } from "~/modules/onboarding/access-status";
import { ACCOUNT_MANAGER_ALERT_AFTER_MS } from "~/modules/onboarding/reminders";

const HOUR = 3_600_000;
const now = new Date("2027-05-03T12:00:00Z");
const ago = (hours: number) => new Date(now.getTime() - hours * HOUR);

describe("when a handoff is stuck", () => {
  it("is stuck once it has waited longer than expected, not at the expected time itself", () => {
    expect(isStuck({ since: ago(48), expectedMs: 48 * HOUR }, now)).toBe(false);
    expect(isStuck({ since: ago(48.01), expectedMs: 48 * HOUR }, now)).toBe(true);
  });

  it("is stuck however short the wait when its deadline is nearer than the risk threshold", () => {
    const risk = { expectedMs: 24 * HOUR, atRiskMs: EXPECTED.signoffAtRiskMs };
    expect(isStuck({ ...risk, since: ago(1), dueAt: new Date(now.getTime() + 23.9 * HOUR) }, now)).toBe(true);
    expect(isStuck({ ...risk, since: ago(1), dueAt: new Date(now.getTime() + 24 * HOUR) }, now)).toBe(false);
    // Without a risk threshold a deadline alone does not make it stuck.
    expect(isStuck({ since: ago(1), expectedMs: 24 * HOUR, dueAt: new Date(now.getTime() + HOUR) }, now)).toBe(false);
  });

  it("takes its expected times from the product's own rules where there is one", () => {
    expect(EXPECTED.signoffAtRiskMs).toBe(AT_RISK_HOURS * HOUR);
    expect(EXPECTED.grantMs).toBe(ACCOUNT_MANAGER_ALERT_AFTER_MS);
    expect([EXPECTED.briefAckMs, EXPECTED.verifyMs, EXPECTED.conflictMs, EXPECTED.reviewFallbackMs].map((ms) => ms / HOUR)).toEqual([
      48, 24, 24, 24,
    ]);
  });
});

describe("when a stage began waiting", () => {
  it("is the latest decision at an earlier stage, else the submission", () => {
    const submitted = ago(30);
    expect(stageWaitingSince(submitted, [])).toEqual(submitted);
    expect(stageWaitingSince(submitted, [ago(20), ago(5), ago(10)])).toEqual(ago(5));
    // A decision from before this version's submission (an older version) never moves the start back.
    expect(stageWaitingSince(submitted, [ago(40)])).toEqual(submitted);
  });
});

describe("who holds an access step (the transition table)", () => {
  it("is the agency while it can verify, the client while it can grant, nobody once settled", () => {
    expect(accessStepHolder("confirmed")).toBe("agency");
    expect(accessStepHolder("requested")).toBe("client");
    expect(accessStepHolder("rejected")).toBe("client");
    // A grant a check found gone waits on the client to grant it again (issue 19 sends a new link).
    expect(accessStepHolder("lost")).toBe("client");
    for (const settled of ["verified", "not_applicable", "revoked"] as const) expect(accessStepHolder(settled)).toBeNull();
    expect([AGENCY_HELD_STATUSES, CLIENT_HELD_STATUSES]).toEqual([["confirmed"], ["requested", "rejected", "lost"]]);
  });
});

describe("grouping by holder", () => {
  const item = (id: string, hoursWaited: number, expectedHours: number, holders: StuckItem["holders"]): StuckItem => ({
    id,
    kind: "draft_review",
    title: id,
    detail: "",
    url: `/x/${id}`,
    holders,
    since: ago(hoursWaited).toISOString(),
    expectedMs: expectedHours * HOUR,
    dueAt: null,
  });
  const ana = { kind: "person" as const, userId: "ana" };
  const ben = { kind: "person" as const, userId: "ben" };
  const names: Record<string, string> = { ana: "Ana", ben: "Ben" };
  const nameOf = (h: StuckItem["holders"][number]) => (h.kind === "person" ? names[h.userId] : h.kind);

  it("lists an item held by two people under each, most overdue first, groups by their most overdue item", () => {
    const groups = groupByHolder(
      [
        item("a", 30, 24, [ana]),
        item("both", 50, 24, [ana, ben]),
        item("b", 10, 0, [ben]),
        item("client", 60, 48, [{ kind: "client", name: "Acme" }]),
      ],
      nameOf,
      now,
    );
    expect(groups.map((g) => [g.name, g.items.map((i) => [i.id, i.overdueMs / HOUR])])).toEqual([
      [
        "Ana",
        [
          ["both", 26],
          ["a", 6],
        ],
      ],
      [
        "Ben",
        [
          ["both", 26],
          ["b", 10],
        ],
      ],
      ["client", [["client", 12]]],
    ]);
  });
});
