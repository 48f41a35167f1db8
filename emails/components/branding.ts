/**
 * Workspace branding carried by every Baton email, plus the small sanitizers that keep
 * user-provided branding (colour, logo) and links safe to put into attributes and styles.
 * Pure functions only: safe to import anywhere.
 */

export interface WorkspaceBranding {
  name: string;
  logoUrl?: string | null;
  /** Hex colour, `#rgb` or `#rrggbb`. Anything else falls back to Baton's accent. */
  accentColor: string;
}

export const BATON_ACCENT = "#4f46e5";

/** Used for emails that are not tied to a workspace (sign-in, password reset). */
export const BATON_BRANDING: WorkspaceBranding = {
  name: "Baton",
  logoUrl: null,
  accentColor: BATON_ACCENT,
};

const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** The accent colour if it is a plain hex colour, otherwise Baton's (never CSS-injectable). */
export function safeAccentColor(color: string | null | undefined): string {
  const c = (color ?? "").trim();
  return HEX.test(c) ? c : BATON_ACCENT;
}

function channel(v: number): number {
  const s = v / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

function luminance(hex: string): number {
  let h = hex.slice(1);
  if (h.length === 3) h = h.replace(/./g, (x) => x + x);
  const n = Number.parseInt(h, 16);
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

/** White or near-black text, whichever reads better on the given (safe) background colour. */
export function readableTextColor(background: string): "#ffffff" | "#111827" {
  const l = luminance(safeAccentColor(background));
  const contrastWhite = 1.05 / (l + 0.05);
  const contrastDark = (l + 0.05) / (luminance("#111827") + 0.05);
  return contrastWhite >= 4.5 || contrastWhite >= contrastDark ? "#ffffff" : "#111827";
}

/** The URL if it is an absolute http(s) or mailto URL, otherwise null (no `javascript:` links). */
export function safeUrl(url: string | null | undefined): string | null {
  const trimmed = url?.trim();
  if (!trimmed) return null;
  try {
    const { protocol } = new URL(trimmed);
    return protocol === "https:" || protocol === "http:" || protocol === "mailto:" ? trimmed : null;
  } catch {
    return null;
  }
}

/** Normalized branding: name trimmed (falls back to "Baton"), colour and logo sanitized. */
export function resolveBranding(workspace: WorkspaceBranding | null | undefined): {
  name: string;
  logoUrl: string | null;
  accentColor: string;
  accentTextColor: string;
  isBaton: boolean;
} {
  const ws = workspace ?? BATON_BRANDING;
  const accentColor = safeAccentColor(ws.accentColor);
  const logo = safeUrl(ws.logoUrl);
  return {
    name: ws.name.trim() || "Baton",
    logoUrl: logo && !logo.startsWith("mailto:") ? logo : null,
    accentColor,
    accentTextColor: readableTextColor(accentColor),
    isBaton: workspace == null,
  };
}
