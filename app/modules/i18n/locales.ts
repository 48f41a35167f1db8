import { z } from "zod";

/**
 * The languages a client can read Baton in (decision 060). Pure and browser-safe. The agency side is
 * English only for now but takes its words through the same mechanism (namespace "agency").
 */
// A language joins this list only with its client, catalog and emails files complete: the key-coverage
// test (test/unit/onboarding/locale-keys.test.ts) checks each against English.
export const LOCALES = ["en", "es", "de", "fr", "pt"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

export const localeSchema = z.enum(LOCALES, {
  errorMap: () => ({ message: "Choose one of the languages in the list." }),
});

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** A stored value read back: anything unknown (an old row, a hand edit) reads as English. */
export function asLocale(value: unknown): Locale {
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

/** Each language named in itself, so a client finds theirs whatever the page is in. */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: "English",
  es: "Español",
  de: "Deutsch",
  fr: "Français",
  pt: "Português (Brasil)",
};

/** The regional tag dates and numbers are written with (English keeps the app's en-GB). */
export const INTL_LOCALE: Record<Locale, string> = {
  en: "en-GB",
  es: "es-ES",
  de: "de-DE",
  fr: "fr-FR",
  pt: "pt-BR",
};

/** The namespaces every client-facing language must have in full (the key-coverage test). */
export const CLIENT_NAMESPACES = ["client", "catalog", "emails"] as const;
export type ClientNamespace = (typeof CLIENT_NAMESPACES)[number];
export type Namespace = ClientNamespace | "agency";
