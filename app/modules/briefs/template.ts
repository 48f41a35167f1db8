import { z } from "zod";
import { text, toLineFeeds } from "~/utils/text-schema";
import { CORE_FIELDS, CORE_SECTIONS, type CoreFieldType } from "./core-sections";
import { DomainError, fieldMessagesOf } from "~/utils/outcome";

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
  /** Whether changing it asks people to acknowledge the brief again (core materiality is fixed). */
  material: boolean;
  options?: string[]; // select and checklist only
  order: number;
}

export interface BriefTemplate {
  version: number;
  customFields: readonly CustomField[];
}

/** One fillable field of a brief, core or custom, keyed by its path ("timeline.kickoff", "custom.budget"). */
export interface BriefFieldDefinition {
  key: string;
  label: string;
  help: string;
  type: BriefFieldType;
  required: boolean;
  material: boolean;
  options?: readonly string[];
}

export const MAX_CUSTOM_FIELDS = 50;

export function createBriefTemplate(): BriefTemplate {
  return { version: 1, customFields: [] };
}

export function sortedCustomFields(template: BriefTemplate): CustomField[] {
  return [...template.customFields].sort((a, b) => a.order - b.order);
}

/** Every field in the order the form shows it and completeness reports it: core first. */
export function templateFields(template: BriefTemplate): BriefFieldDefinition[] {
  const core = CORE_FIELDS.map(({ key, label, help, type, required, material }) => ({ key, label, help, type, required, material }));
  const custom = sortedCustomFields(template).map(({ key, help, order: _order, ...rest }) => ({
    ...rest,
    key: `custom.${key}`,
    help: help ?? "",
  }));
  return [...core, ...custom];
}

// "brand-story" must not shadow "brandStory": keys are compared without case or separators.
const squash = (key: string) => key.toLowerCase().replace(/[^a-z0-9]/g, "");
const RESERVED_KEYS = new Set([...CORE_SECTIONS, ...CORE_FIELDS].map((s) => squash(s.key)));
const isChoice = (type: CustomFieldType) => type === "select" || type === "checklist";

const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());
const optionLines = z.preprocess(
  (v) => (typeof v === "string" ? toLineFeeds(v).split("\n") : v), // a plain form posts one option per line
  z.array(text({ max: 100, tooLong: "Keep each option under 100 characters." })).transform((options) => options.filter((o) => o !== "")),
);

export const customFieldSchema = z
  .object({
    // Starts with a letter so "custom.2" can never be mistaken for a list row in form names.
    key: z
      .string()
      .trim()
      .max(40, "Keep the key under 40 characters.")
      .regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, "Use lowercase letters, digits and dashes, starting with a letter."),
    label: text({ required: "Give the field a label.", min: 1, max: 80 }),
    help: text({ max: 300 }).optional(),
    type: z.enum(CUSTOM_FIELD_TYPES),
    required: checkbox,
    material: checkbox,
    options: optionLines.optional(),
    // A row posted without an order goes last; the template renumbers 0..n-1 anyway.
    order: z.preprocess((v) => (v === undefined || v === "" ? Number.MAX_SAFE_INTEGER : v), z.coerce.number().int().min(0)),
  })
  .superRefine(({ key, type, options = [] }, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (RESERVED_KEYS.has(squash(key))) issue("key", `"${key}" is a core section of every brief; pick another key.`);
    if (isChoice(type) && options.length === 0) issue("options", "Add at least one option.");
    if (new Set(options).size !== options.length) issue("options", "Options must be unique.");
  })
  // Options left over after a type change away from select/checklist are dropped, not refused:
  // the editor still posts them and they mean nothing for the new type.
  .transform(({ options, help, ...rest }): CustomField => ({
    ...rest,
    ...(help ? { help } : {}),
    ...(isChoice(rest.type) ? { options } : {}),
  }));

/** A key from the label when none is typed: "Hero product" → "hero-product". */
export const keyFromLabel = (label: string) =>
  label
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^[^a-z]+/, "")
    .replace(/-+$/, "")
    .slice(0, 40);

/**
 * The template page's "Add a field" form, for its action and for conform in the browser: the key is
 * made from the label when left empty, and the new field goes last.
 */
export const addFieldFormSchema = z.preprocess((raw) => {
  if (!raw || typeof raw !== "object") return raw;
  const { label, key } = raw as Record<string, unknown>;
  const typed = typeof key === "string" && key.trim() !== "";
  return { ...raw, order: "", key: typed ? key : typeof label === "string" ? keyFromLabel(label) : key };
}, customFieldSchema);

export const templateEditSchema = z
  .object({ customFields: z.array(customFieldSchema).max(MAX_CUSTOM_FIELDS) })
  .superRefine(({ customFields }, ctx) => {
    customFields.forEach(({ key }, index) => {
      if (customFields.findIndex((f) => f.key === key) === index) return;
      ctx.addIssue({ code: "custom", path: ["customFields", index, "key"], message: `The key "${key}" is used twice.` });
    });
  })
  .transform(({ customFields }) => ({ customFields: renumber(customFields.toSorted((a, b) => a.order - b.order)) }));

const renumber = (fields: readonly CustomField[]) => fields.map((field, order) => ({ ...field, order }));

function withCustomFields(template: BriefTemplate, fields: readonly CustomField[]): BriefTemplate {
  const parsed = templateEditSchema.safeParse({ customFields: renumber(fields) });
  if (!parsed.success) throw new DomainError("invalid_template", parsed.error.issues[0].message);
  return { ...template, customFields: parsed.data.customFields };
}

export function addCustomField(template: BriefTemplate, field: Omit<CustomField, "order">): BriefTemplate {
  return withCustomFields(template, [...sortedCustomFields(template), { ...field, order: template.customFields.length }]);
}

export function removeCustomField(template: BriefTemplate, key: string): BriefTemplate {
  if (RESERVED_KEYS.has(squash(key))) throw new DomainError("core_section", "Core sections cannot be removed from the brief.");
  if (!template.customFields.some((f) => f.key === key)) throw new DomainError("unknown_field", `There is no custom field "${key}".`);
  return withCustomFields(
    template,
    sortedCustomFields(template).filter((f) => f.key !== key),
  );
}

/** orderedKeys must name every custom field exactly once. */
export function reorderCustomFields(template: BriefTemplate, orderedKeys: readonly string[]): BriefTemplate {
  const byKey = new Map(template.customFields.map((f) => [f.key, f]));
  const fields = [...new Set(orderedKeys)].flatMap((key) => byKey.get(key) ?? []);
  if (orderedKeys.length !== byKey.size || fields.length !== byKey.size) {
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

/** Each save is a new version, so a brief can say which template version it was written on. */
export function bumpTemplateVersion(template: BriefTemplate): BriefTemplate {
  return { ...template, version: template.version + 1 };
}

/** Validates an edit posted by the template editor and returns it as the next version. */
export function saveTemplateEdit(
  template: BriefTemplate,
  input: unknown,
): { success: true; template: BriefTemplate } | { success: false; fieldErrors: Record<string, string[]> } {
  const parsed = templateEditSchema.safeParse(input);
  if (!parsed.success) return { success: false, fieldErrors: fieldMessagesOf(parsed.error.issues) };
  return { success: true, template: bumpTemplateVersion({ ...template, customFields: parsed.data.customFields }) };
}
