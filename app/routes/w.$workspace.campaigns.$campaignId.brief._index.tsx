import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { CheckCircleIcon } from "~/components/icons";
import { Alert, Badge, Button, ButtonLink, EmptyState, FormError, TextAreaField, cx } from "~/components/ui";
import { BriefDiff } from "~/components/briefs/diff-view";
import { diffBriefs } from "~/modules/briefs/brief-diff";
import { acknowledgeBrief, addBriefComment } from "~/modules/briefs/feedback.server";
import { ackSchema, commentSchema } from "~/modules/briefs/feedback-schemas";
import { acknowledgmentsOf, commentsOf, lastAcknowledgedVersion, versionContent, versionsOf } from "~/modules/briefs/reading.server";
import type { BriefDraft } from "~/modules/briefs/core-sections";
import { displaySections } from "~/modules/briefs/display";
import { formatDateTimeIn, sectionAnchor, waitedFor } from "~/modules/briefs/format";
import { templateVersion } from "~/modules/briefs/templates.server";
import { requireCampaign } from "~/modules/campaigns/access.server";
import { campaignPeople } from "~/modules/campaigns/page.server";
import { requireMember } from "~/modules/workspaces/authz.server";
import { answer, problemAnswer, type ActionData } from "~/utils/action-data.server";
import { conformResult } from "~/utils/conform";
import { invalid, type Outcome } from "~/utils/outcome";
import { notFound, parseWith, readForm } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Brief: ${data.campaign.name} · Baton` : "Brief · Baton" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireMember(request, params.workspace);
  const campaign = await requireCampaign(ctx, params.campaignId);
  const [versions, people] = await Promise.all([versionsOf(campaign.id), campaignPeople(campaign)]);
  const zone = ctx.user.timeZone || "UTC";
  const base = {
    slug: ctx.workspace.slug,
    now: Date.now(),
    canEdit: ctx.can("campaigns.manage"),
    campaign: { id: campaign.id, name: campaign.name, brand: people.brand?.name ?? "" },
  };
  const latest = versions[0];
  if (!latest) return json({ ...base, published: null });
  const [row, acks, comments, lastAcked] = await Promise.all([
    versionContent(campaign.id, latest.version),
    acknowledgmentsOf(latest.id),
    commentsOf(campaign.id),
    lastAcknowledgedVersion(campaign.id, ctx.user.id),
  ]);
  const template = await templateVersion(ctx.workspace.id, latest.templateVersion);
  const content = (row?.content ?? {}) as BriefDraft;
  const mine = acks.find((a) => a.userId === ctx.user.id) ?? null;
  // What changed since the version this person last acknowledged (or, for everyone else, the previous one).
  const since = mine && !mine.acknowledgedAt && lastAcked && lastAcked < latest.version ? lastAcked : null;
  const sinceRow = since ? await versionContent(campaign.id, since) : null;
  return json({
    ...base,
    published: {
      version: latest.version,
      publishedAt: formatDateTimeIn(latest.publishedAt, zone),
      publishedBy: latest.publishedBy,
      sections: displaySections(template, content),
      mine: mine
        ? { acknowledgedAt: mine.acknowledgedAt ? formatDateTimeIn(mine.acknowledgedAt, zone) : null, requestedAt: mine.requestedAt }
        : null,
      diff: sinceRow ? { from: since!, changes: diffBriefs(template, sinceRow.content as BriefDraft, content) } : null,
      acks: { total: acks.length, done: acks.filter((a) => a.acknowledgedAt).length },
      comments: comments.map((c) => ({ ...c, createdAt: formatDateTimeIn(c.createdAt, zone) })),
    },
  });
}

const intentSchema = z.object({ intent: z.enum(["acknowledge", "comment"], { errorMap: () => ({ message: "Unknown action." }) }) });

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireMember(request, params.workspace);
  const campaign = await requireCampaign(ctx, params.campaignId);
  const form = await readForm(request);
  const which = parseWith(intentSchema, { intent: form.get("intent") ?? undefined });
  if (!which.success) return problemAnswer(invalid("Unknown action. Reload the page and try again.", which.errors).problem);
  const intent = which.data.intent;
  if (intent === "acknowledge") {
    const parsed = parseWith(ackSchema, form);
    if (!parsed.success) return problemAnswer(invalid("Reload the page and try again.", parsed.errors).problem, { intent });
    const done = foundOrThrow(await acknowledgeBrief(ctx, { campaign, version: parsed.data.version }));
    return answer(done, { intent, notice: (d) => `You acknowledged v${d.version}. Thank you: the handoff is complete.` });
  }
  const parsed = parseWith(commentSchema, form);
  const section = typeof form.get("section") === "string" ? String(form.get("section")).slice(0, 80) : "";
  if (!parsed.success)
    return problemAnswer(invalid(undefined, parsed.errors).problem, {
      intent,
      target: section,
      values: { body: typeof form.get("body") === "string" ? String(form.get("body")).slice(0, 2000) : "" },
    });
  const done = foundOrThrow(await addBriefComment(ctx, { campaign, ...parsed.data }));
  // The section as target, so the page empties that section's form once it was sent.
  return answer(done, {
    intent,
    target: section,
    notice: (d) => `${parsed.data.kind === "question" ? "Question" : "Comment"} on ${d.section} sent.`,
  });
}

/** A brief or an acknowledgment that is not there is the page's 404, as for a campaign out of reach. */
function foundOrThrow<T>(outcome: Outcome<T>): Outcome<T> {
  if (!outcome.ok && outcome.problem.kind === "not_found") notFound();
  return outcome;
}

type Answer = Pick<ActionData, "ok" | "intent" | "errors" | "formError" | "values" | "target" | "at"> | undefined;

/** A section's comment form: conform with the action's `commentSchema`; the answer's `target` names the section it belongs to. */
function CommentForm({ sectionKey, label, result }: { sectionKey: string; label: string; result: Answer }) {
  const busy = useNavigation().formData?.get("section") === sectionKey;
  const mine = result?.intent === "comment" && result.target === sectionKey ? result : undefined;
  const [form, fields] = useForm({
    id: `comment-${sectionKey}`,
    lastResult: conformResult(mine, "comment"),
    constraint: getZodConstraint(commentSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: commentSchema }),
  });
  const fieldErrors = fields.body.errors ?? fields.kind.errors ?? fields.section.errors;
  const kind = fields.kind.initialValue === "comment" ? "comment" : "question";
  return (
    <>
      <details className="mt-4 rounded-lg bg-slate-50 ring-1 ring-inset ring-slate-200" open={Boolean(mine && !mine.ok)}>
        <summary className="cursor-pointer select-none px-4 py-3 text-sm font-medium text-accent focus:outline-none focus-visible:ring-2 focus-visible:ring-accent">
          Comment or ask a question<span className="sr-only"> about {label}</span>
        </summary>
        <Form method="post" className="space-y-3 px-4 pb-4" preventScrollReset {...getFormProps(form)}>
          <input type="hidden" name="intent" value="comment" />
          <input type="hidden" name={fields.section.name} value={sectionKey} />
          <fieldset className="flex flex-wrap gap-4 text-sm">
            <legend className="sr-only">Kind</legend>
            <label className="flex items-center gap-2">
              <input type="radio" name={fields.kind.name} value="question" defaultChecked={kind === "question"} className="accent-accent" />{" "}
              Question
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name={fields.kind.name} value="comment" defaultChecked={kind === "comment"} className="accent-accent" />{" "}
              Comment
            </label>
          </fieldset>
          <TextAreaField
            label={`Your note on ${label}`}
            name={fields.body.name}
            rows={3}
            maxLength={2000}
            defaultValue={typeof fields.body.initialValue === "string" ? fields.body.initialValue : undefined}
            errors={fieldErrors}
          />
          <Button type="submit" size="sm" variant="secondary" disabled={busy}>
            {busy ? "Sending…" : "Send"}
          </Button>
        </Form>
      </details>
      {/* A refusal that names no field (the brief is gone, too many notes) shows under the form. */}
      {form.errors && !fieldErrors ? <FormError className="mt-2" errors={form.errors} /> : null}
    </>
  );
}

/** The bar that acknowledges the version read: conform with the action's `ackSchema`; its refusal shows in the bar. */
function AcknowledgeBar({ version, result, busy }: { version: number; result: Answer; busy: boolean }) {
  const [form, fields] = useForm({
    id: "acknowledge",
    lastResult: conformResult(result, "acknowledge"),
    constraint: getZodConstraint(ackSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ackSchema }),
  });
  return (
    <div className="fixed inset-x-0 bottom-0 z-10 border-t border-slate-200 bg-white/95 px-4 py-3 shadow-lg backdrop-blur">
      <Form method="post" className="mx-auto max-w-2xl space-y-2" {...getFormProps(form)}>
        {/* The version's own message is the form's ("Reload the page and try again."): said once. */}
        <FormError errors={form.errors ?? fields.version.errors} />
        <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
          <input type="hidden" name="intent" value="acknowledge" />
          <input type="hidden" name={fields.version.name} value={version} />
          <p className="text-sm text-ink-soft">I have read version {version} and will work to it.</p>
          <Button type="submit" disabled={busy} className="w-full sm:w-auto">
            <CheckCircleIcon /> {busy ? "Acknowledging…" : `Acknowledge v${version}`}
          </Button>
        </div>
      </Form>
    </div>
  );
}

export default function BriefReadPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const base = `/w/${data.slug}/campaigns/${data.campaign.id}`;
  const p = data.published;
  if (!p) {
    return (
      <div className="mx-auto max-w-2xl py-6">
        <EmptyState
          title="The brief is not published yet"
          description={`The brief for ${data.campaign.name} is still being written. You will be notified when it is ready to read.`}
          action={
            data.canEdit ? (
              <ButtonLink to={`${base}/brief/edit`}>Write the brief</ButtonLink>
            ) : (
              <ButtonLink to={base} variant="secondary">
                Back to the campaign
              </ButtonLink>
            )
          }
        />
      </div>
    );
  }
  const acking = navigation.formData?.get("intent") === "acknowledge";
  const needsAck = p.mine && !p.mine.acknowledgedAt;
  return (
    <article className="mx-auto max-w-2xl pb-28">
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-ink-muted">
        <Link to={base} className="hover:text-ink hover:underline">
          {data.campaign.name}
        </Link>
      </nav>
      <header className="mb-6">
        <p className="text-sm font-medium text-ink-muted">{data.campaign.brand}</p>
        <h1 className="text-2xl font-semibold tracking-tight text-ink sm:text-3xl">{data.campaign.name}: the brief</h1>
        <p className="mt-2 flex flex-wrap items-center gap-2 text-sm text-ink-muted">
          <Badge tone="info">Version {p.version}</Badge>
          <span>
            Published {p.publishedAt}
            {p.publishedBy ? ` by ${p.publishedBy}` : ""}
          </span>
        </p>
      </header>

      <div className="space-y-4">
        {result?.ok ? (
          <Alert tone="success" role="status">
            {result.notice}
          </Alert>
        ) : null}
        {/* Answers no form on screen owns: an unknown action, or an acknowledgment once the bar is gone. */}
        {result && !result.ok && result.intent !== "comment" && !(needsAck && result.intent === "acknowledge") ? (
          <FormError errors={result.formError} />
        ) : null}
        {p.mine?.acknowledgedAt ? (
          <Alert tone="success" title={`You acknowledged v${p.version}`}>
            On {p.mine.acknowledgedAt}. If anything material changes, you will be asked again.
          </Alert>
        ) : null}
        {needsAck && p.mine ? (
          <Alert
            tone="warning"
            title={
              p.version > 1 ? `The brief changed: v${p.version} needs your acknowledgment` : "Please read the brief and acknowledge it"
            }
          >
            Waiting for you for {waitedFor(p.mine.requestedAt, data.now)}. Until you acknowledge it, the handoff stays with the sender.
          </Alert>
        ) : null}
        {p.diff ? (
          <section aria-labelledby="changes-heading" className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-amber-300 sm:p-6">
            <h2 id="changes-heading" className="text-lg font-semibold text-ink">
              What changed since v{p.diff.from}
            </h2>
            <p className="mb-4 mt-1 text-sm text-ink-muted">The version you acknowledged before, compared with this one.</p>
            <BriefDiff changes={p.diff.changes} />
          </section>
        ) : null}
      </div>

      <div className="mt-6 space-y-4">
        {p.sections.map((section) => {
          const notes = p.comments.filter((c) => c.section === section.key);
          return (
            <section
              key={section.key}
              id={sectionAnchor(section.key)}
              aria-labelledby={`${sectionAnchor(section.key)}-h`}
              className="scroll-mt-6 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6"
            >
              <h2 id={`${sectionAnchor(section.key)}-h`} className="text-lg font-semibold text-ink">
                {section.label}
              </h2>
              <div className="mt-3 space-y-4">
                {section.fields.map((f) => (
                  <div key={f.key}>
                    {section.fields.length > 1 || f.label !== section.label ? (
                      <h3 className="text-xs font-semibold uppercase tracking-wide text-ink-muted">{f.label}</h3>
                    ) : null}
                    {f.lines.length > 1 ? (
                      <ul className="mt-1 list-disc space-y-1 pl-5 text-base leading-7 text-ink">
                        {f.lines.map((line, i) => (
                          <li key={i}>{line}</li>
                        ))}
                      </ul>
                    ) : (
                      <p className={cx("mt-1 whitespace-pre-line break-words text-ink", f.long ? "text-base leading-7" : "text-base")}>
                        {f.lines[0]}
                      </p>
                    )}
                  </div>
                ))}
              </div>
              {notes.length > 0 ? (
                <ul className="mt-4 space-y-2 border-t border-slate-100 pt-3" aria-label={`Comments on ${section.label}`}>
                  {notes.map((n) => (
                    <li key={n.id} className="text-sm">
                      <p className="text-ink-muted">
                        <span className="font-medium text-ink">{n.author}</span> {n.kind === "question" ? "asked" : "commented"} on v
                        {n.version} · {n.createdAt}
                      </p>
                      <p className="mt-0.5 whitespace-pre-line break-words text-ink">{n.body}</p>
                    </li>
                  ))}
                </ul>
              ) : null}
              {/* A new key after a sent note empties the form for the next one. */}
              <CommentForm
                key={result?.ok && result.intent === "comment" && result.target === section.key ? result.at : "form"}
                sectionKey={section.key}
                label={section.label}
                result={result}
              />
            </section>
          );
        })}
      </div>

      {needsAck ? <AcknowledgeBar version={p.version} result={result} busy={acking} /> : null}
      {data.canEdit ? (
        <p className="mt-6 text-sm">
          <Link to={`${base}/brief/edit`} className="text-accent hover:underline">
            Edit the brief
          </Link>{" "}
          · {p.acks.done} of {p.acks.total} acknowledged
        </p>
      ) : null}
    </article>
  );
}
