import { useState } from "react";
import { PlusIcon } from "~/components/icons";
import { Button, SelectField, TextAreaField, TextField, controlClasses, cx } from "~/components/ui";
import type { BriefFieldDefinition } from "~/modules/briefs/template";
import { useHydrated } from "~/utils/use-hydrated";

/**
 * The editor's inputs, one per template field, named by the field's path so the one schema in
 * brief-schema.ts parses them ("timeline.kickoff", "successMetrics.0.kpi", "custom.budget").
 */

export type Errors = Record<string, string[] | undefined>;
export const anchorOf = (key: string) => `field-${key.replace(/\./g, "-")}`;

function errorsUnder(errors: Errors, key: string): string[] {
  return Object.entries(errors).flatMap(([path, list]) => (path === key || path.startsWith(`${key}.`) ? (list ?? []) : []));
}

const str = (v: unknown) => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");
const rowsOf = (v: unknown): Record<string, unknown>[] =>
  Array.isArray(v) ? v.map((r) => (typeof r === "object" && r !== null ? (r as Record<string, unknown>) : { value: r })) : [];

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

function RowList({ field, value, errors }: { field: BriefFieldDefinition; value: unknown; errors: Errors }) {
  const hydrated = useHydrated();
  const existing = field.type === "contact_list" ? (Array.isArray(value) ? value.map(str) : []) : rowsOf(value);
  const [count, setCount] = useState(Math.max(existing.length + 1, 2));
  const specs = ROW_SPECS[field.type];
  const own = errors[field.key] ?? [];
  return (
    <fieldset id={anchorOf(field.key)} className="scroll-mt-24" aria-describedby={`${anchorOf(field.key)}-help`}>
      <FieldLegend field={field} />
      <p id={`${anchorOf(field.key)}-help`} className="mt-1 text-sm text-ink-muted">
        {field.help}
      </p>
      <div className="mt-2 space-y-2">
        {Array.from({ length: count }, (_, i) => {
          const row = existing[i];
          if (!specs) {
            const name = `${field.key}.${i}`;
            const rowErrors = errorsUnder(errors, name);
            return (
              <div key={i}>
                <input
                  aria-label={`${field.label} ${i + 1}`}
                  name={name}
                  defaultValue={str(row)}
                  className={controlClasses}
                  maxLength={200}
                  aria-invalid={rowErrors.length ? true : undefined}
                />
                {rowErrors.length ? <p className="mt-1 text-sm text-red-700">{rowErrors.join(" ")}</p> : null}
              </div>
            );
          }
          const rowErrors = errorsUnder(errors, `${field.key}.${i}`);
          return (
            <div key={i} className="rounded-lg bg-slate-50 p-3 ring-1 ring-inset ring-slate-200 sm:bg-transparent sm:p-0 sm:ring-0">
              <div className="grid gap-2 sm:flex">
                {specs.map((spec) => {
                  const name = `${field.key}.${i}.${spec.part}`;
                  const own = errors[name];
                  return (
                    <label key={spec.part} className={cx("block flex-1", spec.className)}>
                      <span className={cx("text-xs font-medium text-ink-muted", i > 0 && "sm:sr-only")}>{spec.label}</span>
                      <input
                        name={name}
                        defaultValue={str((row as Record<string, unknown> | undefined)?.[spec.part])}
                        inputMode={spec.inputMode}
                        placeholder={spec.placeholder}
                        aria-label={`${field.label} ${i + 1}: ${spec.label}`}
                        aria-invalid={own?.length ? true : undefined}
                        className={cx(controlClasses, "mt-1")}
                        maxLength={200}
                      />
                    </label>
                  );
                })}
              </div>
              {rowErrors.length ? (
                <p className="mt-1 text-sm text-red-700">
                  Row {i + 1}: {[...new Set(rowErrors)].join(" ")}
                </p>
              ) : null}
            </div>
          );
        })}
      </div>
      {own.length ? <p className="mt-1.5 text-sm text-red-700">{own.join(" ")}</p> : null}
      {hydrated ? (
        <Button size="sm" variant="ghost" className="mt-2" onClick={() => setCount((c) => Math.min(c + 1, 50))}>
          <PlusIcon /> Add a row
        </Button>
      ) : (
        <p className="mt-2 text-xs text-ink-muted">Need more rows? Save, and a new empty row appears.</p>
      )}
    </fieldset>
  );
}

function Checklist({ field, value, errors }: { field: BriefFieldDefinition; value: unknown; errors: Errors }) {
  const ticked = Array.isArray(value) ? value.map(str) : [];
  const list = errorsUnder(errors, field.key);
  return (
    <fieldset id={anchorOf(field.key)} className="scroll-mt-24">
      <FieldLegend field={field} />
      {field.help ? <p className="mt-1 text-sm text-ink-muted">{field.help}</p> : null}
      {/* Posts the field even with nothing ticked, so unticking every option clears it. */}
      <input type="hidden" name={field.key} value="" />
      <div className="mt-2 space-y-1">
        {(field.options ?? []).map((option) => (
          <label key={option} className="flex min-h-[2.25rem] items-center gap-3 text-sm text-ink">
            <input
              type="checkbox"
              name={field.key}
              value={option}
              defaultChecked={ticked.includes(option)}
              className="h-4 w-4 accent-accent"
            />
            {option}
          </label>
        ))}
      </div>
      {list.length ? <p className="mt-1 text-sm text-red-700">{list.join(" ")}</p> : null}
    </fieldset>
  );
}

export function BriefField({
  field,
  value,
  errors,
  prefilled,
}: {
  field: BriefFieldDefinition;
  value: unknown;
  errors: Errors;
  prefilled?: boolean;
}) {
  const common = {
    id: anchorOf(field.key),
    name: field.key,
    label: field.label,
    hint: prefilled ? `${field.help} Pre-filled from the client's onboarding questionnaire.` : field.help || undefined,
    errors: errorsUnder(errors, field.key),
    required: field.required,
    className: "scroll-mt-24",
  };
  switch (field.type) {
    case "long_text":
      return <TextAreaField {...common} defaultValue={str(value)} rows={field.key === "keyMessage" ? 3 : 5} maxLength={5000} />;
    case "text":
      return <TextField {...common} defaultValue={str(value)} maxLength={field.key === "disclosure" ? 100 : 500} autoComplete="off" />;
    case "date":
      return <TextField {...common} type="date" defaultValue={str(value)} />;
    case "url":
      return <TextField {...common} type="url" inputMode="url" placeholder="https://" defaultValue={str(value)} maxLength={2048} />;
    case "number":
      return <TextField {...common} inputMode="decimal" defaultValue={str(value)} />;
    case "select":
      return (
        <SelectField
          {...common}
          defaultValue={str(value)}
          placeholder="Choose…"
          options={(field.options ?? []).map((o) => ({ value: o, label: o }))}
        />
      );
    case "checklist":
      return <Checklist field={field} value={value} errors={errors} />;
    case "metric_list":
    case "deliverable_list":
    case "utm_list":
    case "contact_list":
      return <RowList field={field} value={value} errors={errors} />;
  }
}
