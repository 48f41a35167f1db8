import { describe, expect, it } from "vitest";
import { diffCopy, type DiffSegment } from "~/modules/approvals/copy-diff";

const rebuild = (segments: DiffSegment[], side: "before" | "after") =>
  segments
    .filter((s) => s.kind === "same" || s.kind === (side === "before" ? "removed" : "added"))
    .map((s) => s.text)
    .join("");

describe("diffCopy", () => {
  it("returns one 'same' segment for identical copy", () => {
    expect(diffCopy("Glow all day #ad", "Glow all day #ad")).toEqual([{ kind: "same", text: "Glow all day #ad" }]);
  });

  it("shows a replaced word", () => {
    expect(diffCopy("The quick fox", "The slow fox")).toEqual([
      { kind: "same", text: "The " },
      { kind: "removed", text: "quick" },
      { kind: "added", text: "slow" },
      { kind: "same", text: " fox" },
    ]);
  });

  it("shows an added and a removed word", () => {
    expect(diffCopy("Glow all day", "Glow all day long")).toEqual([
      { kind: "same", text: "Glow all day" },
      { kind: "added", text: " long" },
    ]);
    expect(diffCopy("Really glow all day", "glow all day")).toEqual([
      { kind: "removed", text: "Really " },
      { kind: "same", text: "glow all day" },
    ]);
  });

  it("keeps a multi-word rewrite together instead of splitting it on spaces", () => {
    expect(diffCopy("Try it now at lumen", "Try the new serum now at lumen")).toEqual([
      { kind: "same", text: "Try " },
      { kind: "removed", text: "it" },
      { kind: "added", text: "the new serum" },
      { kind: "same", text: " now at lumen" },
    ]);
    expect(diffCopy("a b c d", "a x b y d")).toEqual([
      { kind: "same", text: "a " },
      { kind: "added", text: "x " },
      { kind: "same", text: "b " },
      { kind: "removed", text: "c" },
      { kind: "added", text: "y" },
      { kind: "same", text: " d" },
    ]);
  });

  it("is case-sensitive and keeps line breaks", () => {
    expect(diffCopy("New serum\n#ad", "new serum\n\n#ad")).toEqual([
      { kind: "removed", text: "New" },
      { kind: "added", text: "new" },
      { kind: "same", text: " serum" },
      { kind: "removed", text: "\n" },
      { kind: "added", text: "\n\n" },
      { kind: "same", text: "#ad" },
    ]);
  });

  it("splits punctuation from words but keeps hashtags and mentions whole", () => {
    expect(diffCopy("Meet Lumen. #ad", "Meet Lumen serum! #ad @lumen")).toEqual([
      { kind: "same", text: "Meet Lumen" },
      { kind: "removed", text: "." },
      { kind: "added", text: " serum!" },
      { kind: "same", text: " #ad" },
      { kind: "added", text: " @lumen" },
    ]);
    expect(diffCopy("(#ad)", "(#ads)")).toEqual([
      { kind: "same", text: "(" },
      { kind: "removed", text: "#ad" },
      { kind: "added", text: "#ads" },
      { kind: "same", text: ")" },
    ]);
  });

  it("handles empty texts", () => {
    expect(diffCopy("", "")).toEqual([]);
    expect(diffCopy("", "Hello")).toEqual([{ kind: "added", text: "Hello" }]);
    expect(diffCopy("Hello", "")).toEqual([{ kind: "removed", text: "Hello" }]);
  });

  it("rebuilds both texts exactly from its segments", () => {
    const before = "Morning glow ✨ with Lumen.\nTap the link in bio #ad #skincare";
    const after = "Evening glow ✨ with the NEW Lumen serum.\n\nTap the link #ad";
    const segments = diffCopy(before, after);
    expect(rebuild(segments, "before")).toBe(before);
    expect(rebuild(segments, "after")).toBe(after);
    expect(segments.filter((s) => s.kind === "removed").map((s) => s.text)).toEqual(["Morning", "\n", "in bio ", " #skincare"]);
    expect(segments.filter((s) => s.kind === "added").map((s) => s.text)).toEqual(["Evening", "the NEW ", " serum", "\n\n"]);
  });

  it("falls back to remove-all/add-all for a huge rewrite, still exact", () => {
    const before = Array.from({ length: 3000 }, (_, i) => `old${i}`).join(" ");
    const after = Array.from({ length: 3000 }, (_, i) => `new${i}`).join(" ");
    const segments = diffCopy(before, after);
    expect(segments.map((s) => s.kind)).toEqual(["removed", "added"]);
    expect(rebuild(segments, "before")).toBe(before);
    expect(rebuild(segments, "after")).toBe(after);
  });
});
