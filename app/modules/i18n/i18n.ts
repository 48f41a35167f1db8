import i18next, { type i18n as I18n, type InitOptions, type Resource, type TFunction } from "i18next";
import { DEFAULT_LOCALE, LOCALES, type Locale, type Namespace } from "./locales";

/**
 * The one i18next setup (decision 060), shared by the server render, the emails and the browser.
 * No fallback language: a key missing in Spanish must not show English. Under test a missing key
 * throws (the key-coverage and no-fallback tests rely on it); in production it is logged and the
 * key itself shows, which a person notices and reports, unlike a quiet English sentence.
 */
const strict = typeof process !== "undefined" && (process.env.VITEST !== undefined || process.env.NODE_ENV === "test");

export class MissingTranslation extends Error {}

export function i18nOptions(resources: Resource): InitOptions {
  return {
    resources,
    supportedLngs: [...LOCALES],
    fallbackLng: false,
    defaultNS: "client",
    ns: Object.keys(resources[DEFAULT_LOCALE] ?? {}),
    interpolation: { escapeValue: false },
    returnNull: false,
    returnEmptyString: false,
    initImmediate: false,
    parseMissingKeyHandler(key: string) {
      if (strict) throw new MissingTranslation(`Missing translation: ${key}`);
      console.error(`Missing translation: ${key}`);
      return key;
    },
  };
}

const instances = new Map<string, I18n>();

/** A ready instance fixed to `locale` (resources are inline, so init is synchronous). Never changes language after. */
export function i18nInstance(locale: Locale, resources: Resource): I18n {
  const key = `${locale}:${Object.keys(resources).join(",")}`;
  const cached = instances.get(key);
  if (cached && cached.options.resources === resources) return cached;
  const instance = i18next.createInstance();
  void instance.init({ ...i18nOptions(resources), lng: locale });
  instances.set(key, instance);
  return instance;
}

export type T = TFunction;
export type { Namespace };
