import { describe, expect, it } from "vitest";
import { csvCell, csvLine } from "~/utils/csv";

describe("csv", () => {
  it("quotes commas, quotes and line breaks, and defuses formulas", () => {
    expect(csvLine(["a", "b,c", 'say "hi"', "=SUM(A1)", null, { k: 1 }])).toBe('a,"b,c","say ""hi""",\'=SUM(A1),,"{""k"":1}"\r\n');
    expect(csvCell(" padded")).toBe('" padded"');
  });
});
