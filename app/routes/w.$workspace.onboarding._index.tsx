import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
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
import { linkStateLabels } from "~/modules/onboarding/link-model";
import { accountManagerOptions, brandOptions, listLinks } from "~/modules/onboarding/link-queries.server";
import { formatTimeTaken } from "~/modules/onboarding/progress";
import { requirePermission } from "~/modules/workspaces/authz.server";

export const meta: MetaFunction = () => [{ title: "Onboarding links · Baton" }];

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

const STATE_OPTIONS = LISTED_LINK_STATES.map((s) => ({ value: s, label: linkStateLabels[s] }));

export default function OnboardingLinksPage() {
  const { slug, filter, links, totals, toVerify, metrics, brands, managers, canSetIdentities, hasIdentities } =
    useLoaderData<typeof loader>();
  const base = `/w/${slug}/onboarding`;
  const filtered = isFiltered(filter);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Onboarding links"
        description="Branded links that walk a client through giving access, naming approvers and signing off. Watch what you really have access to."
        actions={
          <ButtonLink to={`${base}/new`}>
            <PlusIcon /> New link
          </ButtonLink>
        }
      />
      {!hasIdentities ? (
        <Card>
          <p className="text-sm text-ink-soft">
            Links need the agency&apos;s own IDs (Meta business portfolio, Google Ads manager, Google account email...).{" "}
            {canSetIdentities ? (
              <Link className="font-medium text-accent underline" to={`/w/${slug}/access-identities`}>
                Set the access identities first.
              </Link>
            ) : (
              "Ask an admin to set the workspace's access identities."
            )}
          </p>
        </Card>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-3">
        <Stat
          label="Median time to verified access"
          value={metrics.medianLinkMs === null ? "–" : formatTimeTaken(metrics.medianLinkMs)}
          hint={
            metrics.verifiedLinks
              ? `across ${metrics.verifiedLinks} fully verified ${metrics.verifiedLinks === 1 ? "link" : "links"}`
              : "no link is fully verified yet"
          }
        />
        <Stat label="Links in progress" value={totals.open} hint={`${totals.all} in total`} />
        <Stat label="Grants waiting for you" value={toVerify} hint="confirmed by clients, to verify" />
      </div>
      {totals.all > 0 ? (
        <Card>
          <Form method="get" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5 lg:items-end" aria-label="Filter onboarding links">
            <TextField
              label="Search"
              name="q"
              type="search"
              defaultValue={filter.q ?? ""}
              placeholder="Client or brand name"
              className="lg:col-span-2"
            />
            <FilterSelect label="Brand" name="brand" value={filter.brand} any="Any brand" options={brands} minOptions={2} />
            <FilterSelect label="State" name="state" value={filter.state} any="Any state" options={STATE_OPTIONS} />
            <FilterSelect label="Account manager" name="manager" value={filter.manager} any="Anyone" options={managers} minOptions={2} />
            <div className="flex gap-2 lg:col-span-5">
              <Button type="submit" variant="secondary">
                Apply filters
              </Button>
              {filtered ? (
                <ButtonLink to={base} variant="ghost">
                  Clear
                </ButtonLink>
              ) : null}
            </div>
          </Form>
        </Card>
      ) : null}
      <Card
        flush
        title="Links"
        description={
          filtered
            ? `${links.length} of ${totals.all} ${totals.all === 1 ? "link" : "links"} match. Newest first.`
            : "Newest first. Open a link to verify, reject, revoke or re-issue it."
        }
      >
        {links.length === 0 ? (
          <div className="p-6">
            {filtered ? (
              <EmptyState
                icon={<LinkIcon />}
                title="No link matches these filters"
                description="Try another name, or fewer filters."
                action={
                  <ButtonLink to={base} variant="secondary">
                    Show every link
                  </ButtonLink>
                }
              />
            ) : (
              <EmptyState
                icon={<LinkIcon />}
                title="No onboarding links yet"
                description="Create one for a brand or a new client: pick the platforms, and the client gets a page with every click spelled out."
                action={<ButtonLink to={`${base}/new`}>New link</ButtonLink>}
              />
            )}
          </div>
        ) : (
          <Table caption="Onboarding links">
            <THead>
              <TR>
                <TH>Client</TH>
                <TH>Status</TH>
                <TH className="w-40">Progress</TH>
                <TH>Time to verified</TH>
                <TH>Expires</TH>
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
                      {[l.brandName, l.accountManagerName ? `managed by ${l.accountManagerName}` : null].filter(Boolean).join(" · ") ||
                        "No brand yet"}
                    </p>
                    {/* The dates stay on one line: the column is as wide as they need (wrapped, they took four). */}
                    <p className="mt-0.5 whitespace-nowrap text-xs text-ink-muted" data-dates>
                      Created {formatShortDay(l.createdAt)} · {l.openedAt ? `opened ${formatShortDay(l.openedAt)}` : "not opened yet"}
                    </p>
                  </TD>
                  <TD>
                    <div className="flex flex-col items-start gap-1">
                      <LinkStateBadge state={l.state} />
                      {l.toVerify > 0 ? <Badge tone="warning">{l.toVerify} to verify</Badge> : null}
                    </div>
                  </TD>
                  <TD>
                    <ProgressBar
                      value={l.progress.percent}
                      label={`Progress of ${l.clientName}`}
                      showLabel={false}
                      valueText={`${l.progress.done} of ${l.progress.total} steps`}
                    />
                    <span className="mt-1 block text-xs text-ink-muted">
                      {l.progress.done} of {l.progress.total} steps
                    </span>
                  </TD>
                  <TD className="whitespace-nowrap">
                    {l.timeToVerifiedMs === null ? <span className="text-ink-muted">not yet</span> : formatTimeTaken(l.timeToVerifiedMs)}
                  </TD>
                  <TD className="whitespace-nowrap">{formatShortDay(l.expiresAt)}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
      {metrics.platforms.length > 0 ? (
        <Card
          flush
          title="Time to verified access per platform"
          description="Median from asking to verifying, across every verified grant."
        >
          <Table caption="Time to verified access per platform">
            <THead>
              <TR>
                <TH>Platform</TH>
                <TH>Median</TH>
                <TH>Verified grants</TH>
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
