import type { TFunction } from "i18next";
import enAgency from "~/locales/en/agency.json";
import { i18nInstance } from "~/modules/i18n/i18n";

/**
 * The words of the automatic checks on the agency's pages (app/locales/en/agency.json, block
 * `access_checks`; the agency namespace is English only, decision 060). One place to read them, for
 * components and the ledger's action notices.
 */
export const checkWords: TFunction = i18nInstance("en", { en: { agency: enAgency } }).getFixedT("en", "agency", "access_checks");
