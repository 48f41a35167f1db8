import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { Alert, Badge, Button, Card, CheckboxField, FormError, PageHeader, SelectField, TextAreaField, TextField } from "~/components/ui";
import { CORE_SECTIONS } from "~/modules/briefs/core-sections";
import { isDomainError } from "~/utils/outcome";
import { answer } from "~/utils/action-data.server";
import { formatDateTimeIn } from "~/modules/briefs/format";
import {
  CUSTOM_FIELD_TYPES,
  addCustomField,
  customFieldSchema,
  moveCustomField,
  removeCustomField,
  sortedCustomFields,
  type CustomField,
  type CustomFieldType,
} from "~/modules/briefs/template";
import { currentTemplate, saveTemplateVersion, templateHistory } from "~/modules/briefs/templates.server";
import { requirePermission } from "~/modules/workspaces/authz.server";
import { actionFailure } from "~/utils/action-result.server";
import { parseWith, readForm } from "~/utils/http.server";
import { text } from "~/utils/text-schema";

export const meta: MetaFunction = () => [{ title: "Brief template · Baton" }];

const TYPE_LABELS: Record<CustomFieldType, string> = {
  text: "Short text",
  long_text: "Long text",
  number: "Number",
  date: "Date",
  select: "Select (one option)",
  checklist: "Checklist (several options)",
  url: "Web address (URL)",
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "template.manage");
  const [template, history] = await Promise.all([currentTemplate(ctx.workspace.id), templateHistory(ctx.workspace.id)]);
  const zone = ctx.user.timeZone || "UTC";
  return json({
    version: template.version,
    fields: sortedCustomFields(template),
    core: CORE_SECTIONS.map((s) => ({
      key: s.key,
      label: s.label,
      help: s.help,
      material: s.material,
      fields: s.fields.map((f) => f.label),
    })),
    history: history.map((h) => ({ version: h.version, at: formatDateTimeIn(h.createdAt, zone) })),
  });
}

const intentSchema = z.object({
  intent: z.enum(["add", "required", "move-up", "move-down", "remove"], { errorMap: () => ({ message: "Unknown action." }) }),
});
type Intent = z.infer<typeof intentSchema>["intent"];
const baseSchema = z.object({
  baseVersion: z.coerce.number({ invalid_type_error: "Reload the page and try again." }).int().min(0).max(1_000_000),
});
const keySchema = z.object({ key: text({ required: "Choose a field.", trim: false, min: 1, max: 40, tooLong: "Choose a field." }) });

/** A key from the label when none is typed: "Hero product" → "hero-product". */
const keyFromLabel = (label: string) =>
  label
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^[^a-z]+/, "")
    .replace(/-+$/, "")
    .slice(0, 40);

function addValues(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ["label", "key", "help", "type", "options"]) {
    const v = form.get(k);
    if (typeof v === "string") out[k] = v.slice(0, 2000);
  }
  return out;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "template.manage");
  const form = await readForm(request);
  const which = parseWith(intentSchema, { intent: form.get("intent") ?? undefined });
  if (!which.success) return actionFailure<Intent>(null, which.errors, { formError: "Unknown action. Reload the page and try again." });
  const intent = which.data.intent;
  const base = parseWith(baseSchema, form);
  if (!base.success)
    return actionFailure(intent, base.errors, {
      formError: "Reload the page and try again.",
      values: intent === "add" ? addValues(form) : {},
    });
  const template = await currentTemplate(ctx.workspace.id);
  let next: readonly CustomField[];
  let change: string;
  try {
    if (intent === "add") {
      const label = form.get("label");
      const typedKey = form.get("key");
      const raw = {
        label,
        help: form.get("help") ?? undefined,
        type: form.get("type"),
        required: form.get("required") ?? undefined,
        material: form.get("material") ?? undefined,
        options: form.get("options") ?? undefined,
        order: "",
        key: typeof typedKey === "string" && typedKey.trim() !== "" ? typedKey : typeof label === "string" ? keyFromLabel(label) : typedKey,
      };
      const parsed = customFieldSchema.safeParse(raw);
      if (!parsed.success) {
        const errors: Record<string, string[]> = {};
        for (const issue of parsed.error.issues) (errors[issue.path.join(".") || "label"] ??= []).push(issue.message);
        return actionFailure(intent, errors, { values: addValues(form) });
      }
      const { order: _order, ...field } = parsed.data;
      if (template.customFields.some((f) => f.key === field.key))
        return actionFailure(intent, { key: [`The key "${field.key}" is already used by another field.`] }, { values: addValues(form) });
      next = addCustomField(template, field).customFields;
      change = `added ${field.label}`;
    } else {
      const parsed = parseWith(keySchema, form);
      if (!parsed.success) return actionFailure(intent, parsed.errors, { formError: "Choose a field from the list." });
      const { key } = parsed.data;
      const field = template.customFields.find((f) => f.key === key);
      if (!field)
        return actionFailure(
          intent,
          { key: ["That field is not in the template (anymore). Reload the page."] },
          { status: 409, formError: "That field is not in the template (anymore). Reload the page." },
        );
      if (intent === "required") {
        next = template.customFields.map((f) => (f.key === key ? { ...f, required: !f.required } : f));
        change = `${field.required ? "made optional" : "made required"}: ${field.label}`;
      } else if (intent === "remove") {
        next = removeCustomField(template, key).customFields;
        change = `removed ${field.label}`;
      } else {
        next = moveCustomField(template, key, intent === "move-up" ? "up" : "down").customFields;
        change = `moved ${field.label} ${intent === "move-up" ? "up" : "down"}`;
      }
    }
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return actionFailure(intent, {}, { formError: error.message, values: intent === "add" ? addValues(form) : {} });
  }
  const saved = await saveTemplateVersion(ctx, { baseVersion: base.data.baseVersion, fields: next, change });
  return answer(saved, { intent, notice: (template) => `Template v${template.version} saved: ${change}.` });
}

export default function BriefTemplatePage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const addFailed = result && !result.ok && result.intent === "add" ? result : null;
  return (
    <div className="space-y-6">
      <PageHeader
        title="Brief template"
        description="One brief format for every agency and creator. The core sections are always there; add your own fields, put them in order and mark the ones a brief cannot do without."
        actions={<Badge tone="info">Version {data.version}</Badge>}
      />
      {result?.ok ? (
        <Alert tone="success" role="status">
          {result.notice}
        </Alert>
      ) : null}
      {result && !result.ok && !addFailed ? <FormError errors={result.formError} /> : null}

      <Card
        title="Your fields"
        description="Shown after the core sections, in this order. Each change saves a new template version; briefs already published keep theirs."
        flush
      >
        {data.fields.length === 0 ? (
          <p className="px-6 py-5 text-sm text-ink-muted">No custom fields yet. Add one below.</p>
        ) : (
          <ol className="divide-y divide-slate-200" aria-label="Custom fields">
            {data.fields.map((f, i) => (
              <li key={f.key} className="flex flex-col gap-3 px-4 py-4 sm:flex-row sm:items-center sm:justify-between sm:px-6">
                <div className="min-w-0">
                  <p className="flex flex-wrap items-center gap-2 font-medium text-ink">
                    {f.label}
                    {f.required ? <Badge tone="warning">Required</Badge> : <Badge>Optional</Badge>}
                    {f.material ? <Badge tone="info">Material</Badge> : null}
                  </p>
                  <p className="text-sm text-ink-muted">
                    {TYPE_LABELS[f.type]} · key <code>{f.key}</code>
                    {f.options?.length ? ` · ${f.options.join(", ")}` : ""}
                  </p>
                </div>
                <div className="flex flex-wrap gap-1">
                  {(
                    [
                      ["required", f.required ? "Make optional" : "Make required", false],
                      ["move-up", "Move up", i === 0],
                      ["move-down", "Move down", i === data.fields.length - 1],
                      ["remove", "Remove", false],
                    ] as const
                  ).map(([intent, label, disabled]) => (
                    <Form method="post" key={intent}>
                      <input type="hidden" name="intent" value={intent} />
                      <input type="hidden" name="key" value={f.key} />
                      <input type="hidden" name="baseVersion" value={data.version} />
                      <Button
                        type="submit"
                        size="sm"
                        variant={intent === "remove" ? "ghost" : "secondary"}
                        disabled={disabled || busy}
                        className={intent === "remove" ? "text-red-700" : undefined}
                      >
                        {label}
                        <span className="sr-only"> {f.label}</span>
                      </Button>
                    </Form>
                  ))}
                </div>
              </li>
            ))}
          </ol>
        )}
      </Card>

      <Card title="Add a field">
        <Form method="post" className="space-y-5" key={result?.ok && result.intent === "add" ? `added-${result.at}` : "add"}>
          <input type="hidden" name="intent" value="add" />
          <input type="hidden" name="baseVersion" value={data.version} />
          <FormError errors={addFailed?.formError} />
          <div className="grid gap-5 sm:grid-cols-2">
            <TextField
              label="Label"
              name="label"
              defaultValue={addFailed?.values.label}
              errors={addFailed?.errors.label}
              required
              maxLength={80}
            />
            <SelectField
              label="Type"
              name="type"
              defaultValue={addFailed?.values.type ?? "text"}
              errors={addFailed?.errors.type}
              options={CUSTOM_FIELD_TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] }))}
            />
          </div>
          <TextField
            label="Help text"
            name="help"
            defaultValue={addFailed?.values.help}
            errors={addFailed?.errors.help}
            maxLength={300}
            hint="Shown under the field in the editor."
          />
          <TextAreaField
            label="Options"
            name="options"
            rows={3}
            defaultValue={addFailed?.values.options}
            errors={addFailed?.errors.options}
            hint="For select and checklist fields: one option per line."
          />
          <TextField
            label="Key"
            name="key"
            defaultValue={addFailed?.values.key}
            errors={addFailed?.errors.key}
            hint="Optional. Made from the label when left empty (lowercase letters, digits and dashes)."
            maxLength={40}
          />
          <div className="space-y-3">
            <CheckboxField label="Required" name="required" hint="A campaign cannot leave planning until it is filled." />
            <CheckboxField label="Material" name="material" hint="Changing it asks everyone to acknowledge the brief again." />
          </div>
          <Button type="submit" disabled={busy}>
            Add field
          </Button>
        </Form>
      </Card>

      <Card title="Core sections" description="Every brief has these. They cannot be removed.">
        <ul className="grid gap-3 sm:grid-cols-2">
          {data.core.map((s) => (
            <li key={s.key} className="rounded-lg p-3 ring-1 ring-inset ring-slate-200">
              <p className="flex items-center gap-2 font-medium text-ink">
                {s.label}
                {s.material ? <Badge tone="info">Material</Badge> : null}
              </p>
              <p className="text-sm text-ink-muted">{s.help}</p>
              {s.fields.length > 1 ? <p className="mt-1 text-xs text-ink-muted">{s.fields.join(" · ")}</p> : null}
            </li>
          ))}
        </ul>
      </Card>

      {data.history.length > 0 ? (
        <Card title="Versions">
          <ul className="space-y-1 text-sm">
            {data.history.map((h) => (
              <li key={h.version}>
                <span className="font-medium">v{h.version}</span> <span className="text-ink-muted">{h.at}</span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}
