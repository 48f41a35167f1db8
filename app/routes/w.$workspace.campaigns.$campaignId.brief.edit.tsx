import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { z } from "zod";
import { Alert, Button, ButtonLink, Card, FormError, PageHeader } from "~/components/ui";
import { BriefField } from "~/components/briefs/brief-fields";
import { CompletenessMeter } from "~/components/briefs/completeness-meter";
import { CampaignStatusBadge } from "~/components/briefs/status-badge";
import { nestFormEntries } from "~/modules/briefs/brief-schema";
import {
  EmptyBriefSave,
  briefFormEntries,
  ensureBrief,
  mergePrefill,
  questionnairePrefill,
  saveBriefDraft,
  type SaveDraftResult,
} from "~/modules/briefs/drafts.server";
import { publishBrief } from "~/modules/briefs/publish.server";
import { briefCompleteness } from "~/modules/briefs/completeness";
import { CORE_SECTIONS, readPath, type BriefDraft } from "~/modules/briefs/core-sections";
import { formatDateTimeIn } from "~/modules/briefs/format";
import { listOfWords, problemsByField, publishRulesOf } from "~/modules/briefs/publish-rules";
import { templateFields } from "~/modules/briefs/template";
import { currentTemplate } from "~/modules/briefs/templates.server";
import { requireCampaign } from "~/modules/campaigns/access.server";
import { STATUS_OF } from "~/utils/action-data.server";
import { requirePermission } from "~/modules/workspaces/authz.server";
import { notFound, parseWith, readForm } from "~/utils/http.server";
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

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "campaigns.manage");
  const campaign = await requireCampaign(ctx, params.campaignId);
  const form = await readForm(request);
  const which = parseWith(intentSchema, { intent: form.get("intent") ?? undefined });
  if (!which.success) {
    return json(
      {
        ok: false as const,
        intent: null,
        errors: which.errors,
        formError: "Unknown action. Reload the page and try again.",
        savedAt: null,
        completeness: null,
        posted: null,
      },
      { status: 400 },
    );
  }
  const intent = which.data.intent;
  const { entries, fileErrors } = briefFormEntries(form);
  const zone = ctx.user.timeZone || "UTC";
  let saved: SaveDraftResult | null = null;
  try {
    saved = await saveBriefDraft(ctx, campaign, entries, fileErrors);
  } catch (error) {
    // Publishing what is already saved needs no fields; saving nothing is a malformed request.
    if (!(error instanceof EmptyBriefSave)) throw error;
    if (intent === "save")
      return json(
        {
          ok: false as const,
          intent,
          errors: {} as Record<string, string[]>,
          formError: error.message,
          savedAt: null,
          completeness: null,
          posted: null,
        },
        { status: 400 },
      );
  }
  const savedAt = saved?.savedAt ? formatDateTimeIn(saved.savedAt, zone) : null;
  if (saved && Object.keys(saved.errors).length > 0) {
    return json(
      {
        ok: false as const,
        intent,
        errors: saved.errors,
        savedAt,
        completeness: saved.completeness,
        posted: nestFormEntries(entries),
        formError: saved.saved
          ? "Saved, except the highlighted fields: they keep their last saved value until they are fixed."
          : "Nothing was saved: please correct the highlighted fields.",
      },
      { status: 400 },
    );
  }
  if (intent === "save")
    return json({
      ok: true as const,
      intent,
      errors: {} as Record<string, string[]>,
      formError: null,
      savedAt,
      completeness: saved?.completeness ?? null,
      posted: null,
    });
  const published = await publishBrief(ctx, { campaignId: campaign.id });
  if (published.ok) return redirect(`/w/${ctx.workspace.slug}/campaigns/${campaign.id}?published=${published.value.version}`);
  const { problem } = published;
  if (problem.kind === "not_found") notFound();
  // A refusal about particular fields (an impossible plan) also says so next to each of them.
  const errors: Record<string, string[]> = problem.fields ?? {};
  return json(
    { ok: false as const, intent, errors, formError: problem.message, savedAt, completeness: saved?.completeness ?? null, posted: null },
    { status: STATUS_OF[problem.kind] },
  );
}

/** Autosaves do not reload the page's data: the fetcher's answer carries the meter and the time. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, formData, defaultShouldRevalidate }) => {
  if (formMethod?.toUpperCase() === "POST" && formData?.get("intent") === "save") return false;
  return defaultShouldRevalidate;
};

type SaveState = "idle" | "dirty" | "saving" | "saved" | "error";

export default function BriefEditorPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const fetcher = useFetcher<typeof action>();
  const navigation = useNavigation();
  const hydrated = useHydrated();
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const dirty = useRef(false);
  const [state, setState] = useState<SaveState>("idle");
  const base = `/w/${data.slug}/campaigns/${data.campaign.id}`;

  const latest = fetcher.data ?? result;
  const completeness = latest?.completeness ?? data.completeness;
  // Problems that only refuse a publish (dates out of order) show next to their field while typing too.
  const errors = { ...problemsByField(completeness.problems), ...(latest?.errors ?? {}) } as Record<string, string[]>;
  const savedAt = latest?.savedAt ?? data.savedAt;
  // After a plain-form 400, what was typed comes back so nothing is lost.
  const posted = result && !result.ok ? (result.posted as BriefDraft | null) : null;

  const snapshot = useCallback(() => {
    const fd = new FormData(formRef.current ?? undefined);
    fd.set("intent", "save");
    return fd;
  }, []);

  const save = useCallback(() => {
    clearTimeout(timer.current);
    if (!dirty.current) return;
    dirty.current = false;
    setState("saving");
    fetcher.submit(snapshot(), { method: "post" });
  }, [fetcher, snapshot]);

  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data) return;
    if (dirty.current) return;
    setState(fetcher.data.ok ? "saved" : "error");
  }, [fetcher.state, fetcher.data]);

  // Closing the tab or navigating away flushes what is not saved yet.
  useEffect(() => {
    const flush = () => {
      if (!dirty.current) return;
      dirty.current = false;
      navigator.sendBeacon(window.location.pathname, snapshot());
    };
    const onHide = () => document.visibilityState === "hidden" && flush();
    window.addEventListener("pagehide", flush);
    document.addEventListener("visibilitychange", onHide);
    return () => {
      window.removeEventListener("pagehide", flush);
      document.removeEventListener("visibilitychange", onHide);
    };
  }, [snapshot]);

  const onChange = () => {
    dirty.current = true;
    setState("dirty");
    clearTimeout(timer.current);
    timer.current = setTimeout(save, 600);
  };

  const publishing = navigation.state === "submitting" && navigation.formData?.get("intent") === "publish";
  const statusText =
    state === "saving"
      ? "Saving…"
      : state === "dirty"
        ? "Unsaved changes…"
        : state === "error"
          ? "Some fields could not be saved"
          : savedAt
            ? `All changes saved · ${savedAt}`
            : "Not saved yet";
  const valueOf = (key: string) => (posted ? readPath(posted, key) : data.values[key]);

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
            <Card>
              <div className="space-y-4">
                <CompletenessMeter percent={completeness.percent} missing={completeness.missing} problems={completeness.problems} />
                <p className="text-sm text-ink-muted" role="status" aria-live="polite" data-testid="save-status">
                  {hydrated ? statusText : savedAt ? `Last saved ${savedAt}` : "Not saved yet"}
                </p>
                <div className="flex flex-wrap gap-2">
                  <Button type="submit" form="brief-form" name="intent" value="save" variant="secondary">
                    Save draft
                  </Button>
                  <Button type="submit" form="brief-form" name="intent" value="publish" disabled={publishing}>
                    {publishing ? "Publishing…" : data.publishedVersion ? `Publish v${data.publishedVersion + 1}` : "Publish brief"}
                  </Button>
                </div>
                <p className="text-xs text-ink-muted">
                  Publishing asks every assigned agency member and creator to acknowledge this version. A change to a material field asks
                  them again.
                </p>
              </div>
            </Card>
          </div>
        </aside>
        <div className="space-y-6 lg:order-1">
          {result?.ok ? (
            <Alert tone="success" role="status">
              Draft saved.
            </Alert>
          ) : null}
          <FormError errors={latest && !latest.ok ? latest.formError : undefined} />
          {data.prefilled.length > 0 ? (
            <Alert tone="info" title="Pre-filled from onboarding">
              {data.prefilled.map((k) => (k === "brandStory" ? "Brand story" : "Audience")).join(" and ")} came from the client&apos;s
              onboarding questionnaire. Edit freely.
            </Alert>
          ) : null}
          <Form
            method="post"
            id="brief-form"
            ref={formRef}
            onChange={onChange}
            onSubmit={() => {
              clearTimeout(timer.current);
              dirty.current = false;
            }}
            noValidate
            className="space-y-6"
            key={posted ? JSON.stringify(posted).length : "saved"}
          >
            {data.sections.map((section) => (
              <Card key={section.key} title={section.label} description={section.help}>
                <div className="space-y-5">
                  {section.fields.map((field) => (
                    <BriefField
                      key={field.key}
                      field={field}
                      value={valueOf(field.key)}
                      errors={errors}
                      prefilled={(data.prefilled as string[]).includes(field.key)}
                    />
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
