import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { DateTime } from "luxon";
import { Card, PageHeader } from "~/components/ui";
import { CAMPAIGN_FORM, CampaignForm, valuesFromForm } from "~/components/briefs/campaign-form";
import { createCampaign } from "~/modules/briefs/campaign-writes.server";
import { campaignOptions } from "~/modules/campaigns/list.server";
import { CHANNELS, CHANNEL_LABELS, campaignFormSchema } from "~/modules/campaigns/schemas";
import { requirePermission } from "~/modules/workspaces/authz.server";
import { problemAnswer } from "~/utils/action-data.server";
import { notFound, parseWith, readForm } from "~/utils/http.server";
import { invalid } from "~/utils/outcome";
import { IDEMPOTENCY_FIELD } from "~/utils/idempotency";
import { newIdempotencyKey, readIdempotencyKey } from "~/utils/idempotency.server";

export const meta: MetaFunction = () => [{ title: "New campaign · Baton" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "campaigns.manage");
  const options = await campaignOptions(ctx);
  const today = DateTime.now().setZone(ctx.user.timeZone || "UTC");
  return json({
    slug: ctx.workspace.slug,
    idempotencyKey: newIdempotencyKey(),
    options: { ...options, channels: CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] })) },
    defaults: {
      name: "",
      brandId: "",
      leadAgencyId: "",
      agencyIds: [] as string[],
      creatorIds: [] as string[],
      channels: [] as string[],
      startsOn: today.plus({ days: 14 }).toISODate() ?? "",
      endsOn: today.plus({ days: 44 }).toISODate() ?? "",
      coordinatorId: "",
    },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "campaigns.manage");
  const form = await readForm(request);
  const parsed = parseWith(campaignFormSchema, form);
  if (!parsed.success)
    return problemAnswer(invalid(undefined, parsed.errors).problem, { intent: CAMPAIGN_FORM, values: valuesFromForm(form) });
  const result = await createCampaign(ctx, { form: parsed.data, idempotencyKey: readIdempotencyKey(form) });
  if (!result.ok) notFound(result.problem.message);
  return redirect(`/w/${ctx.workspace.slug}/campaigns/${result.value.id}/brief/edit`);
}

export default function NewCampaignPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        title="New campaign"
        description="Who is involved, where it runs and when. You write the brief next."
        breadcrumbs={[{ label: "Campaigns", to: `/w/${data.slug}/campaigns` }]}
      />
      <Card>
        <CampaignForm
          options={data.options}
          values={data.defaults}
          result={result}
          submitLabel="Create campaign and write the brief"
          cancelTo={`/w/${data.slug}/campaigns`}
          hidden={{ [IDEMPOTENCY_FIELD]: data.idempotencyKey }}
        />
      </Card>
    </div>
  );
}
