import { describe, expect, it } from "vitest";
import { brandingSchema, disclosureWordsSchema } from "~/modules/workspaces/schemas";

/** The workspace setting a brief's disclosure is checked against (settings page, one per line). */
const errorsOf = (input: unknown) => {
  const result = disclosureWordsSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.message);
};

describe("disclosureWordsSchema", () => {
  it("reads one word or phrase per line, trimmed, blank lines and repeats (ignoring case) dropped", () => {
    expect(disclosureWordsSchema.parse("#ad\r\n\r\n  Paid   partnership \n#AD\nAnzeige")).toEqual(["#ad", "Paid partnership", "Anzeige"]);
  });

  it("needs at least one", () => {
    expect(errorsOf("")).toEqual(["Add at least one disclosure word or phrase, like #ad."]);
    expect(errorsOf(" \n \n")).toEqual(["Add at least one disclosure word or phrase, like #ad."]);
    expect(errorsOf(undefined)).toEqual(["Add at least one disclosure word or phrase, like #ad."]);
  });

  it("refuses words that would match almost anything, or are too long, or too many", () => {
    expect(errorsOf("#ad\n#")).toEqual(['"#" needs a letter or digit, like #ad.']);
    expect(errorsOf("a")).toEqual(['"a" is too short: use a word or phrase like #ad.']);
    expect(errorsOf("x".repeat(41))).toEqual([`"${"x".repeat(20)}…" is too long: keep each line under 40 characters.`]);
    expect(errorsOf("x".repeat(40))).toEqual([]);
    expect(errorsOf(Array.from({ length: 21 }, (_, i) => `#ad${i}`).join("\n"))).toEqual(["Keep it to 20 words or phrases."]);
  });

  it("refuses control characters like every text input", () => {
    expect(errorsOf("#ad\u0000")).toHaveLength(1);
  });
});

describe("brandingSchema", () => {
  const branding = { name: "Northwind", accentColor: "#4f46e5", welcomeText: "", signoffWindowHours: "48" };

  it("keeps the words unchanged when the form does not carry the field", () => {
    expect(brandingSchema.parse(branding).disclosureWords).toBeUndefined();
    expect(brandingSchema.parse({ ...branding, disclosureWords: "Anzeige" }).disclosureWords).toEqual(["Anzeige"]);
  });
});
