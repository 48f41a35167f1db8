import { useField, type FieldMetadata } from "@conform-to/react";
import { PlusIcon } from "~/components/icons";
import { Button, SelectField, TextAreaField, TextField, controlClasses, cx } from "~/components/ui";
import { MAX_ROWS } from "~/modules/briefs/editor-form";
import type { BriefFieldDefinition } from "~/modules/briefs/template";
import { initialList } from "~/utils/conform";
import { useHydrated } from "~/utils/use-hydrated";

/**
 * The editor's inputs, one per template field, each taking its name, id, starting value and
 * messages from conform (inside the page's FormProvider): "timeline.kickoff", "custom.budget",
 * list rows as "successMetrics[0].kpi". The one schema in brief-schema.ts parses them all.
 */

const str = (v: unknown) => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");
/** Every message conform holds for a field and what is under it (a checklist's options, a list's rows). */
const messagesUnder = (meta: FieldMetadata<unknown>) => Object.values(meta.allErrors).flat();
const describedBy = (...ids: (string | false)[]) => ids.filter(Boolean).join(" ") || undefined;

interface RowSpec {
  part: string;
  label: string;
  className?: string;
  inputMode?: "numeric" | "text";
  placeholder?: string;
}

const ROW_SPECS: Record<string, RowSpec[]> = {
  metric_list: [
    { part: "kpi", label: "KPI", placeholder: "Engagement rate" },
    { part: "target", label: "Target", placeholder: "4%" },
  ],
  deliverable_list: [
    { part: "channel", label: "Channel", placeholder: "instagram" },
    { part: "format", label: "Format", placeholder: "Reel" },
    { part: "count", label: "Count", inputMode: "numeric", placeholder: "2", className: "sm:max-w-[6rem]" },
  ],
  utm_list: [
    { part: "param", label: "Parameter", placeholder: "utm_source" },
    { part: "value", label: "Value (optional)", placeholder: "any value" },
  ],
};

/** A list field's legend: its label, and for a required one the visible star and the words a screen reader says instead. */
function FieldLegend({ field }: { field: BriefFieldDefinition }) {
  return (
    <legend className="text-sm font-medium text-ink">
      {field.label}
      {field.required ? (
        <>
          <span className="ml-0.5 text-red-600" aria-hidden="true">
            *
          </span>
          <span className="sr-only"> (required)</span>
        </>
      ) : null}
    </legend>
  );
}

type Row = Record<string, string | undefined>;

/** One row of a metric, deliverable or UTM list: its inputs side by side, its messages under them ("Row 2: …"). */
function PartsRow({ field, row, index, specs }: { field: BriefFieldDefinition; row: FieldMetadata<Row>; index: number; specs: RowSpec[] }) {
  const parts = row.getFieldset();
  const own = row.errors ?? [];
  const bad = own.length > 0 || specs.some((spec) => parts[spec.part].errors?.length);
  return (
    <div className="rounded-lg bg-slate-50 p-3 ring-1 ring-inset ring-slate-200 sm:bg-transparent sm:p-0 sm:ring-0">
      <div className="grid gap-2 sm:flex">
        {specs.map((spec) => {
          const part = parts[spec.part];
          const invalid = Boolean(part.errors?.length);
          return (
            <label key={spec.part} className={cx("block flex-1", spec.className)}>
              <span className={cx("text-xs font-medium text-ink-muted", index > 0 && "sm:sr-only")}>{spec.label}</span>
              <input
                id={part.id}
                name={part.name}
                defaultValue={str(part.initialValue)}
                inputMode={spec.inputMode}
                placeholder={spec.placeholder}
                aria-label={`${field.label} ${index + 1}: ${spec.label}`}
                aria-invalid={invalid || own.length > 0 ? true : undefined}
                aria-describedby={describedBy(invalid && part.errorId, own.length > 0 && row.errorId)}
                className={cx(controlClasses, "mt-1")}
                maxLength={200}
              />
            </label>
          );
        })}
      </div>
      {bad ? (
        <p className="mt-1 text-sm text-red-700">
          Row {index + 1}: {own.length > 0 ? <span id={row.errorId}>{own.join(" ")} </span> : null}
          {specs.map((spec) =>
            parts[spec.part].errors?.length ? (
              <span key={spec.part} id={parts[spec.part].errorId}>
                {parts[spec.part].errors?.join(" ")}{" "}
              </span>
            ) : null,
          )}
        </p>
      ) : null}
    </div>
  );
}

/** One name or email of a contact list (approvers). */
function ContactRow({ field, row, index }: { field: BriefFieldDefinition; row: FieldMetadata<string>; index: number }) {
  const messages = messagesUnder(row);
  return (
    <div>
      <input
        aria-label={`${field.label} ${index + 1}`}
        id={row.id}
        name={row.name}
        defaultValue={str(row.initialValue)}
        className={controlClasses}
        maxLength={200}
        aria-invalid={messages.length ? true : undefined}
        aria-describedby={messages.length ? row.errorId : undefined}
      />
      {messages.length ? (
        <p id={row.errorId} className="mt-1 text-sm text-red-700">
          {messages.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

/**
 * A list field: its rows (what is there and a spare one, see editor-form.ts) and, once the page
 * runs JavaScript, conform's "Add a row"; a plain form gets its next spare row by saving.
 */
function RowList({ field }: { field: BriefFieldDefinition }) {
  const hydrated = useHydrated();
  const [meta, form] = useField<unknown[]>(field.key);
  const rows = meta.getFieldList();
  const specs = ROW_SPECS[field.type];
  const own = meta.errors ?? [];
  return (
    <fieldset id={meta.id} className="scroll-mt-24" aria-describedby={describedBy(meta.descriptionId, own.length > 0 && meta.errorId)}>
      <FieldLegend field={field} />
      <p id={meta.descriptionId} className="mt-1 text-sm text-ink-muted">
        {field.help}
      </p>
      <div className="mt-2 space-y-2">
        {rows.map((row, i) =>
          specs ? (
            <PartsRow key={row.key} field={field} row={row as FieldMetadata<Row>} index={i} specs={specs} />
          ) : (
            <ContactRow key={row.key} field={field} row={row as FieldMetadata<string>} index={i} />
          ),
        )}
      </div>
      {own.length ? (
        <p id={meta.errorId} className="mt-1.5 text-sm text-red-700">
          {own.join(" ")}
        </p>
      ) : null}
      {!hydrated ? (
        <p className="mt-2 text-xs text-ink-muted">Need more rows? Save, and a new empty row appears.</p>
      ) : rows.length < MAX_ROWS ? (
        <Button type="submit" size="sm" variant="ghost" className="mt-2" {...form.insert.getButtonProps({ name: meta.name })}>
          <PlusIcon /> Add a row
        </Button>
      ) : null}
    </fieldset>
  );
}

function Checklist({ field }: { field: BriefFieldDefinition }) {
  const [meta] = useField<string[]>(field.key);
  const ticked = initialList(meta as FieldMetadata<unknown>);
  const messages = messagesUnder(meta as FieldMetadata<unknown>);
  return (
    <fieldset
      id={meta.id}
      className="scroll-mt-24"
      aria-describedby={describedBy(Boolean(field.help) && meta.descriptionId, messages.length > 0 && meta.errorId)}
    >
      <FieldLegend field={field} />
      {field.help ? (
        <p id={meta.descriptionId} className="mt-1 text-sm text-ink-muted">
          {field.help}
        </p>
      ) : null}
      {/* Posts the field even with nothing ticked, so unticking every option clears it. */}
      <input type="hidden" name={meta.name} value="" />
      <div className="mt-2 space-y-1">
        {(field.options ?? []).map((option) => (
          <label key={option} className="flex min-h-[2.25rem] items-center gap-3 text-sm text-ink">
            <input
              type="checkbox"
              name={meta.name}
              value={option}
              defaultChecked={ticked.includes(option)}
              aria-invalid={messages.length ? true : undefined}
              className="h-4 w-4 accent-accent"
            />
            {option}
          </label>
        ))}
      </div>
      {messages.length ? (
        <p id={meta.errorId} className="mt-1 text-sm text-red-700">
          {messages.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}

/** A single-value field: text, long text, date, web address, number or a choice of one. */
function SingleField({ field, prefilled }: { field: BriefFieldDefinition; prefilled?: boolean }) {
  const [meta] = useField<string>(field.key);
  const value = str(meta.initialValue);
  const common = {
    id: meta.id,
    name: meta.name,
    label: field.label,
    hint: prefilled ? `${field.help} Pre-filled from the client's onboarding questionnaire.` : field.help || undefined,
    errors: messagesUnder(meta as FieldMetadata<unknown>),
    required: field.required,
    className: "scroll-mt-24",
  };
  switch (field.type) {
    case "long_text":
      return <TextAreaField {...common} defaultValue={value} rows={field.key === "keyMessage" ? 3 : 5} maxLength={5000} />;
    case "date":
      return <TextField {...common} type="date" defaultValue={value} />;
    case "url":
      return <TextField {...common} type="url" inputMode="url" placeholder="https://" defaultValue={value} maxLength={2048} />;
    case "number":
      return <TextField {...common} inputMode="decimal" defaultValue={value} />;
    case "select":
      return (
        <SelectField
          {...common}
          defaultValue={value}
          placeholder="Choose…"
          options={(field.options ?? []).map((o) => ({ value: o, label: o }))}
        />
      );
    default:
      return <TextField {...common} defaultValue={value} maxLength={field.key === "disclosure" ? 100 : 500} autoComplete="off" />;
  }
}

export function BriefField({ field, prefilled }: { field: BriefFieldDefinition; prefilled?: boolean }) {
  switch (field.type) {
    case "checklist":
      return <Checklist field={field} />;
    case "metric_list":
    case "deliverable_list":
    case "utm_list":
    case "contact_list":
      return <RowList field={field} />;
    default:
      return <SingleField field={field} prefilled={prefilled} />;
  }
}
