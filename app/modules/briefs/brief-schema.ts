import { DateTime } from "luxon";
import { z } from "zod";
import { text as textField, toLineFeeds } from "~/utils/text-schema";
import { coreField, type Brief, type BriefDraft, type CoreFieldKey, type CustomValue } from "./core-sections";
import { fieldMessagesOf } from "~/utils/outcome";
import { sortedCustomFields, type BriefTemplate, type CustomFieldType } from "./template";

/**
 * ONE zod schema per template, used by the server and the form. Draft mode lets a brief be saved
 * half-written; complete mode is what a brief must be before a campaign leaves planning.
 */

export type BriefMode = "draft" | "complete";
type Schema<T> = z.ZodType<T, z.ZodTypeDef, unknown>;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

// Untouched inputs post "", and textareas post CRLF: normalise both so "blank" means absent
// everywhere and a re-saved brief never differs from the stored one by line endings alone.
function normalise(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const text = toLineFeeds(value).trim();
  return text === "" ? undefined : text;
}

/** A field that may be absent in a draft and must be filled in a complete brief when required. */
function slot<T>(base: Schema<T>, label: string, required: boolean, mode: BriefMode): Schema<T | undefined> {
  const optional = z.preprocess(normalise, base.optional());
  if (!required || mode === "draft") return optional;
  return optional.refine((v) => v !== undefined && (!Array.isArray(v) || v.length > 0), `${label} is required.`);
}
const core = <T>(key: CoreFieldKey, base: Schema<T>, mode: BriefMode) => slot(base, coreField(key).label, coreField(key).required, mode);

const text = (max: number) => textField({ max, trim: false, tooLong: `Keep it under ${max} characters.` });
const isoDate = z.string().refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && DateTime.fromISO(v).isValid, "Enter a date as YYYY-MM-DD.");
const webUrl = text(2048).refine((v) => {
  try {
    // Only web links: a brief is shown to other companies, so no javascript: or data: URLs.
    return ["http:", "https:"].includes(new URL(v).protocol);
  } catch {
    return false;
  }
}, "Enter a full web address starting with https://.");
const numeric = z.preprocess(
  (v) => (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v),
  z.number({ invalid_type_error: "Enter a number." }).finite(),
);

// Spare rows a plain form posts empty are dropped AFTER validation, so an error on row 2 is still
// reported as row 2 (the form shows it next to the right inputs). The limit counts what is left:
// the editor's spare row (or a checklist's always-posted blank) is not an entry.
const isBlankRow = (row: unknown) =>
  isRecord(row) ? Object.values(row).every((v) => normalise(v) === undefined) : normalise(row) === undefined;
function list<T>(row: Schema<T>, max: number): Schema<T[]> {
  return z
    .preprocess(
      (v) => (typeof v === "string" ? [v] : Array.isArray(v) ? v.map((r) => (isBlankRow(r) ? undefined : r)) : v),
      z.array(row.optional()),
    )
    .transform((rows) => rows.filter((r): r is T => r !== undefined))
    .refine((rows) => rows.length <= max, `Keep it to ${max} entries.`);
}
const group = <T extends z.ZodRawShape>(shape: T) => z.preprocess((v) => v ?? {}, z.object(shape));

const choices = (options: readonly string[]) => `Pick from: ${options.join(", ")}.`;
const CUSTOM_BASE: Record<CustomFieldType, (options: readonly string[]) => Schema<CustomValue>> = {
  text: () => text(200),
  long_text: () => text(5000),
  number: () => numeric,
  date: () => isoDate,
  url: () => webUrl,
  select: (options) => z.string().refine((v) => options.includes(v), choices(options)),
  checklist: (options) =>
    list(z.preprocess(normalise, z.string()), options.length)
      .refine((ticked) => ticked.every((v) => options.includes(v)), choices(options))
      .refine((ticked) => new Set(ticked).size === ticked.length, "Tick each option once."),
};

// The order of the dates is not the schema's business: an autosave keeps a plan that is out of
// order (and says so next to the field); publish-rules.ts refuses it when the brief is published.
function timelineSchema(mode: BriefMode) {
  return group({
    kickoff: core("timeline.kickoff", isoDate, mode),
    draftDue: core("timeline.draftDue", isoDate, mode),
    publishStart: core("timeline.publishStart", isoDate, mode),
    publishEnd: core("timeline.publishEnd", isoDate, mode),
  });
}

// Case-insensitive: "UTM_SOURCE" next to "utm_source" is a typo, not a second requirement.
function eachParamOnce(utm: readonly { param?: string }[]): boolean {
  const params = utm.flatMap((u) => (u.param ? [u.param.toLowerCase()] : []));
  return new Set(params).size === params.length;
}

function rows(mode: BriefMode) {
  const req = <T>(base: Schema<T>, label: string) => slot(base, label, true, mode);
  return {
    metric: z.object({ kpi: req(text(120), "KPI"), target: req(text(120), "Target") }),
    deliverable: z.object({
      channel: req(text(60), "Channel"),
      format: req(text(60), "Format"),
      count: req(numeric.pipe(z.number().int("Use a whole number.").min(1, "At least 1.").max(1000)), "Count"),
    }),
    utm: z.object({
      param: req(z.string().regex(/^[\w.-]{1,40}$/, "Use letters, digits, dots, dashes or underscores."), "Parameter"),
      value: slot(text(200), "Value", false, mode),
    }),
  };
}

// Complete mode is typed as Brief because every field Brief requires is a required slot, which
// refuses undefined and empty lists in that mode; TypeScript cannot see through that, the tests do.
export function briefSchema(template: BriefTemplate, options: { mode: "complete" }): Schema<Brief>;
export function briefSchema(template: BriefTemplate, options?: { mode: BriefMode }): Schema<BriefDraft>;
export function briefSchema(template: BriefTemplate, { mode }: { mode: BriefMode } = { mode: "draft" }): Schema<BriefDraft> {
  const row = rows(mode);
  const customShape: Record<string, Schema<CustomValue | undefined>> = Object.fromEntries(
    sortedCustomFields(template).map((f) => [f.key, slot(CUSTOM_BASE[f.type](f.options ?? []), f.label, f.required, mode)]),
  );
  return z.object({
    brandStory: core("brandStory", text(5000), mode),
    audience: core("audience", text(5000), mode),
    keyMessage: core("keyMessage", text(5000), mode),
    timeline: timelineSchema(mode),
    guardrails: group({
      sacred: core("guardrails.sacred", text(5000), mode),
      flexible: core("guardrails.flexible", text(5000), mode),
    }),
    successMetrics: core("successMetrics", list(row.metric, 20), mode),
    deliverables: core("deliverables", list(row.deliverable, 50), mode),
    disclosure: core("disclosure", text(100), mode),
    tracking: group({
      utm: core("tracking.utm", list(row.utm, 20).refine(eachParamOnce, "Each parameter once."), mode),
      namingRule: core("tracking.namingRule", text(500), mode),
    }),
    usageRights: core("usageRights", text(5000), mode),
    approvers: core("approvers", list(z.preprocess(normalise, text(200)), 20), mode),
    custom: group(customShape),
  });
}

export type FormEntries = Record<string, string | string[]>;
export type BriefParseResult<T> = { success: true; data: T } | { success: false; fieldErrors: Record<string, string[]> };

/** Parses a posted brief form (flat names: "timeline.kickoff", "successMetrics.0.kpi" or "successMetrics[0].kpi"). */
export function parseBriefFormData(template: BriefTemplate, entries: FormEntries, options: { mode: "complete" }): BriefParseResult<Brief>;
export function parseBriefFormData(
  template: BriefTemplate,
  entries: FormEntries,
  options?: { mode: BriefMode },
): BriefParseResult<BriefDraft>;
export function parseBriefFormData(template: BriefTemplate, entries: FormEntries, options = { mode: "draft" as BriefMode }) {
  const parsed = briefSchema(template, options).safeParse(nestFormEntries(entries));
  return parsed.success ? { success: true, data: parsed.data } : { success: false, fieldErrors: fieldMessagesOf(parsed.error.issues) };
}

const UNSAFE_SEGMENTS = new Set(["__proto__", "prototype", "constructor"]);
const MAX_ROW_INDEX = 199; // no list is longer; stops "rows.99999999" from allocating a huge array

/** Turns flat form names into nested objects and arrays (numeric segments are row indexes). */
export function nestFormEntries(entries: FormEntries): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(entries)) {
    const path = name.replace(/\[(\d+)\]/g, ".$1").split(".");
    if (path.some((s) => s === "" || UNSAFE_SEGMENTS.has(s) || (/^\d+$/.test(s) && Number(s) > MAX_ROW_INDEX))) continue;
    let node = root;
    for (const segment of path.slice(0, -1)) {
      const next = node[segment];
      node = isRecord(next) ? next : ((node[segment] = {}) as Record<string, unknown>);
    }
    node[path[path.length - 1]] = value;
  }
  return Object.fromEntries(Object.entries(root).map(([key, child]) => [key, toArrays(child)]));
}

function toArrays(node: unknown): unknown {
  if (!isRecord(node)) return node;
  const keys = Object.keys(node);
  const converted = Object.fromEntries(keys.map((k) => [k, toArrays(node[k])]));
  if (keys.length === 0 || !keys.every((k) => /^\d+$/.test(k))) return converted;
  // Holes stay as undefined rows so indexes (and the errors reported on them) keep their place.
  return Array.from({ length: Math.max(...keys.map(Number)) + 1 }, (_, i) => converted[String(i)]);
}

/** Collects a FormData into entries, repeated names (checkboxes) becoming lists; files are ignored. */
export function formDataEntries(formData: FormData): FormEntries {
  const entries: FormEntries = {};
  for (const [name, value] of formData) {
    if (typeof value !== "string") continue;
    const prior = entries[name];
    entries[name] = prior === undefined ? value : [...(Array.isArray(prior) ? prior : [prior]), value];
  }
  return entries;
}
