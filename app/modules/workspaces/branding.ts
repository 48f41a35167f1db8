/**
 * "79 70 229" for `--accent`, and a readable text colour for buttons in that accent. Pure, so
 * the browser can compute it too (route components cannot call .server code).
 */
export function accentVars(hex: string): { accent: string; accentFg: string } {
  const n = Number.parseInt(hex.replace("#", ""), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  const luminance = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  return { accent: `${r} ${g} ${b}`, accentFg: luminance > 0.6 ? "15 23 42" : "255 255 255" };
}
