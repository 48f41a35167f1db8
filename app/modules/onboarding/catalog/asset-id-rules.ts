import type { AssetIdResult } from "./types";

/** Small helpers shared by the per-platform asset ID validators. */

export const accept = (value: string): AssetIdResult => ({ ok: true, value });

/**
 * A platform's refusals, each a code and an English template ({{name}} variables). The code is what
 * a translation looks up (catalog namespace, `<platform>.errors.<code>`); the English is the source.
 */
export function refuser<C extends string>(errors: Readonly<Record<C, string>>) {
  return (code: C, vars: Record<string, string | number> = {}): AssetIdResult => ({
    ok: false,
    code,
    vars,
    message: fillTemplate(errors[code], vars),
  });
}

/** Writes `{{name}}` variables into a template (the same syntax i18next uses for the translations). */
export function fillTemplate(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** Clients paste from screens and emails: drop surrounding whitespace and invisible characters. */
export function tidy(raw: string): string {
  return raw.replace(/[\u200B-\u200D\uFEFF]/g, "").trim();
}

export function digitsOf(value: string): string {
  return value.replace(/\D/g, "");
}

/** True when `digits` is the agency's own ID (stored formatted or not), pasted back by mistake. */
export function isAgencyOwnId(digits: string, agencyId: string | null | undefined): boolean {
  if (!agencyId) return false;
  const own = digitsOf(agencyId);
  return own.length > 0 && own === digits;
}

export function isDigits(value: string, min: number, max: number): boolean {
  return new RegExp(`^\\d{${min},${max}}$`).test(value);
}

export const looksLikeEmail = (value: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);

/** Google IDs that clients paste into the wrong field, each recognisable by its prefix. */
export const googleIdPatterns = {
  measurementId: /^G-[A-Z0-9]{4,12}$/i,
  universalAnalytics: /^UA-\d+(-\d+)?$/i,
  tagManager: /^GTM-[A-Z0-9]+$/i,
  googleTag: /^GT-[A-Z0-9]+$/i,
  adsConversion: /^AW-\d+(\/.*)?$/i,
} as const;
