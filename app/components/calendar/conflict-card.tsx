import { getFormProps } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { AlertCircleIcon, AlertTriangleIcon } from "~/components/icons";
import { Badge, Button, Field, FormError, TextAreaField, controlClasses, cx } from "~/components/ui";
import type { ConflictObject, ConflictRow } from "~/modules/calendar/conflicts-page.server";
import { acknowledgeSchema, moveSchema } from "~/modules/calendar/schemas";
import { textFieldProps, useActionForm } from "~/utils/conform";

// One conflict on the conflicts page: what clashes, the items involved with the nearest times that
// clear it ("Move to …" opens the confirm step), the free-form move, waivers, and the acknowledgment.

type Intent = "acknowledge" | "reopen" | "move" | "acknowledge-group";

/** The nearest times that clear the conflict: each leads to the confirm step (what-if), nothing moves yet. */
function Suggestions({ object }: { object: ConflictObject }) {
  if (object.suggestions.length === 0) return null;
  return (
    <div className="mt-2">
      <p className="text-xs font-medium text-ink">Times that clear it</p>
      <ul className="mt-1 flex flex-wrap gap-2">
        {object.suggestions.map((s) => (
          <li key={s.at}>
            <Link
              to={s.url}
              preventScrollReset={false}
              className="inline-flex min-h-[2.25rem] items-center rounded-md bg-white px-2.5 py-1 text-sm font-medium text-accent ring-1 ring-inset ring-slate-300 hover:bg-slate-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-accent"
            >
              Move to {s.label}
              <span className="sr-only">: {object.title}</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

export type Answer = {
  ok: boolean;
  intent: string | null;
  target: string | null;
  errors: Record<string, string[]>;
  formError: string | null;
  notice: string | null;
  values: Record<string, string>;
};

function SeverityIcon({ severity, className }: { severity: string; className?: string }) {
  return severity === "error" ? (
    <AlertCircleIcon size={18} className={cx("mt-0.5 shrink-0 text-red-600", className)} />
  ) : (
    <AlertTriangleIcon size={18} className={cx("mt-0.5 shrink-0 text-amber-600", className)} />
  );
}

/** The answer when it belongs to this row's form (several rows share an intent). */
export const answerFor = (answer: Answer | undefined, intent: Intent, target: string) =>
  answer?.intent === intent && answer.target === target ? answer : undefined;

function MoveForm({
  object,
  rowKey,
  answer,
  busy,
}: {
  object: ConflictRow["objects"][number];
  rowKey: string;
  answer: Answer | undefined;
  busy: boolean;
}) {
  // One deliverable can sit in several conflicts on the page: ids are per conflict, so labels find their own field.
  const uid = `${rowKey}-${object.id}`.replace(/[^\w-]/g, "-");
  const mine = answerFor(answer, "move", object.id);
  const move = object.move;
  const [form, fields] = useActionForm({
    id: `move-form-${uid}`,
    intent: "move",
    schema: moveSchema,
    answer: mine,
    defaultValue: { deliverableId: object.id, publishAt: move?.publishAt },
  });
  if (!move) return null;
  const fieldId = `move-${uid}`;
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

export function ConflictCard({ row, answer, busyKey }: { row: ConflictRow; answer: Answer | undefined; busyKey: string | null }) {
  return (
    <li
      data-conflict={row.code}
      className={cx(
        "rounded-lg p-3 ring-1 ring-inset sm:p-4",
        row.severity === "error" ? "bg-red-50/60 ring-red-200" : "bg-amber-50/60 ring-amber-200",
      )}
    >
      {/* On a phone the icon sits in the title line: a column of its own left the move form's date field too narrow to show its time. */}
      <div className="flex gap-3">
        <SeverityIcon severity={row.severity} className="hidden sm:block" />
        <div className="min-w-0 flex-1">
          <p className="flex flex-wrap items-center gap-2">
            <SeverityIcon severity={row.severity} className="sm:hidden" />
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
                  <Suggestions object={o} />
                  <MoveForm object={o} rowKey={row.key} answer={answer} busy={busyKey === o.id} />
                </li>
              ))}
            </ul>
          ) : null}
          {row.waivers.length > 0 ? (
            <ul className="mt-3 space-y-1 text-sm text-ink" aria-label="Waivers">
              {row.waivers.map((line) => (
                <li key={line} className="rounded-md bg-white px-3 py-2 ring-1 ring-slate-200">
                  {line}
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
          ) : row.waived ? null : (
            <AcknowledgeForm row={row} answer={answer} busy={busyKey === row.key} />
          )}
        </div>
      </div>
    </li>
  );
}
