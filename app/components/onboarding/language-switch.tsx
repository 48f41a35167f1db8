import { useTranslation } from "react-i18next";
import { Button, controlClasses, cx } from "~/components/ui";
import { LOCALES, LOCALE_NAMES, type Locale } from "~/modules/i18n/locales";
import type { ClientFailure } from "./platform-step";

/**
 * The client's language switch: a plain form (no script needed) that stores the choice on the link,
 * so the page, its emails and its forwarded steps follow it (decision 060). Each language is named
 * in itself, so a client finds theirs whatever the page is in now.
 */
export function LanguageSwitch({ current, failure }: { current: Locale; failure: ClientFailure | null | undefined }) {
  const { t } = useTranslation("client");
  const error = failure?.intent === "language" ? (failure.errors.locale?.[0] ?? failure.formError) : null;
  return (
    <form method="post" className="flex items-end gap-2">
      <input type="hidden" name="intent" value="language" />
      <div>
        <label htmlFor="page-language" className="block text-xs font-medium text-ink-muted">
          {t("language.label")}
        </label>
        <select
          id="page-language"
          name="locale"
          defaultValue={current}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "page-language-error" : undefined}
          className={cx(controlClasses, "mt-1 h-9 py-1 text-sm")}
        >
          {LOCALES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LOCALE_NAMES[l]}
            </option>
          ))}
        </select>
      </div>
      <Button type="submit" variant="secondary" size="sm">
        {t("language.submit")}
      </Button>
      {error ? (
        <p id="page-language-error" role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}
