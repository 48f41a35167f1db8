import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import type { CSSProperties } from "react";
import { z } from "zod";
import { AlertCircleIcon, AlertTriangleIcon, CheckCircleIcon } from "~/components/icons";
import { SavedNotice } from "~/components/calendar/saved-notice";
import {
  Badge,
  Button,
  ButtonLink,
  Card,
  EmptyState,
  Field,
  FormError,
  PageHeader,
  SelectField,
  Stat,
  TextAreaField,
  controlClasses,
  cx,
} from "~/components/ui";
import { rescheduleDeliverable } from "~/modules/approvals/reschedule.server";
import { acknowledgeConflict, reopenConflict } from "~/modules/calendar/conflicts.server";
import { conflictsPageData, type ConflictRow } from "~/modules/calendar/conflicts-page.server";
import { fromLocalInput } from "~/utils/time";
import { brandRulesPath, calendarPath } from "~/modules/calendar/links";
import { viewerZone } from "~/modules/calendar/page.server";
import { acknowledgeSchema, conflictKeySchema, moveSchema } from "~/modules/calendar/schemas";
import { requirePermission } from "~/modules/workspaces/authz.server";
import { answer } from "~/utils/action-data.server";
import { textFieldProps, useActionForm } from "~/utils/conform";
import { notFound, parseWith, readForm } from "~/utils/http.server";
import { invalid } from "~/utils/outcome";

export const meta: MetaFunction = () => [{ title: "Conflicts · Baton" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "conflicts.manage");
  return json(await conflictsPageData(ctx, new URL(request.url)));
}

const INTENTS = ["acknowledge", "reopen", "move"] as const;
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

type Answer = {
  ok: boolean;
  intent: string | null;
  target: string | null;
  errors: Record<string, string[]>;
  formError: string | null;
  notice: string | null;
  values: Record<string, string>;
};

function SeverityIcon({ severity }: { severity: string }) {
  return severity === "error" ? (
    <AlertCircleIcon size={18} className="mt-0.5 shrink-0 text-red-600" />
  ) : (
    <AlertTriangleIcon size={18} className="mt-0.5 shrink-0 text-amber-600" />
  );
}

/** The answer when it belongs to this row's form (several rows share an intent). */
const answerFor = (answer: Answer | undefined, intent: Intent, target: string) =>
  answer?.intent === intent && answer.target === target ? answer : undefined;

function MoveForm({ object, answer, busy }: { object: ConflictRow["objects"][number]; answer: Answer | undefined; busy: boolean }) {
  const mine = answerFor(answer, "move", object.id);
  const move = object.move;
  const [form, fields] = useActionForm({
    id: `move-form-${object.id}`,
    intent: "move",
    schema: moveSchema,
    answer: mine,
    defaultValue: { deliverableId: object.id, publishAt: move?.publishAt },
  });
  if (!move) return null;
  const fieldId = `move-${object.id}`;
  const publishAt = textFieldProps(fields.publishAt);
  return (
    <details className="mt-1" open={Boolean(mine && !mine.ok)}>
      <summary className="cursor-pointer text-sm font-medium text-accent hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-accent">
        Move to another time<span className="sr-only">: {object.title}</span>
      </summary>
      <Form method="post" preventScrollReset className="mt-2 flex flex-col gap-2 sm:flex-row sm:items-end" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="move" />
        <input type="hidden" name={fields.deliverableId.name} value={object.id} />
        <Field
          label={`New publish time for “${object.title}”`}
          name={publishAt.name}
          id={fieldId}
          error={publishAt.errors ?? form.errors}
          className="min-w-0 sm:w-80"
        >
          {(control) => (
            <input
              {...control}
              type="datetime-local"
              required
              min={move.min}
              defaultValue={publishAt.defaultValue ?? move.publishAt}
              className={controlClasses}
            />
          )}
        </Field>
        <Button type="submit" variant="secondary" disabled={busy} className="sm:mb-0.5">
          Move
        </Button>
      </Form>
    </details>
  );
}

function AcknowledgeForm({ row, answer, busy }: { row: ConflictRow; answer: Answer | undefined; busy: boolean }) {
  const mine = answerFor(answer, "acknowledge", row.key);
  const [form, fields] = useActionForm({ id: `ack-${row.key}`, intent: "acknowledge", schema: acknowledgeSchema, answer: mine });
  return (
    <details className="mt-3 group" open={Boolean(mine && !mine.ok)}>
      <summary className="cursor-pointer text-sm font-medium text-accent hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-accent">
        It is fine: acknowledge with a note
      </summary>
      <Form method="post" preventScrollReset className="mt-2 space-y-2" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="acknowledge" />
        <input type="hidden" name={fields.conflictKey.name} value={row.key} />
        <TextAreaField
          label="Why this is fine"
          rows={2}
          required
          {...textFieldProps(fields.note)}
          hint="Saved with your name in the audit trail. The conflict moves to “Acknowledged”."
        />
        {fields.note.errors ? null : <FormError errors={form.errors} />}
        <Button type="submit" size="sm" disabled={busy}>
          Acknowledge
        </Button>
      </Form>
    </details>
  );
}

function ConflictCard({ row, answer, busyKey }: { row: ConflictRow; answer: Answer | undefined; busyKey: string | null }) {
  return (
    <li
      data-conflict={row.code}
      className={cx(
        "rounded-lg p-4 ring-1 ring-inset",
        row.severity === "error" ? "bg-red-50/60 ring-red-200" : "bg-amber-50/60 ring-amber-200",
      )}
    >
      <div className="flex gap-3">
        <SeverityIcon severity={row.severity} />
        <div className="min-w-0 flex-1">
          <p className="flex flex-wrap items-center gap-2">
            <span className="font-semibold text-ink">{row.title}</span>
            <Badge tone={row.severity === "error" ? "danger" : "warning"}>{row.severity === "error" ? "Conflict" : "Warning"}</Badge>
            <code className="text-xs text-ink-muted">{row.code}</code>
          </p>
          <p className="mt-1 text-sm text-ink">{row.message}</p>
          <p className="mt-1 text-xs text-ink-muted">
            From {row.when} ·{" "}
            <Link to={row.calendarUrl} className="font-medium text-accent hover:underline">
              See it on the calendar
            </Link>
          </p>
          {row.objects.length > 0 ? (
            <ul className="mt-3 space-y-3" aria-label="Involved">
              {row.objects.map((o) => (
                <li key={o.id} className="rounded-md bg-white px-3 py-2 ring-1 ring-slate-200">
                  <Link to={o.url} className="text-sm font-medium text-ink hover:underline">
                    {o.title}
                  </Link>
                  <p className="text-xs text-ink-muted">{o.detail}</p>
                  <MoveForm object={o} answer={answer} busy={busyKey === o.id} />
                </li>
              ))}
            </ul>
          ) : null}
          {row.acknowledged ? (
            <div className="mt-3 rounded-md bg-white p-3 text-sm ring-1 ring-slate-200">
              <p className="text-ink">
                <span className="font-medium">Acknowledged</span> by {row.acknowledged.by ?? "a former member"} on {row.acknowledged.at}:
              </p>
              <p className="mt-1 whitespace-pre-line text-ink-soft">{row.acknowledged.note}</p>
              <Form method="post" preventScrollReset className="mt-2">
                <input type="hidden" name="intent" value="reopen" />
                <input type="hidden" name="conflictKey" value={row.key} />
                <Button type="submit" variant="ghost" size="sm" disabled={busyKey === row.key}>
                  Reopen
                </Button>
              </Form>
            </div>
          ) : (
            <AcknowledgeForm row={row} answer={answer} busy={busyKey === row.key} />
          )}
        </div>
      </div>
    </li>
  );
}

export default function ConflictsPage() {
  const data = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as Answer | undefined;
  const nav = useNavigation();
  const submit = useSubmit();
  const busyKey =
    nav.state !== "idle" ? String(nav.formData?.get("conflictKey") ?? nav.formData?.get("deliverableId") ?? "") || null : null;
  const base = `/w/${data.slug}/conflicts`;
  return (
    <div className="space-y-6">
      <PageHeader
        title="Conflicts"
        description={`Clashes between campaigns and deliverables from ${data.range}, grouped by brand and severity. Move a deliverable to resolve one, or acknowledge it with a note when it is fine. A conflict that no longer holds disappears by itself.`}
        breadcrumbs={[{ label: "Calendar", to: calendarPath(data.slug) }]}
        actions={
          <ButtonLink to={`${calendarPath(data.slug)}${data.brandFilter ? `?brand=${data.brandFilter}` : ""}`} variant="secondary">
            Open calendar
          </ButtonLink>
        }
      />

      <div aria-live="polite">
        {answer?.ok ? <SavedNotice notice={answer.notice} /> : answer && !answer.target ? <FormError errors={answer.formError} /> : null}
      </div>

      <div className="grid gap-4 sm:grid-cols-3">
        <Stat label="Open conflicts" value={data.totals.errors} />
        <Stat label="Open warnings" value={data.totals.open - data.totals.errors} />
        <Stat label="Acknowledged" value={data.totals.acknowledged} />
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
            <ButtonLink to={base} variant="ghost">
              All brands
            </ButtonLink>
          ) : null}
        </Form>
      </Card>

      {data.groups.length === 0 ? (
        <Card>
          <EmptyState
            icon={<CheckCircleIcon />}
            title="No conflicts"
            description="Nothing on the calendar clashes in this period. New clashes show up here as soon as something is planned or moved."
          />
        </Card>
      ) : (
        data.groups.map((group) => (
          <Card
            key={group.brandId}
            aria-labelledby={`brand-${group.brandId}`}
            title={
              <span id={`brand-${group.brandId}`} className="flex items-center gap-2">
                <span className="h-3 w-3 rounded-sm" style={{ backgroundColor: group.color } as CSSProperties} aria-hidden="true" />
                {group.brandName}
              </span>
            }
            description={`${group.open} open, ${group.acknowledgedTotal} acknowledged`}
            actions={
              <ButtonLink to={brandRulesPath(data.slug, group.brandId)} variant="ghost" size="sm">
                Spacing, exclusivity and blackouts
              </ButtonLink>
            }
          >
            <div className="space-y-6">
              {group.severities.map((s) => (
                <section key={s.severity} aria-label={`${group.brandName}: ${s.label}`}>
                  <h3 className="mb-2 text-sm font-semibold text-ink">
                    {s.label} ({s.total})
                  </h3>
                  {s.total > s.conflicts.length ? (
                    <p className="mb-2 text-sm text-ink-muted">
                      Showing the {s.conflicts.length} soonest. Resolve these first, or pick a brand above to narrow the list.
                    </p>
                  ) : null}
                  <ul className="space-y-3">
                    {s.conflicts.map((row) => (
                      <ConflictCard key={row.key} row={row} answer={answer} busyKey={busyKey} />
                    ))}
                  </ul>
                </section>
              ))}
              {group.acknowledged.length > 0 ? (
                <section aria-label={`${group.brandName}: acknowledged`}>
                  <h3 className="mb-2 text-sm font-semibold text-ink">Acknowledged ({group.acknowledgedTotal})</h3>
                  <ul className="space-y-3">
                    {group.acknowledged.map((row) => (
                      <ConflictCard key={row.key} row={row} answer={answer} busyKey={busyKey} />
                    ))}
                  </ul>
                </section>
              ) : null}
            </div>
          </Card>
        ))
      )}
    </div>
  );
}
