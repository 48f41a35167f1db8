import { json, type TypedResponse } from "@remix-run/node";
import { CORRECT_FIELDS, isDomainError, type FieldMessages, type Outcome, type Problem, type ProblemKind } from "./outcome";

/**
 * The route edge (decision 051): the ONLY place a problem kind becomes an HTTP status, and the one
 * action-data shape every form reads. Services never see these numbers.
 */

/** Out-of-scope rows are `not_found` (decision 004); `forbidden` is a visible refusal (another person's invitation). */
export const STATUS_OF: Record<ProblemKind, number> = {
  invalid: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  too_many: 429,
};

/**
 * What every action answers. `intent` says which form on the page the answer belongs to and
 * `target` which row, so each form shows only its own errors, values and notice; `values` puts
 * back what was typed; `at` changes on each success so a page can tell two equal notices apart.
 */
/** What was typed, by field name; a group of checkboxes puts back its list. */
export type FormValues = Record<string, string | string[]>;

interface ActionDataBase<I extends string, V extends FormValues> {
  intent: I | null;
  errors: FieldMessages;
  target: string | null;
  values: V;
  notice: string | null;
  at: number;
}
type Text = Record<string, string>;
export type ActionFailureData<I extends string = string, V extends FormValues = Text> = ActionDataBase<I, V> & {
  ok: false;
  formError: string;
};
export type ActionSuccessData<I extends string = string, V extends FormValues = Text> = ActionDataBase<I, V> & {
  ok: true;
  formError: string | null;
};
export type ActionData<I extends string = string, V extends FormValues = Text> = ActionFailureData<I, V> | ActionSuccessData<I, V>;

export interface AnswerOptions<I extends string, V extends FormValues = Text> {
  intent?: I | null;
  target?: string | null;
  values?: V;
}

export function failureData<I extends string, V extends FormValues = Text>(
  problem: Problem,
  opts: AnswerOptions<I, V> = {},
): ActionFailureData<I, V> {
  return {
    ok: false,
    intent: opts.intent ?? null,
    errors: problem.fields ?? {},
    formError: problem.message || CORRECT_FIELDS,
    target: opts.target ?? null,
    values: opts.values ?? ({} as V),
    notice: null,
    at: 0,
  };
}

export function successData<I extends string, V extends FormValues = Text>(
  notice: string | null,
  opts: AnswerOptions<I, V> = {},
): ActionSuccessData<I, V> {
  return {
    ok: true,
    intent: opts.intent ?? null,
    errors: {},
    formError: null,
    target: opts.target ?? null,
    values: {} as V,
    notice,
    at: Date.now(),
  };
}

function headersFor(problem: Problem): HeadersInit | undefined {
  return problem.kind === "too_many" && problem.retryAfterSeconds ? { "Retry-After": String(problem.retryAfterSeconds) } : undefined;
}

/** A problem as the action answer: the one shape, the kind's status (and Retry-After for too_many). */
export function problemAnswer<I extends string, V extends FormValues = Text>(
  problem: Problem,
  opts: AnswerOptions<I, V> = {},
): TypedResponse<ActionFailureData<I, V>> {
  return json(failureData(problem, opts), { status: STATUS_OF[problem.kind], headers: headersFor(problem) });
}

/**
 * The one way an action answers a service's outcome. A success says `notice` (a sentence, or a
 * function of the value); a failure says its problem with its kind's status.
 */
export function answer<T, I extends string, V extends FormValues = Text>(
  outcome: Outcome<T>,
  opts: AnswerOptions<I, V> & { notice?: string | ((value: T) => string) } = {},
): TypedResponse<ActionData<I, V>> {
  if (!outcome.ok) return problemAnswer(outcome.problem, opts);
  const notice = typeof opts.notice === "function" ? opts.notice(outcome.value) : (opts.notice ?? null);
  return json(successData(notice, opts));
}

/** A thrown DomainError as the action answer; anything else is a bug and is rethrown (500, logged). */
export function answerError<I extends string>(error: unknown, opts: AnswerOptions<I> = {}): TypedResponse<ActionFailureData<I>> {
  if (isDomainError(error)) return problemAnswer(error.problem, opts);
  throw error;
}

/** For loaders and doors that cannot return a form answer: a failed outcome is thrown as its answer (status, Retry-After). */
export function throwUnlessOk<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw problemAnswer(outcome.problem);
  return outcome.value;
}

/** What was typed in the named fields, put back into the form when it comes back with errors; never name a password. */
export function typedValues(form: FormData, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    names.flatMap((name) => {
      const value = form.get(name);
      return typeof value === "string" ? [[name, value]] : [];
    }),
  );
}
