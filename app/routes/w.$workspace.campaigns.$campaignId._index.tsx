import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { CheckCircleIcon, ClockIcon, FileIcon, PlusIcon } from "~/components/icons";
import {
  Alert,
  Badge,
  Button,
  ButtonLink,
  Card,
  EmptyState,
  FormError,
  PageHeader,
  TBody,
  TD,
  TH,
  THead,
  TR,
  Table,
} from "~/components/ui";
import { CompletenessMeter } from "~/components/briefs/completeness-meter";
import { CampaignStatusBadge } from "~/components/briefs/status-badge";
import { acknowledgmentsOf, ensureBrief, publishBrief, versionsOf } from "~/modules/briefs/briefs.server";
import { availableCampaignEvents, type CampaignStatus } from "~/modules/briefs/campaign-status";
import { briefCompleteness } from "~/modules/briefs/completeness";
import { publishRulesOf } from "~/modules/briefs/publish-rules";
import type { BriefDraft } from "~/modules/briefs/core-sections";
import { formatDateTimeIn, formatDayIn, waitedFor } from "~/modules/briefs/format";
import { currentTemplate } from "~/modules/briefs/templates.server";
import { refusalOf, requireCampaign } from "~/modules/campaigns/access.server";
import { campaignDeliverables, campaignHistory, campaignPeople, transitionCampaign } from "~/modules/campaigns/campaigns.server";
import { CHANNEL_LABELS, EVENT_LABELS, transitionSchema } from "~/modules/campaigns/schemas";
import { requireMember } from "~/modules/workspaces/authz.server";
import { actionFailure, actionSuccess } from "~/utils/action-result.server";
import { notFound, parseWith, readForm } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.campaign.name} · Baton` : "Campaign · Baton" }];

const HISTORY_LABELS: Record<string, string> = {
  "campaign.created": "created the campaign",
  "campaign.updated": "edited the campaign",
  "campaign.status_changed": "changed the status",
  "brief.published": "published the brief",
  "brief.acknowledged": "acknowledged the brief",
  "brief.commented": "commented on the brief",
  "brief.question_asked": "asked a question about the brief",
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireMember(request, params.workspace);
  const campaign = await requireCampaign(ctx, params.campaignId);
  const brief = await ensureBrief(campaign);
  const [people, template, versions, deliverables, history] = await Promise.all([
    campaignPeople(campaign),
    currentTemplate(ctx.workspace.id),
    versionsOf(campaign.id),
    campaignDeliverables(ctx, campaign.id),
    campaignHistory(ctx.workspace.id, campaign.id, brief.id),
  ]);
  const latest = versions[0] ?? null;
  const acks = latest ? await acknowledgmentsOf(latest.id) : [];
  const zone = ctx.user.timeZone || "UTC";
  const brandZone = people.brand?.timeZone ?? "UTC";
  const canManage = ctx.can("campaigns.manage");
  const completeness = briefCompleteness(template, brief.draft as BriefDraft, publishRulesOf(ctx.workspace));
  return json({
    slug: ctx.workspace.slug,
    now: Date.now(),
    canManage,
    // The approvals capability's pages: a deliverable is added by whoever plans or publishes work,
    // the approval route by whoever runs the campaign.
    canAddDeliverable: canManage || ctx.can("drafts.publish"),
    canEditRoute: canManage,
    campaign: {
      id: campaign.id,
      name: campaign.name,
      status: campaign.status,
      rowVersion: campaign.rowVersion,
      channels: campaign.channels.map((c) => CHANNEL_LABELS[c as keyof typeof CHANNEL_LABELS] ?? c),
      window: `${formatDayIn(campaign.startsAt, brandZone)} – ${formatDayIn(campaign.endsAt, brandZone)}`,
      brandZone,
    },
    people: {
      brand: people.brand?.name ?? "",
      lead: people.lead?.name ?? "",
      agencies: people.agencies.map((a) => a.name),
      creators: people.creators.map((c) => ({ name: c.name, handle: c.handle })),
      coordinator: people.coordinator?.name ?? null,
    },
    events: canManage ? availableCampaignEvents(campaign.status as CampaignStatus) : [],
    brief: {
      publishedVersion: latest?.version ?? null,
      publishedAt: latest ? formatDateTimeIn(latest.publishedAt, zone) : null,
      publishedBy: latest?.publishedBy ?? null,
      draftChangedSincePublish: Boolean(latest && brief.draftUpdatedAt && brief.draftUpdatedAt > latest.publishedAt),
      completeness: canManage ? completeness : null,
      versions: versions.map((v) => ({
        version: v.version,
        publishedAt: formatDateTimeIn(v.publishedAt, zone),
        publishedBy: v.publishedBy,
      })),
    },
    acks,
    myAck: acks.find((a) => a.userId === ctx.user.id) ?? null,
    deliverables: deliverables.map((d) => ({
      ...d,
      publishAt: formatDateTimeIn(d.publishAt, zone),
      channel: CHANNEL_LABELS[d.channel as keyof typeof CHANNEL_LABELS] ?? d.channel,
    })),
    history: history.map((h) => ({
      id: h.id,
      actor: h.actor,
      what: HISTORY_LABELS[h.action] ?? h.action,
      detail:
        h.action === "campaign.status_changed"
          ? `${String(h.data.from)} → ${String(h.data.to)}`
          : typeof h.data.version === "number"
            ? `v${h.data.version}${h.data.to ? ` (${String(h.data.from)} → ${String(h.data.to)})` : ""}`
            : "",
      at: formatDateTimeIn(h.createdAt, zone),
    })),
  });
}

const intentSchema = z.object({ intent: z.enum(["transition"], { errorMap: () => ({ message: "Unknown action." }) }) });

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireMember(request, params.workspace);
  if (!ctx.can("campaigns.manage")) notFound();
  const campaign = await requireCampaign(ctx, params.campaignId);
  const form = await readForm(request);
  const which = parseWith(intentSchema, { intent: form.get("intent") ?? undefined });
  if (!which.success) return actionFailure(null, which.errors, { formError: "Unknown action. Reload the page and try again." });
  const parsed = parseWith(transitionSchema, form);
  if (!parsed.success) return actionFailure("transition", parsed.errors, { formError: "Reload the page and try again." });
  const { event, rowVersion } = parsed.data;
  try {
    if (event === "publish_brief") {
      if (rowVersion !== campaign.rowVersion)
        return actionFailure(
          "transition",
          {},
          { status: 409, formError: "The campaign changed while you were looking at it. Reload and try again." },
        );
      const result = await publishBrief(request, ctx, campaign.id);
      return actionSuccess(
        "transition",
        `Brief v${result.version} published; ${result.asked} ${result.asked === 1 ? "person was" : "people were"} asked to acknowledge it.`,
      );
    }
    const result = await transitionCampaign(request, ctx, campaign, event, rowVersion);
    if (!result.ok) return actionFailure("transition", {}, { status: result.status, formError: result.message });
    return actionSuccess("transition", `The campaign is now ${result.status}.`);
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    if (refusal.status === 404) notFound();
    return actionFailure("transition", { event: [refusal.message] }, { status: refusal.status, formError: refusal.message });
  }
}

export default function CampaignPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const base = `/w/${data.slug}/campaigns/${data.campaign.id}`;
  const pending = data.acks.filter((a) => !a.acknowledgedAt);
  const [search] = useSearchParams();
  const justPublished = !result && data.brief.publishedVersion !== null && search.get("published") === String(data.brief.publishedVersion);
  return (
    <div className="space-y-6">
      <PageHeader
        breadcrumbs={[{ label: "Campaigns", to: `/w/${data.slug}/campaigns` }]}
        title={data.campaign.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <CampaignStatusBadge status={data.campaign.status} />
            <span>
              {data.people.brand} · {data.campaign.window} ({data.campaign.brandZone.replace(/_/g, " ")})
            </span>
          </span>
        }
        actions={
          <>
            {data.brief.publishedVersion ? (
              <ButtonLink to={`${base}/brief`} variant="secondary">
                <FileIcon /> Read brief
              </ButtonLink>
            ) : null}
            {data.canManage ? (
              <ButtonLink to={`${base}/brief/edit`} variant={data.brief.publishedVersion ? "secondary" : "primary"}>
                Edit brief
              </ButtonLink>
            ) : null}
            {data.canManage ? (
              <ButtonLink to={`${base}/edit`} variant="ghost">
                Edit details
              </ButtonLink>
            ) : null}
          </>
        }
      />
      {result?.ok ? (
        <Alert tone="success" role="status">
          {result.notice}
        </Alert>
      ) : null}
      {justPublished ? (
        <Alert tone="success" role="status" title={`Brief v${data.brief.publishedVersion} published`}>
          {data.acks.length === 0
            ? "Nobody is assigned yet to acknowledge it."
            : `${data.acks.length} ${data.acks.length === 1 ? "person was" : "people were"} asked to acknowledge it by notification and email. Their answers appear below.`}
        </Alert>
      ) : null}
      <FormError errors={result && !result.ok ? result.formError : undefined} />
      {data.myAck && !data.myAck.acknowledgedAt ? (
        <Alert
          tone="warning"
          title={`Brief v${data.myAck.version} is waiting for your acknowledgment`}
          actions={
            <ButtonLink to={`${base}/brief`} size="sm">
              Read and acknowledge
            </ButtonLink>
          }
        >
          The sender sees it waiting until you acknowledge it.
        </Alert>
      ) : null}

      {data.events.length > 0 ? (
        <Card title="Status" description="Planning → briefed → active → completed. A campaign leaves planning only with a complete brief.">
          <div className="flex flex-wrap gap-2">
            {data.events.map((event) => (
              <Form method="post" key={event}>
                <input type="hidden" name="intent" value="transition" />
                <input type="hidden" name="event" value={event} />
                <input type="hidden" name="rowVersion" value={data.campaign.rowVersion} />
                <Button
                  type="submit"
                  variant={event === "cancel" ? "danger" : event === "complete" ? "secondary" : "primary"}
                  disabled={busy}
                >
                  {EVENT_LABELS[event]}
                </Button>
              </Form>
            ))}
          </div>
        </Card>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-3">
        <Card
          title="Brief"
          className="lg:col-span-2"
          description={
            data.brief.publishedVersion
              ? `v${data.brief.publishedVersion} published ${data.brief.publishedAt}${data.brief.publishedBy ? ` by ${data.brief.publishedBy}` : ""}.`
              : "Not published yet."
          }
        >
          <div className="space-y-5">
            {data.brief.completeness ? (
              <CompletenessMeter
                percent={data.brief.completeness.percent}
                missing={data.brief.completeness.missing}
                problems={data.brief.completeness.problems}
                linkToFields={false}
              />
            ) : null}
            {data.brief.draftChangedSincePublish && data.canManage ? (
              <Alert tone="info">The draft has edits that are not published yet.</Alert>
            ) : null}
            {data.brief.publishedVersion ? (
              <div>
                <h3 className="text-sm font-semibold text-ink">Acknowledgments of v{data.brief.publishedVersion}</h3>
                <p className="mt-1 text-sm text-ink-muted">
                  {data.acks.length === 0
                    ? "Nobody was asked: no agency member or creator account is assigned yet."
                    : pending.length === 0
                      ? "Everyone asked has acknowledged this version."
                      : `${pending.length} of ${data.acks.length} still to acknowledge. Until they do, the handoff stays with the sender.`}
                </p>
                {data.acks.length > 0 ? (
                  <ul className="mt-3 divide-y divide-slate-100 rounded-lg ring-1 ring-slate-200" data-testid="acknowledgments">
                    {data.acks.map((a) => (
                      <li key={a.userId} className="flex flex-col gap-1 px-4 py-3 sm:flex-row sm:items-center sm:justify-between">
                        <span className="font-medium text-ink">{a.name}</span>
                        {a.acknowledgedAt ? (
                          <span className="flex items-center gap-1.5 text-sm text-emerald-800">
                            <CheckCircleIcon size={16} /> Acknowledged after{" "}
                            {waitedFor(a.requestedAt, new Date(a.acknowledgedAt).getTime())}
                          </span>
                        ) : (
                          <span className="flex items-center gap-1.5 text-sm text-amber-800">
                            <ClockIcon size={16} /> Not yet · waiting {waitedFor(a.requestedAt, data.now)}
                          </span>
                        )}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </div>
            ) : null}
            {data.brief.versions.length > 1 ? (
              <div>
                <h3 className="text-sm font-semibold text-ink">Versions</h3>
                <ul className="mt-2 space-y-1 text-sm">
                  {data.brief.versions.map((v) => (
                    <li key={v.version} className="flex flex-wrap gap-2">
                      <span className="font-medium">v{v.version}</span>
                      <span className="text-ink-muted">
                        {v.publishedAt}
                        {v.publishedBy ? ` · ${v.publishedBy}` : ""}
                      </span>
                      {v.version > 1 ? (
                        <Link className="text-accent hover:underline" to={`${base}/brief/changes?from=${v.version - 1}&to=${v.version}`}>
                          What changed
                        </Link>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </div>
        </Card>

        <Card title="People">
          <dl className="space-y-4 text-sm">
            <div>
              <dt className="text-ink-muted">Brand</dt>
              <dd className="font-medium text-ink">{data.people.brand}</dd>
            </div>
            <div>
              <dt className="text-ink-muted">Lead agency</dt>
              <dd className="font-medium text-ink">{data.people.lead}</dd>
            </div>
            {data.people.agencies.length > 0 ? (
              <div>
                <dt className="text-ink-muted">Also joining</dt>
                <dd className="text-ink">{data.people.agencies.join(", ")}</dd>
              </div>
            ) : null}
            <div>
              <dt className="text-ink-muted">Creators</dt>
              <dd className="text-ink">
                {data.people.creators.length === 0 ? "None assigned yet" : data.people.creators.map((c) => c.name).join(", ")}
              </dd>
            </div>
            <div>
              <dt className="text-ink-muted">Channels</dt>
              <dd className="text-ink">{data.campaign.channels.join(", ")}</dd>
            </div>
            <div>
              <dt className="text-ink-muted">Coordinator</dt>
              <dd className="text-ink">{data.people.coordinator ?? "Not set"}</dd>
            </div>
          </dl>
        </Card>
      </div>

      <Card
        title="Deliverables"
        flush
        actions={
          data.canAddDeliverable || data.canEditRoute ? (
            <div className="flex flex-wrap gap-2">
              {data.canEditRoute ? (
                <ButtonLink to={`${base}/route`} variant="ghost" size="sm">
                  Approval route
                </ButtonLink>
              ) : null}
              {data.canAddDeliverable ? (
                <ButtonLink to={`${base}/deliverables/new`} variant="secondary" size="sm">
                  <PlusIcon /> Add deliverable
                </ButtonLink>
              ) : null}
            </div>
          ) : undefined
        }
      >
        {data.deliverables.length === 0 ? (
          <div className="p-6">
            <EmptyState
              title="No deliverables yet"
              description={
                data.canAddDeliverable
                  ? "Plan each post: its channel, creator and publish time. Drafts and sign-offs hang off it."
                  : "Deliverables appear here once they are planned for this campaign."
              }
            />
          </div>
        ) : (
          <Table caption="Deliverables">
            <THead>
              <TR>
                <TH>Deliverable</TH>
                <TH>Channel</TH>
                <TH>Creator</TH>
                <TH>Publishes</TH>
                <TH>Status</TH>
              </TR>
            </THead>
            <TBody>
              {data.deliverables.map((d) => (
                <TR key={d.id}>
                  <TD>
                    <Link to={`/w/${data.slug}/deliverables/${d.id}`} className="font-medium text-ink hover:underline">
                      {d.title}
                    </Link>
                  </TD>
                  <TD>{d.channel}</TD>
                  <TD>{d.creator ?? "—"}</TD>
                  <TD className="whitespace-nowrap">{d.publishAt}</TD>
                  <TD>
                    <Badge>{d.status.replace(/_/g, " ")}</Badge>
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </Card>

      <Card title="History">
        {data.history.length === 0 ? (
          <p className="text-sm text-ink-muted">Nothing recorded yet.</p>
        ) : (
          <ol className="space-y-3 text-sm">
            {data.history.map((h) => (
              <li key={h.id} className="flex flex-col sm:flex-row sm:gap-4">
                <span className="w-44 shrink-0 text-ink-muted">{h.at}</span>
                <span className="text-ink">
                  <span className="font-medium">{h.actor}</span> {h.what}
                  {h.detail ? ` (${h.detail})` : ""}
                </span>
              </li>
            ))}
          </ol>
        )}
      </Card>
    </div>
  );
}
