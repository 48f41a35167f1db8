import type { CSSProperties } from "react";

/**
 * A workspace's accent colour as the page's CSS variables. Pure, so the browser can compute it too
 * (route components cannot call .server code). The accent is the client's choice, so every colour
 * derived from it is chosen for contrast (WCAG 2.1: 4.5:1 for text, 3:1 for focus rings), whatever the accent:
 * - `--accent`: the colour itself, as "79 70 229" (backgrounds, bars, dots);
 * - `--accent-fg`: text on an accent background, dark or white, whichever reads better;
 * - `--accent-text`: accent-coloured text on white and on the accent's own light tint (the current
 *   menu item, `bg-accent/10`), darkened until it reads there (a pale yellow accent gives brown
 *   links, not invisible ones);
 * - `--accent-ring`: focus rings and outlines, the accent where it stands out 3:1 from the white
 *   around it, else darkened until it does (a pale accent's ring would vanish on the page).
 */
export function accentVars(hex: string): { accent: string; accentFg: string; accentText: string; accentRing: string } {
  const rgb = parseHex(hex);
  return {
    accent: rgb.join(" "),
    accentFg: textOnAccent(rgb).join(" "),
    accentText: textTone(rgb).join(" "),
    accentRing: darkenUntil(rgb, NON_TEXT_CONTRAST).join(" "),
  };
}

/** The style attribute that brands a subtree (the workspace shell, the client pages). */
export function accentStyle(hex: string): CSSProperties {
  const vars = accentVars(hex);
  return {
    "--accent": vars.accent,
    "--accent-fg": vars.accentFg,
    "--accent-text": vars.accentText,
    "--accent-ring": vars.accentRing,
  } as CSSProperties;
}

/**
 * What Baton changes so a chosen accent stays readable, in words for the settings page (empty when
 * the accent is used as it is): dark text on it instead of white, a darker shade for links and
 * focus rings. The accent itself is kept: it still fills buttons, bars and the top stripe.
 */
export function accentAdjustments(hex: string): string[] {
  const rgb = parseHex(hex);
  const white: Rgb = [255, 255, 255];
  const onWhite = contrast(rgb, white);
  const notes: string[] = [];
  if (textOnAccent(rgb).join() !== white.join()) {
    notes.push(`White text on it would be ${ratio(onWhite)} (under 4.5:1), so buttons carry dark text.`);
  }
  const text = textTone(rgb);
  if (text.join() !== rgb.join()) {
    notes.push(`As text on white it would be ${ratio(onWhite)}, so links use the darker ${toHex(text)}.`);
  }
  if (onWhite < NON_TEXT_CONTRAST) {
    notes.push(`Focus rings use ${toHex(darkenUntil(rgb, NON_TEXT_CONTRAST))} so they stand out at least 3:1.`);
  }
  return notes;
}

type Rgb = [number, number, number];

/** The smallest text contrast WCAG 2.1 AA asks of normal-size text. */
const TEXT_CONTRAST = 4.5;
/** The smallest contrast WCAG 2.1 AA asks of focus indicators and other non-text parts (1.4.11). */
const NON_TEXT_CONTRAST = 3;

function parseHex(hex: string): Rgb {
  const n = Number.parseInt(/^#?[0-9a-fA-F]{6}$/.test(hex) ? hex.replace("#", "") : "4f46e5", 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

const toHex = (rgb: Rgb) => `#${rgb.map((v) => v.toString(16).padStart(2, "0")).join("")}`;
const ratio = (r: number) => `${(Math.floor(r * 100) / 100).toFixed(2)}:1`;

/** WCAG 2.1 relative luminance of an sRGB colour: 0 for black, 1 for white. */
export function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG 2.1 contrast ratio, from 1 (same luminance) to 21 (black on white), whichever colour is lighter. */
export function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Text on the accent: slate ink or white, whichever contrasts more; black on the few accents where neither reaches 4.5:1. */
function textOnAccent(rgb: Rgb): Rgb {
  const dark: Rgb = [15, 23, 42];
  const white: Rgb = [255, 255, 255];
  const better = (a: Rgb, b: Rgb) => (contrast(rgb, a) >= contrast(rgb, b) ? a : b);
  const ink = better(dark, white);
  return contrast(rgb, ink) >= TEXT_CONTRAST ? ink : better([0, 0, 0], white);
}

/** The share of the accent in the lightest tint text sits on (`bg-accent/10`, the current menu item). */
const TINT = 0.1;

/** Accent-coloured text: 4.5:1 on the accent's tint over white, and so on white too (the tint is the darker of the two). */
function textTone(rgb: Rgb): Rgb {
  const tint = rgb.map((v) => Math.round(255 + (v - 255) * TINT)) as Rgb;
  return darkenUntil(rgb, TEXT_CONTRAST, tint);
}

/** Mixes the colour with black in small steps until it reaches `min` on `background`; the hue stays the brand's. */
function darkenUntil(rgb: Rgb, min: number, background: Rgb = [255, 255, 255]): Rgb {
  for (let k = 0; k <= 20; k++) {
    const c = rgb.map((v) => Math.round(v * (1 - k * 0.05))) as Rgb;
    if (contrast(c, background) >= min) return c;
  }
  return [0, 0, 0];
}
