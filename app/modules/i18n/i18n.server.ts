import { RemixI18Next } from "remix-i18next/server";
import { i18nOptions } from "./i18n";
import { DEFAULT_LOCALE, LOCALES } from "./locales";
import { resources } from "./resources";

/**
 * remix-i18next's server side: the language of a request and a fixed `t` for loaders and actions.
 * The client pages never detect a language from the browser: theirs is the link's (decision 060),
 * so detection only serves pages without a stored choice (the agency's, English for now).
 */
export const remixI18n = new RemixI18Next({
  detection: { supportedLanguages: [...LOCALES], fallbackLanguage: DEFAULT_LOCALE },
  i18next: i18nOptions(resources),
});
