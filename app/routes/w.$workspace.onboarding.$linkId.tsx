import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Alert, Card, CopyButton, PageHeader, ProgressBar, Stat } from "~/components/ui";
import { formatDayTime } from "~/components/onboarding/branded-frame";
import { ClientAnswersCard, ForwardedStepsCard, ManageLinkCard, type LinkPageResult } from "~/components/onboarding/link-detail-cards";
import { LinkStateBadge } from "~/components/onboarding/link-state-badge";
import { PlatformAccessCard } from "~/components/onboarding/platform-access-card";
import { allowedAccessEvents, isAccessStatus } from "~/modules/onboarding/access-status";
import { findCurrentLinkForMember, linkDetail } from "~/modules/onboarding/link-queries.server";
import { stepCheckViews } from "~/modules/onboarding/access-checks/queries.server";
import { reissueLink, revokeLink } from "~/modules/onboarding/links.server";
import { decideStep } from "~/modules/onboarding/step-decisions.server";
import { formatTimeTaken } from "~/modules/onboarding/progress";
import { idSchema, reasonedDecisionSchema, reissueSchema, stepDecisionSchema } from "~/modules/onboarding/schemas";
import { agencyT } from "~/modules/i18n/agency";
import { requirePermission } from "~/modules/workspaces/authz.server";
import { answer, successData } from "~/utils/action-data.server";
import { readableIp } from "~/utils/ip";
import { invalid } from "~/utils/outcome";
import { notFound, parseWith, readForm } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: agencyT("link.metaTitle", { client: data?.link.clientName ?? agencyT("link.metaFallback") }) },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "onboarding.manage");
  if (!idSchema.safeParse(params.linkId).success) notFound(agencyT("link.notFound"));
  const link = await findCurrentLinkForMember(ctx, params.linkId as string);
  if (!link) notFound(agencyT("link.notFound"));
  const d = await linkDetail(ctx, link);
  const checks = await stepCheckViews(d.steps);
  return json({
    slug: ctx.workspace.slug,
    link: {
      id: link.id,
      clientName: link.clientName,
      clientEmail: link.clientEmail,
      createdAt: link.createdAt.toISOString(),
      expiresAt: link.expiresAt.toISOString(),
      openedAt: link.openedAt?.toISOString() ?? null,
      completedAt: link.completedAt?.toISOString() ?? null,
      agreementName: link.agreementName,
      agreementAt: link.agreementAt?.toISOString() ?? null,
      agreementIp: readableIp(link.agreementIp),
    },
    movedFrom: link.id !== params.linkId,
    brand: d.brand,
    intake: d.intake,
    answers: d.answers,
    state: d.state,
    progress: d.progress,
    timeToVerifiedMs: d.timeToVerifiedMs,
    accountManager: d.accountManager,
    createdByName: d.createdByName,
    steps: d.steps.map((s) => ({
      id: s.id,
      name: s.platform,
      role: s.role,
      status: isAccessStatus(s.status) ? s.status : "requested",
      assetId: s.assetId,
      version: s.rowVersion,
      confirmedAt: s.confirmedAt?.toISOString() ?? null,
      verifiedAt: s.verifiedAt?.toISOString() ?? null,
      verifiedByName: s.verifiedByName,
      rejectionReason: s.rejectionReason,
      notApplicableReason: s.notApplicableReason,
      timeToVerifiedMs: s.timeToVerifiedMs,
      events: allowedAccessEvents(isAccessStatus(s.status) ? s.status : "requested", "agency"),
      check: checks.get(s.id) ?? null,
    })),
    forwards: d.forwards.map(forwardView),
    fixLinks: d.fixLinks.map(forwardView),
  });
  function forwardView(f: (typeof d.forwards)[number]) {
    return {
      id: f.id,
      stepName: d.steps.find((s) => s.id === f.stepId)?.platform ?? agencyT("link.aStep"),
      email: f.email,
      name: f.name,
      createdAt: f.createdAt.toISOString(),
      revoked: Boolean(f.revokedAt),
    };
  }
}

const intentSchema = z.object({
  intent: z.enum(["verify", "reject", "revoke", "reopen", "not-applicable", "revoke-link", "reissue"], {
    errorMap: () => ({ message: "Unknown action." }),
  }),
});
type Intent = z.infer<typeof intentSchema>["intent"];
const EVENT = { verify: "verify", reject: "reject", revoke: "revoke", reopen: "reopen", "not-applicable": "mark_not_applicable" } as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "onboarding.manage");
  if (!idSchema.safeParse(params.linkId).success) notFound(agencyT("link.notFound"));
  const link = await findCurrentLinkForMember(ctx, params.linkId as string);
  if (!link) notFound(agencyT("link.notFound"));
  const form = await readForm(request);
  const which = parseWith(intentSchema, { intent: form.get("intent") ?? undefined });
  if (!which.success) return answer<undefined, Intent>(invalid(agencyT("common.unknownAction"), which.errors));
  const intent = which.data.intent;
  // Every success carries `url` (the re-issued link's, else null), so the page reads one shape.
  const done = (notice: string, url: string | null = null) => json({ ...successData(notice, { intent }), url });

  if (intent === "revoke-link") {
    const r = await revokeLink(ctx, link.id);
    return r.ok ? done(r.value) : answer(r, { intent });
  }
  if (intent === "reissue") {
    const parsed = parseWith(reissueSchema, form);
    if (!parsed.success) return answer(invalid(undefined, parsed.errors), { intent });
    const r = await reissueLink(ctx, link.id, parsed.data);
    if (!r.ok) return answer(r, { intent });
    return done(agencyT(r.value.emailed ? "link.reissuedEmailed" : "link.reissued"), r.value.url);
  }

  const parsed = parseWith(intent === "reject" || intent === "not-applicable" ? reasonedDecisionSchema : stepDecisionSchema, form);
  const stepId = typeof form.get("stepId") === "string" ? String(form.get("stepId")).slice(0, 64) : undefined;
  if (!parsed.success) return answer(invalid(undefined, parsed.errors), { intent, target: stepId });
  const data = parsed.data as { stepId: string; version?: number; reason?: string };
  const r = await decideStep(ctx, {
    linkId: link.id,
    stepId: data.stepId,
    event: EVENT[intent],
    reason: data.reason,
    version: data.version,
  });
  return r.ok ? done(r.value) : answer(r, { intent, target: data.stepId });
}

export default function OnboardingLinkPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as LinkPageResult | undefined;
  const { t } = useTranslation("agency");
  const base = `/w/${d.slug}/onboarding`;
  const here = `${base}/${d.link.id}`;
  const active = d.state === "active" || d.state === "completed" || d.state === "verified";
  const stepsDone = t("link.stepsDone", { done: d.progress.done, total: d.progress.total });
  return (
    <div className="space-y-6">
      <PageHeader
        title={d.link.clientName}
        breadcrumbs={[{ label: t("common.onboardingLinks"), to: base }]}
        description={t(d.createdByName ? "link.createdBy" : "link.created", {
          when: formatDayTime(d.link.createdAt),
          by: d.createdByName,
          manager: d.accountManager?.name ?? t("link.noManager"),
        })}
        actions={
          <>
            <LinkStateBadge state={d.state} />
            {d.brand ? (
              <Link className="text-sm font-medium text-accent hover:underline" to={`/w/${d.slug}/brands/${d.brand.id}/access`}>
                {t("link.ledgerOf", { brand: d.brand.name })}
              </Link>
            ) : null}
          </>
        }
      />
      {result?.ok && result.notice ? (
        <Alert tone="success" role="status">
          {result.notice}
        </Alert>
      ) : null}
      {result && !result.ok && !result.target ? (
        <Alert tone="danger" role="alert">
          {result.formError}
        </Alert>
      ) : null}
      {result?.ok && result.url ? (
        <Card title={t("link.newLinkTitle")}>
          <CopyButton value={result.url} label={t("link.newLinkLabel")} showLabel />
          <p className="mt-2 text-sm text-ink-muted">{t("link.shownOnce")}</p>
        </Card>
      ) : null}

      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat label={t("link.progress")} value={`${d.progress.percent}%`} hint={stepsDone} />
        <Stat
          label={t("link.timeToVerified")}
          value={d.timeToVerifiedMs === null ? t("link.notYet") : formatTimeTaken(d.timeToVerifiedMs)}
          hint={d.timeToVerifiedMs === null ? t("link.untilVerified") : t("link.fromCreating")}
        />
        <Stat
          label={t("link.opened")}
          value={d.link.openedAt ? formatDayTime(d.link.openedAt).split(",")[0] : t("link.notYet")}
          hint={d.link.openedAt ? formatDayTime(d.link.openedAt) : t("link.notOpened")}
        />
        <Stat
          label={t("link.worksUntil")}
          value={formatDayTime(d.link.expiresAt).split(",")[0]}
          hint={d.link.clientEmail ?? t("link.noEmail")}
        />
      </div>
      <ProgressBar value={d.progress.percent} label={t("link.progress")} valueText={stepsDone} showLabel={false} />

      <PlatformAccessCard steps={d.steps} result={result} active={active} here={here} />

      <div className="grid gap-6 lg:grid-cols-2">
        <ClientAnswersCard slug={d.slug} intake={d.intake} answers={d.answers} link={d.link} />
        <ForwardedStepsCard forwards={d.forwards} fixLinks={d.fixLinks} />
      </div>

      <ManageLinkCard here={here} result={result} clientEmail={d.link.clientEmail} state={d.state} />
    </div>
  );
}
