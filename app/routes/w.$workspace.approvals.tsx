import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Countdown } from "~/components/approvals/countdown";
import { DeliverableStateBadges } from "~/components/approvals/status-badge";
import {
  Badge,
  Button,
  ButtonLink,
  Card,
  CheckboxField,
  EmptyState,
  PageHeader,
  SelectField,
  Table,
  TBody,
  TD,
  TH,
  THead,
  TR,
} from "~/components/ui";
import { CHANNEL_LIMITS, CHANNELS } from "~/modules/channels/channels";
import { BLOCKED_LABEL, DELIVERABLE_STATUS_LABELS, DELIVERABLE_STATUSES } from "~/modules/approvals/deliverable-status";
import { listQueue, QUEUE_PAGE_SIZE } from "~/modules/approvals/queue.server";
import { queueFilterOptions } from "~/modules/approvals/form-options.server";
import { ID_PATTERN } from "~/utils/ids";
import { requireMember } from "~/modules/workspaces/authz.server";

export const meta: MetaFunction = () => [{ title: "Approvals · Baton" }];

/** The status filter: a status, or "blocked" (the flag beside any status; old links said status=blocked too). */
const STATUS_FILTERS = [...DELIVERABLE_STATUSES, "blocked"] as const;

/** Filters come from the query string; anything malformed is simply ignored (no filter). */
const filterSchema = z.object({
  status: z.enum(STATUS_FILTERS).optional().catch(undefined),
  brand: z.string().regex(ID_PATTERN).optional().catch(undefined),
  campaign: z.string().regex(ID_PATTERN).optional().catch(undefined),
  channel: z.enum(CHANNELS).optional().catch(undefined),
  mine: z.literal("1").optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireMember(request, params.workspace);
  const search = Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v !== ""));
  const f = filterSchema.parse({ page: 1, ...search });
  const [queue, options] = await Promise.all([
    listQueue(ctx, {
      status: f.status === "blocked" ? undefined : f.status,
      blocked: f.status === "blocked",
      brandId: f.brand,
      campaignId: f.campaign,
      channel: f.channel,
      mine: f.mine === "1",
      page: f.page,
    }),
    queueFilterOptions(ctx),
  ]);
  return json({
    slug: ctx.workspace.slug,
    filter: {
      status: f.status ?? "",
      brand: f.brand ?? "",
      campaign: f.campaign ?? "",
      channel: f.channel ?? "",
      mine: f.mine === "1",
      page: f.page,
    },
    items: queue.items,
    total: queue.total,
    pages: Math.max(1, Math.ceil(queue.total / QUEUE_PAGE_SIZE)),
    options,
  });
}

export default function ApprovalsQueue() {
  const data = useLoaderData<typeof loader>();
  const { filter } = data;
  const pageLink = (page: number) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...filter, mine: filter.mine ? "1" : "", page: String(page) })) if (v) p.set(k, String(v));
    return `?${p.toString()}`;
  };
  return (
    <div className="space-y-6">
      <PageHeader
        title="Approvals"
        description="Every draft you can see, who holds it and how long until its sign-off deadline. Nothing goes live without the brand's sign-off in time."
      />
      <Card>
        <Form method="get" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5 lg:items-end">
          <SelectField
            label="Status"
            name="status"
            defaultValue={filter.status}
            placeholder="Any status"
            options={[
              ...DELIVERABLE_STATUSES.map((s) => ({ value: s, label: DELIVERABLE_STATUS_LABELS[s] })),
              { value: "blocked", label: BLOCKED_LABEL },
            ]}
          />
          <SelectField label="Brand" name="brand" defaultValue={filter.brand} placeholder="Any brand" options={data.options.brands} />
          <SelectField
            label="Campaign"
            name="campaign"
            defaultValue={filter.campaign}
            placeholder="Any campaign"
            options={data.options.campaigns}
          />
          <SelectField
            label="Channel"
            name="channel"
            defaultValue={filter.channel}
            placeholder="Any channel"
            options={CHANNELS.map((c) => ({ value: c, label: CHANNEL_LIMITS[c].label }))}
          />
          <div className="flex flex-wrap items-center gap-3 lg:flex-col lg:items-start">
            <CheckboxField label="Waiting on me" name="mine" value="1" defaultChecked={filter.mine} />
            <div className="flex gap-2">
              <Button type="submit" variant="secondary">
                Filter
              </Button>
              <ButtonLink to="." variant="ghost">
                Clear
              </ButtonLink>
            </div>
          </div>
        </Form>
      </Card>

      <Card flush title={`${data.total} deliverable${data.total === 1 ? "" : "s"}`} description="Soonest to go live first.">
        {data.items.length === 0 ? (
          <div className="p-6">
            <EmptyState
              title={filter.mine ? "Nothing is waiting on you" : "No deliverables match"}
              description={
                filter.mine
                  ? "Drafts to review and sign-offs assigned to you appear here."
                  : "Try another filter, or add deliverables from a campaign page."
              }
            />
          </div>
        ) : (
          <>
            <ul className="divide-y divide-slate-100 md:hidden" aria-label="Deliverables">
              {data.items.map((item) => (
                <li key={item.id} className="space-y-1.5 px-4 py-4">
                  <div className="flex items-start justify-between gap-2">
                    <Link to={item.url} className="font-medium text-ink hover:underline">
                      {item.title}
                    </Link>
                    <DeliverableStateBadges status={item.status} blocked={item.blocked} />
                  </div>
                  <p className="text-sm text-ink-muted">
                    {item.campaignName} · {item.brandName} · {item.channelLabel}
                    {item.version ? ` · v${item.version}` : ""}
                  </p>
                  <p className="text-sm text-ink-soft">
                    <span className="font-medium">Holds it:</span> {item.holder}
                  </p>
                  <p className="text-xs text-ink-muted">Goes live {item.publishLabel}</p>
                  <div className="flex flex-wrap gap-2">
                    {item.countdown ? <Countdown deadline={item.deadline} initial={item.countdown} /> : null}
                    {item.waitingOnMe ? <Badge tone="accent">Waiting on you</Badge> : null}
                  </div>
                </li>
              ))}
            </ul>
            <div className="hidden md:block">
              <Table caption="Deliverables and who holds them">
                <THead>
                  <TR>
                    <TH>Deliverable</TH>
                    <TH>Status</TH>
                    <TH>Who holds it</TH>
                    <TH>Sign-off deadline</TH>
                    <TH>Goes live</TH>
                  </TR>
                </THead>
                <TBody>
                  {data.items.map((item) => (
                    <TR key={item.id}>
                      <TD>
                        <Link to={item.url} className="font-medium text-ink hover:underline">
                          {item.title}
                        </Link>
                        <p className="text-xs text-ink-muted">
                          <span
                            className="mr-1 inline-block h-2 w-2 rounded-full align-middle"
                            style={{ backgroundColor: item.brandColor }}
                            aria-hidden
                          />
                          {item.brandName} · {item.campaignName} · {item.channelLabel}
                          {item.version ? ` · v${item.version}` : ""}
                        </p>
                      </TD>
                      <TD>
                        <DeliverableStateBadges status={item.status} blocked={item.blocked} />
                      </TD>
                      <TD>
                        <span className="text-sm text-ink-soft">{item.holder}</span>
                        {item.waitingOnMe ? (
                          <Badge tone="accent" className="ml-2">
                            You
                          </Badge>
                        ) : null}
                      </TD>
                      <TD>
                        {item.countdown ? (
                          <Countdown deadline={item.deadline} initial={item.countdown} />
                        ) : (
                          <span className="text-sm text-ink-muted">—</span>
                        )}
                        <p className="mt-1 max-w-[16rem] text-xs text-ink-muted">{item.deadlineLabel}</p>
                      </TD>
                      <TD>
                        <span className="block max-w-[16rem] text-xs text-ink-soft">{item.publishLabel}</span>
                      </TD>
                    </TR>
                  ))}
                </TBody>
              </Table>
            </div>
          </>
        )}
      </Card>
      {data.pages > 1 ? (
        <nav aria-label="Pages" className="flex items-center justify-between text-sm">
          {filter.page > 1 ? (
            <Link to={pageLink(filter.page - 1)} className="text-accent hover:underline">
              Previous
            </Link>
          ) : (
            <span />
          )}
          <span className="text-ink-muted">
            Page {filter.page} of {data.pages}
          </span>
          {filter.page < data.pages ? (
            <Link to={pageLink(filter.page + 1)} className="text-accent hover:underline">
              Next
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </div>
  );
}
