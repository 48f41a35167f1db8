import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { z } from "zod";
import { CheckCircleIcon } from "~/components/icons";
import { SavedNotice } from "~/components/calendar/saved-notice";
import type { Answer } from "~/components/calendar/conflict-card";
import { RuleSection } from "~/components/calendar/conflict-group";
import { WhatIfPreview } from "~/components/calendar/what-if-preview";
import { Button, ButtonLink, Card, EmptyState, FormError, PageHeader, SelectField, Stat } from "~/components/ui";
import { rescheduleDeliverable } from "~/modules/approvals/reschedule.server";
import { acknowledgeConflict, acknowledgeGroup, reopenConflict } from "~/modules/calendar/conflicts.server";
import { conflictsPageData, type MovePreview } from "~/modules/calendar/conflicts-page.server";
import { fromLocalInput } from "~/utils/time";
import { calendarPath } from "~/modules/calendar/links";
import { viewerZone } from "~/modules/calendar/page.server";
import { acknowledgeGroupSchema, acknowledgeSchema, conflictKeySchema, moveSchema } from "~/modules/calendar/schemas";
import { requirePermission } from "~/modules/workspaces/authz.server";
import { answer } from "~/utils/action-data.server";
import { notFound, parseWith, readForm } from "~/utils/http.server";
import { invalid } from "~/utils/outcome";

export const meta: MetaFunction = () => [{ title: "Conflicts · Baton" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "conflicts.manage");
  return json(await conflictsPageData(ctx, new URL(request.url)));
}

const INTENTS = ["acknowledge", "acknowledge-group", "reopen", "move"] as const;
type Intent = (typeof INTENTS)[number];
const intentSchema = z.object({ intent: z.enum(INTENTS, { errorMap: () => ({ message: "Unknown action." }) }) });

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "conflicts.manage");
  const form = await readForm(request);
  const which = parseWith(intentSchema, { intent: form.get("intent") ?? undefined });
  if (!which.success) return answer(invalid("Unknown action.", which.errors));
  const intent: Intent = which.data.intent;

  if (intent === "move") {
    const parsed = parseWith(moveSchema, form);
    const target = typeof form.get("deliverableId") === "string" ? String(form.get("deliverableId")).slice(0, 40) : undefined;
    if (!parsed.success) return answer(invalid(undefined, parsed.errors), { intent, target });
    const at = fromLocalInput(parsed.data.publishAt, viewerZone(ctx));
    if (!at) return answer(invalid(undefined, { publishAt: ["Give the new publish time as a date and time."] }), { intent, target });
    const result = await rescheduleDeliverable(ctx, { deliverableId: parsed.data.deliverableId, publishAt: at });
    // A deliverable that is gone (or out of scope) is a missing page, as it always was here.
    if (!result.ok && result.problem.kind === "not_found") notFound(result.problem.message);
    return answer(result, {
      intent,
      target: parsed.data.deliverableId,
      values: { publishAt: parsed.data.publishAt },
      notice: "Deliverable moved. Conflicts are recomputed below; the ones it resolved are gone.",
    });
  }

  if (intent === "acknowledge-group") {
    const parsed = parseWith(acknowledgeGroupSchema, form);
    const code = String(form.get("code") ?? "").slice(0, 40);
    const target = `${code}:${String(form.get("brandId") ?? "").slice(0, 40)}`;
    if (!parsed.success)
      return answer(invalid(undefined, parsed.errors), { intent, target, values: { note: String(form.get("note") ?? "").slice(0, 1000) } });
    const result = await acknowledgeGroup(ctx, parsed.data);
    return answer(result, {
      intent,
      target,
      values: result.ok ? {} : { note: parsed.data.note },
      notice: result.ok
        ? `${result.value.acknowledged} conflicts acknowledged with one note. They stay listed while they hold.`
        : undefined,
    });
  }

  if (intent === "acknowledge") {
    const parsed = parseWith(acknowledgeSchema, form);
    const target = typeof form.get("conflictKey") === "string" ? String(form.get("conflictKey")).slice(0, 320) : undefined;
    if (!parsed.success)
      return answer(invalid(undefined, parsed.errors), { intent, target, values: { note: String(form.get("note") ?? "").slice(0, 1000) } });
    return answer(await acknowledgeConflict(ctx, parsed.data), {
      intent,
      target: parsed.data.conflictKey,
      notice: "Conflict acknowledged. It stays listed under “Acknowledged” while it holds.",
    });
  }

  const parsed = parseWith(conflictKeySchema, form);
  if (!parsed.success) return answer(invalid(undefined, parsed.errors), { intent });
  return answer(await reopenConflict(ctx, parsed.data), { intent, target: parsed.data.conflictKey, notice: "Conflict reopened." });
}

/** The confirm step of a "Move to …" suggestion: the what-if, then the same move (and reschedule service) as the free-form one. */
function MoveConfirm({ preview, base, busy }: { preview: MovePreview; base: string; busy: boolean }) {
  if (!preview.ok)
    return (
      <Card>
        <FormError errors={preview.message} />
        <ButtonLink to={base} variant="secondary" className="mt-3">
          Back to the conflicts
        </ButtonLink>
      </Card>
    );
  return (
    <Card className="ring-2 ring-accent">
      <WhatIfPreview view={preview} headingId="move-confirm">
        <Form method="post" action={base} className="flex flex-wrap gap-2">
          <input type="hidden" name="intent" value="move" />
          <input type="hidden" name="deliverableId" value={preview.deliverableId} />
          <input type="hidden" name="publishAt" value={preview.publishAt} />
          <Button type="submit" disabled={busy}>
            Confirm the move
          </Button>
          <ButtonLink to={base} variant="ghost">
            Cancel
          </ButtonLink>
        </Form>
      </WhatIfPreview>
    </Card>
  );
}

export default function ConflictsPage() {
  const data = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as Answer | undefined;
  const nav = useNavigation();
  const submit = useSubmit();
  const target = nav.formData ? `${nav.formData.get("code") ?? ""}:${nav.formData.get("brandId") ?? ""}` : "";
  const busyKey =
    nav.state !== "idle"
      ? String(nav.formData?.get("conflictKey") ?? nav.formData?.get("deliverableId") ?? (target !== ":" ? target : "")) || null
      : null;
  const base = `/w/${data.slug}/conflicts${data.brandFilter ? `?brand=${data.brandFilter}` : ""}`;
  // After a move the page answers at the plain URL, so the confirm step is not shown again.
  const preview = answer?.intent === "move" && answer.ok ? null : data.preview;
  return (
    <div className="space-y-6">
      <PageHeader
        title="Conflicts"
        description={`Clashes between campaigns and deliverables from ${data.range}, grouped by rule and then by brand. For a deliverable, pick one of the times that clear it: you see what the move does before it is made. Or acknowledge a conflict (or a whole group) with a note when it is fine. A conflict that no longer holds disappears by itself.`}
        breadcrumbs={[{ label: "Calendar", to: calendarPath(data.slug) }]}
        actions={
          <ButtonLink to={`${calendarPath(data.slug)}${data.brandFilter ? `?brand=${data.brandFilter}` : ""}`} variant="secondary">
            Open calendar
          </ButtonLink>
        }
      />

      <div aria-live="polite">
        {answer?.ok ? <SavedNotice notice={answer.notice} /> : answer && !answer.target ? <FormError errors={answer.formError} /> : null}
        {answer && !answer.ok && answer.intent === "move" && answer.target && preview ? (
          <FormError errors={answer.formError ?? Object.values(answer.errors).flat().join(" ")} />
        ) : null}
      </div>

      {preview ? <MoveConfirm preview={preview} base={base} busy={nav.state !== "idle"} /> : null}

      <div className="grid gap-4 sm:grid-cols-3">
        <Stat label="Open conflicts" value={data.totals.errors} />
        <Stat label="Open warnings" value={data.totals.open - data.totals.errors} />
        <Stat label="Acknowledged or waived" value={data.totals.settled} />
      </div>

      <Card>
        <Form
          method="get"
          className="flex flex-col gap-3 sm:flex-row sm:items-end"
          onChange={(e) => submit(e.currentTarget, { replace: true })}
        >
          <SelectField
            label="Brand"
            name="brand"
            defaultValue={data.brandFilter ?? ""}
            placeholder="All brands"
            options={data.brands}
            className="sm:w-72"
          />
          <Button type="submit" variant="secondary">
            Show
          </Button>
          {data.brandFilter ? (
            <ButtonLink to={`/w/${data.slug}/conflicts`} variant="ghost">
              All brands
            </ButtonLink>
          ) : null}
        </Form>
      </Card>

      {data.rules.length === 0 ? (
        <Card>
          <EmptyState
            icon={<CheckCircleIcon />}
            title="No conflicts"
            description="Nothing on the calendar clashes in this period. New clashes show up here as soon as something is planned or moved."
          />
        </Card>
      ) : (
        data.rules.map((rule) => <RuleSection key={rule.code} rule={rule} slug={data.slug} answer={answer} busyKey={busyKey} />)
      )}
    </div>
  );
}
