import { nestFormEntries, type FormEntries } from "./brief-schema";
import type { BriefCompleteness } from "./completeness";
import { readPath, type BriefDraft } from "./core-sections";
import { problemsByField, type BriefProblem } from "./publish-rules";
import type { BriefFieldDefinition, BriefFieldType } from "./template";

/**
 * The brief editor's form as conform sees it (pure, for the page): conform names list rows with
 * brackets ("successMetrics[0].kpi") where the server's zod paths use dots ("successMetrics.0.kpi"),
 * and conform reads starting values as one nested object, lists with the editor's spare rows.
 */

/** What the editor's action answers, save or publish, from the plain form or from autosave. */
export interface EditorAnswer {
  ok: boolean;
  intent: string | null;
  errors: Record<string, string[]>;
  formError: string | null;
  /** What was typed, by posted name (a plain form's 400 puts it back); empty otherwise. */
  values: FormEntries;
  savedAt: string | null;
  completeness: BriefCompleteness | null;
}

/** No list is longer (the schema bounds each at 20 or 50 entries). */
export const MAX_ROWS = 50;

const LIST_TYPES: ReadonlySet<BriefFieldType> = new Set(["metric_list", "deliverable_list", "utm_list", "contact_list"]);
export const isListField = (type: BriefFieldType) => LIST_TYPES.has(type);

/** A server path in conform's notation: "successMetrics.0.kpi" → "successMetrics[0].kpi" ("custom.budget" stays). */
export function conformName(path: string): string {
  return path
    .split(".")
    .reduce((name, segment, i) => (/^\d+$/.test(segment) ? `${name}[${segment}]` : i === 0 ? segment : `${name}.${segment}`), "");
}

/** Field messages keyed the way conform names the inputs they belong next to. */
export function conformErrors(errors: Record<string, string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [path, list] of Object.entries(errors)) (out[conformName(path)] ??= []).push(...list);
  return out;
}

/**
 * A list's rows as the editor shows them: what is there and one spare row, at least two (a plain
 * form has no "Add a row": saving brings the next spare row).
 */
export function withSpareRows(rows: unknown, type: BriefFieldType): unknown[] {
  const blank = () => (type === "contact_list" ? "" : {});
  const given = Array.isArray(rows) ? rows.map((row) => row ?? blank()) : [];
  return [...given, ...Array.from({ length: Math.max(1, 2 - given.length) }, blank)];
}

function setPath(target: Record<string, unknown>, key: string, value: unknown) {
  const parts = key.split(".");
  let node = target;
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
  node[parts[parts.length - 1]] = value;
}

/** The form's starting values for conform, one nested object: each template field read by `valueOf`, lists with spare rows. */
export function editorValues(
  fields: readonly Pick<BriefFieldDefinition, "key" | "type">[],
  valueOf: (key: string) => unknown,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { key, type } of fields) {
    const value = valueOf(key);
    if (isListField(type)) setPath(out, key, withSpareRows(value, type));
    else if (value !== undefined && value !== null) setPath(out, key, value);
  }
  return out;
}

/** What a plain form posted, as starting values (any name notation the server accepts). */
export function postedValues(fields: readonly Pick<BriefFieldDefinition, "key" | "type">[], posted: FormEntries) {
  const nested = nestFormEntries(posted) as BriefDraft;
  return editorValues(fields, (key) => readPath(nested, key));
}

/* ------------------------------------------------------------ messages */

type Messages = Record<string, string[] | null | undefined>;

/**
 * What the server says next to the fields after a save: each field's refusal and, for a filled
 * brief, what would refuse its publish (an impossible plan), in conform's names; the sentence for
 * the whole form under "".
 */
export function serverMessages(answer: EditorAnswer, fallback: readonly BriefProblem[]): Record<string, string[]> {
  const own = { ...problemMessages(answer.completeness?.problems ?? fallback), ...conformErrors(answer.errors) };
  return !answer.ok && answer.formError ? { ...own, "": [answer.formError] } : own;
}

/** What would refuse a publish although filled (an impossible plan), next to its field; shown while typing too. */
export const problemMessages = (problems: readonly BriefProblem[]) => conformErrors(problemsByField(problems));

/** The messages of the publish check that only ask for what is missing (those the draft check does not also give). */
export function askedFor(complete: Messages | null, draft: Messages | null): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, list] of Object.entries(complete ?? {})) {
    const extra = (list ?? []).filter((message) => !(draft?.[name] ?? []).includes(message));
    if (extra.length > 0) out[name] = extra;
  }
  return out;
}

/** Of what the publish check asked for, what is still missing by the server's count: a field once filled is asked no more. */
export function stillAsked(asked: Record<string, string[]>, completeness: Pick<BriefCompleteness, "missing"> | null) {
  if (!completeness) return asked;
  const missing = completeness.missing.map((m) => m.key);
  const isMissing = (name: string) => missing.some((key) => name === key || name.startsWith(`${key}.`) || name.startsWith(`${key}[`));
  return Object.fromEntries(Object.entries(asked).filter(([name]) => isMissing(name)));
}
