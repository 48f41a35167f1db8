import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LinkIcon, PlusIcon } from "~/components/icons";
import {
  Badge,
  Button,
  ButtonLink,
  Card,
  EmptyState,
  PageHeader,
  ProgressBar,
  Stat,
  TBody,
  TD,
  TH,
  THead,
  TR,
  Table,
  TextField,
} from "~/components/ui";
import { FilterSelect } from "~/components/ui/filter-select";
import { formatShortDay } from "~/components/onboarding/branded-frame";
import { LinkStateBadge } from "~/components/onboarding/link-state-badge";
import { filterLinks, isFiltered, LISTED_LINK_STATES, parseLinkFilter } from "~/modules/onboarding/link-filter";
import { accountManagerOptions, brandOptions, listLinks } from "~/modules/onboarding/link-queries.server";
import { formatTimeTaken } from "~/modules/onboarding/progress";
import { agencyT } from "~/modules/i18n/agency";
import { requirePermission } from "~/modules/workspaces/authz.server";

export const meta: MetaFunction = () => [{ title: agencyT("links.metaTitle") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "onboarding.manage");
  const filter = parseLinkFilter(new URL(request.url).searchParams);
  const [{ links, metrics }, brands, managers] = await Promise.all([listLinks(ctx), brandOptions(ctx), accountManagerOptions(ctx)]);
  const shown = filterLinks(links, filter);
  return json({
    slug: ctx.workspace.slug,
    filter,
    // The figures above the list are the workspace's; the list itself is what the filters leave.
    links: shown,
    totals: { all: links.length, open: links.filter((l) => l.state === "active" || l.state === "completed").length },
    toVerify: links.reduce((n, l) => n + l.toVerify, 0),
    metrics,
    brands: brands.map((b) => ({ value: b.id, label: b.name })),
    managers: managers.map((m) => ({ value: m.id, label: m.name })),
    canSetIdentities: ctx.can("workspace.settings"),
    hasIdentities: Object.values(ctx.workspace.accessIdentities ?? {}).some(Boolean),
  });
}

export default function OnboardingLinksPage() {
  const { slug, filter, links, totals, toVerify, metrics, brands, managers, canSetIdentities, hasIdentities } =
    useLoaderData<typeof loader>();
  const { t } = useTranslation("agency");
  const base = `/w/${slug}/onboarding`;
  const filtered = isFiltered(filter);
  const stateOptions = LISTED_LINK_STATES.map((s) => ({ value: s, label: t(`linkState.${s}`) }));
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("common.onboardingLinks")}
        description={t("links.description")}
        actions={
          <ButtonLink to={`${base}/new`}>
            <PlusIcon /> {t("links.newLink")}
          </ButtonLink>
        }
      />
      {!hasIdentities ? (
        <Card>
          <p className="text-sm text-ink-soft">
            {t("links.identitiesNeeded")}{" "}
            {canSetIdentities ? (
              <Link className="font-medium text-accent underline" to={`/w/${slug}/access-identities`}>
                {t("links.setIdentities")}
              </Link>
            ) : (
              t("links.askAdmin")
            )}
          </p>
        </Card>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-3">
        <Stat
          label={t("links.medianLabel")}
          value={metrics.medianLinkMs === null ? "–" : formatTimeTaken(metrics.medianLinkMs)}
          hint={metrics.verifiedLinks ? t("links.medianHint", { count: metrics.verifiedLinks }) : t("links.medianNone")}
        />
        <Stat label={t("links.inProgress")} value={totals.open} hint={t("links.inTotal", { total: totals.all })} />
        <Stat label={t("links.waiting")} value={toVerify} hint={t("links.waitingHint")} />
      </div>
      {totals.all > 0 ? (
        <Card>
          <Form method="get" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5 lg:items-end" aria-label={t("links.filterLabel")}>
            <TextField
              label={t("links.search")}
              name="q"
              type="search"
              defaultValue={filter.q ?? ""}
              placeholder={t("links.searchPlaceholder")}
              className="lg:col-span-2"
            />
            <FilterSelect
              label={t("links.brand")}
              name="brand"
              value={filter.brand}
              any={t("links.anyBrand")}
              options={brands}
              minOptions={2}
            />
            <FilterSelect label={t("links.state")} name="state" value={filter.state} any={t("links.anyState")} options={stateOptions} />
            <FilterSelect
              label={t("links.manager")}
              name="manager"
              value={filter.manager}
              any={t("links.anyone")}
              options={managers}
              minOptions={2}
            />
            <div className="flex gap-2 lg:col-span-5">
              <Button type="submit" variant="secondary">
                {t("links.apply")}
              </Button>
              {filtered ? (
                <ButtonLink to={base} variant="ghost">
                  {t("links.clear")}
                </ButtonLink>
              ) : null}
            </div>
          </Form>
        </Card>
      ) : null}
      <Card
        flush
        title={t("links.listTitle")}
        description={filtered ? t("links.matching", { shown: links.length, count: totals.all }) : t("links.listDescription")}
      >
        {links.length === 0 ? (
          <div className="p-6">
            {filtered ? (
              <EmptyState
                icon={<LinkIcon />}
                title={t("links.noMatchTitle")}
                description={t("links.noMatchBody")}
                action={
                  <ButtonLink to={base} variant="secondary">
                    {t("links.showAll")}
                  </ButtonLink>
                }
              />
            ) : (
              <EmptyState
                icon={<LinkIcon />}
                title={t("links.emptyTitle")}
                description={t("links.emptyBody")}
                action={<ButtonLink to={`${base}/new`}>{t("links.newLink")}</ButtonLink>}
              />
            )}
          </div>
        ) : (
          <Table caption={t("common.onboardingLinks")}>
            <THead>
              <TR>
                <TH>{t("links.colClient")}</TH>
                <TH>{t("links.colStatus")}</TH>
                <TH className="w-40">{t("links.colProgress")}</TH>
                <TH>{t("links.colTimeToVerified")}</TH>
                <TH>{t("links.colExpires")}</TH>
              </TR>
            </THead>
            <TBody>
              {links.map((l) => (
                <TR key={l.id}>
                  <TD>
                    <Link to={`${base}/${l.id}`} className="font-medium text-ink hover:underline">
                      {l.clientName}
                    </Link>
                    <p className="mt-0.5 text-xs text-ink-muted">
                      {[l.brandName, l.accountManagerName ? t("links.managedBy", { name: l.accountManagerName }) : null]
                        .filter(Boolean)
                        .join(" · ") || t("links.noBrand")}
                    </p>
                    {/* The dates stay on one line: the column is as wide as they need (wrapped, they took four). */}
                    <p className="mt-0.5 whitespace-nowrap text-xs text-ink-muted" data-dates>
                      {t("links.created", { day: formatShortDay(l.createdAt) })} ·{" "}
                      {l.openedAt ? t("links.opened", { day: formatShortDay(l.openedAt) }) : t("links.notOpened")}
                    </p>
                  </TD>
                  <TD>
                    <div className="flex flex-col items-start gap-1">
                      <LinkStateBadge state={l.state} />
                      {l.toVerify > 0 ? <Badge tone="warning">{t("links.toVerify", { n: l.toVerify })}</Badge> : null}
                    </div>
                  </TD>
                  <TD>
                    <ProgressBar
                      value={l.progress.percent}
                      label={t("links.progressOf", { client: l.clientName })}
                      showLabel={false}
                      valueText={t("links.steps", { done: l.progress.done, total: l.progress.total })}
                    />
                    <span className="mt-1 block text-xs text-ink-muted">
                      {t("links.steps", { done: l.progress.done, total: l.progress.total })}
                    </span>
                  </TD>
                  <TD className="whitespace-nowrap">
                    {l.timeToVerifiedMs === null ? (
                      <span className="text-ink-muted">{t("links.notYet")}</span>
                    ) : (
                      formatTimeTaken(l.timeToVerifiedMs)
                    )}
                  </TD>
                  <TD className="whitespace-nowrap">{formatShortDay(l.expiresAt)}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
      {metrics.platforms.length > 0 ? (
        <Card flush title={t("links.perPlatformTitle")} description={t("links.perPlatformBody")}>
          <Table caption={t("links.perPlatformTitle")}>
            <THead>
              <TR>
                <TH>{t("links.colPlatform")}</TH>
                <TH>{t("links.colMedian")}</TH>
                <TH>{t("links.colVerifiedGrants")}</TH>
              </TR>
            </THead>
            <TBody>
              {metrics.platforms.map((p) => (
                <TR key={p.platformKey}>
                  <TD className="font-medium text-ink">{p.name}</TD>
                  <TD>{formatTimeTaken(p.medianMs)}</TD>
                  <TD>{p.count}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        </Card>
      ) : null}
    </div>
  );
}
