import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { SerializeFrom } from "@remix-run/node";
import { asLocale } from "~/modules/i18n/locales";
import { LocaleProvider, useLocaleFormat } from "~/components/i18n";
import { LanguageSwitch } from "~/components/onboarding/language-switch";
import type { ClientScriptMessages } from "~/components/onboarding/client-script-messages";
import { tFor } from "~/modules/i18n/resources";
import { BrandedFrame, ContactLine, LinkGone } from "~/components/onboarding/branded-frame";
import { ClientScript } from "~/components/onboarding/client-script";
import { AgreementStep, BrandKitStep, ContactsStep, QuestionnaireStep } from "~/components/onboarding/intake-steps";
import { PlatformStep, type ClientFailure } from "~/components/onboarding/platform-step";
import { StepOverview } from "~/components/onboarding/step-overview";
import { Alert, ProgressBar } from "~/components/ui";
import { runClientIntent } from "~/modules/onboarding/client-actions.server";
import { clientPage, contactFor, findLinkByToken } from "~/modules/onboarding/client.server";
import { answer } from "~/utils/action-data.server";
import { closedDoor, clientContextFor } from "~/modules/onboarding/token-context.server";
import { browserLocale, closedPage, limitedPage, limitTokenPage, pageAnswer, pageFrame } from "~/modules/onboarding/token-answer.server";
import { db } from "~/utils/db.server";
import { readForm, requestMeta } from "~/utils/http.server";
import { useNonce } from "~/utils/nonce";

/** The client's onboarding page: no account, the token is the key. It ships no app bundle. */
export const handle = { hydrate: false };

// Referrer-Policy: no-referrer comes from server/security.ts for every /onboard/ path.
const NO_STORE = { "Cache-Control": "no-store" };

export const headers: HeadersFunction = () => ({
  "Cache-Control": "no-store",
  "X-Robots-Tag": "noindex",
});

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data && data.state === "valid" ? data.page.title : data?.workspace ? `Onboarding · ${data.workspace.name}` : "Onboarding link",
  },
  { name: "robots", content: "noindex" },
];

/** Looking changes nothing: a mail scanner opening the link consumes nothing and records nothing. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const limited = await limitTokenPage(request, params.token);
  if (limited) return limitedPage(limited);
  const found = await findLinkByToken(params.token);
  if (found.state !== "valid") return closedPage(found, await browserLocale(request));
  const url = new URL(request.url);
  const [page, contact] = await Promise.all([clientPage(found.link, found.workspace), contactFor(db(), found.link, found.workspace)]);
  return json(
    {
      state: "valid" as const,
      lang: page.locale,
      workspace: pageFrame(found.workspace),
      contact,
      page: {
        ...page,
        title: tFor(page.locale, "client")("meta.title", { workspace: found.workspace.name }),
        scriptMessages: tFor(page.locale, "client")("script", { returnObjects: true }) as ClientScriptMessages,
        saved: url.searchParams.get("saved"),
        ping: found.link.openedAt === null,
        autosaveUrl: `${url.pathname}/autosave`,
      },
    },
    { headers: NO_STORE },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const limited = await limitTokenPage(request, params.token);
  if (limited) return answer({ ok: false, problem: limited.problem });
  const door = await clientContextFor(params.token, requestMeta(request));
  if (door.state !== "valid") return answer(closedDoor(door));
  const done = await runClientIntent(door.ctx, await readForm(request));
  return pageAnswer(done, new URL(request.url).pathname, (target) =>
    /^[a-z0-9]{8,64}$/.test(target) && !["contacts", "questionnaire", "agreement"].includes(target) && target !== "language"
      ? `step-${target}`
      : `section-${target}`,
  );
}

export default function OnboardingPage() {
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
      <ClientPage data={data} failure={failure} nonce={nonce} />
    </LocaleProvider>
  );
}

type ValidData = Extract<SerializeFrom<typeof loader>, { state: "valid" }>;

function ClientPage({ data, failure, nonce }: { data: ValidData; failure: ClientFailure | undefined; nonce: string }) {
  const { t } = useTranslation("client");
  const { day } = useLocaleFormat();
  const { page, workspace, contact } = data;
  const intakeNumber = (n: number) => page.steps.length + n;
  let n = 0;
  const next = () => intakeNumber(++n);
  const greeting = t("page.welcome", { name: page.link.recipientName || page.link.clientName });

  return (
    <BrandedFrame workspace={workspace} footer={contact ? <ContactLine contact={contact} /> : null}>
      <div data-onboard data-autosave-url={page.autosaveUrl} data-ping={page.ping ? "1" : "0"} className="space-y-6">
        <section aria-labelledby="welcome-title" className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6">
          <div className="flex flex-wrap items-start justify-between gap-3">
            <p className="text-sm font-medium text-accent">{t("page.onboardingFor", { client: page.link.clientName })}</p>
            <LanguageSwitch current={page.locale} failure={failure} />
          </div>
          <h1 id="welcome-title" className="mt-1 text-2xl font-semibold tracking-tight text-ink sm:text-3xl">
            {greeting}
          </h1>
          {page.workspace.welcomeText ? <p className="mt-3 text-base leading-7 text-ink-soft">{page.workspace.welcomeText}</p> : null}
          {page.link.message ? (
            <blockquote className="mt-4 border-l-4 border-accent bg-slate-50 px-4 py-3 text-sm leading-6 text-ink-soft">
              <p>{page.link.message}</p>
              {contact?.name ? (
                <footer className="mt-1 text-xs text-ink-muted">
                  {contact.name}, {workspace.name}
                </footer>
              ) : null}
            </blockquote>
          ) : null}
          {page.saved === "language" ? (
            <p role="status" className="mt-3 text-sm text-ink-soft">
              {t("language.changed")}
            </p>
          ) : null}
          <p className="mt-4 text-sm text-ink-muted">{t("page.intro", { workspace: workspace.name })}</p>
        </section>
        <div className="grid gap-6 lg:grid-cols-[18rem_minmax(0,1fr)] lg:gap-10">
          <aside className="lg:sticky lg:top-6 lg:self-start">
            <div className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
              <ProgressBar
                value={page.progress.percent}
                label={t("page.progress")}
                valueText={t("page.progressValue", { done: page.progress.done, total: page.progress.total })}
              />
              <StepOverview steps={page.steps} intake={page.intake} />
              <p className="mt-4 border-t border-slate-100 pt-3 text-xs text-ink-muted">
                {t("page.savesAsYouGo", { date: day(page.link.expiresAt) })}
              </p>
            </div>
          </aside>

          <div className="min-w-0 space-y-6">
            {page.progress.complete ? (
              <Alert tone="success" role="status" title={t("page.allDoneTitle")}>
                {t("page.allDoneBody", { workspace: workspace.name })}
              </Alert>
            ) : null}

            {page.steps.length > 0 ? (
              <section aria-labelledby="platforms-title" className="space-y-4">
                <h2 id="platforms-title" className="text-lg font-semibold text-ink">
                  {t("page.giveAccess")}
                </h2>
                {page.steps.map((step, i) => (
                  <PlatformStep
                    key={step.id}
                    step={step}
                    number={i + 1}
                    workspaceName={workspace.name}
                    failure={failure}
                    saved={page.saved === step.id}
                  />
                ))}
              </section>
            ) : null}

            {page.intake.contacts || page.intake.questionnaire || page.intake.brandKit || page.intake.agreement ? (
              <section aria-labelledby="intake-title" className="space-y-4">
                <h2 id="intake-title" className="text-lg font-semibold text-ink">
                  {t("page.aboutYou")}
                </h2>
                {page.intake.brandKit ? (
                  <BrandKitStep data={page.intake.brandKit} number={next()} failure={failure} saved={page.saved === "brand-kit"} />
                ) : null}
                {page.intake.contacts ? (
                  <ContactsStep data={page.intake.contacts} number={next()} failure={failure} saved={page.saved === "contacts"} />
                ) : null}
                {page.intake.questionnaire ? (
                  <QuestionnaireStep
                    data={page.intake.questionnaire}
                    number={next()}
                    failure={failure}
                    saved={page.saved === "questionnaire"}
                  />
                ) : null}
                {page.intake.agreement ? (
                  <AgreementStep data={page.intake.agreement} number={next()} failure={failure} saved={page.saved === "agreement"} />
                ) : null}
              </section>
            ) : null}
          </div>
        </div>
      </div>
      <ClientScript nonce={nonce} messages={page.scriptMessages} />
    </BrandedFrame>
  );
}
