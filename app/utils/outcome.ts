/**
 * The one vocabulary for how a service call went (decision 051). A service returns an `Outcome`
 * or throws a `DomainError`; either carries a `Problem` with a kind, never an HTTP number. Only
 * the route edge (`~/utils/action-data.server`) turns a kind into a status. No server imports here,
 * so pages can read the same types.
 */

export type ProblemKind = "invalid" | "not_found" | "conflict" | "gone" | "forbidden" | "too_many";

export type FieldMessages = Record<string, string[]>;

export interface Problem {
  kind: ProblemKind;
  /** A sentence the person using Baton can act on; shown as is. */
  message: string;
  /** Messages per form field ("successMetrics.0.kpi"), shown next to the field. */
  fields?: FieldMessages;
  /** For `too_many`: how long until trying again makes sense. */
  retryAfterSeconds?: number;
  /** Stable, machine-readable reason for tests and logs (e.g. "stale_version"); never shown. */
  code?: string;
  /** The values `message` names (a count, a file name), for a page that says it in another language (decision 060). */
  vars?: Record<string, string | number>;
}

export type Outcome<T = undefined> = { ok: true; value: T } | { ok: false; problem: Problem };

/** Written once: the form-level message when only fields are wrong. */
export const CORRECT_FIELDS = "Please correct the highlighted fields.";

export function ok(): Outcome<undefined>;
export function ok<T>(value: T): Outcome<T>;
export function ok<T>(value?: T): Outcome<T | undefined> {
  return { ok: true, value };
}

type Extra = Pick<Problem, "code" | "fields" | "vars">;

const fail = (problem: Problem): { ok: false; problem: Problem } => ({ ok: false, problem });

export const invalid = (message: string = CORRECT_FIELDS, fields?: FieldMessages, extra: Pick<Problem, "code" | "vars"> = {}) =>
  fail({ kind: "invalid", message, ...(fields ? { fields } : {}), ...extra });
export const notFound = (message = "Not found", extra: Extra = {}) => fail({ kind: "not_found", message, ...extra });
export const conflict = (message: string, extra: Extra = {}) => fail({ kind: "conflict", message, ...extra });
export const gone = (message: string, extra: Extra = {}) => fail({ kind: "gone", message, ...extra });
export const forbidden = (message = "You do not have permission to do that.", extra: Extra = {}) =>
  fail({ kind: "forbidden", message, ...extra });
export const tooMany = (message: string, retryAfterSeconds: number, extra: Extra = {}) =>
  fail({ kind: "too_many", message, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)), ...extra });

/**
 * The one error a service throws for a broken rule (when returning an Outcome would thread through
 * too many callers, e.g. inside a transaction that must roll back). `code` keeps the old classes'
 * machine-readable reason so `error.code === "invalid_transition"` still reads.
 */
export class DomainError extends Error {
  readonly problem: Problem;
  readonly code: string;

  constructor(problem: Problem);
  /** The old two-argument form of approvals/briefs `DomainError`: a rule broken by the request, 400 at the edge. */
  constructor(code: string, message: string, kind?: ProblemKind);
  constructor(problemOrCode: Problem | string, message?: string, kind: ProblemKind = "invalid") {
    const problem = typeof problemOrCode === "string" ? { kind, message: message ?? problemOrCode, code: problemOrCode } : problemOrCode;
    super(problem.message);
    this.name = "DomainError";
    this.problem = problem;
    this.code = problem.code ?? problem.kind;
  }
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}

/** Throws the problem of a failed outcome, returns the value of a successful one (for callers that cannot fail softly). */
export function unwrap<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new DomainError(outcome.problem);
  return outcome.value;
}

/** Runs `work`, answering a thrown DomainError as a failed outcome; anything else is a bug and keeps flying. */
export async function attempt<T>(work: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return ok(await work());
  } catch (error) {
    if (isDomainError(error)) return fail(error.problem);
    throw error;
  }
}

/** Zod issues as field messages keyed by form field name ("successMetrics.0.kpi"); an issue of the whole form is "_form". */
export function fieldMessagesOf(issues: readonly { path: readonly (string | number)[]; message: string }[]): FieldMessages {
  const messages: FieldMessages = {};
  for (const issue of issues) (messages[issue.path.join(".") || "_form"] ??= []).push(issue.message);
  return messages;
}
