import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { SerializeFrom } from "@remix-run/node";
import { LocaleProvider } from "~/components/i18n";
import type { ClientScriptMessages } from "~/components/onboarding/client-script-messages";
import { asLocale } from "~/modules/i18n/locales";
import { tFor } from "~/modules/i18n/resources";
import { BrandedFrame, ContactLine, LinkGone } from "~/components/onboarding/branded-frame";
import { ClientScript } from "~/components/onboarding/client-script";
import { PlatformStep, type ClientFailure } from "~/components/onboarding/platform-step";
import { runClientIntent } from "~/modules/onboarding/client-actions.server";
import { contactFor, findForwardByToken, forwardedStepView } from "~/modules/onboarding/client.server";
import { answer } from "~/utils/action-data.server";
import { closedDoor, forwardedContextFor } from "~/modules/onboarding/token-context.server";
import { browserLocale, closedPage, limitedPage, limitTokenPage, pageAnswer, pageFrame } from "~/modules/onboarding/token-answer.server";
import { db } from "~/utils/db.server";
import { readForm, requestMeta } from "~/utils/http.server";
import { useNonce } from "~/utils/nonce";

/** A step forwarded to a colleague (or sent back to fix): that one step and nothing else of the link. */
export const handle = { hydrate: false };

// Referrer-Policy: no-referrer comes from server/security.ts for every /onboard/ path.
const NO_STORE = { "Cache-Control": "no-store" };

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store", "X-Robots-Tag": "noindex" });

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data?.state === "valid" ? data.page.title : data?.workspace ? `One onboarding step · ${data.workspace.name}` : "Onboarding step",
  },
  { name: "robots", content: "noindex" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const limited = await limitTokenPage(request, params.token);
  if (limited) return limitedPage(limited);
  const found = await findForwardByToken(params.token);
  if (found.state !== "valid") return closedPage(found, await browserLocale(request));
  const url = new URL(request.url);
  const locale = asLocale(found.link.locale);
  const t = tFor(locale, "client");
  const view = await forwardedStepView(found);
  if (!view) return closedPage({ state: "invalid" }, await browserLocale(request));
  return json(
    {
      state: "valid" as const,
      lang: locale,
      workspace: pageFrame(found.workspace),
      contact: await contactFor(db(), found.link, found.workspace),
      page: {
        locale,
        title: t("meta.stepTitle", { workspace: found.workspace.name }),
        scriptMessages: t("script", { returnObjects: true }) as ClientScriptMessages,
        step: view,
        clientName: found.link.clientName,
        recipientName: found.forward.name,
        saved: url.searchParams.get("saved") === view.id,
        autosaveUrl: `${url.pathname}/autosave`,
      },
    },
    { headers: NO_STORE },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const limited = await limitTokenPage(request, params.token);
  if (limited) return answer({ ok: false, problem: limited.problem });
  const door = await forwardedContextFor(params.token, requestMeta(request));
  if (door.state !== "valid") return answer(closedDoor(door));
  const done = await runClientIntent(door.ctx, await readForm(request));
  return pageAnswer(done, new URL(request.url).pathname, () => null);
}

export default function ForwardedStepPage() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as ClientFailure | undefined;
  const nonce = useNonce();
  if (data.state !== "valid")
    return (
      <LocaleProvider locale={asLocale(data.lang)}>
        <LinkGone state={data.state} contact={data.contact} workspace={data.workspace} message={data.message} />
      </LocaleProvider>
    );
  return (
    <LocaleProvider locale={data.page.locale}>
      <ForwardedStep data={data} failure={failure} nonce={nonce} />
    </LocaleProvider>
  );
}

type ValidData = Extract<SerializeFrom<typeof loader>, { state: "valid" }>;

function ForwardedStep({ data, failure, nonce }: { data: ValidData; failure: ClientFailure | undefined; nonce: string }) {
  const { t } = useTranslation("client");
  const { page, workspace, contact } = data;
  return (
    <BrandedFrame workspace={workspace} footer={contact ? <ContactLine contact={contact} /> : null}>
      <div data-onboard data-autosave-url={page.autosaveUrl} data-ping="0" className="mx-auto max-w-2xl space-y-6">
        <section aria-labelledby="welcome-title" className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6">
          <p className="text-sm font-medium text-accent">{t("page.onboardingFor", { client: page.clientName })}</p>
          <h1 id="welcome-title" className="mt-1 text-2xl font-semibold tracking-tight text-ink">
            {page.recipientName ? t("forwarded.greetingNamed", { name: page.recipientName }) : t("forwarded.greeting")}
          </h1>
          <p className="mt-3 text-base leading-7 text-ink-soft">
            {t("forwarded.intro", { client: page.clientName, workspace: workspace.name, step: page.step.name })}
          </p>
        </section>
        <PlatformStep
          step={page.step}
          number={1}
          workspaceName={workspace.name}
          failure={failure}
          saved={page.saved}
          allowForward={false}
        />
      </div>
      <ClientScript nonce={nonce} messages={page.scriptMessages} />
    </BrandedFrame>
  );
}
