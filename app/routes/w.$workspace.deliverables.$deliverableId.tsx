import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ActivityPanel } from "~/components/approvals/activity-panel";
import { Countdown } from "~/components/approvals/countdown";
import { DecidePanel } from "~/components/approvals/decide-panel";
import { Notice, type DeliverableActionData } from "~/components/approvals/deliverable-result";
import { BlockedAlert, NotYourTurn, RouteCard, StatusAlert, TimingPanel } from "~/components/approvals/deliverable-summary";
import { OverridePanel, PublishingPanel } from "~/components/approvals/publishing-panels";
import { ReschedulePanel } from "~/components/approvals/reschedule-panel";
import { BlockedBadge, DeliverableStatusBadge } from "~/components/approvals/status-badge";
import { SubmitPanel } from "~/components/approvals/submit-panel";
import { VersionsPanel } from "~/components/approvals/versions-panel";
import { EvidenceCard } from "~/components/evidence/evidence-link";
import { PageHeader } from "~/components/ui";
import { handleDeliverableAction, type DeliverableBody } from "~/modules/approvals/actions.server";
import { deliverablePage } from "~/modules/approvals/deliverable-page.server";
import { waiverNotesFor } from "~/modules/calendar/waivers.server";
import { WaiverNotes } from "~/components/calendar/waiver-notes";
import { insideWindowOf } from "~/modules/approvals/earliest-publish.server";
import { transferFailuresOf } from "~/modules/approvals/submit.server";
import { requireMember } from "~/modules/workspaces/authz.server";
import { failureData, STATUS_OF, successData } from "~/utils/action-data.server";
import { env } from "~/utils/env.server";
import { notFound, readForm } from "~/utils/http.server";
import { newIdempotencyKey } from "~/utils/idempotency.server";
import { isId } from "~/utils/ids";
import { toLocalInput } from "~/utils/time";

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
    waivers: await waiverNotesFor(ctx, params.deliverableId),
    publishInput: toLocalInput(new Date(page.publishAt), page.viewerZone),
    viewerId: ctx.user.id,
    maxUploadBytes: env().MAX_UPLOAD_MB * 1_000_000,
    // The comment form's key (security.md 34): a fresh one each time the page loads, so each comment is added once.
    commentKey: newIdempotencyKey(),
  });
}

/**
 * The form body. A form submitted without JavaScript is multipart and carries the chosen media
 * files themselves (the module uploads them); a file over the size limit is the upload's refusal.
 */
async function readBody(request: Request): Promise<DeliverableBody> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.startsWith("multipart/form-data")) return { form: await readForm(request), uploadError: null };
  const maxMb = env().MAX_UPLOAD_MB;
  try {
    const handler = unstable_createMemoryUploadHandler({ maxPartSize: maxMb * 1_000_000 });
    return { form: await unstable_parseMultipartFormData(request, handler), uploadError: null };
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { form: new FormData(), uploadError: `A file is larger than ${maxMb} MB.` };
    throw json({ ok: false, errors: {}, formError: "The request body could not be read as a form." }, { status: 400 });
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireMember(request, params.workspace);
  if (!isId(params.deliverableId)) throw json({ ok: false, errors: {}, formError: "That is not a deliverable id." }, { status: 400 });
  const { intent, outcome, values } = await handleDeliverableAction(ctx, params.deliverableId, await readBody(request));
  if (outcome.ok) return json<DeliverableActionData>({ ...successData(outcome.value, { intent }), failures: [], insideWindow: null });
  const data = {
    ...failureData(outcome.problem, { intent, values }),
    failures: transferFailuresOf(outcome.problem),
    insideWindow: insideWindowOf(outcome.problem),
  };
  return json<DeliverableActionData>(data, { status: STATUS_OF[outcome.problem.kind] });
}

export default function DeliverablePage() {
  const { page, publishInput, maxUploadBytes, viewerId, waivers, commentKey } = useLoaderData<typeof loader>();
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
            {page.blocked ? <BlockedBadge /> : null}
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
      <BlockedAlert page={page} />
      <StatusAlert page={page} />

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          {page.can.decide ? <DecidePanel page={page} /> : <NotYourTurn page={page} viewerId={viewerId} />}
          {page.can.submit ? <SubmitPanel page={page} maxUploadBytes={maxUploadBytes} /> : null}
          <VersionsPanel page={page} base={base} commentKey={commentKey} />
        </div>
        <div className="space-y-6">
          <TimingPanel page={page} />
          <WaiverNotes notes={waivers} />
          <RouteCard page={page} />
          {page.can.evidence ? <EvidenceCard href={`${base}/evidence`} /> : null}
          {page.can.showPublishing || page.liveUrl ? <PublishingPanel page={page} /> : null}
          {page.can.reschedule ? <ReschedulePanel page={page} publishInput={publishInput} /> : null}
          {page.can.override ? <OverridePanel /> : null}
          <ActivityPanel page={page} />
        </div>
      </div>
    </div>
  );
}
