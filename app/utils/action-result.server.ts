import { json } from "@remix-run/node";
import type { FieldErrors } from "./http.server";

/**
 * The answer shape of pages with several forms: which form (`intent`) and which row (`target`)
 * the answer belongs to, so each form shows its own errors, values and success notice.
 */
export function actionFailure<I extends string>(
  intent: I | null,
  errors: FieldErrors,
  opts: { formError?: string; target?: string; values?: Record<string, string>; status?: number } = {},
) {
  return json(
    {
      ok: false as const,
      intent,
      errors,
      formError: opts.formError ?? "Please correct the highlighted fields.",
      target: opts.target ?? null,
      values: opts.values ?? {},
      notice: null as string | null,
      at: 0,
    },
    { status: opts.status ?? 400 },
  );
}

export function actionSuccess<I extends string>(intent: I, notice: string) {
  return json({
    ok: true as const,
    intent: intent as I | null,
    errors: {} as FieldErrors,
    formError: null as string | null,
    target: null as string | null,
    values: {} as Record<string, string>,
    notice: notice as string | null,
    at: Date.now(),
  });
}
