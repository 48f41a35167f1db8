import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getFormProps, parse, useForm } from "@conform-to/react";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { LiveRegion } from "~/components/approvals/live-region";
import { BackupChoice, GuestEmails, PeoplePicker, RuleChoice, type PickablePerson } from "~/components/approvals/route-editor-fields";
import { Alert, Button, ButtonLink, Card, cx, FormError, PageHeader, TextField } from "~/components/ui";
import { loadCampaignRoute, routeCandidates, saveCampaignRoute } from "~/modules/approvals/routes.server";
import { checkRouteForm, ROUTE_FIELDS, routeErrorsBySlot, type RouteFormValues } from "~/modules/approvals/route-form";
import { MAX_REVIEW_STAGES } from "~/modules/approvals/schemas";
import { requireCampaign } from "~/modules/campaigns/access.server";
import { requirePermission } from "~/modules/workspaces/authz.server";
import { db } from "~/utils/db.server";
import { answer } from "~/utils/action-data.server";
import { conformResult, initialList } from "~/utils/conform";
import { readForm } from "~/utils/http.server";
import { invalid } from "~/utils/outcome";

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
  const signoff = current.route.stages.find((s) => s.kind === "brand_signoff");
  const person = (p: { id: string; name: string; email: string }, tag?: PickablePerson["tag"]): PickablePerson => ({
    value: p.id,
    name: p.name,
    email: p.email,
    tag,
  });
  return json({
    slug: ctx.workspace.slug,
    campaign: { id: campaign.id, name: campaign.name },
    saved: current.saved,
    reviewHours: current.reviewHours,
    review: review.map((s) => ({ name: s.name, rule: s.rule, approvers: [...s.approverUserIds], backup: s.backupUserId ?? "" })),
    signoff: { rule: signoff?.rule ?? "any", approvers: [...(signoff?.approverUserIds ?? [])], backup: signoff?.backupUserId ?? "" },
    // Review stages: members who review this campaign, and the guests already on the route.
    reviewers: [...candidates.reviewers.map((p) => person(p)), ...candidates.guests.map((g) => person(g, "guest"))],
    // The sign-off: brand leads of the brand, and those invited who have not joined yet (their user row, else the invitation).
    brandLeads: [
      ...candidates.brandLeads.map((p) => person(p)),
      ...candidates.invitedLeads.map((i): PickablePerson =>
        i.userId
          ? { value: i.userId, name: i.email, email: i.email, tag: "invited" }
          : { value: i.invitationId, name: i.email, email: i.email, tag: "invited", field: "signoffInvitees" },
      ),
    ],
    backups: {
      review: candidates.reviewers.map(({ id, name }) => ({ id, name })),
      signoff: candidates.brandLeads.map(({ id, name }) => ({ id, name })),
    },
  });
}

/** The editor's one form; the answer names it so conform knows the answer is its own. */
const ROUTE_FORM = "route";

export async function action({ request, params }: ActionFunctionArgs) {
  const { ctx, campaign } = await context(request, params);
  const checked = checkRouteForm(await readForm(request));
  const opts = { intent: ROUTE_FORM, values: checked.values };
  if (!checked.ok) return answer(invalid(ROUTE_FIELDS, checked.errors), opts);
  const { signoffRule, signoffApprovers, signoffBackup, signoffInvitees, reviewHours } = checked.rest;
  const backup = signoffBackup ? { backupUserId: signoffBackup } : {};
  const signoff = {
    name: "Brand sign-off",
    kind: "brand_signoff" as const,
    rule: signoffRule,
    approverUserIds: signoffApprovers,
    ...backup,
  };
  const route = { stages: [...checked.review, signoff] };
  const saved = await saveCampaignRoute(ctx, { campaign, route, reviewHours, guests: checked.guests, invitees: signoffInvitees });
  if (!saved.ok) {
    // A refused stage is shown on its card: every refusal of the route is the editor's 400.
    const errors = routeErrorsBySlot(saved.problem.fields ?? {}, checked.slotOfStage, route.stages.length);
    return answer(invalid(errors._form?.[0] ?? ROUTE_FIELDS, errors), opts);
  }
  return answer(saved, {
    intent: ROUTE_FORM,
    notice: "Route saved. It applies to every draft submitted from now on; drafts in review keep their decisions.",
  });
}

/** The saved route as the editor's flat fields. */
function savedValues(data: SerializeFrom<typeof loader>): RouteFormValues {
  const values: RouteFormValues = {
    reviewHours: String(data.reviewHours),
    signoffRule: data.signoff.rule,
    signoffApprovers: data.signoff.approvers,
    signoffBackup: data.signoff.backup,
  };
  data.review.forEach((stage, i) =>
    Object.assign(values, {
      [`s${i}_name`]: stage.name,
      [`s${i}_rule`]: stage.rule,
      [`s${i}_approvers`]: stage.approvers,
      [`s${i}_backup`]: stage.backup,
    }),
  );
  return values;
}

export default function RouteEditor() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  // conform with the action's own check (checkRouteForm reads the zod schemas per stage), in the browser first.
  const [form, fields] = useForm<RouteFormValues>({
    id: ROUTE_FORM,
    lastResult: conformResult(result, ROUTE_FORM),
    defaultValue: savedValues(data),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) =>
      parse(formData, {
        resolve: () => {
          const checked = checkRouteForm(formData);
          return checked.ok ? { value: checked.values } : { error: checked.errors };
        },
      }),
  });
  const text = (name: string, fallback = "") => {
    const value = fields[name].initialValue;
    return typeof value === "string" ? value : fallback;
  };
  const errors = (key: string) => fields[key].errors;
  // The filled review stages, then one empty slot to add another (up to the maximum).
  const filled = Array.from({ length: MAX_REVIEW_STAGES }, (_, i) => i).filter(
    (i) => text(`s${i}_name`) !== "" || initialList(fields[`s${i}_approvers`]).length > 0 || text(`s${i}_guests`) !== "",
  );
  const slotCount = Math.min(MAX_REVIEW_STAGES, (filled.length ? Math.max(...filled) + 1 : 0) + 1);
  const slots = Array.from({ length: slotCount }, (_, i) => ({
    name: text(`s${i}_name`),
    rule: text(`s${i}_rule`, "any"),
    approvers: initialList(fields[`s${i}_approvers`]),
    guests: text(`s${i}_guests`),
    backup: text(`s${i}_backup`),
    empty: !filled.includes(i),
  }));
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
      <Form method="post" className="space-y-6" {...getFormProps(form)}>
        <LiveRegion>
          <FormError errors={form.errors} />
        </LiveRegion>
        {slots.map((stage, i) => (
          <Card
            key={i}
            title={`Stage ${i + 1}: review`}
            description={
              stage.empty
                ? "Optional: fill in to add another review stage. Leave empty to skip it."
                : "Clear the name and approvers to remove this stage."
            }
          >
            <div className={cx("space-y-4", errors(`s${i}`) && "rounded-lg ring-2 ring-red-300 ring-offset-4")}>
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
                people={data.reviewers}
                chosen={stage.approvers}
                error={errors(`s${i}`)}
              />
              <GuestEmails name={`s${i}_guests`} value={stage.guests} errors={errors(`s${i}_guests`)} />
              <BackupChoice
                name={`s${i}_backup`}
                people={data.backups.review}
                value={stage.backup}
                errors={errors(`s${i}_backup`)}
                hint="If the stage sits without a decision, it escalates once to the backup and the coordinator; the backup may then decide it."
              />
            </div>
          </Card>
        ))}
        <Card
          title={`Stage ${slots.length + 1}: brand sign-off`}
          description="Always last. Only brand leads of this campaign's brand can be chosen, also those invited who have not joined yet (they decide from the link in their email)."
        >
          <div className={cx("space-y-4", errors("signoff") && "rounded-lg ring-2 ring-red-300 ring-offset-4")}>
            <RuleChoice name="signoffRule" value={text("signoffRule", "any")} />
            <PeoplePicker
              name="signoffApprovers"
              legend="Brand leads"
              people={data.brandLeads}
              chosen={[...initialList(fields.signoffApprovers), ...initialList(fields.signoffInvitees)]}
              error={errors("signoff")}
              empty="This brand has no brand lead yet. Invite one from Members first."
            />
            <BackupChoice
              name="signoffBackup"
              people={data.backups.signoff}
              value={text("signoffBackup")}
              errors={errors("signoff_backup")}
              hint="Another brand lead of this brand. It hears when the sign-off sits without a decision, and may then sign off."
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
            defaultValue={text("reviewHours")}
            errors={errors("reviewHours")}
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
