import type { CSSProperties } from "react";

/**
 * A workspace's accent colour as the page's CSS variables. Pure, so the browser can compute it too
 * (route components cannot call .server code). The accent is the client's choice, so every colour
 * derived from it is chosen for contrast (WCAG 2.1, 4.5:1 for text), whatever the accent:
 * - `--accent`: the colour itself, as "79 70 229" (backgrounds, rings, borders);
 * - `--accent-fg`: text on an accent background, dark or white, whichever reads better;
 * - `--accent-text`: accent-coloured text on white, darkened until it reads (a pale yellow
 *   accent gives brown links, not invisible ones).
 */
export function accentVars(hex: string): { accent: string; accentFg: string; accentText: string } {
  const rgb = parseHex(hex);
  const dark: Rgb = [15, 23, 42];
  const white: Rgb = [255, 255, 255];
  const better = (a: Rgb, b: Rgb) => (contrast(rgb, a) >= contrast(rgb, b) ? a : b);
  // Slate ink where it reads; on the few accents where neither ink nor white reaches 4.5:1, black does.
  const ink = better(dark, white);
  const accentFg = contrast(rgb, ink) >= TEXT_CONTRAST ? ink : better([0, 0, 0], white);
  return { accent: rgb.join(" "), accentFg: accentFg.join(" "), accentText: readableOnWhite(rgb).join(" ") };
}

/** The style attribute that brands a subtree (the workspace shell, the client pages). */
export function accentStyle(hex: string): CSSProperties {
  const vars = accentVars(hex);
  return { "--accent": vars.accent, "--accent-fg": vars.accentFg, "--accent-text": vars.accentText } as CSSProperties;
}

type Rgb = [number, number, number];

/** The smallest text contrast WCAG 2.1 AA asks of normal-size text. */
const TEXT_CONTRAST = 4.5;

function parseHex(hex: string): Rgb {
  const n = Number.parseInt(/^#?[0-9a-fA-F]{6}$/.test(hex) ? hex.replace("#", "") : "4f46e5", 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** WCAG relative luminance. */
function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Mixes the colour with black in small steps until it reads on white; the hue stays the brand's. */
function readableOnWhite(rgb: Rgb): Rgb {
  const white: Rgb = [255, 255, 255];
  for (let k = 0; k <= 20; k++) {
    const c = rgb.map((v) => Math.round(v * (1 - k * 0.05))) as Rgb;
    if (contrast(c, white) >= TEXT_CONTRAST) return c;
  }
  return [0, 0, 0];
}
