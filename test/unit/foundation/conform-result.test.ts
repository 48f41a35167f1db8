import { describe, expect, it } from "vitest";
import { failureData, successData } from "~/utils/action-data.server";
import { conformResult } from "~/utils/conform";
import { invalid } from "~/utils/outcome";

describe("conformResult", () => {
  const failed = failureData(invalid(undefined, { reason: ["Say why."] }).problem, { intent: "override", values: { reason: "no" } });

  it("gives the same result object for the same answer (conform re-reports every new object: a new one per render loops)", () => {
    expect(conformResult(failed, "override")).toBe(conformResult(failed, "override"));
    const saved = successData("Saved.", { intent: "override" });
    expect(conformResult(saved, "override")).toBe(conformResult(saved, "override"));
  });

  it("puts field messages, the form message and what was typed into the form the answer names, and ignores another form's", () => {
    expect(conformResult(failed, "override")).toEqual({
      status: "error",
      initialValue: { reason: "no" },
      error: { reason: ["Say why."], "": ["Please correct the highlighted fields."] },
    });
    expect(conformResult(failed, "publish")).toBeUndefined();
  });
});
