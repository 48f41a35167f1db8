import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { LinkIcon, PlusIcon } from "~/components/icons";
import { Badge, ButtonLink, Card, EmptyState, PageHeader, ProgressBar, Stat, TBody, TD, TH, THead, TR, Table } from "~/components/ui";
import { formatDay } from "~/components/onboarding/branded-frame";
import { LinkStateBadge } from "~/components/onboarding/link-state-badge";
import { listLinks } from "~/modules/onboarding/link-queries.server";
import { formatTimeTaken } from "~/modules/onboarding/progress";
import { requirePermission } from "~/modules/workspaces/authz.server";

export const meta: MetaFunction = () => [{ title: "Onboarding links · Baton" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "onboarding.manage");
  const { links, metrics } = await listLinks(ctx);
  return json({
    slug: ctx.workspace.slug,
    links,
    metrics,
    canSetIdentities: ctx.can("workspace.settings"),
    hasIdentities: Object.values(ctx.workspace.accessIdentities ?? {}).some(Boolean),
  });
}

export default function OnboardingLinksPage() {
  const { slug, links, metrics, canSetIdentities, hasIdentities } = useLoaderData<typeof loader>();
  const base = `/w/${slug}/onboarding`;
  const open = links.filter((l) => l.state === "active" || l.state === "completed");
  const toVerify = links.reduce((n, l) => n + l.toVerify, 0);
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
        <Stat label="Links in progress" value={open.length} hint={`${links.length} in total`} />
        <Stat label="Grants waiting for you" value={toVerify} hint="confirmed by clients, to verify" />
      </div>
      <Card flush title="Links" description="Newest first. Open a link to verify, reject, revoke or re-issue it.">
        {links.length === 0 ? (
          <div className="p-6">
            <EmptyState
              icon={<LinkIcon />}
              title="No onboarding links yet"
              description="Create one for a brand or a new client: pick the platforms, and the client gets a page with every click spelled out."
              action={<ButtonLink to={`${base}/new`}>New link</ButtonLink>}
            />
          </div>
        ) : (
          <Table caption="Onboarding links">
            <THead>
              <TR>
                <TH>Client</TH>
                <TH>Status</TH>
                <TH className="w-48">Progress</TH>
                <TH>To verify</TH>
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
                      Created {formatDay(l.createdAt)}
                      {l.openedAt ? ` · opened ${formatDay(l.openedAt)}` : " · not opened yet"}
                    </p>
                  </TD>
                  <TD>
                    <LinkStateBadge state={l.state} />
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
                  <TD>
                    {l.toVerify > 0 ? <Badge tone="warning">{l.toVerify} to verify</Badge> : <span className="text-ink-muted">–</span>}
                  </TD>
                  <TD className="whitespace-nowrap">
                    {l.timeToVerifiedMs === null ? <span className="text-ink-muted">not yet</span> : formatTimeTaken(l.timeToVerifiedMs)}
                  </TD>
                  <TD className="whitespace-nowrap">{formatDay(l.expiresAt)}</TD>
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
