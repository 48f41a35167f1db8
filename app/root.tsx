import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useMatches } from "@remix-run/react";
import type { ReactNode } from "react";
import stylesheet from "~/tailwind.css";
import { AgencyTranslations } from "~/components/agency-i18n";
import { GeneralErrorBoundary } from "~/components/shell/error-boundary";
import { isLocale } from "~/modules/i18n/locales";
import { useNonce } from "~/utils/nonce";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [
  { title: "Baton" },
  { name: "description", content: "The client portal for brands, agencies and creators." },
];

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  // A route may opt out of the app bundle (`handle.hydrate = false`): the client's token pages
  // ship only their own few lines of script.
  const matches = useMatches();
  const hydrate = !matches.some((m) => (m.handle as { hydrate?: boolean } | undefined)?.hydrate === false);
  // A client page in the link's language says so (`lang` in its loader data), so screen readers
  // pronounce it in that language (decision 060); every other page is English.
  const lang = matches.map((m) => (m.data as { lang?: unknown } | null | undefined)?.lang).find(isLocale) ?? "en";
  return (
    <html lang={lang} className="h-full">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="h-full">
        {children}
        {hydrate ? <ScrollRestoration nonce={nonce} /> : null}
        {hydrate ? <Scripts nonce={nonce} /> : null}
      </body>
    </html>
  );
}

export default function App() {
  // The agency's words; a client's token page sets its own language inside (decision 060).
  return (
    <AgencyTranslations>
      <Outlet />
    </AgencyTranslations>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
