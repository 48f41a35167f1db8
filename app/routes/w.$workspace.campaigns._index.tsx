import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { PlusIcon, SparklesIcon } from "~/components/icons";
import { Badge, Button, ButtonLink, Card, EmptyState, PageHeader, TBody, TD, TH, THead, TR, Table, TextField } from "~/components/ui";
import { FilterSelect } from "~/components/ui/filter-select";
import { CampaignStatusBadge } from "~/components/briefs/status-badge";
import { CAMPAIGN_STATUSES } from "~/modules/campaigns/campaign-status";
import { formatDayIn } from "~/modules/briefs/format";
import { campaignFilterChoices, listCampaigns } from "~/modules/campaigns/list.server";
import { CHANNELS, CHANNEL_LABELS, STATUS_LABELS, parseCampaignFilter } from "~/modules/campaigns/schemas";
import { requireMember } from "~/modules/workspaces/authz.server";

export const meta: MetaFunction = () => [{ title: "Campaigns · Baton" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireMember(request, params.workspace);
  const filter = parseCampaignFilter(new URL(request.url).searchParams);
  const [list, choices] = await Promise.all([listCampaigns(ctx, filter), campaignFilterChoices(ctx)]);
  const zone = ctx.user.timeZone || "UTC";
  return json({
    slug: ctx.workspace.slug,
    canManage: ctx.can("campaigns.manage"),
    filter,
    truncated: list.truncated,
    rows: list.rows.map((r) => ({
      id: r.id,
      name: r.name,
      status: r.status,
      brandName: r.brandName,
      brandColor: r.brandColor,
      leadAgency: r.leadAgency,
      channels: r.channels,
      window: `${formatDayIn(r.startsAt, r.brandZone)} – ${formatDayIn(r.endsAt, r.brandZone)}`,
      publishedVersion: r.publishedVersion,
      pendingAcks: r.pendingAcks,
    })),
    ...choices,
    zone,
  });
}

const STATUS_OPTIONS = CAMPAIGN_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }));
const CHANNEL_OPTIONS = CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }));

export default function CampaignsPage() {
  const data = useLoaderData<typeof loader>();
  const base = `/w/${data.slug}/campaigns`;
  const filtered = Object.values(data.filter).some(Boolean);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Campaigns"
        description="Every campaign you can see, with its brief and who still has to acknowledge it."
        actions={
          data.canManage ? (
            <ButtonLink to={`${base}/new`}>
              <PlusIcon /> New campaign
            </ButtonLink>
          ) : null
        }
      />
      <Card>
        <Form method="get" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-6 lg:items-end" aria-label="Filter campaigns">
          <TextField label="Search" name="q" defaultValue={data.filter.q ?? ""} placeholder="Campaign name" className="lg:col-span-2" />
          <FilterSelect label="Status" name="status" value={data.filter.status} any="Any status" options={STATUS_OPTIONS} />
          <FilterSelect label="Brand" name="brand" value={data.filter.brand} any="Any brand" options={data.brands} minOptions={2} />
          <FilterSelect label="Agency" name="agency" value={data.filter.agency} any="Any agency" options={data.agencies} minOptions={1} />
          <FilterSelect
            label="Creator"
            name="creator"
            value={data.filter.creator}
            any="Any creator"
            options={data.creators}
            minOptions={1}
          />
          <FilterSelect label="Channel" name="channel" value={data.filter.channel} any="Any channel" options={CHANNEL_OPTIONS} />
          <div className="flex gap-2 lg:col-span-6">
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
      <Card flush>
        {data.rows.length === 0 ? (
          <div className="p-6">
            <EmptyState
              icon={<SparklesIcon />}
              title={filtered ? "No campaign matches these filters" : "No campaigns yet"}
              description={
                filtered
                  ? "Try fewer filters."
                  : data.canManage
                    ? "Create the first campaign: its brief is where every agency and creator starts."
                    : "When you are added to a campaign, it appears here."
              }
              action={!filtered && data.canManage ? <ButtonLink to={`${base}/new`}>New campaign</ButtonLink> : undefined}
            />
          </div>
        ) : (
          <Table caption="Campaigns">
            <THead>
              <TR>
                <TH>Campaign</TH>
                <TH>Status</TH>
                <TH>Window</TH>
                <TH>Channels</TH>
                <TH>Brief</TH>
              </TR>
            </THead>
            <TBody>
              {data.rows.map((r) => (
                <TR key={r.id}>
                  <TD>
                    <Link to={`${base}/${r.id}`} className="font-medium text-ink hover:underline">
                      {r.name}
                    </Link>
                    <p className="mt-0.5 flex items-center gap-1.5 text-xs text-ink-muted">
                      <span className="h-2 w-2 rounded-full" style={{ backgroundColor: r.brandColor }} aria-hidden />
                      {r.brandName} · {r.leadAgency}
                    </p>
                  </TD>
                  <TD>
                    <CampaignStatusBadge status={r.status} />
                  </TD>
                  <TD className="whitespace-nowrap">{r.window}</TD>
                  <TD>{r.channels.map((c) => CHANNEL_LABELS[c as keyof typeof CHANNEL_LABELS] ?? c).join(", ")}</TD>
                  <TD>
                    {r.publishedVersion ? (
                      r.pendingAcks > 0 ? (
                        <Badge tone="warning">
                          v{r.publishedVersion} · {r.pendingAcks} to acknowledge
                        </Badge>
                      ) : (
                        <Badge tone="success">v{r.publishedVersion} · acknowledged</Badge>
                      )
                    ) : (
                      <Badge>Draft</Badge>
                    )}
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
        {data.truncated ? (
          <p className="border-t border-slate-200 px-6 py-3 text-sm text-ink-muted">
            Showing the first 200 campaigns. Narrow the filters to see the rest.
          </p>
        ) : null}
      </Card>
    </div>
  );
}
