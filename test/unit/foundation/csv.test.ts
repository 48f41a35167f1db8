import { describe, expect, it } from "vitest";
import { csvCell, csvLine } from "~/utils/csv";

describe("csv", () => {
  it("quotes commas, quotes and line breaks, and defuses formulas", () => {
    expect(csvLine(["a", "b,c", 'say "hi"', "=SUM(A1)", null, { k: 1 }])).toBe('a,"b,c","say ""hi""",\'=SUM(A1),,"{""k"":1}"\r\n');
    expect(csvCell(" padded")).toBe('" padded"');
  });

  it("writes numbers as numbers a spreadsheet can sum, negative ones too; text that looks like one is still defused", () => {
    expect(csvLine([-3, 0.67, 12])).toBe("-3,0.67,12\r\n");
    expect(csvCell("-3")).toBe("'-3");
    expect(csvCell(Number.NaN)).toBe("null");
  });
});
