import { json } from "@remix-run/node";
import { failureData, STATUS_OF, successData } from "./action-data.server";
import { CORRECT_FIELDS, type ProblemKind } from "./outcome";
import type { FieldErrors } from "./http.server";

/** Until every service returns a problem kind, a legacy status number finds its kind here (and only here). */
const KIND_OF_STATUS = new Map(Object.entries(STATUS_OF).map(([kind, status]) => [status, kind as ProblemKind]));

/**
 * @deprecated Return an Outcome from the service and answer it with `answer`/`problemAnswer` from
 * `~/utils/action-data.server` (decision 051); kept, on the same implementation, until every capability is converted.
 */
export function actionFailure<I extends string>(
  intent: I | null,
  errors: FieldErrors,
  opts: { formError?: string; target?: string; values?: Record<string, string>; status?: number } = {},
) {
  const status = opts.status ?? 400;
  const problem = { kind: KIND_OF_STATUS.get(status) ?? "invalid", message: opts.formError ?? CORRECT_FIELDS, fields: errors };
  return json(failureData(problem, { intent, target: opts.target, values: opts.values }), { status });
}

/** @deprecated Use `answer(ok(), { intent, notice })` from `~/utils/action-data.server` (decision 051). */
export function actionSuccess<I extends string>(intent: I, notice: string) {
  return json(successData<I>(notice, { intent }));
}
