import { z } from "zod";
import { CORE_FIELDS, CORE_SECTIONS, type CoreFieldType } from "./core-sections";
import { DomainError } from "./errors";

/**
 * A workspace's brief template: the fixed core sections plus the admin's custom fields.
 * Templates are values: every function returns a new template and never mutates its input.
 */

export const CUSTOM_FIELD_TYPES = ["text", "long_text", "number", "date", "select", "checklist", "url"] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];
export type BriefFieldType = CoreFieldType | CustomFieldType;

export interface CustomField {
  key: string;
  label: string;
  help?: string;
  type: CustomFieldType;
  required: boolean;
  /** Whether changing it asks people to acknowledge the brief again (core rules are fixed). */
  material: boolean;
  options?: string[];
  order: number;
}

export interface BriefTemplate {
  version: number;
  customFields: readonly CustomField[];
}

/** One fillable field of a brief, core or custom, with its path as the key. */
export interface BriefFieldDefinition {
  key: string;
  label: string;
  help: string;
  type: BriefFieldType;
  required: boolean;
  material: boolean;
  options?: readonly string[];
}

export const CUSTOM_KEY_PREFIX = "custom.";
export const MAX_CUSTOM_FIELDS = 50;

export function createBriefTemplate(): BriefTemplate {
  return { version: 1, customFields: [] };
}

export function sortedCustomFields(template: BriefTemplate): CustomField[] {
  return [...template.customFields].sort((a, b) => a.order - b.order);
}

/** Every field in the order the form shows it and completeness reports it. */
export function templateFields(template: BriefTemplate): BriefFieldDefinition[] {
  const core = CORE_FIELDS.map(({ key, label, help, type, required, material }) => ({ key, label, help, type, required, material }));
  const custom = sortedCustomFields(template).map((f) => ({
    key: CUSTOM_KEY_PREFIX + f.key,
    label: f.label,
    help: f.help ?? "",
    type: f.type,
    required: f.required,
    material: f.material,
    options: f.options,
  }));
  return [...core, ...custom];
}

// "brand-story" must not shadow "brandStory": compare keys without case or separators.
const squash = (key: string) => key.toLowerCase().replace(/[^a-z0-9]/g, "");
const RESERVED_KEYS = new Set([...CORE_SECTIONS.map((s) => squash(s.key)), ...CORE_FIELDS.map((f) => squash(f.key))]);

const checkboxBoolean = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());
const optionList = z.preprocess(
  // A plain form posts options as one textarea, one option per line.
  (v) => (typeof v === "string" ? v.split(/\r?\n/) : v),
  z.array(z.string().trim().max(100)).transform((opts) => opts.filter((o) => o !== "")),
);

export const customFieldSchema = z
  .object({
    key: z
      .string()
      .trim()
      .min(1, "Give the field a key.")
      .max(40, "Keep the key under 40 characters.")
      // Starts with a letter so "custom.2" can never be mistaken for a list index in form names.
      .regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, "Use lowercase letters, digits and dashes, starting with a letter."),
    label: z.string().trim().min(1, "Give the field a label.").max(80),
    help: z.string().trim().max(300).optional(),
    type: z.enum(CUSTOM_FIELD_TYPES),
    required: checkboxBoolean,
    material: checkboxBoolean,
    options: optionList.optional(),
    order: z.coerce.number().int().min(0),
  })
  .superRefine((field, ctx) => {
    if (RESERVED_KEYS.has(squash(field.key))) {
      ctx.addIssue({ code: "custom", path: ["key"], message: `"${field.key}" is a core section of every brief; pick another key.` });
    }
    const choice = field.type === "select" || field.type === "checklist";
    const options = field.options ?? [];
    if (choice && options.length === 0) ctx.addIssue({ code: "custom", path: ["options"], message: "Add at least one option." });
    if (new Set(options).size !== options.length) ctx.addIssue({ code: "custom", path: ["options"], message: "Options must be unique." });
  })
  // Options of a field whose type changed away from select/checklist are dropped, not an error:
  // the editor keeps posting them and they mean nothing for the new type.
  .transform((field): CustomField => {
    const { options, help, ...rest } = field;
    const choice = field.type === "select" || field.type === "checklist";
    return { ...rest, ...(help ? { help } : {}), ...(choice ? { options } : {}) };
  });

export const templateEditSchema = z
  .object({ customFields: z.array(customFieldSchema).max(MAX_CUSTOM_FIELDS) })
  .superRefine(({ customFields }, ctx) => {
    const seen = new Set<string>();
    customFields.forEach((field, index) => {
      if (seen.has(field.key)) ctx.addIssue({ code: "custom", path: ["customFields", index, "key"], message: `The key "${field.key}" is used twice.` });
      seen.add(field.key);
    });
  })
  .transform(({ customFields }) => ({ customFields: renumber([...customFields].sort((a, b) => a.order - b.order)) }));

export type TemplateEdit = z.output<typeof templateEditSchema>;

function renumber(fields: readonly CustomField[]): CustomField[] {
  return fields.map((field, order) => ({ ...field, order }));
}

function withCustomFields(template: BriefTemplate, fields: CustomField[]): BriefTemplate {
  const parsed = templateEditSchema.safeParse({ customFields: renumber(fields) });
  if (!parsed.success) throw new DomainError("invalid_template", parsed.error.issues[0]?.message ?? "Invalid template.");
  return { ...template, customFields: parsed.data.customFields };
}

export function addCustomField(template: BriefTemplate, field: Omit<CustomField, "order">): BriefTemplate {
  return withCustomFields(template, [...sortedCustomFields(template), { ...field, order: template.customFields.length }]);
}

export function removeCustomField(template: BriefTemplate, key: string): BriefTemplate {
  if (RESERVED_KEYS.has(squash(key))) throw new DomainError("core_section", "Core sections cannot be removed from the brief.");
  if (!template.customFields.some((f) => f.key === key)) throw new DomainError("unknown_field", `There is no custom field "${key}".`);
  return withCustomFields(template, sortedCustomFields(template).filter((f) => f.key !== key));
}

/** orderedKeys must name every custom field exactly once. */
export function reorderCustomFields(template: BriefTemplate, orderedKeys: readonly string[]): BriefTemplate {
  const byKey = new Map(template.customFields.map((f) => [f.key, f]));
  const fields = orderedKeys.flatMap((key) => byKey.get(key) ?? []);
  if (fields.length !== byKey.size || new Set(orderedKeys).size !== orderedKeys.length || orderedKeys.length !== byKey.size) {
    throw new DomainError("invalid_template", "The new order must list every custom field exactly once.");
  }
  return withCustomFields(template, fields);
}

/** One step up or down, for editors without drag and drop; at either end nothing moves. */
export function moveCustomField(template: BriefTemplate, key: string, direction: "up" | "down"): BriefTemplate {
  const keys = sortedCustomFields(template).map((f) => f.key);
  const from = keys.indexOf(key);
  if (from === -1) throw new DomainError("unknown_field", `There is no custom field "${key}".`);
  const to = direction === "up" ? from - 1 : from + 1;
  if (to < 0 || to >= keys.length) return { ...template };
  [keys[from], keys[to]] = [keys[to], keys[from]];
  return reorderCustomFields(template, keys);
}

/** Each save of a template is a new version; briefs record the version they were written on. */
export function bumpTemplateVersion(template: BriefTemplate): BriefTemplate {
  return { ...template, version: template.version + 1 };
}

/** Validates an edit posted by the template editor and returns the next version. */
export function saveTemplateEdit(
  template: BriefTemplate,
  input: unknown,
): { success: true; template: BriefTemplate } | { success: false; fieldErrors: Record<string, string[]> } {
  const parsed = templateEditSchema.safeParse(input);
  if (!parsed.success) return { success: false, fieldErrors: issuesByPath(parsed.error.issues) };
  return { success: true, template: bumpTemplateVersion({ ...template, customFields: parsed.data.customFields }) };
}

export function issuesByPath(issues: readonly z.ZodIssue[]): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of issues) (errors[issue.path.join(".")] ??= []).push(issue.message);
  return errors;
}
