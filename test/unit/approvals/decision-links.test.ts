import { describe, expect, it } from "vitest";
import { CODE_MAX_TRIES, codeExpiry, codeProblem, wrongCodeMessage } from "~/modules/approvals/decision-links/code-rules";
import { transferCheckList } from "~/modules/approvals/decision-links/check-list";
import { digestLinkExpiry, linkEndsAt, linkState, plausibleLinkToken } from "~/modules/approvals/decision-links/link-rules";
import { decisionPageState, type PageStateInput } from "~/modules/approvals/decision-links/page-state";
import { linkDecideSchema, moveAndSignOffSchema } from "~/modules/approvals/decision-links/schemas";
import { defaultRoute } from "~/modules/approvals/route";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = new Date("2026-03-10T12:00:00Z");

describe("how long a link works (decision 052)", () => {
  const decision = { purpose: "decision" as const, revokedAt: null, expiresAt: null };
  const publishAt = new Date("2026-03-12T09:00:00Z");

  it("a decision link works until its deliverable's CURRENT publish time plus 7 days, not a moment longer", () => {
    expect(linkEndsAt(decision, publishAt).toISOString()).toBe("2026-03-19T09:00:00.000Z");
    expect(linkState(decision, publishAt, new Date(publishAt.getTime() + 7 * DAY - 1))).toBe("valid");
    expect(linkState(decision, publishAt, new Date(publishAt.getTime() + 7 * DAY))).toBe("expired");
    // A reschedule moves the end: read at use.
    const later = new Date(publishAt.getTime() + 30 * DAY);
    expect(linkState(decision, later, new Date(publishAt.getTime() + 8 * DAY))).toBe("valid");
  });

  it("a decision link without its deliverable never works", () => {
    expect(linkState(decision, null, now)).toBe("expired");
  });

  it("a digest link works for 48 hours from its own expiresAt", () => {
    const digest = { purpose: "digest" as const, revokedAt: null, expiresAt: digestLinkExpiry(now) };
    expect(digest.expiresAt.getTime() - now.getTime()).toBe(48 * HOUR);
    expect(linkState(digest, null, new Date(now.getTime() + 48 * HOUR - 1))).toBe("valid");
    expect(linkState(digest, null, new Date(now.getTime() + 48 * HOUR))).toBe("expired");
  });

  it("revoked wins over valid and expired", () => {
    expect(linkState({ ...decision, revokedAt: now }, publishAt, now)).toBe("revoked");
    expect(linkState({ ...decision, revokedAt: now }, publishAt, new Date(publishAt.getTime() + 30 * DAY))).toBe("revoked");
  });

  it("only token-shaped strings are looked up", () => {
    expect(plausibleLinkToken("a".repeat(43))).toBe(true);
    for (const bad of ["", "short", "a".repeat(43) + "/", "x'; drop table", undefined, 42]) expect(plausibleLinkToken(bad)).toBe(false);
  });
});

describe("one-time codes", () => {
  const fresh = { expiresAt: codeExpiry(now), attempts: 0, usedAt: null };

  it("a code works for 10 minutes", () => {
    expect(fresh.expiresAt.getTime() - now.getTime()).toBe(10 * 60_000);
    expect(codeProblem(fresh, new Date(now.getTime() + 10 * 60_000 - 1))).toBeNull();
    expect(codeProblem(fresh, new Date(now.getTime() + 10 * 60_000))).toBe("expired");
  });

  it("after five tries the code is locked, used codes and no code are refused", () => {
    expect(codeProblem({ ...fresh, attempts: CODE_MAX_TRIES - 1 }, now)).toBeNull();
    expect(codeProblem({ ...fresh, attempts: CODE_MAX_TRIES }, now)).toBe("locked");
    expect(codeProblem({ ...fresh, usedAt: now }, now)).toBe("used");
    expect(codeProblem(null, now)).toBe("none");
  });

  it("a wrong code says how many tries are left", () => {
    expect(wrongCodeMessage(1)).toMatch(/4 tries left/);
    expect(wrongCodeMessage(4)).toMatch(/1 try left/);
    expect(wrongCodeMessage(5)).toMatch(/last try/);
  });

  it("the form takes six digits, spaces dropped, and refuses anything else", () => {
    const parse = (code: unknown) => linkDecideSchema.safeParse({ version: "1", decision: "approve", code });
    expect(parse("123 456").success && parse("123 456").data?.code).toBe("123456");
    for (const bad of ["12345", "1234567", "12a456", "12\u00003456", ["1", "2"]]) expect(parse(bad).success).toBe(false);
    expect(parse(undefined).success).toBe(true);
    expect(moveAndSignOffSchema.safeParse({ version: "1", publishAt: "2026-03-20T10:00" }).success).toBe(true);
  });
});

describe("what the page offers (one rule with the command)", () => {
  const route = defaultRoute({ agencyReviewerIds: ["agency"], brandLeadIds: ["lead", "lead2"] });
  const base: PageStateInput = {
    status: "in_review",
    blocked: false,
    currentVersion: 2,
    personId: "lead",
    submitterId: "creator",
    route,
    decisions: [{ stageIndex: 0, userId: "agency", decision: "approve", version: 2 }],
    signsForBrand: true,
    decidesDrafts: true,
    deadlinePassed: false,
    nameOf: (id) => ({ agency: "Ana", lead: "Lena", lead2: "Leo" })[id] ?? id,
  };

  it("a brand lead at the sign-off stage signs off, or moves and signs off", () => {
    expect(decisionPageState(base)).toEqual({ mayDecide: true, signoffStage: true, maySignOffNow: true, mayMove: true, waiting: null });
  });

  it("past the deadline, or blocked, only moving first can sign off; changes can still be requested", () => {
    for (const late of [{ deadlinePassed: true }, { blocked: true }]) {
      expect(decisionPageState({ ...base, ...late })).toMatchObject({ mayDecide: true, maySignOffNow: false, mayMove: true });
    }
  });

  it("an earlier stage still open: it is not the lead's turn, and the page says who holds it", () => {
    const state = decisionPageState({ ...base, decisions: [] });
    expect(state.mayDecide).toBe(false);
    expect(state.waiting).toMatch(/reaches you at “Brand sign-off”.*Waiting for Ana at “Agency review”/);
  });

  it("someone who is not a brand lead of this brand never gets the sign-off", () => {
    expect(decisionPageState({ ...base, signsForBrand: false }).mayDecide).toBe(false);
  });

  it("after the decision, a new version or a sign-off, the page shows the current state and offers nothing", () => {
    const decided = decisionPageState({
      ...base,
      decisions: [...base.decisions, { stageIndex: 1, userId: "lead2", decision: "approve", version: 2 }],
    });
    expect(decided.mayDecide).toBe(false);
    expect(decisionPageState({ ...base, status: "draft" }).waiting).toMatch(/Version 2 is back with the creator/);
    expect(decisionPageState({ ...base, status: "signed_off" }).waiting).toMatch(/signed off/);
    expect(decisionPageState({ ...base, status: "changes_requested" }).waiting).toMatch(/Changes were requested on version 2/);
  });

  it("the submitter never decides on their own version", () => {
    const state = decisionPageState({ ...base, personId: "agency", submitterId: "agency", decisions: [] });
    expect(state.mayDecide).toBe(false);
    expect(state.waiting).toMatch(/You submitted version 2/);
  });
});

describe("the checks as a reviewer reads them", () => {
  const requirements = { disclosure: "#ad", requiredUtm: [{ name: "utm_source", value: "baton" }] };

  it("lists every check that applies, passed or not, with the failure's own words", () => {
    const lines = transferCheckList({
      channel: "instagram",
      copy: "Glow #ad",
      link: "https://x.example/?utm_source=other",
      mediaCount: 0,
      requirements,
    });
    expect(lines.map((l) => [l.key, l.ok])).toEqual([
      ["disclosure", true],
      ["link", false],
      ["length", true],
      ["media", false],
    ]);
    expect(lines.find((l) => l.key === "link")?.problem).toMatch(/utm_source=other/);
  });
});
