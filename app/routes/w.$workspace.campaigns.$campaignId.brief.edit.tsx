import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { FormProvider, getFormProps } from "@conform-to/react";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useMemo } from "react";
import { z } from "zod";
import { Alert, ButtonLink, Card, FormError, PageHeader } from "~/components/ui";
import { BriefField } from "~/components/briefs/brief-fields";
import { EditorPanel } from "~/components/briefs/editor-panel";
import { CampaignStatusBadge } from "~/components/briefs/status-badge";
import { useAutosave } from "~/components/briefs/use-autosave";
import { useBriefForm, useNewestAnswer } from "~/components/briefs/use-brief-form";
import type { FormEntries } from "~/modules/briefs/brief-schema";
import { briefFormEntries, ensureBrief, mergePrefill, questionnairePrefill, saveBriefDraft } from "~/modules/briefs/drafts.server";
import { publishBrief } from "~/modules/briefs/publish.server";
import { briefCompleteness, type BriefCompleteness } from "~/modules/briefs/completeness";
import { CORE_SECTIONS, readPath, type BriefDraft } from "~/modules/briefs/core-sections";
import { formatDateTimeIn } from "~/modules/briefs/format";
import { listOfWords, publishRulesOf } from "~/modules/briefs/publish-rules";
import { templateFields } from "~/modules/briefs/template";
import { currentTemplate } from "~/modules/briefs/templates.server";
import { requireCampaign } from "~/modules/campaigns/access.server";
import { STATUS_OF, failureData, successData } from "~/utils/action-data.server";
import { requirePermission } from "~/modules/workspaces/authz.server";
import { notFound, parseWith, readForm } from "~/utils/http.server";
import { invalid, type Problem } from "~/utils/outcome";
import { useHydrated } from "~/utils/use-hydrated";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Brief: ${data.campaign.name} · Baton` : "Brief · Baton" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "campaigns.manage");
  const campaign = await requireCampaign(ctx, params.campaignId);
  const [brief, template] = await Promise.all([ensureBrief(campaign), currentTemplate(ctx.workspace.id)]);
  // Until the brief is first saved, the client's questionnaire answers fill what it leaves empty;
  // the notice stays while a field still holds exactly what the client wrote.
  const prefill = await questionnairePrefill(ctx.workspace.id, campaign.brandId);
  const draft = brief.draftUpdatedAt ? (brief.draft as BriefDraft) : mergePrefill(brief.draft as BriefDraft, prefill);
  const prefilled = (["brandStory", "audience"] as const).filter((key) => prefill[key] && draft[key] === prefill[key]);
  const rules = publishRulesOf(ctx.workspace);
  // The disclosure's hint names what this workspace accepts, so nobody learns it from a refusal.
  const fields = templateFields(template).map((f) =>
    f.key === "disclosure" ? { ...f, help: `${f.help} It must include ${listOfWords(rules.disclosureWords)}.` } : f,
  );
  const sections = [
    ...CORE_SECTIONS.map((s) => ({
      key: s.key as string,
      label: s.label,
      help: s.help,
      fields: fields.filter((f) => s.fields.some((cf) => cf.key === f.key)),
    })),
    ...(template.customFields.length > 0
      ? [
          {
            key: "custom",
            label: "More about this campaign",
            help: "Fields your workspace adds to every brief.",
            fields: fields.filter((f) => f.key.startsWith("custom.")),
          },
        ]
      : []),
  ];
  return json({
    slug: ctx.workspace.slug,
    campaign: { id: campaign.id, name: campaign.name, status: campaign.status },
    templateVersion: template.version,
    // The browser checks the same schema the action parses with, built from this template.
    template: { version: template.version, customFields: template.customFields },
    sections,
    draft,
    values: Object.fromEntries(fields.map((f) => [f.key, readPath(draft, f.key) ?? null])),
    prefilled,
    completeness: briefCompleteness(template, draft, rules),
    savedAt: brief.draftUpdatedAt ? formatDateTimeIn(brief.draftUpdatedAt, ctx.user.timeZone || "UTC") : null,
    publishedVersion: brief.publishedVersion,
  });
}

const intentSchema = z.object({ intent: z.enum(["save", "publish"], { errorMap: () => ({ message: "Unknown action." }) }) });
type Intent = z.infer<typeof intentSchema>["intent"];

/** Beside the one answer shape (decision 051), the editor's answers carry the meter and the save time. */
interface Beside {
  savedAt: string | null;
  completeness: BriefCompleteness | null;
}
const NOTHING_BESIDE: Beside = { savedAt: null, completeness: null };

function refuse(problem: Problem, intent: Intent | null, beside: Beside, values: FormEntries = {}) {
  return json({ ...failureData(problem, { intent, values }), ...beside }, { status: STATUS_OF[problem.kind] });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "campaigns.manage");
  const campaign = await requireCampaign(ctx, params.campaignId);
  const form = await readForm(request);
  const which = parseWith(intentSchema, { intent: form.get("intent") ?? undefined });
  if (!which.success) return refuse(invalid("Unknown action. Reload the page and try again.", which.errors).problem, null, NOTHING_BESIDE);
  const intent = which.data.intent;
  const { entries, fileErrors } = briefFormEntries(form);
  const saving = await saveBriefDraft(ctx, campaign, entries, fileErrors);
  // Publishing what is already saved needs no fields; saving nothing is a malformed request.
  if (!saving.ok && intent === "save") return refuse(saving.problem, intent, NOTHING_BESIDE);
  const saved = saving.ok ? saving.value : null;
  const beside: Beside = {
    savedAt: saved?.savedAt ? formatDateTimeIn(saved.savedAt, ctx.user.timeZone || "UTC") : null,
    completeness: saved?.completeness ?? null,
  };
  if (saved && Object.keys(saved.errors).length > 0) {
    const message = saved.saved
      ? "Saved, except the highlighted fields: they keep their last saved value until they are fixed."
      : "Nothing was saved: please correct the highlighted fields.";
    // What was typed comes back, so a plain form puts it back and nothing is lost.
    return refuse(invalid(message, saved.errors).problem, intent, beside, entries);
  }
  if (intent === "save") return json({ ...successData("Draft saved.", { intent }), ...beside });
  const published = await publishBrief(ctx, { campaignId: campaign.id });
  if (published.ok) return redirect(`/w/${ctx.workspace.slug}/campaigns/${campaign.id}?published=${published.value.version}`);
  if (published.problem.kind === "not_found") notFound();
  // A refusal about particular fields (an impossible plan) also says so next to each of them.
  return refuse(published.problem, intent, beside);
}

/** Autosaves do not reload the page's data: the fetcher's answer carries the meter and the time. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, formData, defaultShouldRevalidate }) => {
  if (formMethod?.toUpperCase() === "POST" && formData?.get("intent") === "save") return false;
  return defaultShouldRevalidate;
};

/** The form's id; conform names each input's id after it ("brief-form-timeline.kickoff"), the meter links there. */
const FORM_ID = "brief-form";
const inputHref = (key: string) => `#${FORM_ID}-${key}`;

export default function BriefEditorPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const hydrated = useHydrated();
  const autosave = useAutosave(FORM_ID);
  const newest = useNewestAnswer(result, autosave.answer);
  const fields = useMemo(() => data.sections.flatMap((s) => s.fields), [data.sections]);
  const form = useBriefForm({
    id: FORM_ID,
    template: data.template,
    fields,
    values: data.values,
    problems: data.completeness.problems,
    newest,
  });
  const base = `/w/${data.slug}/campaigns/${data.campaign.id}`;
  const completeness = newest?.answer.completeness ?? data.completeness;
  const publishing = navigation.state === "submitting" && navigation.formData?.get("intent") === "publish";

  return (
    <div>
      <PageHeader
        breadcrumbs={[
          { label: "Campaigns", to: `/w/${data.slug}/campaigns` },
          { label: data.campaign.name, to: base },
        ]}
        title="Edit the brief"
        description={
          <span className="flex flex-wrap items-center gap-2">
            <CampaignStatusBadge status={data.campaign.status} /> {data.campaign.name} · template v{data.templateVersion}
            {data.publishedVersion ? ` · v${data.publishedVersion} is published` : ""}
          </span>
        }
        actions={
          data.publishedVersion ? (
            <ButtonLink to={`${base}/brief`} variant="secondary">
              Read published brief
            </ButtonLink>
          ) : null
        }
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <aside className="lg:order-2">
          <div className="space-y-4 lg:sticky lg:top-6">
            <EditorPanel
              formId={FORM_ID}
              completeness={completeness}
              hrefOf={inputHref}
              saveState={autosave.state}
              savedAt={newest?.answer.savedAt ?? data.savedAt}
              hydrated={hydrated}
              publishing={publishing}
              publishedVersion={data.publishedVersion}
            />
          </div>
        </aside>
        <div className="space-y-6 lg:order-1">
          {result?.ok ? (
            <Alert tone="success" role="status">
              {result.notice}
            </Alert>
          ) : null}
          <FormError id={form.errorId} errors={form.errors} />
          {data.prefilled.length > 0 ? (
            <Alert tone="info" title="Pre-filled from onboarding">
              {data.prefilled.map((k) => (k === "brandStory" ? "Brand story" : "Audience")).join(" and ")} came from the client&apos;s
              onboarding questionnaire. Edit freely.
            </Alert>
          ) : null}
          <FormProvider context={form.context}>
            <Form
              method="post"
              {...getFormProps(form)}
              onChange={autosave.onChange}
              onSubmit={(event) => {
                form.onSubmit(event);
                autosave.afterSubmit(event);
              }}
              className="space-y-6"
            >
              {data.sections.map((section) => (
                <Card key={section.key} title={section.label} description={section.help}>
                  <div className="space-y-5">
                    {section.fields.map((field) => (
                      <BriefField key={field.key} field={field} prefilled={(data.prefilled as string[]).includes(field.key)} />
                    ))}
                  </div>
                </Card>
              ))}
              <noscript>
                <div className="flex gap-2">
                  <button
                    type="submit"
                    name="intent"
                    value="save"
                    className="rounded-lg bg-white px-4 py-2 text-sm font-medium ring-1 ring-slate-300"
                  >
                    Save draft
                  </button>
                </div>
              </noscript>
            </Form>
          </FormProvider>
          <p className="text-sm text-ink-muted">
            <Link to={base} className="text-accent hover:underline">
              Back to the campaign
            </Link>
          </p>
        </div>
      </div>
    </div>
  );
}
