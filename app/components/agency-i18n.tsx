import type { ReactNode } from "react";
import { I18nextProvider } from "react-i18next";
import { agencyI18n } from "~/modules/i18n/agency";

/**
 * The agency's pages read their words with `useTranslation("agency")` (decision 060, "The agency's
 * pages"). English only for now; the client's token pages put their own `LocaleProvider` inside.
 */
export function AgencyTranslations({ children }: { children: ReactNode }) {
  return <I18nextProvider i18n={agencyI18n()}>{children}</I18nextProvider>;
}
