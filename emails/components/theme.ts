import { createContext, useContext } from "react";
import { BATON_BRANDING, resolveBranding } from "./branding";

/** Neutral palette shared by the layout and the small components. */
export const palette = {
  page: "#f3f4f6",
  card: "#ffffff",
  text: "#1f2937",
  muted: "#6b7280",
  border: "#e5e7eb",
  subtle: "#f9fafb",
  error: "#b91c1c",
  errorBg: "#fef2f2",
  warning: "#b45309",
  warningBg: "#fffbeb",
} as const;

export const fontFamily = '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';

export type ResolvedBranding = ReturnType<typeof resolveBranding>;

/** The current email's (sanitized) branding, provided by <EmailLayout>. */
export const BrandingContext = createContext<ResolvedBranding>(resolveBranding(BATON_BRANDING));

export function useBranding(): ResolvedBranding {
  return useContext(BrandingContext);
}
