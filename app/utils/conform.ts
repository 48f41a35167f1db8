import { useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { z } from "zod";
import type { ActionData, FormValues } from "./action-data.server";

/**
 * The one action-data shape (decision 051) as conform's `lastResult`, for the form `intent` names:
 * field messages next to their fields, the form message as the form's error, typed values put back
 * (so it also works when the page was rendered without JavaScript). Another form's answer is ignored.
 */
export function conformResult(
  data: Pick<ActionData<string, FormValues>, "ok" | "intent" | "errors" | "formError" | "values"> | null | undefined,
  intent: string,
): SubmissionResult<string[]> | undefined {
  if (!data || data.intent !== intent) return undefined;
  // One result object per answer: conform reports every new `lastResult` object, and a report
  // re-renders the form, so a fresh object on each render would loop ("Maximum update depth").
  const known = results.get(data);
  if (known) return known;
  // Success: clears the messages and keeps what was chosen (the loader reads it back).
  const result: SubmissionResult<string[]> = data.ok
    ? { status: "success", error: {} }
    : { status: "error", initialValue: data.values, error: { ...data.errors, "": data.formError ? [data.formError] : null } };
  results.set(data, result);
  return result;
}

const results = new WeakMap<object, SubmissionResult<string[]>>();

type Answer = Pick<ActionData<string, FormValues>, "ok" | "intent" | "errors" | "formError" | "values"> | null | undefined;

/**
 * conform for one of a page's forms (decision 051): the action's zod schema checked in the browser
 * when it is sent, the server's answer for `intent` shown the same way. Auto-coercion is off, so
 * the browser reads the same strings the action reads ("" stays "") and says the same messages.
 * `validate` is the schema the browser checks when the action assembles part of its input itself
 * (files, lists); it defaults to `schema`.
 */
export function useActionForm<S extends z.AnyZodObject>(opts: {
  id: string;
  intent: string;
  schema: S;
  validate?: z.ZodTypeAny;
  answer: Answer;
  defaultValue?: Partial<Record<keyof z.input<S>, unknown>>;
}) {
  const validate = opts.validate ?? opts.schema;
  return useForm<z.input<S>>({
    id: opts.id,
    lastResult: conformResult(opts.answer, opts.intent),
    defaultValue: opts.defaultValue as never,
    constraint: getZodConstraint(opts.schema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: validate, disableAutoCoercion: true }),
  });
}

/** A text input's props from its conform field: its name, its messages, and what was typed (or the form's default). */
export function textFieldProps(field: FieldMetadata<unknown>) {
  return { name: field.name, errors: field.errors, defaultValue: typeof field.initialValue === "string" ? field.initialValue : undefined };
}

/** A checkbox group's put-back value: one string when one box was ticked, a list for more, nothing for none. */
export function initialList(field: FieldMetadata<unknown>): string[] {
  const value = field.initialValue;
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : typeof value === "string" ? [value] : [];
}
