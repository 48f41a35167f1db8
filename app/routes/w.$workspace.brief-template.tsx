import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { Alert, Badge, Button, Card, CheckboxField, FormError, PageHeader, SelectField, TextAreaField, TextField } from "~/components/ui";
import { CORE_SECTIONS } from "~/modules/briefs/core-sections";
import { invalid, isDomainError, type Problem } from "~/utils/outcome";
import { answer, problemAnswer } from "~/utils/action-data.server";
import { conformResult } from "~/utils/conform";
import { formatDateTimeIn } from "~/modules/briefs/format";
import {
  CUSTOM_FIELD_TYPES,
  addCustomField,
  addFieldFormSchema,
  moveCustomField,
  removeCustomField,
  sortedCustomFields,
  type CustomField,
  type CustomFieldType,
} from "~/modules/briefs/template";
import { currentTemplate, saveTemplateVersion, templateHistory } from "~/modules/briefs/templates.server";
import { requirePermission } from "~/modules/workspaces/authz.server";
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
  if (!which.success) return problemAnswer<Intent>(invalid("Unknown action. Reload the page and try again.", which.errors).problem);
  const intent = which.data.intent;
  const refuse = (problem: Problem) => problemAnswer(problem, { intent, values: intent === "add" ? addValues(form) : {} });
  const base = parseWith(baseSchema, form);
  if (!base.success) return refuse(invalid("Reload the page and try again.", base.errors).problem);
  const template = await currentTemplate(ctx.workspace.id);
  let next: readonly CustomField[];
  let change: string;
  try {
    if (intent === "add") {
      const raw = {
        label: form.get("label"),
        help: form.get("help") ?? undefined,
        type: form.get("type"),
        required: form.get("required") ?? undefined,
        material: form.get("material") ?? undefined,
        options: form.get("options") ?? undefined,
        key: form.get("key"),
      };
      const parsed = addFieldFormSchema.safeParse(raw);
      if (!parsed.success) {
        const errors: Record<string, string[]> = {};
        for (const issue of parsed.error.issues) (errors[issue.path.join(".") || "label"] ??= []).push(issue.message);
        return refuse(invalid(undefined, errors).problem);
      }
      const { order: _order, ...field } = parsed.data;
      if (template.customFields.some((f) => f.key === field.key))
        return refuse(invalid(undefined, { key: [`The key "${field.key}" is already used by another field.`] }).problem);
      next = addCustomField(template, field).customFields;
      change = `added ${field.label}`;
    } else {
      const parsed = parseWith(keySchema, form);
      if (!parsed.success) return refuse(invalid("Choose a field from the list.", parsed.errors).problem);
      const { key } = parsed.data;
      const field = template.customFields.find((f) => f.key === key);
      const gone = "That field is not in the template (anymore). Reload the page.";
      if (!field) return refuse({ kind: "conflict", message: gone, fields: { key: [gone] } });
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
    return refuse({ ...error.problem, fields: {} });
  }
  const saved = await saveTemplateVersion(ctx, { baseVersion: base.data.baseVersion, fields: next, change });
  return answer(saved, { intent, notice: (template) => `Template v${template.version} saved: ${change}.` });
}

export default function BriefTemplatePage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const addFailed = result && !result.ok && result.intent === "add" ? result : null;
  // conform with the action's own schema: checked in the browser first, the server's answer shown the same way.
  const [addForm, addFields] = useForm({
    id: "add-field",
    lastResult: conformResult(result, "add"),
    constraint: getZodConstraint(addFieldFormSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: addFieldFormSchema }),
  });
  const typed = (value: unknown) => (typeof value === "string" ? value : undefined);
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
        <Form
          method="post"
          className="space-y-5"
          key={result?.ok && result.intent === "add" ? `added-${result.at}` : "add"}
          {...getFormProps(addForm)}
        >
          <input type="hidden" name="intent" value="add" />
          <input type="hidden" name="baseVersion" value={data.version} />
          <FormError errors={addForm.errors} />
          <div className="grid gap-5 sm:grid-cols-2">
            <TextField
              label="Label"
              name={addFields.label.name}
              defaultValue={typed(addFields.label.initialValue)}
              errors={addFields.label.errors}
              required
              maxLength={80}
            />
            <SelectField
              label="Type"
              name={addFields.type.name}
              defaultValue={typed(addFields.type.initialValue) ?? "text"}
              errors={addFields.type.errors}
              options={CUSTOM_FIELD_TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] }))}
            />
          </div>
          <TextField
            label="Help text"
            name={addFields.help.name}
            defaultValue={typed(addFields.help.initialValue)}
            errors={addFields.help.errors}
            maxLength={300}
            hint="Shown under the field in the editor."
          />
          <TextAreaField
            label="Options"
            name={addFields.options.name}
            rows={3}
            defaultValue={typed(addFields.options.initialValue)}
            errors={addFields.options.errors}
            hint="For select and checklist fields: one option per line."
          />
          <TextField
            label="Key"
            name={addFields.key.name}
            defaultValue={typed(addFields.key.initialValue)}
            errors={addFields.key.errors}
            hint="Optional. Made from the label when left empty (lowercase letters, digits and dashes)."
            maxLength={40}
          />
          <div className="space-y-3">
            <CheckboxField
              label="Required"
              name={addFields.required.name}
              errors={addFields.required.errors}
              hint="A campaign cannot leave planning until it is filled."
            />
            <CheckboxField
              label="Material"
              name={addFields.material.name}
              errors={addFields.material.errors}
              hint="Changing it asks everyone to acknowledge the brief again."
            />
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
