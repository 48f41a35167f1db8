import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CheckCircleIcon } from "~/components/icons";
import { SavedNotice } from "~/components/calendar/saved-notice";
import { Badge, Button, Card, EmptyState, FormError, PageHeader, TextAreaField } from "~/components/ui";
import { viewerZone } from "~/modules/calendar/page.server";
import { conflictKeySchema, waiveSchema } from "~/modules/calendar/schemas";
import { brandClashes, waiveExclusivity, withdrawWaiver, type BrandClash } from "~/modules/calendar/waivers.server";
import { COMPETING_BRAND } from "~/modules/calendar/waivers";
import { requireMember } from "~/modules/workspaces/authz.server";
import { answer } from "~/utils/action-data.server";
import { textFieldProps, useActionForm } from "~/utils/conform";
import { notFound, parseWith, readForm } from "~/utils/http.server";
import { invalid } from "~/utils/outcome";

// A brand lead's exclusivity clashes (issue 21, decision 062): its own deliverables whose creator
// also works for a competing brand of its category too close in time, the other side unnamed, and
// a way to waive its brand's side with a reason. Anyone but a brand lead gets a 404.

export const meta: MetaFunction = () => [{ title: "Exclusivity clashes · Baton" }];

const NOT_HERE = "This page is for a brand's lead.";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireMember(request, params.workspace);
  const clashes = await brandClashes(ctx, viewerZone(ctx));
  if (!clashes) notFound(NOT_HERE);
  return json({ clashes, competing: COMPETING_BRAND });
}

/** The page's actions; the audit table's guard reads this list. */
const INTENTS = ["waive", "withdraw"] as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireMember(request, params.workspace);
  const form = await readForm(request);
  const intent = form.get("intent") as (typeof INTENTS)[number];
  if (!INTENTS.includes(intent)) return answer(invalid("Unknown action."));
  const target = typeof form.get("conflictKey") === "string" ? String(form.get("conflictKey")).slice(0, 320) : undefined;
  if (intent === "withdraw") {
    const parsed = parseWith(conflictKeySchema, form);
    if (!parsed.success) return answer(invalid(undefined, parsed.errors), { intent, target });
    const result = await withdrawWaiver(ctx, parsed.data);
    if (!result.ok && result.problem.kind === "not_found") notFound(result.problem.message);
    return answer(result, {
      intent,
      target: parsed.data.conflictKey,
      notice: "Your brand's waiver is withdrawn. The clash is open again for your side.",
    });
  }
  const parsed = parseWith(waiveSchema, form);
  if (!parsed.success)
    return answer(invalid(undefined, parsed.errors), {
      intent: "waive",
      target,
      values: { reason: String(form.get("reason") ?? "").slice(0, 500) },
    });
  const result = await waiveExclusivity(ctx, parsed.data);
  // Not one of this lead's clashes (or not a brand lead at all): as if it were not there.
  if (!result.ok && result.problem.kind === "not_found") notFound(result.problem.message);
  return answer(result, {
    intent: "waive",
    target: parsed.data.conflictKey,
    values: result.ok ? {} : { reason: parsed.data.reason },
    notice: "Your brand's side is waived. The clash shows as waived on both deliverables.",
  });
}

type Answer = {
  ok: boolean;
  intent: string | null;
  target: string | null;
  formError: string | null;
  notice: string | null;
  errors: Record<string, string[]>;
  values: Record<string, string>;
};

/** Takes the brand's waiver back; a plain form, so it works without JavaScript too. */
function WithdrawForm({ clash, answer, busy }: { clash: BrandClash; answer: Answer | undefined; busy: boolean }) {
  const mine = answer?.intent === "withdraw" && answer.target === clash.key && !answer.ok ? answer : undefined;
  return (
    <Form method="post" preventScrollReset className="mt-2">
      <input type="hidden" name="intent" value="withdraw" />
      <input type="hidden" name="conflictKey" value={clash.key} />
      {mine?.formError ? <FormError errors={[mine.formError]} /> : null}
      <Button type="submit" size="sm" variant="secondary" disabled={busy}>
        Withdraw the waiver
      </Button>
    </Form>
  );
}

function WaiveForm({ clash, answer, busy }: { clash: BrandClash; answer: Answer | undefined; busy: boolean }) {
  const mine = answer?.intent === "waive" && answer.target === clash.key ? answer : undefined;
  const [form, fields] = useActionForm({ id: `waive-${clash.key}`, intent: "waive", schema: waiveSchema, answer: mine });
  return (
    <Form method="post" preventScrollReset className="mt-3 space-y-2" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="waive" />
      <input type="hidden" name={fields.conflictKey.name} value={clash.key} />
      <TextAreaField
        label="Why your brand accepts this clash"
        rows={2}
        required
        {...textFieldProps(fields.reason)}
        hint="Waives your brand's side only, under your name in the audit trail. The other brand decides for its own side."
      />
      {fields.reason.errors ? null : <FormError errors={form.errors} />}
      <Button type="submit" size="sm" disabled={busy}>
        Waive for my brand
      </Button>
    </Form>
  );
}

export default function ExclusivityPage() {
  const { clashes, competing } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as Answer | undefined;
  const nav = useNavigation();
  const busyKey = nav.state !== "idle" ? String(nav.formData?.get("conflictKey") ?? "") : null;
  return (
    <div className="space-y-6">
      <PageHeader
        title="Exclusivity clashes"
        description={`Your brand's deliverables whose creator also posts for ${competing} closer together than an exclusivity window allows. Which brand that is stays private. Where your brand's window is breached you can accept the clash for your side, with a reason; the coordinator sees it on both deliverables.`}
      />
      <div aria-live="polite">{answer?.ok ? <SavedNotice notice={answer.notice} /> : null}</div>
      {clashes.length === 0 ? (
        <Card>
          <EmptyState
            icon={<CheckCircleIcon />}
            title="No exclusivity clashes"
            description="None of your brand's creators posts for a competing brand too close to your posts in the coming months."
          />
        </Card>
      ) : (
        <ul className="space-y-4">
          {clashes.map((clash) => (
            <li key={clash.key} data-clash={clash.key}>
              <Card>
                <p className="flex flex-wrap items-center gap-2">
                  <Link to={clash.deliverable.url} className="font-semibold text-ink hover:underline">
                    {clash.deliverable.title}
                  </Link>
                  {clash.waived ? (
                    <Badge tone="success">Waived for your side</Badge>
                  ) : clash.breached ? (
                    <Badge tone="danger">Open</Badge>
                  ) : (
                    <Badge>Your window is kept</Badge>
                  )}
                </p>
                <p className="mt-1 text-sm text-ink-muted">
                  {clash.deliverable.when} · {clash.deliverable.channel} · {clash.creator}
                </p>
                <p className="mt-2 text-sm text-ink">
                  {clash.creator} also posts for {competing}, {clash.gap} apart; your exclusivity window is {clash.windowDays} days.
                </p>
                {clash.otherSide ? <p className="mt-1 text-sm text-ink-soft">{clash.otherSide}</p> : null}
                {clash.waived ? (
                  <>
                    <p className="mt-2 text-sm text-ink-soft">
                      Waived by {clash.waived.by ?? "a former member"} on {clash.waived.at}: {clash.waived.reason}
                    </p>
                    <WithdrawForm clash={clash} answer={answer} busy={busyKey === clash.key} />
                  </>
                ) : clash.breached ? (
                  <WaiveForm clash={clash} answer={answer} busy={busyKey === clash.key} />
                ) : (
                  <p className="mt-2 text-sm text-ink-soft">
                    The posts are far enough apart for your window; only the other brand's longer window is breached.
                  </p>
                )}
              </Card>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
