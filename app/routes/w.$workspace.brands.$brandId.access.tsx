import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ShieldIcon } from "~/components/icons";
import { Alert, Badge, Button, Card, EmptyState, PageHeader, ProgressBar, TBody, TD, TH, THead, TR, Table } from "~/components/ui";
import { AgencyAccessStatusBadge } from "~/components/onboarding/access-status-badge";
import { formatDayTime } from "~/components/onboarding/branded-frame";
import { agencyT } from "~/modules/i18n/agency";
import { isAccessStatus } from "~/modules/onboarding/access-status";
import { accessLedger, completeOffboardingItem, findBrand, startOffboarding } from "~/modules/onboarding/ledger.server";
import { checkBrandNow } from "~/modules/onboarding/access-checks/jobs.server";
import { ledgerChecks } from "~/modules/onboarding/access-checks/queries.server";
import { AccessCheckCard, checkNowNotice, doneByCheckLine, GrantCheckLine } from "~/components/onboarding/access-check-ledger";
import { idSchema, offboardingItemSchema } from "~/modules/onboarding/schemas";
import { requirePermission } from "~/modules/workspaces/authz.server";
import { answer } from "~/utils/action-data.server";
import { invalid } from "~/utils/outcome";
import { notFound, parseWith, readForm } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: agencyT("ledger.metaTitle", { brand: data?.brand.name ?? agencyT("ledger.metaFallback") }) },
];

async function brandFor(request: Request, params: { workspace?: string; brandId?: string }) {
  const ctx = await requirePermission(request, params.workspace, "onboarding.manage");
  if (!idSchema.safeParse(params.brandId).success) notFound(agencyT("ledger.notFound"));
  const brand = await findBrand(ctx, params.brandId as string);
  if (!brand) notFound(agencyT("ledger.notFound"));
  return { ctx, brand };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx, brand } = await brandFor(request, params);
  const ledger = await accessLedger(ctx, brand.id);
  const checks = await ledgerChecks(
    ctx.workspace.id,
    brand.id,
    ledger.grants.map((g) => g.id),
  );
  return json({ slug: ctx.workspace.slug, brand, ...ledger, ...checks });
}

const intentSchema = z.object({
  intent: z.enum(["start-offboarding", "item-done", "check-now"], { errorMap: () => ({ message: "Unknown action." }) }),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const { ctx, brand } = await brandFor(request, params);
  const form = await readForm(request);
  const which = parseWith(intentSchema, { intent: form.get("intent") ?? undefined });
  if (!which.success) return answer(invalid(agencyT("common.unknownAction"), which.errors));
  if (which.data.intent === "check-now") {
    const outcome = await checkBrandNow(ctx, brand.id);
    return answer(outcome, { intent: "check-now", notice: ({ queued }) => checkNowNotice(queued) });
  }
  if (which.data.intent === "start-offboarding") {
    const outcome = await startOffboarding(ctx, brand.id);
    return answer(outcome, { intent: "start-offboarding", notice: ({ created }) => agencyT("offboarding.ready", { n: created }) });
  }
  const parsed = parseWith(offboardingItemSchema, form);
  if (!parsed.success) return answer(invalid(agencyT("offboarding.chooseItem"), parsed.errors), { intent: "item-done" });
  const outcome = await completeOffboardingItem(ctx, brand.id, parsed.data.itemId);
  return answer(outcome, {
    intent: "item-done",
    // A refusal names its item so the checklist shows it there; a success is said page-wide.
    target: outcome.ok ? null : parsed.data.itemId,
    notice: ({ revoked }) => agencyT(revoked ? "offboarding.doneRevoked" : "offboarding.done"),
  });
}

export default function BrandAccessPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("agency");
  const done = d.checklist.filter((i) => i.doneAt).length;
  const held = d.grants.filter((g) => g.status === "confirmed" || g.status === "verified").length;
  const byPlatform = [...new Set(d.checklist.map((i) => i.stepId ?? i.platformKey))];
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("ledger.title", { brand: d.brand.name })}
        breadcrumbs={[{ label: t("common.onboardingLinks"), to: `/w/${d.slug}/onboarding` }]}
        description={t("ledger.description")}
      />
      {result?.ok && result.notice ? (
        <Alert tone="success" role="status">
          {result.notice}
        </Alert>
      ) : null}
      {result && !result.ok ? (
        <Alert tone="danger" role="alert">
          {result.formError}
        </Alert>
      ) : null}
      {d.connected ? <AccessCheckCard running={d.runningChecks} here={`/w/${d.slug}/brands/${d.brand.id}/access`} /> : null}
      <Card flush title={t("ledger.grants")} description={t("ledger.held", { n: held })}>
        {d.grants.length === 0 ? (
          <div className="p-6">
            <EmptyState
              icon={<ShieldIcon />}
              title={t("ledger.emptyTitle")}
              description={t("ledger.emptyBody")}
              action={
                <Link className="text-sm font-medium text-accent underline" to={`/w/${d.slug}/onboarding/new?brand=${d.brand.id}`}>
                  {t("ledger.createLink")}
                </Link>
              }
            />
          </div>
        ) : (
          // Five columns, each date split over two short lines: at 1280 px the table fits its card (it scrolled, hiding "Verified").
          <Table caption={t("ledger.grants")}>
            <THead>
              <TR>
                <TH>{t("ledger.colPlatform")}</TH>
                <TH>{t("ledger.colRole")}</TH>
                <TH>{t("ledger.colStatus")}</TH>
                <TH>{t("ledger.colConfirmed")}</TH>
                <TH>{t("ledger.colVerified")}</TH>
              </TR>
            </THead>
            <TBody>
              {d.grants.map((g) => (
                <TR key={g.id}>
                  <TD className="min-w-[11rem]">
                    <Link to={`/w/${d.slug}/onboarding/${g.linkId}#step-${g.id}`} className="font-medium text-ink hover:underline">
                      {g.platformName}
                    </Link>
                    {g.assetId ? <code className="mt-0.5 block break-all font-mono text-xs text-ink-muted">{g.assetId}</code> : null}
                  </TD>
                  <TD>{g.role}</TD>
                  <TD>
                    <AgencyAccessStatusBadge status={isAccessStatus(g.status) ? g.status : "requested"} />
                    <GrantCheckLine status={g.status} check={d.checks[g.id]} />
                  </TD>
                  <TD>{g.confirmedAt ? <When iso={g.confirmedAt} /> : "–"}</TD>
                  <TD>
                    {g.verifiedAt ? (
                      <>
                        <span className="block">
                          {g.verifiedVia === "check" ? t("access_checks.verifiedByCheckName") : (g.verifiedBy ?? t("common.formerMember"))}
                        </span>
                        <When iso={g.verifiedAt} small />
                      </>
                    ) : (
                      "–"
                    )}
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </Card>

      <Card
        title={t("offboarding.title")}
        description={t("offboarding.description")}
        actions={
          // Once every held grant is on the checklist there is nothing to start; a grant given since is added.
          d.toOffboard > 0 ? (
            <Form method="post">
              <input type="hidden" name="intent" value="start-offboarding" />
              <Button type="submit" variant="secondary">
                {d.checklist.length === 0 ? t("offboarding.start") : t("offboarding.addGrants", { count: d.toOffboard })}
              </Button>
            </Form>
          ) : null
        }
      >
        {d.checklist.length === 0 ? (
          <p className="text-sm text-ink-muted">{t("offboarding.notStarted")}</p>
        ) : (
          <div className="space-y-5">
            <ProgressBar
              value={(done / d.checklist.length) * 100}
              label={t("offboarding.checklist")}
              valueText={t("offboarding.progress", { done, total: d.checklist.length })}
            />
            {byPlatform.map((key) => {
              const items = d.checklist.filter((i) => (i.stepId ?? i.platformKey) === key);
              return (
                <section key={key} aria-label={items[0].platformName}>
                  <h3 className="text-sm font-semibold text-ink">{items[0].platformName}</h3>
                  <ul className="mt-2 space-y-2">
                    {items.map((i) => (
                      <li
                        key={i.id}
                        className="flex flex-col gap-2 rounded-lg p-3 ring-1 ring-slate-200 sm:flex-row sm:items-center sm:justify-between"
                      >
                        <div className="min-w-0 text-sm">
                          <Badge tone={i.side === "client" ? "info" : "accent"}>
                            {i.side === "client" ? t("offboarding.clientRemoves") : t("offboarding.weRemove")}
                          </Badge>
                          <p className="mt-1 text-ink-soft">{i.description}</p>
                          {i.doneAt ? (
                            <p className="mt-1 text-xs text-ink-muted">
                              {i.doneVia === "check"
                                ? doneByCheckLine(i.doneAt)
                                : t("offboarding.doneBy", { by: i.doneBy ?? t("common.formerMember"), when: formatDayTime(i.doneAt) })}
                            </p>
                          ) : null}
                        </div>
                        {i.doneAt ? (
                          <Badge tone="success" dot>
                            {t("offboarding.doneBadge")}
                          </Badge>
                        ) : (
                          <Form method="post">
                            <input type="hidden" name="intent" value="item-done" />
                            <input type="hidden" name="itemId" value={i.id} />
                            <Button type="submit" size="sm" variant="secondary">
                              {t("offboarding.markDone")}
                            </Button>
                          </Form>
                        )}
                      </li>
                    ))}
                  </ul>
                </section>
              );
            })}
          </div>
        )}
      </Card>
    </div>
  );
}

/** A moment as two unbreakable lines, the day and the time ("3 Jul 2026" / "18:39 UTC"). */
function When({ iso, small = false }: { iso: string; small?: boolean }) {
  const [day, time] = formatDayTime(iso).split(", ");
  return (
    <span className={small ? "block text-xs text-ink-muted" : "block"}>
      <span className="block whitespace-nowrap">{day}</span>
      <span className="block whitespace-nowrap text-xs text-ink-muted">{time}</span>
    </span>
  );
}
