import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { z } from "zod";
import { CopyDiffView } from "~/components/approvals/copy-diff-view";
import { Countdown } from "~/components/approvals/countdown";
import { LiveRegion } from "~/components/approvals/live-region";
import { RouteProgress, type RouteStageView } from "~/components/approvals/route-progress";
import { DeliverableStatusBadge } from "~/components/approvals/status-badge";
import { ExternalLinkIcon, FileIcon } from "~/components/icons";
import { Alert, Badge, Button, Card, FormError, PageHeader, SelectField, TextAreaField, TextField } from "~/components/ui";
import { FileUpload } from "~/components/upload/file-upload";
import { handleDeliverableAction, type DeliverableActionData } from "~/modules/approvals/actions.server";
import { toLocalInput } from "~/utils/time";
import type { DeliverableIntent } from "~/modules/approvals/schemas";
import { deliverablePage } from "~/modules/approvals/queries.server";
import { isId } from "~/modules/approvals/scope.server";
import { requireMember } from "~/modules/workspaces/authz.server";
import { env } from "~/utils/env.server";
import { notFound } from "~/utils/http.server";
import { formatCount } from "~/utils/numbers";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.page.title} · Baton` : "Deliverable · Baton" }];

const viewSchema = z.object({
  v: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
  compare: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireMember(request, params.workspace);
  if (!isId(params.deliverableId)) throw json({ message: "That is not a deliverable id." }, { status: 400 });
  const search = Object.fromEntries(new URL(request.url).searchParams);
  const view = viewSchema.parse({ v: search.v || undefined, compare: search.compare || undefined });
  const page = await deliverablePage(ctx, params.deliverableId, { view: view.v, compare: view.compare });
  if (!page) notFound("That deliverable does not exist.");
  return json({
    page,
    publishInput: toLocalInput(new Date(page.publishAt), page.viewerZone),
    viewerId: ctx.user.id,
    maxUploadBytes: env().MAX_UPLOAD_MB * 1_000_000,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireMember(request, params.workspace);
  if (!isId(params.deliverableId)) throw json({ ok: false, errors: {}, formError: "That is not a deliverable id." }, { status: 400 });
  return handleDeliverableAction(request, ctx, params.deliverableId);
}

type Page = ReturnType<typeof useLoaderData<typeof loader>>["page"];

function useResult(intent: DeliverableIntent): DeliverableActionData | null {
  const data = useActionData<typeof action>() as DeliverableActionData | undefined;
  return data && data.intent === intent ? data : null;
}

function Notice() {
  const data = useActionData<typeof action>() as DeliverableActionData | undefined;
  return (
    <div aria-live="polite" role="status">
      {data?.ok && data.notice ? <Alert tone="success">{data.notice}</Alert> : null}
    </div>
  );
}

function IntentError({ intent }: { intent: DeliverableIntent }) {
  const result = useResult(intent);
  return <LiveRegion>{result && !result.ok && result.formError ? <FormError errors={result.formError} /> : null}</LiveRegion>;
}

const ACTION_TEXT: Record<string, string> = {
  "deliverable.created": "created the deliverable",
  "draft.submitted": "submitted a version",
  "draft.approved": "approved",
  "draft.changes_requested": "requested changes",
  "draft.signed_off": "signed off",
  "draft.commented": "commented",
  "deliverable.scheduled": "marked it scheduled",
  "deliverable.unscheduled": "marked it not scheduled",
  "deliverable.published": "marked it published",
  "deliverable.rescheduled": "changed the publish time",
  "deliverable.blocked": "blocked it: the sign-off deadline passed",
  "deliverable.override": "overrode the block (exception)",
};

function activityDetail(data: unknown): string | null {
  if (!data || typeof data !== "object") return null;
  const d = data as Record<string, unknown>;
  const bits: string[] = [];
  if (typeof d.version === "number" && d.version > 0) bits.push(`v${d.version}`);
  if (typeof d.stage === "string") bits.push(d.stage);
  if (d.late === true) bits.push("late");
  if (typeof d.comment === "string" && d.comment) bits.push(`“${d.comment}”`);
  if (typeof d.reason === "string") bits.push(`reason: “${d.reason}”`);
  if (typeof d.liveUrl === "string") bits.push(d.liveUrl);
  return bits.length ? bits.join(" · ") : null;
}

export default function DeliverablePage() {
  const { page, publishInput, maxUploadBytes, viewerId } = useLoaderData<typeof loader>();
  const base = `/w/${page.slug}/deliverables/${page.id}`;
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <PageHeader
        title={page.title}
        breadcrumbs={[
          { label: "Approvals", to: `/w/${page.slug}/approvals` },
          { label: page.campaign.name, to: `/w/${page.slug}/campaigns/${page.campaign.id}` },
        ]}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <DeliverableStatusBadge status={page.status} />
            <span>{page.channelLabel}</span>
            <span aria-hidden>·</span>
            <span>{page.creatorName ?? "No creator assigned"}</span>
            <span aria-hidden>·</span>
            <span className="inline-flex items-center gap-1">
              <span className="h-2 w-2 rounded-full" style={{ backgroundColor: page.brand.color }} aria-hidden />
              {page.brand.name}
            </span>
            {page.countdown ? (
              <>
                <span aria-hidden>·</span>
                <Countdown deadline={page.deadline} initial={page.countdown} />
              </>
            ) : null}
            {page.currentVersion > 0 ? (
              <>
                <span aria-hidden>·</span>
                <span>
                  v{page.currentVersion}, {page.revisionRounds} revision round{page.revisionRounds === 1 ? "" : "s"}
                </span>
              </>
            ) : null}
          </span>
        }
      />
      <Notice />
      <StatusAlert page={page} />

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          {page.can.decide ? <DecidePanel page={page} /> : <NotYourTurn page={page} viewerId={viewerId} />}
          {page.can.submit ? <SubmitPanel page={page} maxUploadBytes={maxUploadBytes} /> : null}
          <VersionsPanel page={page} base={base} />
        </div>
        <div className="space-y-6">
          <TimingPanel page={page} />
          <Card
            title="Approval route"
            description={page.routeSaved ? "Set by the campaign's coordinator." : "The default route: agency review, then brand sign-off."}
            actions={
              page.can.editRoute ? (
                <Link
                  to={`/w/${page.slug}/campaigns/${page.campaign.id}/route`}
                  className="text-sm font-medium text-accent hover:underline"
                >
                  Edit route
                </Link>
              ) : null
            }
          >
            <p className="mb-3 text-sm text-ink-soft">
              <span className="font-medium text-ink">Who holds it now:</span> {page.holder}
            </p>
            <RouteProgress stages={page.route as RouteStageView[]} />
          </Card>
          {page.can.showPublishing || page.liveUrl ? <PublishingPanel page={page} /> : null}
          {page.can.reschedule ? <ReschedulePanel page={page} publishInput={publishInput} /> : null}
          {page.can.override ? <OverridePanel /> : null}
          <ActivityPanel page={page} />
        </div>
      </div>
    </div>
  );
}

function StatusAlert({ page }: { page: Page }) {
  if (page.status === "blocked") {
    return (
      <Alert tone="danger" title="Blocked: no sign-off before the deadline">
        The brand had not signed off by {page.deadlineLabel}. It cannot be scheduled or published until it is rescheduled at least{" "}
        {page.windowHours} hours ahead, or an admin overrides the block with a reason.
      </Alert>
    );
  }
  if (page.status === "changes_requested") {
    const asked = page.versions[0]?.decisions.filter((d) => d.decision === "request_changes").at(-1);
    return (
      <Alert tone="warning" title={asked ? `${asked.who} asked for changes on v${page.currentVersion}` : "Changes requested"}>
        {asked?.comment ? <p className="whitespace-pre-wrap">“{asked.comment}”</p> : null}
        <p className={asked?.comment ? "mt-1" : undefined}>The creator submits a new version; the route starts again on it.</p>
      </Alert>
    );
  }
  if (page.status === "published" && page.liveUrl) {
    return (
      <Alert tone="success" title="Published">
        Live at{" "}
        <a href={page.liveUrl} rel="noreferrer noopener" target="_blank">
          {page.liveUrl}
        </a>
        .
      </Alert>
    );
  }
  if (page.override) {
    return (
      <Alert tone="warning" title="Published without a timely sign-off (exception)">
        {page.override.by} overrode the block on {page.override.at}: “{page.override.reason}”.
      </Alert>
    );
  }
  return null;
}

/** Why an approver on the route sees no decision buttons right now. */
function NotYourTurn({ page, viewerId }: { page: Page; viewerId: string }) {
  if (page.status !== "in_review") return null;
  const mine = page.route.findIndex((s) => s.approvers.some((a) => a.id === viewerId));
  if (mine === -1) return null;
  const stage = page.route[mine];
  let text: string | null = null;
  if (page.can.selfSubmitted) text = `You submitted v${page.currentVersion}, so someone else on the route decides on it.`;
  else if (stage.state === "waiting")
    text = `It reaches you at “${stage.name}” once the stages before it approve v${page.currentVersion}. You'll get an email.`;
  else if (stage.approvers.find((a) => a.id === viewerId)?.decided) text = `You already decided on v${page.currentVersion}.`;
  return text ? <Alert tone="info">{text}</Alert> : null;
}

function TimingPanel({ page }: { page: Page }) {
  const sameZone = page.viewerZone === page.brand.timeZone;
  return (
    <Card
      title="Timing"
      description={
        sameZone ? `Times in ${page.viewerZone}.` : `Your time (${page.viewerZone}) first, the brand's (${page.brand.timeZone}) beside it.`
      }
    >
      <dl className="space-y-3 text-sm">
        <div>
          <dt className="font-medium text-ink">Goes live</dt>
          <dd className="text-ink-soft">{page.publishLabel}</dd>
        </div>
        <div>
          <dt className="font-medium text-ink">Brand sign-off deadline</dt>
          <dd className="text-ink-soft">{page.deadlineLabel}</dd>
          <dd className="mt-1 text-xs text-ink-muted">
            {page.windowHours} hours before it goes live. A sign-off counts only on the current version and before this time.
          </dd>
          {page.countdown ? (
            <dd className="mt-2">
              <Countdown deadline={page.deadline} initial={page.countdown} />
            </dd>
          ) : null}
        </div>
        {page.signedOff ? (
          <div>
            <dt className="font-medium text-ink">Signed off</dt>
            <dd className="text-ink-soft">
              v{page.signedOff.version} by {page.signedOff.by}, {page.signedOff.at}
            </dd>
          </div>
        ) : null}
      </dl>
    </Card>
  );
}

function DecidePanel({ page }: { page: Page }) {
  const result = useResult("decide");
  const busy = useNavigation().state === "submitting";
  const approveLabel = page.can.signoffStage ? `Sign off v${page.currentVersion}` : `Approve v${page.currentVersion}`;
  return (
    <Card
      title={page.can.signoffStage ? "Your sign-off" : "Your review"}
      description={
        page.can.signoffStage
          ? `You sign off for ${page.brand.name}. Sign off before ${page.deadlineLabel}, or it is blocked.`
          : "Approve to pass it to the next stage, or ask the creator for changes."
      }
    >
      <div className="space-y-4">
        <IntentError intent="decide" />
        <Form method="post" className="flex flex-wrap items-center gap-3">
          <input type="hidden" name="intent" value="decide" />
          <input type="hidden" name="version" value={page.currentVersion} />
          <input type="hidden" name="decision" value="approve" />
          <Button type="submit" disabled={busy}>
            {approveLabel}
          </Button>
          <span className="text-sm text-ink-muted">You are deciding on version {page.currentVersion}, shown below.</span>
        </Form>
        <Form method="post" className="space-y-3 border-t border-slate-200 pt-4">
          <input type="hidden" name="intent" value="decide" />
          <input type="hidden" name="version" value={page.currentVersion} />
          <input type="hidden" name="decision" value="request_changes" />
          <TextAreaField
            label="Request changes"
            name="comment"
            rows={3}
            hint="Say what should change. The creator sees this with the version."
            defaultValue={result?.values.comment ?? ""}
            errors={result?.errors.comment}
          />
          <Button type="submit" variant="secondary" disabled={busy}>
            Request changes
          </Button>
        </Form>
      </div>
    </Card>
  );
}

function SubmitPanel({ page, maxUploadBytes }: { page: Page; maxUploadBytes: number }) {
  const result = useResult("submit");
  const [uploading, setUploading] = useState(false);
  const busy = useNavigation().state === "submitting";
  const current = page.versions[0] ?? null;
  const values = result?.values ?? { copy: current?.copy ?? "", title: current?.title ?? "", link: current?.link ?? "" };
  const req = page.requirements;
  const utm = req.requiredUtm.map((u) => ("value" in u && u.value ? `${u.name}=${u.value}` : u.name));
  const next = page.currentVersion + 1;
  return (
    <Card
      title={page.currentVersion === 0 ? "Submit the first draft" : `Submit version ${next}`}
      description="Checks run before it is sent: the brief's disclosure, the campaign's tracking parameters, the channel's limits and required files."
    >
      {/* Keyed by version: after a submission the form (and its uploads) starts fresh. */}
      <Form key={page.currentVersion} method="post" encType="multipart/form-data" className="space-y-5" noValidate>
        <LiveRegion>
          {result && !result.ok ? (
            <FormError errors={result.formError}>
              {result.failures.length > 0 ? (
                <ul className="list-disc space-y-1 pl-5">
                  {result.failures.map((f) => (
                    <li key={`${f.code}-${f.message}`}>{f.message}</li>
                  ))}
                </ul>
              ) : null}
            </FormError>
          ) : null}
        </LiveRegion>
        <ul className="flex flex-wrap gap-2 text-xs" aria-label="What this draft must carry">
          {req.disclosure ? (
            <li>
              <Badge tone="info">Disclosure: {req.disclosure}</Badge>
            </li>
          ) : null}
          {utm.map((u) => (
            <li key={u}>
              <Badge tone="info">{u}</Badge>
            </li>
          ))}
          {page.copyLimit ? (
            <li>
              <Badge>
                {page.channelLabel}: up to {formatCount(page.copyLimit)} characters
              </Badge>
            </li>
          ) : null}
        </ul>
        {page.titleRequired ? (
          <TextField label="Title" name="title" defaultValue={values.title} errors={result?.errors.title} required />
        ) : null}
        <TextAreaField
          label={`The ${page.copyName}`}
          name="copy"
          rows={6}
          defaultValue={values.copy}
          errors={result?.errors.copy}
          hint={req.disclosure ? `Include “${req.disclosure}”.` : undefined}
        />
        <TextField
          label="Link"
          name="link"
          type="url"
          inputMode="url"
          defaultValue={values.link}
          errors={result?.errors.link}
          hint={utm.length ? `With ${utm.join(", ")}.` : "Optional."}
        />
        <FileUpload
          action={`/w/${page.slug}/uploads`}
          purpose="draft_media"
          name="media"
          label="Media"
          multiple
          accept="image/png,image/jpeg,image/gif,image/webp,video/mp4,application/pdf"
          hint="Images, videos or PDFs. Images are previewed for reviewers."
          maxBytes={maxUploadBytes}
          errors={result?.errors.media}
          onBusyChange={setUploading}
        />
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={busy || uploading}>
            {page.currentVersion === 0 ? "Submit for review" : `Submit version ${next}`}
          </Button>
          {uploading ? <span className="text-sm text-ink-muted">Waiting for uploads to finish…</span> : null}
        </div>
        <input type="hidden" name="intent" value="submit" />
        <input type="hidden" name="basedOnVersion" value={page.currentVersion} />
      </Form>
    </Card>
  );
}

function VersionsPanel({ page, base }: { page: Page; base: string }) {
  const viewed = page.viewed;
  const commentResult = useResult("comment");
  if (!viewed) {
    return (
      <Card title="Versions">
        <p className="text-sm text-ink-muted">
          No version submitted yet. The creator submits the first draft here; reviewers are told at once.
        </p>
      </Card>
    );
  }
  const others = page.versions.filter((v) => v.version !== viewed.version);
  return (
    <Card
      title={`Version ${viewed.version}${viewed.version === page.currentVersion ? " (current)" : ""}`}
      description={`Submitted by ${viewed.submittedBy}, ${viewed.submittedAt}.`}
      actions={viewed.late ? <Badge tone="danger">Submitted late</Badge> : null}
    >
      <div className="space-y-6">
        {page.versions.length > 1 ? (
          <nav aria-label="Versions" className="flex flex-wrap gap-2">
            {page.versions.map((v) => (
              <Link
                key={v.id}
                to={`${base}?v=${v.version}`}
                aria-current={v.version === viewed.version ? "page" : undefined}
                className={
                  v.version === viewed.version
                    ? "rounded-md bg-accent px-2.5 py-1 text-sm font-medium text-white"
                    : "rounded-md bg-slate-100 px-2.5 py-1 text-sm text-ink hover:bg-slate-200"
                }
              >
                v{v.version}
              </Link>
            ))}
          </nav>
        ) : null}
        {viewed.version !== page.currentVersion ? (
          <Alert tone="warning">This is an older version. Decisions are only possible on v{page.currentVersion}.</Alert>
        ) : null}
        {viewed.title ? <p className="font-medium text-ink">{viewed.title}</p> : null}
        <div className="whitespace-pre-wrap break-words rounded-lg bg-slate-50 p-4 text-sm leading-6 text-ink ring-1 ring-inset ring-slate-200">
          {viewed.copy}
        </div>
        {viewed.link ? (
          <p className="break-all text-sm">
            <span className="font-medium text-ink">Link: </span>
            <a href={viewed.link} className="text-accent hover:underline" rel="noreferrer noopener" target="_blank">
              {viewed.link}
            </a>
          </p>
        ) : null}
        {viewed.media.length > 0 ? (
          <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3" aria-label="Media">
            {viewed.media.map((m) => (
              <li key={m.id} className="overflow-hidden rounded-lg ring-1 ring-slate-200">
                <a href={m.url} className="block hover:opacity-90">
                  {m.previewUrl ? (
                    <img src={m.previewUrl} alt={m.name} className="aspect-square w-full object-cover" loading="lazy" />
                  ) : (
                    <span className="flex aspect-square w-full items-center justify-center bg-slate-50 text-ink-muted">
                      <FileIcon size={28} />
                    </span>
                  )}
                  <span className="block truncate px-2 py-1.5 text-xs text-ink-soft">{m.name}</span>
                </a>
              </li>
            ))}
          </ul>
        ) : null}

        {others.length > 0 ? (
          <div className="space-y-3 border-t border-slate-200 pt-4">
            <Form method="get" action={base} className="flex flex-wrap items-end gap-3">
              <input type="hidden" name="v" value={viewed.version} />
              <SelectField
                label="Compare the copy with"
                name="compare"
                defaultValue={page.compare ? String(page.compare.from) : String(others[0].version)}
                options={others.map((v) => ({ value: String(v.version), label: `Version ${v.version}` }))}
              />
              <Button type="submit" variant="secondary">
                Show changes
              </Button>
            </Form>
            {page.compare ? <CopyDiffView segments={page.compare.segments} from={page.compare.from} to={page.compare.to} /> : null}
          </div>
        ) : null}

        {viewed.decisions.length > 0 ? (
          <section aria-labelledby="decisions-h" className="border-t border-slate-200 pt-4">
            <h3 id="decisions-h" className="text-sm font-semibold text-ink">
              Decisions on v{viewed.version}
            </h3>
            <ul className="mt-2 space-y-2">
              {viewed.decisions.map((d) => (
                <li key={d.id} className="text-sm">
                  <Badge tone={d.decision === "approve" ? "success" : "warning"}>
                    {d.decision === "approve" ? "Approved" : "Changes requested"}
                  </Badge>{" "}
                  <span className="font-medium text-ink">{d.who}</span>{" "}
                  <span className="text-ink-muted">
                    · {d.stage} · {d.at}
                  </span>
                  {d.comment ? <p className="mt-1 whitespace-pre-wrap text-ink-soft">{d.comment}</p> : null}
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        <section aria-labelledby="comments-h" className="border-t border-slate-200 pt-4">
          <h3 id="comments-h" className="text-sm font-semibold text-ink">
            Comments on v{viewed.version}
          </h3>
          {viewed.comments.length === 0 ? <p className="mt-2 text-sm text-ink-muted">No comments on this version yet.</p> : null}
          <ul className="mt-2 space-y-3">
            {viewed.comments.map((c) => (
              <li key={c.id} className="text-sm">
                <p>
                  <span className="font-medium text-ink">{c.author}</span> <span className="text-ink-muted">· {c.at}</span>
                </p>
                <p className="whitespace-pre-wrap text-ink-soft">{c.body}</p>
              </li>
            ))}
          </ul>
          {page.can.comment ? (
            <Form method="post" className="mt-3 space-y-3">
              <input type="hidden" name="intent" value="comment" />
              <input type="hidden" name="version" value={viewed.version} />
              <IntentError intent="comment" />
              <TextAreaField
                label={`Comment on v${viewed.version}`}
                name="body"
                rows={2}
                errors={commentResult?.errors.body}
                key={commentResult?.ok ? Date.now() : "comment"}
              />
              <Button type="submit" variant="secondary" size="sm">
                Add comment
              </Button>
            </Form>
          ) : null}
        </section>
      </div>
    </Card>
  );
}

function PublishingPanel({ page }: { page: Page }) {
  const result = useResult("publish");
  return (
    <Card title="Publishing" description="Baton doesn't post for you: the publisher records what they did on the platform.">
      <div className="space-y-4">
        <IntentError intent="schedule" />
        <IntentError intent="unschedule" />
        {page.can.scheduleGate && page.status !== "published" ? <p className="text-sm text-ink-soft">{page.can.scheduleGate}</p> : null}
        {page.can.schedule ? (
          <Form method="post">
            <input type="hidden" name="intent" value="schedule" />
            <Button type="submit">Mark scheduled</Button>
          </Form>
        ) : null}
        {page.can.publish ? (
          <Form method="post" className="space-y-3">
            <input type="hidden" name="intent" value="publish" />
            <IntentError intent="publish" />
            <TextField
              label="Live link"
              name="liveUrl"
              type="url"
              inputMode="url"
              placeholder="https://"
              defaultValue={result?.values.liveUrl}
              errors={result?.errors.liveUrl}
              hint="The address of the post once it is live."
            />
            <Button type="submit">Mark published</Button>
          </Form>
        ) : null}
        {page.can.unschedule ? (
          <Form method="post">
            <input type="hidden" name="intent" value="unschedule" />
            <Button type="submit" variant="ghost" size="sm">
              Mark not scheduled
            </Button>
          </Form>
        ) : null}
        {page.liveUrl ? (
          <p className="break-all text-sm">
            <a
              href={page.liveUrl}
              className="inline-flex items-center gap-1 font-medium text-accent hover:underline"
              rel="noreferrer noopener"
              target="_blank"
            >
              {page.liveUrl} <ExternalLinkIcon size={14} />
            </a>
          </p>
        ) : null}
      </div>
    </Card>
  );
}

function ReschedulePanel({ page, publishInput }: { page: Page; publishInput: string }) {
  const result = useResult("reschedule");
  return (
    <Card
      title="Change the publish time"
      description="Later keeps a sign-off; earlier than the sign-off allows removes it and the brand signs again."
    >
      <Form method="post" className="space-y-3">
        <input type="hidden" name="intent" value="reschedule" />
        <TextField
          label={`Goes live (${page.viewerZone})`}
          name="publishAt"
          type="datetime-local"
          defaultValue={result?.values.publishAt ?? publishInput}
          errors={result?.errors.publishAt ?? (result && !result.ok ? result.formError : undefined)}
        />
        <Button type="submit" variant="secondary">
          {page.status === "blocked" ? "Reschedule and unblock" : "Change time"}
        </Button>
      </Form>
    </Card>
  );
}

function OverridePanel() {
  const result = useResult("override");
  return (
    <Card
      title="Override the block (admin)"
      description="Lets it be scheduled without a timely sign-off. Recorded in the audit trail as an exception."
    >
      <Form method="post" className="space-y-3">
        <input type="hidden" name="intent" value="override" />
        <IntentError intent="override" />
        <TextAreaField
          label="Reason"
          name="reason"
          rows={3}
          errors={result?.errors.reason}
          hint="At least 10 characters, e.g. who approved it and how."
        />
        <Button type="submit" variant="danger">
          Override
        </Button>
      </Form>
    </Card>
  );
}

function ActivityPanel({ page }: { page: Page }) {
  return (
    <Card title="Activity" description="Every step, from the audit trail.">
      {page.activity.length === 0 ? (
        <p className="text-sm text-ink-muted">Nothing yet.</p>
      ) : (
        <ol className="space-y-3" aria-label="Activity, newest first">
          {page.activity.map((a) => {
            const detail = activityDetail(a.data);
            return (
              <li key={a.id} className="text-sm">
                <p>
                  <span className="font-medium text-ink">{a.actor}</span>{" "}
                  <span className="text-ink-soft">{ACTION_TEXT[a.action] ?? a.action}</span>
                </p>
                {detail ? <p className="break-words text-ink-muted">{detail}</p> : null}
                <p className="text-xs text-ink-muted">{a.at}</p>
              </li>
            );
          })}
        </ol>
      )}
    </Card>
  );
}
