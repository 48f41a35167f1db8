import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { visitorContext } from "~/modules/workspaces/authz.server";
import { json } from "@remix-run/node";
import { Form, Link, Outlet, useLoaderData, useMatches, type ShouldRevalidateFunction } from "@remix-run/react";
import { InboxIcon } from "~/components/icons";
import { BatonLogo } from "~/components/logo";
import { GeneralErrorBoundary } from "~/components/shell/error-boundary";
import { Alert, Button, EmptyState, TextField } from "~/components/ui";
import { MAILBOX_PAGE_SIZE, listMailbox, requireMailbox } from "~/modules/email/mailbox.server";
import { formatIn } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Local mailbox · Baton" }, { name: "robots", content: "noindex" }];

/** These pages hold sign-in links: never let their address leak to another site. */
export const headers: HeadersFunction = () => ({ "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex" });

export async function loader({ request }: LoaderFunctionArgs) {
  requireMailbox(visitorContext(request));
  const url = new URL(request.url);
  const to = (url.searchParams.get("to") ?? "").trim().slice(0, 320);
  // A message page (/dev/mail/:id) renders instead of the list: skip the query there.
  const isList = url.pathname.replace(/\/$/, "") === "/dev/mail";
  const rows = isList ? await listMailbox({ to: to || undefined }) : [];
  return json({
    to,
    limit: MAILBOX_PAGE_SIZE,
    messages: rows.map((m) => ({
      id: m.id,
      to: m.to,
      subject: m.subject,
      at: m.createdAt.toISOString(),
      when: `${formatIn(m.createdAt, "UTC", "d LLL, HH:mm:ss")} UTC`,
    })),
  });
}

/** The list is loaded only on /dev/mail itself, so coming back from a message loads it again. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, defaultShouldRevalidate }) =>
  currentUrl.pathname !== nextUrl.pathname || defaultShouldRevalidate;

function Mailbox() {
  const { to, messages, limit } = useLoaderData<typeof loader>();
  return (
    <main className="mx-auto w-full max-w-4xl px-4 py-8 sm:px-6 sm:py-12">
      <BatonLogo />
      <header className="mb-6 mt-6">
        <h1 className="text-2xl font-semibold tracking-tight text-ink">Local mailbox</h1>
        <p className="mt-1 text-sm text-ink-muted sm:text-base">
          Every email Baton would have sent. This page exists only while no email provider is configured, and only on this machine.
        </p>
      </header>

      <Form method="get" className="mb-6 flex flex-col gap-3 sm:flex-row sm:items-end" role="search" aria-label="Filter by recipient">
        <TextField
          className="flex-1"
          label="Recipient contains"
          name="to"
          type="search"
          defaultValue={to}
          maxLength={320}
          placeholder="e.g. owner@northwind.test"
        />
        <div className="flex items-center gap-3">
          <Button type="submit" variant="secondary">
            Filter
          </Button>
          {to ? (
            <Link to="/dev/mail" className="text-sm font-medium text-accent hover:underline">
              Show all
            </Link>
          ) : null}
        </div>
      </Form>

      {messages.length === 0 ? (
        <EmptyState
          icon={<InboxIcon />}
          title={to ? `No emails to addresses containing “${to}”` : "The mailbox is empty"}
          description={
            to
              ? "Check the address, or show all emails."
              : "Invitations, sign-in links and notifications land here as soon as the worker sends them."
          }
        />
      ) : (
        <div className="overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
          <ul className="divide-y divide-slate-200" aria-label="Emails, newest first">
            {messages.map((m) => (
              <li key={m.id}>
                <Link to={`/dev/mail/${m.id}`} className="block px-4 py-3 hover:bg-slate-50 focus-visible:ring-inset sm:px-6">
                  <div className="flex flex-col gap-1 sm:flex-row sm:items-baseline sm:justify-between sm:gap-4">
                    <p className="min-w-0 truncate text-sm font-medium text-ink">{m.subject || "(no subject)"}</p>
                    <time dateTime={m.at} className="shrink-0 text-xs text-ink-muted">
                      {m.when}
                    </time>
                  </div>
                  <p className="mt-0.5 truncate text-sm text-ink-muted">To {m.to}</p>
                </Link>
              </li>
            ))}
          </ul>
          {messages.length >= limit ? (
            <p className="border-t border-slate-200 px-4 py-3 text-sm text-ink-muted sm:px-6">
              Showing the {limit} newest. Filter by recipient to find older ones.
            </p>
          ) : null}
        </div>
      )}

      <Alert tone="neutral" className="mt-8">
        Set <code className="font-mono text-xs">RESEND_API_KEY</code> to send real email through Resend; this mailbox then disappears.
      </Alert>
    </main>
  );
}

/** /dev/mail is the list; /dev/mail/:id renders in its place. */
export default function DevMailLayout() {
  const matches = useMatches();
  const child = matches[matches.length - 1]?.id !== "routes/dev.mail";
  return child ? <Outlet /> : <Mailbox />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
