import { json } from "@remix-run/node";
import { answer, successData, type FormValues } from "~/utils/action-data.server";
import type { Outcome } from "~/utils/outcome";

/**
 * The signed-out pages' answers, in the one action-data shape (decision 051).
 *
 * A request that could tell a stranger whether an email has an account (sign-up, a sign-in link,
 * a reset link, "send the link again") answers the same bytes either way (decision 042). The one
 * success shape carries `at`, a time stamp that would make two such answers differ, so here it is
 * fixed at 0: these pages show one notice and never need to tell two answers apart. A refusal
 * (too many attempts) is the outcome's own answer: 429 with Retry-After.
 */
export function sameForEveryEmail<I extends string, X extends Record<string, unknown> = Record<never, never>>(
  outcome: Outcome,
  opts: { intent: I; values?: FormValues; extra?: X },
) {
  if (!outcome.ok) return answer(outcome, { intent: opts.intent, values: opts.values });
  return json({ ...successData(null, { intent: opts.intent }), at: 0, ...(opts.extra as X) });
}
