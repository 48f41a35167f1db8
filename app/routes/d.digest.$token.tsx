import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { DecisionFrame, DecisionLinkEnded } from "~/components/decision-links/decision-frame";
import { DigestCodeStep, DigestList } from "~/components/decision-links/digest-list";
import { ZoneScript } from "~/components/decision-links/zone-script";
import { Alert } from "~/components/ui";
import { TOKEN_PAGE_HEADERS } from "~/modules/approvals/decision-links/answers.server";
import { limitDecisionLinkRoute } from "~/modules/approvals/decision-links/limits.server";
import { runDigestIntent } from "~/modules/approvals/signoff-digest/actions.server";
import { closedDigest, digestEndedPage } from "~/modules/approvals/signoff-digest/answers.server";
import { digestContextFor } from "~/modules/approvals/signoff-digest/context.server";
import { digestPage } from "~/modules/approvals/signoff-digest/page.server";
import { decodeResults, resultsSummary } from "~/modules/approvals/signoff-digest/results";
import { visitorContext } from "~/modules/workspaces/authz.server";
import { answer, throwUnlessOk, type ActionData } from "~/utils/action-data.server";
import { readForm, requestMeta } from "~/utils/http.server";
import { useNonce } from "~/utils/nonce";

/**
 * A brand lead's daily sign-off digest (issue 17 part 3): every sign-off waiting for them at one
 * brand, signed off several at once. Its own route beside the decision link's `/d/:token` rather
 * than that route switching on the token's purpose: the two pages share the token module, the door
 * pattern, the frame and the decide command, but not their forms, so each route's intents stay one
 * list that the audit table and the bad-input guard read. Ships no app bundle (decision 010).
 */
export const handle = { hydrate: false };

export const headers: HeadersFunction = () => TOKEN_PAGE_HEADERS;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.state === "valid" ? `Your sign-offs for ${data.page.brand.name} · ${data.page.workspace.name}` : "Sign-off list" },
  { name: "robots", content: "noindex" },
];

/** Opening writes nothing but the rate limit: mail scanners open links (security.md 12). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  throwUnlessOk(await limitDecisionLinkRoute(visitorContext(request), params.token));
  const now = new Date();
  const door = await digestContextFor(params.token, requestMeta(request), now);
  if (door.state !== "valid") return digestEndedPage(door);
  const query = new URL(request.url).searchParams;
  const results = decodeResults(query.get("r"));
  const page = await digestPage(door.ctx, now, results);
  const codeSent = query.get("done") === "code_sent";
  return json({ state: "valid" as const, page, summary: resultsSummary(results), codeSent }, { headers: TOKEN_PAGE_HEADERS });
}

/** Each form is one POST; a success goes back to the page (with each row's result) or on to one draft's decision link. */
export async function action({ request, params }: ActionFunctionArgs) {
  throwUnlessOk(await limitDecisionLinkRoute(visitorContext(request), params.token));
  const now = new Date();
  const door = await digestContextFor(params.token, requestMeta(request), now);
  if (door.state !== "valid") return answer(closedDigest(door.state));
  const result = await runDigestIntent(door.ctx, await readForm(request), now);
  if (result.outcome.ok) {
    const next = result.outcome.value;
    throw redirect("path" in next ? next.path : `${new URL(request.url).pathname}${next.query}`, { headers: TOKEN_PAGE_HEADERS });
  }
  return answer(result.outcome, { intent: result.intent, values: result.values });
}

export default function SignOffDigestPage() {
  const data = useLoaderData<typeof loader>();
  const answered = useActionData<typeof action>() as ActionData<string, Record<string, string | string[]>> | undefined;
  const nonce = useNonce();
  if (data.state !== "valid")
    return <DecisionLinkEnded kind="digest" state={data.state} workspace={data.workspace} signInPath={data.signInPath} />;
  const { page, summary } = data;
  const firstName = page.person.name.split(" ")[0];
  // A refused post whose form is not on the page any more (an "open" of a draft gone meanwhile) says why at the top.
  const refusal = answered && !answered.ok && answered.intent !== "sign-off" && answered.intent !== "send-code" ? answered.formError : null;
  return (
    <DecisionFrame
      workspace={page.workspace}
      linkLabel="Your private sign-off link"
      footer={
        <p>
          This page is for {page.person.name} ({page.person.email}) only: anything you sign off here is recorded in your name. It works
          until {page.expiresLabel}; please do not forward the email.
          {page.signInPath ? (
            <>
              {" "}
              Prefer to sign in?{" "}
              <a href={page.signInPath} className="underline">
                Open your approvals in Baton
              </a>
              .
            </>
          ) : null}
        </p>
      }
    >
      <div data-decision-page data-brand-zone={page.brand.zone} className="space-y-5">
        <header className="space-y-2">
          <p className="flex items-center gap-2 text-sm text-ink-muted">
            <span className="h-2.5 w-2.5 rounded-full" style={{ backgroundColor: page.brand.color }} aria-hidden />
            {page.brand.name}
          </p>
          <h1 className="text-2xl font-semibold tracking-tight text-ink sm:text-3xl">Your sign-offs</h1>
          <p className="max-w-2xl text-sm text-ink-soft">
            {page.waitingCount === 0
              ? `Hi ${firstName}, nothing waits for your sign-off right now.`
              : `Hi ${firstName}, ${page.waitingCount === 1 ? "1 draft waits" : `${page.waitingCount} drafts wait`} for your sign-off, most urgent first. Tick the ones you approve and sign them off together, or open one to see the whole draft.`}{" "}
            <span id="zone-note">Times in the brand&apos;s zone ({page.brand.zone}).</span>
          </p>
        </header>
        <div aria-live="polite" role="status" className="empty:hidden">
          {summary ? <Alert tone={summary.tone}>{summary.text}</Alert> : null}
          {data.codeSent ? <Alert tone="success">We emailed you a code. Enter it below with your sign-off.</Alert> : null}
        </div>
        {refusal ? (
          <Alert tone="danger" role="alert">
            {refusal}
          </Alert>
        ) : null}
        {page.code.required && page.rows.some((r) => r.pick) ? <DigestCodeStep page={page} answer={answered} /> : null}
        {page.rows.length > 0 ? (
          <DigestList page={page} answer={answered} />
        ) : (
          <Alert tone="info" title="All caught up">
            When a draft reaches your sign-off you get an email, and a list like this one at 08:00 on days something waits for you.
          </Alert>
        )}
      </div>
      <ZoneScript nonce={nonce} />
    </DecisionFrame>
  );
}
