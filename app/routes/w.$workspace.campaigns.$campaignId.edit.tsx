import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { DateTime } from "luxon";
import { z } from "zod";
import { Card, PageHeader } from "~/components/ui";
import { CAMPAIGN_FORM, CampaignForm, valuesFromForm } from "~/components/briefs/campaign-form";
import { requireCampaign } from "~/modules/campaigns/access.server";
import { updateCampaign } from "~/modules/briefs/campaign-writes.server";
import { campaignOptions } from "~/modules/campaigns/list.server";
import { campaignPeople } from "~/modules/campaigns/page.server";
import { CHANNELS, CHANNEL_LABELS, campaignFormSchema } from "~/modules/campaigns/schemas";
import { requirePermission } from "~/modules/workspaces/authz.server";
import { notFound, parseWith, readForm } from "~/utils/http.server";
import { problemAnswer } from "~/utils/action-data.server";
import { invalid } from "~/utils/outcome";

export const meta: MetaFunction = () => [{ title: "Edit campaign · Baton" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "campaigns.manage");
  const campaign = await requireCampaign(ctx, params.campaignId);
  const [options, people] = await Promise.all([campaignOptions(ctx), campaignPeople(campaign)]);
  const zone = people.brand?.timeZone ?? "UTC";
  return json({
    slug: ctx.workspace.slug,
    id: campaign.id,
    name: campaign.name,
    rowVersion: campaign.rowVersion,
    options: { ...options, channels: CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] })) },
    values: {
      name: campaign.name,
      brandId: campaign.brandId,
      leadAgencyId: campaign.leadAgencyId,
      agencyIds: people.agencies.map((a) => a.id),
      creatorIds: people.creators.map((c) => c.id),
      channels: campaign.channels,
      startsOn: DateTime.fromJSDate(campaign.startsAt).setZone(zone).toISODate() ?? "",
      endsOn: DateTime.fromJSDate(campaign.endsAt).setZone(zone).toISODate() ?? "",
      coordinatorId: campaign.coordinatorId ?? "",
    },
  });
}

const versionSchema = z.object({ rowVersion: z.coerce.number({ invalid_type_error: "Reload the page and try again." }).int().min(0) });

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "campaigns.manage");
  const campaign = await requireCampaign(ctx, params.campaignId);
  const form = await readForm(request);
  const opts = { intent: CAMPAIGN_FORM, values: valuesFromForm(form) };
  const version = parseWith(versionSchema, form);
  if (!version.success) return problemAnswer(invalid("Reload the page and try again.", version.errors).problem, opts);
  const parsed = parseWith(campaignFormSchema, form);
  if (!parsed.success) return problemAnswer(invalid(undefined, parsed.errors).problem, opts);
  const result = await updateCampaign(ctx, { campaign, rowVersion: version.data.rowVersion, form: parsed.data });
  if (!result.ok && result.problem.kind === "not_found") notFound(result.problem.message);
  if (!result.ok) return problemAnswer(result.problem, opts);
  return redirect(`/w/${ctx.workspace.slug}/campaigns/${campaign.id}`);
}

export default function EditCampaignPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const base = `/w/${data.slug}/campaigns/${data.id}`;
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        title={`Edit ${data.name}`}
        description="People added while a brief is out are asked to acknowledge its current version."
        breadcrumbs={[
          { label: "Campaigns", to: `/w/${data.slug}/campaigns` },
          { label: data.name, to: base },
        ]}
      />
      <Card>
        <CampaignForm
          options={data.options}
          values={data.values}
          result={result}
          submitLabel="Save campaign"
          cancelTo={base}
          hidden={{ rowVersion: String(data.rowVersion) }}
        />
      </Card>
    </div>
  );
}
