import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FileIcon } from "~/components/icons";
import { Alert, Button, ButtonLink, Card, FormError, PageHeader } from "~/components/ui";
import { BriefSummaryCard } from "~/components/briefs/brief-summary-card";
import { CampaignStatusBadge } from "~/components/briefs/status-badge";
import { CampaignDeliverablesCard, CampaignHistoryCard, CampaignPeopleCard } from "~/components/campaigns/campaign-page-cards";
import { transitionCampaign } from "~/modules/briefs/campaign-writes.server";
import { ensureBrief } from "~/modules/briefs/drafts.server";
import { publishBrief } from "~/modules/briefs/publish.server";
import { acknowledgmentsOf, versionsOf } from "~/modules/briefs/reading.server";
import { availableCampaignEvents, type CampaignStatus } from "~/modules/campaigns/campaign-status";
import { briefCompleteness } from "~/modules/briefs/completeness";
import { publishRulesOf } from "~/modules/briefs/publish-rules";
import type { BriefDraft } from "~/modules/briefs/core-sections";
import { formatDateTimeIn, formatDayIn } from "~/modules/briefs/format";
import { currentTemplate } from "~/modules/briefs/templates.server";
import { requireCampaign } from "~/modules/campaigns/access.server";
import { campaignDeliverables, campaignHistory, campaignPeople } from "~/modules/campaigns/page.server";
import { CHANNEL_LABELS, EVENT_LABELS, transitionSchema } from "~/modules/campaigns/schemas";
import { requireMember } from "~/modules/workspaces/authz.server";
import { answer, type ActionData } from "~/utils/action-data.server";
import { conformResult } from "~/utils/conform";
import { invalid, type Outcome } from "~/utils/outcome";
import { STALE_VERSION } from "~/modules/campaigns/writes.server";
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
    campaignHistory(ctx, campaign.id, brief.id),
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

/** A refused publish or transition also names the button pressed (`event`); a lost race does not. */
function namingEvent<T>(outcome: Outcome<T>): Outcome<T> {
  if (outcome.ok || outcome.problem.code === STALE_VERSION) return outcome;
  return { ok: false, problem: { ...outcome.problem, fields: { event: [outcome.problem.message] } } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireMember(request, params.workspace);
  if (!ctx.can("campaigns.manage")) notFound();
  const campaign = await requireCampaign(ctx, params.campaignId);
  const form = await readForm(request);
  const which = parseWith(intentSchema, { intent: form.get("intent") ?? undefined });
  if (!which.success) return answer(invalid("Unknown action. Reload the page and try again.", which.errors));
  const parsed = parseWith(transitionSchema, form);
  if (!parsed.success) return answer(invalid("Reload the page and try again.", parsed.errors), { intent: "transition" });
  const { event, rowVersion } = parsed.data;
  if (event === "publish_brief") {
    const published = await publishBrief(ctx, { campaignId: campaign.id, rowVersion });
    if (!published.ok && published.problem.kind === "not_found") notFound();
    return answer(namingEvent(published), {
      intent: "transition",
      target: event,
      notice: (r) => `Brief v${r.version} published; ${r.asked} ${r.asked === 1 ? "person was" : "people were"} asked to acknowledge it.`,
    });
  }
  const moved = await transitionCampaign(ctx, { campaign, event, rowVersion });
  return answer(namingEvent(moved), { intent: "transition", target: event, notice: (status) => `The campaign is now ${status}.` });
}

type CampaignEvent = ReturnType<typeof availableCampaignEvents>[number];

/**
 * One status button: conform with the action's `transitionSchema`, a plain POST without JS. The
 * answer names the pressed event as its `target`, so a refusal shows beside that button only.
 */
function TransitionButton({
  event,
  rowVersion,
  result,
  busy,
}: {
  event: CampaignEvent;
  rowVersion: number;
  result: Pick<ActionData, "ok" | "intent" | "errors" | "formError" | "values" | "target"> | undefined;
  busy: boolean;
}) {
  const [form, fields] = useForm({
    id: `transition-${event}`,
    lastResult: result?.target === event ? conformResult(result, "transition") : undefined,
    constraint: getZodConstraint(transitionSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: transitionSchema }),
  });
  // The refusal names the event too (namingEvent): say it once.
  const errors = fields.event.errors ?? form.errors;
  return (
    <Form method="post" {...getFormProps(form)} aria-describedby={errors ? fields.event.errorId : undefined}>
      <input type="hidden" name="intent" value="transition" />
      <input type="hidden" name={fields.event.name} value={event} />
      <input type="hidden" name={fields.rowVersion.name} value={rowVersion} />
      <Button type="submit" variant={event === "cancel" ? "danger" : event === "complete" ? "secondary" : "primary"} disabled={busy}>
        {EVENT_LABELS[event]}
      </Button>
      {errors ? (
        <p id={fields.event.errorId} className="mt-1.5 max-w-xs text-sm text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </Form>
  );
}

export default function CampaignPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const base = `/w/${data.slug}/campaigns/${data.campaign.id}`;
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
      {/* An answer no button owns (an unknown action or a malformed form); a button's own refusal shows beside it. */}
      <FormError errors={result && !result.ok && !data.events.some((e) => e === result.target) ? result.formError : undefined} />
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
              <TransitionButton key={event} event={event} rowVersion={data.campaign.rowVersion} result={result} busy={busy} />
            ))}
          </div>
        </Card>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-3">
        <BriefSummaryCard brief={data.brief} acks={data.acks} now={data.now} canManage={data.canManage} base={base} />
        <CampaignPeopleCard people={data.people} channels={data.campaign.channels} />
      </div>

      <CampaignDeliverablesCard
        slug={data.slug}
        base={base}
        deliverables={data.deliverables}
        canAddDeliverable={data.canAddDeliverable}
        canEditRoute={data.canEditRoute}
      />
      <CampaignHistoryCard history={data.history} />
    </div>
  );
}
