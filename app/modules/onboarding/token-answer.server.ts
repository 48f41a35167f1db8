import { json, redirect } from "@remix-run/node";
import { answer, failureData, STATUS_OF, successData } from "~/utils/action-data.server";
import type { ClientAnswer } from "./client-actions.server";
import { PARTLY_SAVED } from "./client-intake.server";

/**
 * The token routes' edge (onboard.$token, onboard.step.$token and their autosave endpoints): how a
 * client answer (`ClientAnswer`, one Outcome) leaves as HTTP. Kinds become statuses only through
 * `~/utils/action-data.server`.
 */

const NO_STORE = { "Cache-Control": "no-store" };

/** A page post: a refusal is the one action-data shape; a success goes back to the page, at the part just saved. */
export function pageAnswer(a: ClientAnswer, pathname: string, anchorFor: (target: string) => string | null) {
  if (!a.outcome.ok) return answer(a.outcome, { intent: a.intent, target: a.target, values: a.values });
  if (!a.target) throw redirect(pathname);
  const anchor = anchorFor(a.target);
  throw redirect(`${pathname}?saved=${encodeURIComponent(a.target)}${anchor ? `#${anchor}` : ""}`);
}

/** An autosave post: the one shape plus `saved` (an intake save kept what was valid although it refused a field), never cached. */
export function autosaveAnswer(a: Pick<ClientAnswer, "intent" | "target" | "outcome">) {
  const opts = { intent: a.intent, target: a.target };
  if (a.outcome.ok) return json(successData(null, opts), { headers: NO_STORE });
  const { problem } = a.outcome;
  return json(
    { ...failureData(problem, opts), saved: problem.code === PARTLY_SAVED },
    { status: STATUS_OF[problem.kind], headers: NO_STORE },
  );
}
