import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { DateTime } from "luxon";
import { LiveRegion } from "~/components/approvals/live-region";
import { Button, ButtonLink, Card, FormError, PageHeader, SelectField, TextField } from "~/components/ui";
import { IdempotencyKeyField } from "~/components/ui/idempotency-key-field";
import { CHANNEL_LIMITS } from "~/modules/channels/channels";
import { fromLocalInput, HOUR_MS } from "~/utils/time";
import { insideWindowOf, type EarliestTime } from "~/modules/approvals/earliest-publish.server";
import { newDeliverableOptions } from "~/modules/approvals/form-options.server";
import { effectiveWindowHours, zonedTimeLabel } from "~/modules/approvals/signoff-rule";
import { newDeliverableSchema } from "~/modules/approvals/schemas";
import { createDeliverable } from "~/modules/approvals/create.server";
import { requireCampaign } from "~/modules/campaigns/access.server";
import { requireMember, type MemberContext } from "~/modules/workspaces/authz.server";
import { answer, failureData, STATUS_OF } from "~/utils/action-data.server";
import { textFieldProps, useActionForm } from "~/utils/conform";
import { notFound, parseWith, readForm } from "~/utils/http.server";
import { invalid } from "~/utils/outcome";
import { newIdempotencyKey, readIdempotencyKey } from "~/utils/idempotency.server";

export const meta: MetaFunction = () => [{ title: "New deliverable · Baton" }];

/** Coordinators (campaigns.manage) and the campaign's publishers (drafts.publish) add deliverables. */
async function context(request: Request, params: LoaderFunctionArgs["params"]) {
  const ctx = await requireMember(request, params.workspace);
  if (!(ctx.can("campaigns.manage") || ctx.can("drafts.publish"))) notFound();
  const campaign = await requireCampaign(ctx, params.campaignId);
  return { ctx, campaign };
}

const zoneOf = (ctx: MemberContext) => ctx.user.timeZone || "UTC";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx, campaign } = await context(request, params);
  const options = await newDeliverableOptions(campaign);
  const zone = zoneOf(ctx);
  const suggested = DateTime.now().setZone(zone).plus({ days: 7 }).set({ hour: 10, minute: 0, second: 0, millisecond: 0 });
  const windowHours = effectiveWindowHours(ctx.workspace.signoffWindowHours, options.brand?.signoffWindowHours ?? null);
  return json({
    slug: ctx.workspace.slug,
    idempotencyKey: newIdempotencyKey(),
    campaign: { id: campaign.id, name: campaign.name },
    creators: options.creators,
    channels: options.channels.map((c) => ({ value: c, label: CHANNEL_LIMITS[c].label })),
    brand: options.brand,
    zone,
    windowHours,
    // Told before anything is typed: earlier than this is inside the sign-off window (decision 052).
    windowEndsLabel: zonedTimeLabel(new Date(Date.now() + windowHours * HOUR_MS), zone),
    defaults: {
      title: "",
      channel: options.channels[0] ?? "",
      creatorId: options.creators.length === 1 ? options.creators[0].value : "",
      publishAt: suggested.toFormat("yyyy-MM-dd'T'HH:mm"),
    },
  });
}

/** The page's one form; the answer names it so the form knows the answer is its own. */
const CREATE = "create";

export async function action({ request, params }: ActionFunctionArgs) {
  const { ctx, campaign } = await context(request, params);
  const form = await readForm(request);
  const values = Object.fromEntries(
    ["title", "channel", "creatorId", "publishAt"].map((k) => [k, typeof form.get(k) === "string" ? String(form.get(k)) : ""]),
  );
  const raw = Object.fromEntries([...new Set(form.keys())].map((k) => [k, form.getAll(k).length > 1 ? form.getAll(k) : form.get(k)]));
  const refuse = (fields: Record<string, string[]>) => answer(invalid(undefined, fields), { intent: CREATE, values });
  const parsed = parseWith(newDeliverableSchema, { ...raw, campaignId: campaign.id });
  if (!parsed.success) return refuse(parsed.errors);
  if (!campaign.channels.includes(parsed.data.channel)) return refuse({ channel: ["Choose one of this campaign's channels."] });
  const publishAt = fromLocalInput(parsed.data.publishAt, zoneOf(ctx));
  if (!publishAt) return refuse({ publishAt: ["Give a real date and time."] });
  const result = await createDeliverable(ctx, {
    campaign,
    title: parsed.data.title,
    channel: parsed.data.channel,
    creatorId: parsed.data.creatorId || null,
    publishAt: parsed.data.when === "earliest" ? "earliest" : publishAt,
    confirmInsideWindow: parsed.data.confirm === "inside_window",
    idempotencyKey: readIdempotencyKey(form),
  });
  if (!result.ok) {
    if (result.problem.kind === "not_found") notFound(result.problem.message);
    // Inside the sign-off window: nothing saved yet; the form offers the earliest time or a confirmation.
    const warned = insideWindowOf(result.problem);
    if (warned)
      return json({ ...failureData(result.problem, { intent: CREATE, values }), insideWindow: warned }, { status: STATUS_OF.conflict });
    return answer(result, { intent: CREATE, values });
  }
  return redirect(`/w/${ctx.workspace.slug}/deliverables/${result.value.id}`);
}

/** The inside-the-window warning's answer: the earliest allowed time to offer, if there is one. */
type InsideWindow = { earliest: EarliestTime | null };

/** Long button labels (a time in two zones) wrap instead of overflowing a phone's width. */
const WRAP = "!h-auto min-h-10 !whitespace-normal py-2 text-center";

/** The browser checks what is typed; the campaign comes from the address, added by the action. */
const typedFields = newDeliverableSchema.omit({ campaignId: true });

export default function NewDeliverablePage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const warned = (result as { insideWindow?: InsideWindow } | undefined)?.insideWindow ?? null;
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useActionForm({
    id: CREATE,
    intent: CREATE,
    schema: newDeliverableSchema,
    validate: typedFields,
    answer: result,
    defaultValue: data.defaults,
  });
  const campaignUrl = `/w/${data.slug}/campaigns/${data.campaign.id}`;
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader
        title="New deliverable"
        description={`One post for ${data.campaign.name}. The creator submits drafts on its page; the brand signs off at least ${data.windowHours} hours before it goes live.`}
        breadcrumbs={[
          { label: "Campaigns", to: `/w/${data.slug}/campaigns` },
          { label: data.campaign.name, to: campaignUrl },
        ]}
      />
      <Card>
        <Form method="post" className="space-y-5" {...getFormProps(form)}>
          <IdempotencyKeyField value={data.idempotencyKey} />
          <LiveRegion>{form.errors ? <FormError errors={form.errors} /> : null}</LiveRegion>
          <TextField
            label="Title"
            required
            {...textFieldProps(fields.title)}
            hint="What reviewers will see in their queue, e.g. “Launch reel”."
          />
          <SelectField
            label="Channel"
            required
            {...textFieldProps(fields.channel)}
            options={data.channels}
            placeholder="Choose a channel"
            hint="Only the channels this campaign runs on. Each has its own length limits."
          />
          <SelectField
            label="Creator"
            {...textFieldProps(fields.creatorId)}
            options={data.creators}
            placeholder={data.creators.length ? "Choose a creator" : "No creators assigned to this campaign"}
            hint="The creator submits the drafts."
          />
          <TextField
            label={`Goes live (${data.zone})`}
            type="datetime-local"
            required
            {...textFieldProps(fields.publishAt)}
            hint={`${
              data.brand && data.brand.timeZone !== data.zone
                ? `In your time zone. ${data.brand.name} is in ${data.brand.timeZone}; the page shows both.`
                : "In your time zone."
            } A time before ${data.windowEndsLabel} is inside the ${data.windowHours}-hour sign-off window; you'll be asked to confirm it.`}
          />
          <div className="flex flex-col gap-3 sm:flex-row sm:flex-wrap">
            {warned ? (
              <>
                {warned.earliest ? (
                  <Button type="submit" name="when" value="earliest" disabled={busy} className={WRAP}>
                    Create it for {warned.earliest.label}
                  </Button>
                ) : null}
                <Button type="submit" name="confirm" value="inside_window" variant="secondary" disabled={busy} className={WRAP}>
                  Keep my time (starts blocked)
                </Button>
              </>
            ) : (
              <Button type="submit" disabled={busy}>
                Create deliverable
              </Button>
            )}
            <ButtonLink to={campaignUrl} variant="ghost">
              Cancel
            </ButtonLink>
          </div>
        </Form>
      </Card>
    </div>
  );
}
