import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { LiveRegion } from "~/components/approvals/live-region";
import { Alert, Button, ButtonLink, Card, cx, FormError, PageHeader, TextField } from "~/components/ui";
import type { RouteStage } from "~/modules/approvals/route";
import { loadCampaignRoute, routeCandidates, saveCampaignRoute } from "~/modules/approvals/routes.server";
import { MAX_REVIEW_STAGES, readRouteForm, routeFormSchema, routeStageSchema } from "~/modules/approvals/schemas";
import { requireCampaign } from "~/modules/campaigns/access.server";
import { requirePermission } from "~/modules/workspaces/authz.server";
import { db } from "~/utils/db.server";
import type { FieldErrors } from "~/utils/http.server";
import { parseWith, readForm } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Approval route · Baton" }];

async function context(request: Request, params: LoaderFunctionArgs["params"]) {
  const ctx = await requirePermission(request, params.workspace, "campaigns.manage");
  const campaign = await requireCampaign(ctx, params.campaignId);
  return { ctx, campaign };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx, campaign } = await context(request, params);
  const [current, candidates] = await Promise.all([loadCampaignRoute(db(), campaign), routeCandidates(db(), campaign)]);
  const review = current.route.stages.filter((s) => s.kind === "review");
  const signoff = current.route.stages.find((s) => s.kind === "brand_signoff") ?? {
    name: "Brand sign-off",
    kind: "brand_signoff",
    rule: "any",
    approverUserIds: [],
  };
  return json({
    slug: ctx.workspace.slug,
    campaign: { id: campaign.id, name: campaign.name },
    saved: current.saved,
    reviewHours: current.reviewHours,
    review: review.map((s) => ({ name: s.name, rule: s.rule, approvers: [...s.approverUserIds] })),
    signoff: { rule: signoff.rule, approvers: [...signoff.approverUserIds] },
    candidates,
  });
}

type Values = {
  reviewHours: string;
  review: { name: string; rule: string; approvers: string[] }[];
  signoff: { rule: string; approvers: string[] };
};

export async function action({ request, params }: ActionFunctionArgs) {
  const { ctx, campaign } = await context(request, params);
  const form = await readForm(request);
  const { stages, rest } = readRouteForm(form);
  const errors: FieldErrors = {};
  const base = parseWith(routeFormSchema, rest);
  if (!base.success) {
    for (const [k, v] of Object.entries(base.errors)) (errors[k.startsWith("signoff") ? "signoff" : k] ??= []).push(...v);
  }
  const review: RouteStage[] = [];
  const slotOfStage: number[] = [];
  for (const { index, raw } of stages) {
    const parsed = parseWith(routeStageSchema, raw);
    if (!parsed.success) {
      errors[`s${index}`] = Object.values(parsed.errors).flat();
      continue;
    }
    if (!parsed.data.name) {
      errors[`s${index}`] = ["Give the stage a name, e.g. “Agency review”."];
      continue;
    }
    slotOfStage.push(index);
    review.push({ name: parsed.data.name, kind: "review", rule: parsed.data.rule, approverUserIds: parsed.data.approvers });
  }
  const values: Values = {
    reviewHours: typeof rest.reviewHours === "string" ? rest.reviewHours : "",
    review: stages.map((s) => ({
      name: typeof s.raw.name === "string" ? s.raw.name : "",
      rule: typeof s.raw.rule === "string" ? s.raw.rule : "any",
      approvers: s.raw.approvers,
    })),
    signoff: { rule: typeof rest.signoffRule === "string" ? rest.signoffRule : "any", approvers: rest.signoffApprovers },
  };
  if (!base.success || Object.keys(errors).length > 0) {
    return json({ ok: false as const, errors, formError: "Please correct the highlighted stages.", values, notice: null }, { status: 400 });
  }
  const route = {
    stages: [
      ...review,
      { name: "Brand sign-off", kind: "brand_signoff" as const, rule: base.data.signoffRule, approverUserIds: base.data.signoffApprovers },
    ],
  };
  const saved = await saveCampaignRoute(ctx, { campaign, route, reviewHours: base.data.reviewHours });
  if (!saved.ok) {
    for (const [field, messages] of Object.entries(saved.problem.fields ?? {})) {
      const m = /^stage(\d+)$/.exec(field);
      const stageIndex = m ? Number(m[1]) : null;
      const key = stageIndex === null ? "_form" : stageIndex === route.stages.length - 1 ? "signoff" : `s${slotOfStage[stageIndex]}`;
      (errors[key] ??= []).push(...messages);
    }
    return json(
      { ok: false as const, errors, formError: errors._form?.[0] ?? "Please correct the highlighted stages.", values, notice: null },
      { status: 400 },
    );
  }
  return json({
    ok: true as const,
    errors: {} as FieldErrors,
    formError: null,
    values: null,
    notice: "Route saved. It applies to every draft submitted from now on; drafts in review keep their decisions.",
  });
}

type Person = { id: string; name: string; email: string; role: string };

function PeoplePicker({
  name,
  people,
  chosen,
  legend,
  error,
}: {
  name: string;
  people: Person[];
  chosen: string[];
  legend: string;
  error?: string[];
}) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-ink">{legend}</legend>
      {people.length === 0 ? (
        <p className="mt-1 text-sm text-ink-muted">Nobody can be chosen yet. Invite them from Members first.</p>
      ) : null}
      <ul className="mt-2 grid gap-2 sm:grid-cols-2">
        {people.map((p) => (
          <li key={p.id}>
            <label className="flex items-start gap-2 rounded-lg p-2 text-sm ring-1 ring-inset ring-slate-200 hover:bg-slate-50">
              <input
                type="checkbox"
                name={name}
                value={p.id}
                defaultChecked={chosen.includes(p.id)}
                className="mt-0.5 h-4 w-4 rounded border-slate-300 text-accent focus:ring-accent"
              />
              <span className="min-w-0">
                <span className="block font-medium text-ink">{p.name}</span>
                <span className="block truncate text-xs text-ink-muted">{p.email}</span>
              </span>
            </label>
          </li>
        ))}
      </ul>
      {error?.length ? (
        <div className="mt-2 space-y-1">
          {error.map((e) => (
            <p key={e} className="text-sm text-red-700">
              {e}
            </p>
          ))}
        </div>
      ) : null}
    </fieldset>
  );
}

function RuleChoice({ name, value }: { name: string; value: string }) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-ink">Rule</legend>
      <div className="mt-2 flex flex-wrap gap-4 text-sm">
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name={name}
            value="any"
            defaultChecked={value !== "all"}
            className="h-4 w-4 border-slate-300 text-accent focus:ring-accent"
          />{" "}
          Any one of them
        </label>
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name={name}
            value="all"
            defaultChecked={value === "all"}
            className="h-4 w-4 border-slate-300 text-accent focus:ring-accent"
          />{" "}
          Everyone
        </label>
      </div>
    </fieldset>
  );
}

export default function RouteEditor() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const values: Values =
    result && !result.ok && result.values
      ? result.values
      : { reviewHours: String(data.reviewHours), review: data.review, signoff: data.signoff };
  const errors: FieldErrors = result?.errors ?? {};
  const slots = Array.from(
    { length: Math.min(MAX_REVIEW_STAGES, values.review.length + 1) },
    (_, i) => values.review[i] ?? { name: "", rule: "any", approvers: [] },
  );
  const campaignUrl = `/w/${data.slug}/campaigns/${data.campaign.id}`;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader
        title="Approval route"
        description="The stages every draft of this campaign goes through, in order. The last stage is always the brand's sign-off, given by a brand lead of the campaign's brand."
        breadcrumbs={[
          { label: "Campaigns", to: `/w/${data.slug}/campaigns` },
          { label: data.campaign.name, to: campaignUrl },
        ]}
      />
      <LiveRegion politeness="polite">
        {result?.ok && result.notice ? (
          <Alert tone="success" role="status">
            {result.notice}
          </Alert>
        ) : null}
      </LiveRegion>
      {!data.saved ? (
        <Alert tone="info">
          This campaign uses the default route: agency review by the lead agency, then brand sign-off. Saving makes it this campaign's own.
        </Alert>
      ) : null}
      <Form method="post" className="space-y-6" noValidate>
        <LiveRegion>{result && !result.ok ? <FormError errors={result.formError} /> : null}</LiveRegion>
        {slots.map((stage, i) => (
          <Card
            key={i}
            title={`Stage ${i + 1}: review`}
            description={
              i === values.review.length
                ? "Optional: fill in to add another review stage. Leave empty to skip it."
                : "Clear the name and approvers to remove this stage."
            }
          >
            <div className={cx("space-y-4", errors[`s${i}`] && "rounded-lg ring-2 ring-red-300 ring-offset-4")}>
              <TextField
                label="Stage name"
                name={`s${i}_name`}
                defaultValue={stage.name}
                placeholder={i === 0 ? "e.g. Agency review" : "e.g. Legal review"}
              />
              <RuleChoice name={`s${i}_rule`} value={stage.rule} />
              <PeoplePicker
                name={`s${i}_approvers`}
                legend="Approvers"
                people={data.candidates.reviewers}
                chosen={stage.approvers}
                error={errors[`s${i}`]}
              />
            </div>
          </Card>
        ))}
        <Card
          title={`Stage ${slots.length + 1}: brand sign-off`}
          description="Always last. Only brand leads of this campaign's brand can be chosen."
        >
          <div className="space-y-4">
            <RuleChoice name="signoffRule" value={values.signoff.rule} />
            <PeoplePicker
              name="signoffApprovers"
              legend="Brand leads"
              people={data.candidates.brandLeads}
              chosen={values.signoff.approvers}
              error={errors.signoff}
            />
          </div>
        </Card>
        <Card title="Review time">
          <TextField
            label="Hours the route needs before the sign-off deadline"
            name="reviewHours"
            type="number"
            min={1}
            max={720}
            inputMode="numeric"
            defaultValue={values.reviewHours}
            errors={errors.reviewHours}
            hint="A draft submitted with less time than this left before the sign-off deadline is flagged late."
            className="max-w-xs"
          />
        </Card>
        <div className="flex flex-wrap gap-3">
          <Button type="submit" disabled={busy}>
            Save route
          </Button>
          <ButtonLink to={campaignUrl} variant="ghost">
            Back to the campaign
          </ButtonLink>
        </div>
      </Form>
    </div>
  );
}
