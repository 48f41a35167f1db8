import type { Resource, TFunction } from "i18next";
import { englishCatalogText } from "~/modules/onboarding/catalog/text";
import enAgency from "~/locales/en/agency.json";
import enClient from "~/locales/en/client.json";
import enEmails from "~/locales/en/emails.json";
import deCatalog from "~/locales/de/catalog.json";
import deClient from "~/locales/de/client.json";
import deEmails from "~/locales/de/emails.json";
import frCatalog from "~/locales/fr/catalog.json";
import frClient from "~/locales/fr/client.json";
import frEmails from "~/locales/fr/emails.json";
import ptCatalog from "~/locales/pt/catalog.json";
import ptClient from "~/locales/pt/client.json";
import ptEmails from "~/locales/pt/emails.json";
import esCatalog from "~/locales/es/catalog.json";
import esClient from "~/locales/es/client.json";
import esEmails from "~/locales/es/emails.json";
import { i18nInstance } from "./i18n";
import type { Locale, Namespace } from "./locales";

/**
 * Every string resource, by language and namespace. English catalog text comes from the catalog
 * entries themselves (catalog/text.ts); everything else is a JSON file under app/locales. The
 * agency namespace is English only for now, so other languages do not carry it.
 */
export const resources: Record<Locale, Resource[string]> = {
  en: {
    client: enClient,
    catalog: { _note: "Source language: the catalog entries.", ...englishCatalogText() },
    emails: enEmails,
    agency: enAgency,
  },
  es: { client: esClient, catalog: esCatalog, emails: esEmails },
  de: { client: deClient, catalog: deCatalog, emails: deEmails },
  fr: { client: frClient, catalog: frCatalog, emails: frEmails },
  pt: { client: ptClient, catalog: ptCatalog, emails: ptEmails },
};

/** A `t` fixed to one language and namespace, for emails and services (synchronous: resources are inline). */
export function tFor(locale: Locale, ns: Namespace): TFunction {
  return i18nInstance(locale, resources).getFixedT(locale, ns);
}
