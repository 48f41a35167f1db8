import { describe, expect, it } from "vitest";
import { accentVars, contrast } from "~/modules/workspaces/branding";

const rgb = (vars: string) => vars.split(" ").map(Number) as [number, number, number];
const WHITE: [number, number, number] = [255, 255, 255];

describe("accent colours chosen for contrast (WCAG 2.1 AA, 4.5:1 for text)", () => {
  // The defaults, a pale and a mid-tone accent, the extremes, and the greys where slate ink and white both fall short.
  const accents = [
    "#4f46e5",
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
