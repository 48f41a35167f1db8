import { describe, expect, it } from "vitest";
import {
  containsDisclosure,
  disclosureProblems,
  isAcceptedDisclosure,
  listOfWords,
  problemsByField,
  publishProblems,
  publishProblemsMessage,
  timelineProblems,
} from "~/modules/briefs/publish-rules";
import { runTransferChecks } from "~/modules/approvals/transfer-checks";

const DEFAULT_WORDS = ["#ad", "#sponsored", "Paid partnership"];
const rules = { disclosureWords: DEFAULT_WORDS };
const plan = { kickoff: "2025-03-03", draftDue: "2025-03-14", publishStart: "2025-03-24", publishEnd: "2025-04-06" };
const keysOf = (problems: { key: string }[]) => problems.map((p) => p.key);

describe("timelineProblems: kickoff ≤ draft due < publish start ≤ publish end", () => {
  it("accepts a possible plan, including same-day kickoff/draft due and a one-day window", () => {
    expect(timelineProblems(plan)).toEqual([]);
    expect(
      timelineProblems({ kickoff: "2025-03-14", draftDue: "2025-03-14", publishStart: "2025-03-15", publishEnd: "2025-03-15" }),
    ).toEqual([]);
  });

  it("refuses drafts due the day publishing starts, on the draft-due field", () => {
    expect(timelineProblems({ ...plan, draftDue: "2025-03-24" })).toEqual([
      {
        key: "timeline.draftDue",
        label: "Draft due date",
        message: "The draft must be due before the publish window starts, so there is time to review it.",
      },
    ]);
    expect(keysOf(timelineProblems({ ...plan, draftDue: "2025-03-25" }))).toEqual(["timeline.draftDue"]);
  });

  it("refuses drafts due before kickoff and a window that ends before it starts", () => {
    expect(timelineProblems({ ...plan, draftDue: "2025-03-02" })).toEqual([
      expect.objectContaining({ key: "timeline.draftDue", message: "The draft due date must be on or after the kickoff date." }),
    ]);
    expect(timelineProblems({ ...plan, publishEnd: "2025-03-23" })).toEqual([
      expect.objectContaining({ key: "timeline.publishEnd", message: "The publish window must end on or after its start." }),
    ]);
  });

  it("leaves dates that are not set to the completeness meter", () => {
    expect(timelineProblems(undefined)).toEqual([]);
    expect(timelineProblems({ draftDue: "2025-03-24" })).toEqual([]);
    expect(timelineProblems({ kickoff: "2025-03-24", publishStart: "2025-03-01" })).toEqual([]);
  });
});

describe("the disclosure matching rule", () => {
  it("matches case-insensitively, as a whole word or phrase", () => {
    expect(containsDisclosure("#Ad", "#ad")).toBe(true);
    expect(containsDisclosure("(#AD) with Lumen", "#ad")).toBe(true);
    expect(containsDisclosure("#adventure", "#ad")).toBe(false);
    expect(containsDisclosure("bad#ad", "#ad")).toBe(false);
    expect(containsDisclosure("PAID  PARTNERSHIP with Lumen", "Paid partnership")).toBe(true);
    expect(containsDisclosure("Unpaid partnership", "Paid partnership")).toBe(false);
    expect(containsDisclosure("anything", "   ")).toBe(false);
  });

  it("accepts a brief disclosure that contains one of the accepted words", () => {
    expect(isAcceptedDisclosure("#Ad", DEFAULT_WORDS)).toBe(true);
    expect(isAcceptedDisclosure("#ad #cedarpartner", DEFAULT_WORDS)).toBe(true);
    expect(isAcceptedDisclosure("Paid partnership with Lumen", DEFAULT_WORDS)).toBe(true);
    expect(isAcceptedDisclosure("thanks!", DEFAULT_WORDS)).toBe(false);
    expect(isAcceptedDisclosure("#adventure", DEFAULT_WORDS)).toBe(false);
    expect(isAcceptedDisclosure("#ad", ["Anzeige"])).toBe(false);
    expect(isAcceptedDisclosure("Anzeige", ["Anzeige"])).toBe(true);
  });

  it("is the same rule the approvals' ready-to-transfer check applies to a creator's copy", () => {
    const check = (copy: string, disclosure: string) =>
      runTransferChecks({ channel: "instagram", copy, mediaCount: 1, requirements: { disclosure, requiredUtm: [] } }).failures.some(
        (f) => f.code === "disclosure_missing",
      );
    for (const [copy, phrase] of [
      ["Love it #AD", "#ad"],
      ["my #adventure", "#ad"],
      ["bad#ad", "#ad"],
      ["Paid\n partnership", "Paid partnership"],
    ] as const) {
      expect(check(copy, phrase)).toBe(!containsDisclosure(copy, phrase));
    }
  });

  it("names the accepted words when a disclosure is not one", () => {
    expect(disclosureProblems("thanks!", rules)).toEqual([
      {
        key: "disclosure",
        label: "Disclosure",
        message: 'Use a disclosure your workspace accepts: include "#ad", "#sponsored" or "Paid partnership".',
      },
    ]);
    expect(disclosureProblems("#SPONSORED", rules)).toEqual([]);
    expect(disclosureProblems(undefined, rules)).toEqual([]); // missing is the meter's business
    expect(listOfWords(["Anzeige"])).toBe('"Anzeige"');
  });
});

describe("publishProblems", () => {
  it("collects both rules, as field messages and one sentence", () => {
    const problems = publishProblems({ timeline: { ...plan, draftDue: "2025-03-24" }, disclosure: "thanks!" }, rules);
    expect(keysOf(problems)).toEqual(["timeline.draftDue", "disclosure"]);
    expect(Object.keys(problemsByField(problems))).toEqual(["timeline.draftDue", "disclosure"]);
    expect(publishProblemsMessage(problems)).toBe("Fix these before publishing: Draft due date, Disclosure.");
    expect(publishProblems({ timeline: plan, disclosure: "#ad" }, rules)).toEqual([]);
  });
});
