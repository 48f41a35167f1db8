import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { DecisionCard } from "~/components/decision-links/decision-card";
import { DecisionFrame, DecisionLinkEnded } from "~/components/decision-links/decision-frame";
import { DraftPanel } from "~/components/decision-links/draft-panel";
import { RoutePanel, SignOffCountdown, TimingPanel } from "~/components/decision-links/side-panels";
import { ZoneScript } from "~/components/decision-links/zone-script";
import { DeliverableStatusBadge } from "~/components/approvals/status-badge";
import { Alert, Badge } from "~/components/ui";
import { DONE_NOTICES, isDoneKind, runLinkIntent } from "~/modules/approvals/decision-links/actions.server";
import { endedPage, TOKEN_PAGE_HEADERS } from "~/modules/approvals/decision-links/answers.server";
import { closedLink, decisionLinkContextFor } from "~/modules/approvals/decision-links/context.server";
import { limitDecisionLinkRoute } from "~/modules/approvals/decision-links/limits.server";
import { decisionPage } from "~/modules/approvals/decision-links/page.server";
import { visitorContext } from "~/modules/workspaces/authz.server";
import { answer, throwUnlessOk, type ActionData } from "~/utils/action-data.server";
import { readForm, requestMeta } from "~/utils/http.server";
import { useNonce } from "~/utils/nonce";

/**
 * A personal decision link (decision 052): no account, the token is the key, for one person and one
 * deliverable. It ships no app bundle (decision 010): plain forms and one small script.
 */
export const handle = { hydrate: false };

export const headers: HeadersFunction = () => TOKEN_PAGE_HEADERS;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.state === "valid" ? `${data.page.deliverable.title} · ${data.page.workspace.name}` : "Decision link" },
  { name: "robots", content: "noindex" },
];

/** Opening writes nothing but the rate limit: mail scanners open links (security.md 12). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  throwUnlessOk(await limitDecisionLinkRoute(visitorContext(request), params.token));
  const now = new Date();
  const door = await decisionLinkContextFor(params.token, requestMeta(request), now);
  if (door.state !== "valid") return endedPage(door);
  const page = await decisionPage(door.ctx, now);
  if (!page) return endedPage({ state: "invalid" });
  const done = new URL(request.url).searchParams.get("done");
  return json({ state: "valid" as const, page, done: isDoneKind(done) ? done : null }, { headers: TOKEN_PAGE_HEADERS });
}

/** Each form is one POST; a success goes back to the page, which shows the current state and the notice. */
export async function action({ request, params }: ActionFunctionArgs) {
  throwUnlessOk(await limitDecisionLinkRoute(visitorContext(request), params.token));
  const now = new Date();
  const door = await decisionLinkContextFor(params.token, requestMeta(request), now);
  if (door.state !== "valid") return answer(closedLink(door.state));
  const result = await runLinkIntent(door.ctx, await readForm(request), now);
  if (result.outcome.ok) throw redirect(`${new URL(request.url).pathname}?done=${result.outcome.value}`, { headers: TOKEN_PAGE_HEADERS });
  return answer(result.outcome, { intent: result.intent, values: result.values });
}

export default function DecisionLinkPage() {
  const data = useLoaderData<typeof loader>();
  const answered = useActionData<typeof action>() as ActionData | undefined;
  const nonce = useNonce();
  if (data.state !== "valid") return <DecisionLinkEnded state={data.state} workspace={data.workspace} signInPath={data.signInPath} />;
  const { page } = data;
  const { deliverable, state } = page;
  // A refused post whose form is no longer on the page (the state moved on) says why above the current state.
  const refusal = answered && !answered.ok && (!answered.intent || !state.mayDecide) ? answered.formError : null;
  return (
    <DecisionFrame
      workspace={page.workspace}
      footer={
        <p>
          This page is for {page.person.name} ({page.person.email}) only: anything you decide here is recorded in your name. Please do not
          forward the email.
        </p>
      }
    >
      <div data-decision-page data-brand-zone={page.timing.zone} className="space-y-5">
        <header className="space-y-2">
          <p className="flex items-center gap-2 text-sm text-ink-muted">
            <span className="h-2.5 w-2.5 rounded-full" style={{ backgroundColor: deliverable.brand.color }} aria-hidden />
            {deliverable.brand.name} · {deliverable.campaignName}
          </p>
          <h1 className="text-2xl font-semibold tracking-tight text-ink sm:text-3xl">{deliverable.title}</h1>
          <p className="flex flex-wrap items-center gap-2 text-sm text-ink-soft">
            <DeliverableStatusBadge status={deliverable.status} />
            {deliverable.blocked ? <Badge tone="danger">Blocked</Badge> : null}
            <span>{deliverable.channelLabel}</span>
            <span aria-hidden>·</span>
            <span>{deliverable.creatorName ?? "No creator assigned"}</span>
            {deliverable.currentVersion > 0 ? (
              <>
                <span aria-hidden>·</span>
                <span>v{deliverable.currentVersion}</span>
              </>
            ) : null}
            {state.mayDecide ? <SignOffCountdown page={page} /> : null}
          </p>
        </header>
        <div aria-live="polite" role="status">
          {data.done ? <Alert tone="success">{DONE_NOTICES[data.done]}</Alert> : null}
        </div>
        {refusal ? (
          <Alert tone="danger" role="alert">
            {refusal}
          </Alert>
        ) : null}
        <div className="grid gap-5 lg:grid-cols-3">
          <div className="space-y-5 lg:col-span-2">
            {state.mayDecide ? (
              <DecisionCard page={page} answer={answered} />
            ) : (
              <Alert tone="info" title={`Hi ${page.person.name.split(" ")[0]}, nothing is waiting for you right now`}>
                {state.waiting}
              </Alert>
            )}
            <DraftPanel page={page} />
          </div>
          <div className="space-y-5">
            <TimingPanel page={page} />
            <RoutePanel page={page} />
          </div>
        </div>
      </div>
      <ZoneScript nonce={nonce} />
    </DecisionFrame>
  );
}
