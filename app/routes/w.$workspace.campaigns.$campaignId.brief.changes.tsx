import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Button, Card, EmptyState, PageHeader, SelectField } from "~/components/ui";
import { BriefDiff } from "~/components/briefs/diff-view";
import { diffBriefs } from "~/modules/briefs/brief-diff";
import { versionContent, versionsOf } from "~/modules/briefs/reading.server";
import type { BriefDraft } from "~/modules/briefs/core-sections";
import { templateVersion } from "~/modules/briefs/templates.server";
import { requireCampaign } from "~/modules/campaigns/access.server";
import { requireMember } from "~/modules/workspaces/authz.server";

export const meta: MetaFunction = () => [{ title: "What changed in the brief · Baton" }];

const versionParam = z.coerce.number().int().min(1).max(100_000).optional().catch(undefined);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireMember(request, params.workspace);
  const campaign = await requireCampaign(ctx, params.campaignId);
  const versions = await versionsOf(campaign.id);
  const url = new URL(request.url);
  const latest = versions[0]?.version ?? 0;
  const to = Math.min(versionParam.parse(url.searchParams.get("to") || undefined) ?? latest, latest);
  const from = Math.min(versionParam.parse(url.searchParams.get("from") || undefined) ?? to - 1, to - 1);
  const base = {
    slug: ctx.workspace.slug,
    campaign: { id: campaign.id, name: campaign.name },
    versions: versions.map((v) => v.version),
    from,
    to,
  };
  if (from < 1 || to < 2) return json({ ...base, changes: null });
  const [a, b] = await Promise.all([versionContent(campaign.id, from), versionContent(campaign.id, to)]);
  if (!a || !b) return json({ ...base, changes: null });
  const template = await templateVersion(ctx.workspace.id, b.templateVersion);
  return json({ ...base, changes: diffBriefs(template, a.content as BriefDraft, b.content as BriefDraft) });
}

export default function BriefChangesPage() {
  const data = useLoaderData<typeof loader>();
  const base = `/w/${data.slug}/campaigns/${data.campaign.id}`;
  const options = data.versions.map((v) => ({ value: String(v), label: `v${v}` }));
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        title="What changed in the brief"
        description={data.changes ? `From v${data.from} to v${data.to}.` : "Compare two published versions."}
        breadcrumbs={[
          { label: "Campaigns", to: `/w/${data.slug}/campaigns` },
          { label: data.campaign.name, to: base },
          { label: "Brief", to: `${base}/brief` },
        ]}
      />
      {data.versions.length > 1 ? (
        <Card className="mb-6">
          <Form method="get" className="flex flex-wrap items-end gap-4">
            <SelectField label="From" name="from" defaultValue={String(data.from)} options={options} />
            <SelectField label="To" name="to" defaultValue={String(data.to)} options={options} />
            <Button type="submit" variant="secondary">
              Compare
            </Button>
          </Form>
        </Card>
      ) : null}
      {data.changes ? (
        <Card>
          <BriefDiff changes={data.changes} />
        </Card>
      ) : (
        <EmptyState title="Only one version so far" description="Once a new version is published, what changed shows here." />
      )}
    </div>
  );
}
