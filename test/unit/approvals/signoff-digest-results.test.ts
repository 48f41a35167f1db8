import { describe, expect, it } from "vitest";
import { conflict, forbidden, notFound, ok } from "~/utils/outcome";
import {
  decodeResults,
  encodeResults,
  resultsSummary,
  rowResultOf,
  rowResultText,
  type RowResult,
} from "~/modules/approvals/signoff-digest/results";

/** How each ticked row of a sign-off digest went (issue 17 part 3), and what it says. */
const A = "a".repeat(32);
const B = "b".repeat(32);

describe("rowResultOf", () => {
  it("names each refusal of the decide command by its code", () => {
    expect(rowResultOf(ok({ signedOff: true }))).toBe("signed_off");
    expect(rowResultOf(ok({ signedOff: false }))).toBe("recorded");
    expect(rowResultOf(conflict("x", { code: "stale_version" }))).toBe("stale_version");
    expect(rowResultOf(conflict("x", { code: "deadline_passed" }))).toBe("deadline_passed");
    expect(rowResultOf(conflict("x", { code: "already_decided" }))).toBe("decided");
    expect(rowResultOf(conflict("x", { code: "race" }))).toBe("changed");
    expect(rowResultOf(conflict("x", { code: "code_used" }))).toBe("code_used");
    // The status moved on: the command says so without a code.
    expect(rowResultOf(conflict("This version is already signed off."))).toBe("decided");
    expect(rowResultOf(notFound("That deliverable does not exist."))).toBe("not_waiting");
    expect(rowResultOf(forbidden("no", { code: "not_stage_approver" }))).toBe("not_waiting");
  });
});

describe("the results in the page's address", () => {
  it("round-trip, and anything malformed is ignored", () => {
    const encoded = encodeResults([
      { deliverableId: A, result: "signed_off" },
      { deliverableId: B, result: "stale_version" },
    ]);
    expect([...decodeResults(encoded)]).toEqual([
      [A, "signed_off"],
      [B, "stale_version"],
    ]);
    expect(decodeResults(`${A}:owned,not-an-id:signed_off,,${B}`).size).toBe(0);
    expect(decodeResults(null).size).toBe(0);
  });
});

describe("what a row says", () => {
  const row = { currentVersion: 3, statusLabel: "Signed off", version: 2 };
  it("a row that changed meanwhile names what is current now", () => {
    expect(rowResultText("stale_version", row)).toBe("Not signed off: version 3 is now current. Open it to review that version.");
    expect(rowResultText("decided", row)).toMatch(/decided meanwhile and is now signed off/);
    expect(rowResultText("signed_off", row)).toMatch(/^Signed off v2/);
  });

  it("the summary counts successes and refusals", () => {
    const results = new Map<string, RowResult>([
      [A, "signed_off"],
      [B, "stale_version"],
    ]);
    expect(resultsSummary(results)).toEqual({ tone: "warning", text: "1 signed off; 1 not signed off: each says why below." });
    expect(resultsSummary(new Map([[A, "signed_off" as RowResult]]))?.tone).toBe("success");
    expect(resultsSummary(new Map())).toBeNull();
  });
});
