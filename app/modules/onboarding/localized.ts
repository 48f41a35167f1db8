import { tFor } from "~/modules/i18n/resources";
import type { Locale } from "~/modules/i18n/locales";
import { getPlatform, type AssetIdResult, type PlatformEntry } from "./catalog";
import { platformText, type PlatformText } from "./catalog/text";
import { DEFAULT_AGREEMENT } from "./schemas";

/**
 * The catalog in a client's language (decision 060): English straight from the entries, other
 * languages from the catalog namespace. A missing translation is an error, never quiet English.
 */
export function platformTextIn(entry: PlatformEntry, locale: Locale): PlatformText {
  if (locale === "en") return platformText(entry);
  return tFor(locale, "catalog")(entry.key, { returnObjects: true }) as unknown as PlatformText;
}

/** An asset ID refusal in the client's language, with the same variables the English one had. */
export function refusalIn(platformKey: string, result: Extract<AssetIdResult, { ok: false }>, locale: Locale): string {
  // A custom platform's refusal is the admin's own message (decision 061): not in the catalog namespace.
  if (locale === "en" || !getPlatform(platformKey)) return result.message;
  return tFor(locale, "catalog")(`${platformKey}.errors.${result.code}`, result.vars);
}

/**
 * The agreement as the client reads and signs it: Baton's default text in the client's language;
 * a text the agency wrote stays as written (decision 060).
 */
export function agreementTextIn(stored: string, locale: Locale): string {
  return stored === DEFAULT_AGREEMENT ? tFor(locale, "client")("intake.agreement.defaultText") : stored;
}
