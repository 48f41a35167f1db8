import type { ReactNode } from "react";
import { I18nextProvider, useTranslation } from "react-i18next";
import { i18nInstance } from "~/modules/i18n/i18n";
import { INTL_LOCALE, asLocale, type Locale } from "~/modules/i18n/locales";
import { resources } from "~/modules/i18n/resources";
import { formatDateIn, formatIsoDateIn, formatNumberIn, type DateStyle } from "~/utils/time";

/**
 * The client pages render in the link's language (decision 060): everything under this provider
 * reads its words with `useTranslation` and its dates with `useLocaleFormat`. These pages ship no
 * app bundle, so this only ever runs on the server.
 */
export function LocaleProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <I18nextProvider i18n={i18nInstance(locale, resources)}>{children}</I18nextProvider>;
}

/** Dates and numbers in the reader's language ("3 de diciembre de 2026", "1.024"), from an instant or a yyyy-MM-dd day. */
export function useLocaleFormat() {
  const { i18n } = useTranslation();
  const intl = INTL_LOCALE[asLocale(i18n.language)];
  return {
    locale: asLocale(i18n.language),
    day: (iso: string, style: DateStyle = "day") => formatDateIn(iso, "UTC", intl, style),
    isoDay: (isoDate: string) => formatIsoDateIn(isoDate, intl),
    number: (value: number, options?: Intl.NumberFormatOptions) => formatNumberIn(value, intl, options),
    /** "PNG, JPEG o ZIP": a list of alternatives, joined as the language joins them. */
    anyOf: (items: readonly string[]) => new Intl.ListFormat(intl, { type: "disjunction" }).format(items),
  };
}
