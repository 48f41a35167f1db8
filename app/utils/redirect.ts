/** Only local paths: `//evil.test`, `/\evil.test` and absolute URLs fall back to the default. */
export function safeRedirectPath(to: string | null | undefined, fallback = "/"): string {
  if (!to || typeof to !== "string") return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  if (/[\r\n\t]/.test(to)) return fallback;
  return to;
}
