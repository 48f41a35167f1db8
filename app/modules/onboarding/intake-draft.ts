import type { z, ZodIssue } from "zod";

/**
 * The one rule every intake step of an onboarding link saves by (contacts, questionnaire, brand
 * kit), pure so the server and the unit tests share it:
 * - while the person types, each posted field is checked ALONE (length, characters) and never for
 *   being required: an empty field the person has not reached yet is not an error;
 * - a field that is valid so far replaces the saved one; one that is not keeps its last saved
 *   value and gets its own message, so one bad field never loses the others;
 * - a field that was not posted keeps its saved value;
 * - what finishing the step demands (required fields, email formats) is checked on the whole set
 *   only when the person finishes it.
 */

export type FieldErrors = Record<string, string[]>;
/** Per field: the schema of a value that is valid so far (never "required"). */
export type DraftFields = Record<string, z.ZodType<string | undefined, z.ZodTypeDef, unknown>>;
export type FinishCheck<V> = { ok: true; values: V } | { ok: false; errors: FieldErrors };
/** Says a field's issue (the client's page says it in the link's language); by default the issue's own message. */
export type Describe = (field: string, issue: ZodIssue) => string;
const ownMessage: Describe = (_field, issue) => issue.message;

export interface DraftCheck<V> {
  /** The saved values with every valid posted field applied. */
  values: V;
  /** Messages for the posted fields that were not kept. */
  errors: FieldErrors;
}

export function keepValidSoFar<V extends Record<string, string>>(
  fields: DraftFields,
  saved: V,
  raw: Record<string, unknown>,
  describe: Describe = ownMessage,
): DraftCheck<V> {
  const values: Record<string, string> = { ...saved };
  const errors: FieldErrors = {};
  for (const [key, schema] of Object.entries(fields)) {
    if (!(key in raw)) continue;
    const parsed = schema.safeParse(raw[key]);
    if (parsed.success) values[key] = parsed.data ?? "";
    else errors[key] = parsed.error.issues.map((i) => describe(key, i));
  }
  return { values: values as V, errors };
}

/** A zod schema of the finished step as a finish check, its issues keyed by field. */
export function finishWith<V>(schema: z.ZodType<V, z.ZodTypeDef, unknown>, describe: Describe = ownMessage) {
  return (values: Record<string, string>): FinishCheck<V> => {
    const parsed = schema.safeParse(values);
    if (parsed.success) return { ok: true, values: parsed.data };
    const errors: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "_form");
      (errors[field] ??= []).push(describe(field, issue));
    }
    return { ok: false, errors };
  };
}

export type IntakeSave<V> = { ok: true; values: V; done: boolean } | { ok: false; values: V; done: boolean; errors: FieldErrors };

/**
 * One save of an intake step. `complete`: the person finished the step (the step's button, or
 * a form posted without the script), so the finish check decides `done` and its messages are
 * answered; otherwise a step stays done only while what it holds would still finish it.
 */
export function saveIntakeDraft<V extends Record<string, string>>(input: {
  fields: DraftFields;
  finish: (values: V) => FinishCheck<Partial<V>>;
  saved: V;
  wasDone: boolean;
  raw: Record<string, unknown>;
  complete: boolean;
  describe?: Describe;
}): IntakeSave<V> {
  const { values, errors } = keepValidSoFar(input.fields, input.saved, input.raw, input.describe);
  const finished = input.finish(values);
  if (input.complete) {
    // A field's own message (too long) wins over "required" for the same field.
    const all = finished.ok ? errors : { ...finished.errors, ...errors };
    if (Object.keys(all).length > 0) return { ok: false, values, done: false, errors: all };
    return { ok: true, values: finished.ok ? { ...values, ...finished.values } : values, done: true };
  }
  const done = input.wasDone && finished.ok;
  if (Object.keys(errors).length > 0) return { ok: false, values, done, errors };
  return { ok: true, values, done };
}
