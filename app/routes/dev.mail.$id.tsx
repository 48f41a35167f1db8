import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { visitorContext } from "~/modules/workspaces/authz.server";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { ChevronLeftIcon } from "~/components/icons";
import { BatonLogo } from "~/components/logo";
import { GeneralErrorBoundary } from "~/components/shell/error-boundary";
import { Card, CardSection } from "~/components/ui";
import { mailboxMessage, requireMailbox } from "~/modules/email/mailbox.server";
import { notFound } from "~/utils/http.server";
import { formatIn } from "~/utils/time";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.subject || "(no subject)"} · Local mailbox · Baton` : "Local mailbox · Baton" },
  { name: "robots", content: "noindex" },
];

export const headers: HeadersFunction = () => ({ "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  requireMailbox(visitorContext(request));
  const message = await mailboxMessage(params.id ?? "");
  if (!message) notFound("That email is not in the local mailbox.");
  return json({
    id: message.id,
    subject: message.subject,
    from: message.from,
    to: message.to,
    at: message.createdAt.toISOString(),
    when: `${formatIn(message.createdAt, "UTC", "d LLL yyyy, HH:mm:ss")} UTC`,
    html: message.html,
    text: message.text,
  });
}

/** The text version with its http(s) links made clickable (sign-in links open from here). */
function Linkified({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  const re = /https?:\/\/[^\s<>"')\]]+/g;
  let last = 0;
  for (const match of text.matchAll(re)) {
    const start = match.index ?? 0;
    if (start > last) parts.push(text.slice(last, start));
    parts.push(
      <a key={start} href={match[0]} className="break-all text-accent underline" rel="noreferrer">
        {match[0]}
      </a>,
    );
    last = start + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <>{parts}</>;
}

function Meta({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[4rem_minmax(0,1fr)] gap-2 py-1 text-sm">
      <dt className="text-ink-muted">{label}</dt>
      <dd className="break-words text-ink">{children}</dd>
    </div>
  );
}

export default function MailMessage() {
  const m = useLoaderData<typeof loader>();
  return (
    <main className="mx-auto w-full max-w-4xl px-4 py-8 sm:px-6 sm:py-12">
      <BatonLogo />
      <nav aria-label="Breadcrumb" className="mb-2 mt-6">
        <Link to="/dev/mail" className="inline-flex items-center gap-1 text-sm text-ink-muted hover:text-ink hover:underline">
          <ChevronLeftIcon size={16} />
          Local mailbox
        </Link>
      </nav>
      <h1 className="break-words text-2xl font-semibold tracking-tight text-ink">{m.subject || "(no subject)"}</h1>
      <dl className="mb-6 mt-3">
        <Meta label="From">{m.from}</Meta>
        <Meta label="To">{m.to}</Meta>
        <Meta label="Sent">
          <time dateTime={m.at}>{m.when}</time>
        </Meta>
      </dl>

      <div className="space-y-6">
        <Card
          flush
          title="HTML version"
          description="Rendered in a sandbox: scripts, forms and links inside it are disabled. Use the links in the text version below."
        >
          <iframe
            title={`HTML version of “${m.subject}”`}
            sandbox=""
            srcDoc={m.html}
            referrerPolicy="no-referrer"
            className="block h-[40rem] w-full border-0 bg-white"
          />
        </Card>
        <Card flush title="Text version">
          <CardSection>
            <pre className="whitespace-pre-wrap break-words font-mono text-sm leading-relaxed text-ink-soft">
              <Linkified text={m.text} />
            </pre>
          </CardSection>
        </Card>
      </div>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
