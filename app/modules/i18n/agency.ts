import type { TFunction } from "i18next";
import enAgency from "~/locales/en/agency.json";
import { i18nInstance } from "./i18n";

/**
 * The agency's words (namespace `agency`, English only for now: decision 060, "The agency's
 * pages"). Kept apart from `resources.ts` so a hydrated agency page ships this one file, not the
 * client's five languages and the platform catalog.
 */
export const agencyResources = { en: { agency: enAgency } };

/** The instance the agency pages read through `useTranslation("agency")` (see components/agency-i18n.tsx). */
export function agencyI18n() {
  return i18nInstance("en", agencyResources);
}

/** A `t` fixed to the agency namespace, for what is worded outside a component: meta titles, action notices, labels in modules. */
export const agencyT: TFunction<"agency"> = agencyI18n().getFixedT("en", "agency");
