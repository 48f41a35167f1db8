import type { TOptions } from "i18next";
import { agencyT } from "~/modules/i18n/agency";

/**
 * The words of the automatic checks on the agency's pages: the `access_checks` block of the agency
 * namespace (app/locales/en/agency.json, decision 060), read through the one agency instance; the
 * components name keys inside the block ("checkNow"). The key-coverage test reads the prefix below.
 */
export function checkWords(key: string, options?: TOptions): string {
  return agencyT(`access_checks.${key}`, options ?? {});
}
