import { describe, expect, it } from "vitest";
import { accentAdjustments, accentVars, contrast, luminance } from "~/modules/workspaces/branding";

const rgb = (vars: string) => vars.split(" ").map(Number) as [number, number, number];
const WHITE: [number, number, number] = [255, 255, 255];

describe("accent colours chosen for contrast (WCAG 2.1 AA, 4.5:1 for text)", () => {
  // The defaults, a pale and a mid-tone accent, the extremes, and the greys where slate ink and white both fall short.
  const accents = [
    "#4f46e5",
    "#10b981",
    "#ffd60a",
    "#fde68a",
    "#8c8c8c",
    "#ffffff",
    "#000000",
    "#0ea5e9",
    "#22c55e",
    "#f97316",
    "#e11d48",
    "#777777",
    "#6f6f6f",
    "#7a7a7a",
  ];
  it.each(accents)("%s: text on the accent and accent-coloured text on white both read", (hex) => {
    const v = accentVars(hex);
    expect(contrast(rgb(v.accentFg), rgb(v.accent))).toBeGreaterThanOrEqual(4.5);
    expect(contrast(rgb(v.accentText), WHITE)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(rgb(v.accentRing), WHITE)).toBeGreaterThanOrEqual(3);
    // The current menu item is accent text on the accent at 10% over white.
    const tint = rgb(v.accent).map((c) => Math.round(255 + (c - 255) * 0.1)) as [number, number, number];
    expect(contrast(rgb(v.accentText), tint)).toBeGreaterThanOrEqual(4.5);
  });

  it("keeps a dark accent as it is for text, and darkens a pale one", () => {
    expect(accentVars("#4f46e5").accentText).toBe("79 70 229");
    const pale = rgb(accentVars("#fde68a").accentText);
    expect(pale[0]).toBeLessThan(0xfd);
    expect(pale[0]).toBeGreaterThan(pale[2]); // still a warm hue, not black
  });

  it("puts dark text on a mid-tone grey (white on #8c8c8c is 3.4:1)", () => {
    expect(accentVars("#8c8c8c").accentFg).toBe("15 23 42");
    expect(accentVars("#4f46e5").accentFg).toBe("255 255 255");
  });
});

describe("WCAG 2.1 relative luminance and contrast ratio", () => {
  it("gives the reference values: black 0, white 1, and 21:1 between them", () => {
    expect(luminance([0, 0, 0])).toBe(0);
    expect(luminance([255, 255, 255])).toBeCloseTo(1, 10);
    expect(contrast([0, 0, 0], WHITE)).toBeCloseTo(21, 10);
    expect(contrast(WHITE, [0, 0, 0])).toBeCloseTo(21, 10);
  });

  it("uses the piecewise sRGB curve (linear below 0.03928) and the 0.2126/0.7152/0.0722 weights", () => {
    // 10/255 = 0.0392 sits on the linear part; 0.5 grey on the power part; pure green weighs 0.7152.
    expect(luminance([10, 10, 10])).toBeCloseTo(10 / 255 / 12.92, 10);
    expect(luminance([128, 128, 128])).toBeCloseTo(((128 / 255 + 0.055) / 1.055) ** 2.4, 10);
    expect(luminance([0, 255, 0])).toBeCloseTo(0.7152, 10);
    expect(luminance([255, 0, 0])).toBeCloseTo(0.2126, 10);
  });

  it.each([
    ["#10b981", 2.54],
    ["#ffd60a", 1.41],
    ["#4f46e5", 6.29],
    ["#94a3b8", 2.56],
  ])("white on %s is %s:1, as the issue measured", (hex, expected) => {
    expect(contrast(rgb(accentVars(hex).accent), WHITE)).toBeCloseTo(expected, 2);
  });
});

describe("the issue's accents (#ffd60a pale, #10b981 mid-tone)", () => {
  it.each(["#ffd60a", "#10b981"])("%s: dark text on it, and a text tone and a ring tone that read on white", (hex) => {
    const v = accentVars(hex);
    expect(v.accentFg).toBe("15 23 42");
    expect(contrast(rgb(v.accentFg), rgb(v.accent))).toBeGreaterThanOrEqual(4.5);
    expect(contrast(rgb(v.accentText), WHITE)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(rgb(v.accentRing), WHITE)).toBeGreaterThanOrEqual(3);
  });

  it("keeps a ring of an accent that already stands out, and darkens it no more than 3:1 needs", () => {
    expect(accentVars("#4f46e5").accentRing).toBe("79 70 229");
    const ring = rgb(accentVars("#ffd60a").accentRing);
    const text = rgb(accentVars("#ffd60a").accentText);
    expect(contrast(ring, WHITE)).toBeLessThan(contrast(text, WHITE));
  });
});

describe("the settings warning when an accent had to be adjusted", () => {
  it("says nothing for an accent used as it is", () => {
    expect(accentAdjustments("#4f46e5")).toEqual([]);
    expect(accentAdjustments("#0f172a")).toEqual([]);
  });

  it("names each change for a pale accent: dark text on buttons, a darker link colour, a darker focus ring", () => {
    const notes = accentAdjustments("#ffd60a");
    expect(notes).toHaveLength(3);
    expect(notes[0]).toMatch(/White text on it would be 1\.4\d:1 .*dark text/);
    expect(notes[1]).toMatch(new RegExp(`links use the darker #[0-9a-f]{6}`));
    expect(notes[1]).toContain(
      `#${rgb(accentVars("#ffd60a").accentText)
        .map((v) => v.toString(16).padStart(2, "0"))
        .join("")}`,
    );
    expect(notes[2]).toMatch(/Focus rings use #[0-9a-f]{6}/);
  });

  it("for a mid-tone accent that stands out 3:1 but not 4.5:1, adjusts text only", () => {
    // #e11d48 is 4.7:1 on white: white text reads on it; on its own light tint (the current menu item) it falls short, so links darken.
    const rose = accentAdjustments("#e11d48");
    expect(rose).toHaveLength(1);
    expect(rose[0]).toMatch(/^As text on white it would be 4\.\d\d:1, so links use the darker #[0-9a-f]{6}\.$/);
    // #0ea5e9 is 2.77:1: all three change.
    expect(accentAdjustments("#0ea5e9")).toHaveLength(3);
    // #d97706 (amber-600) is 3.19:1: dark text, a darker link colour, the ring kept.
    const amber = accentAdjustments("#d97706");
    expect(amber).toHaveLength(2);
    expect(amber.join(" ")).not.toMatch(/Focus rings/);
  });
});
