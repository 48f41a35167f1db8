import { DEFAULT_LOCALE, type Locale } from "~/modules/i18n/locales";
import { json, redirect } from "@remix-run/node";
import { answer, failureData, STATUS_OF, successData } from "~/utils/action-data.server";
import type { ClientAnswer } from "./client-actions.server";
import type { DeadState, Contact } from "./client.server";
import { keptSoFar } from "./client-intake.server";
import type { WorkspaceRow } from "./shared.server";

/**
 * The token routes' edge (onboard.$token, onboard.step.$token and their autosave endpoints): how a
 * client answer (`ClientAnswer`, one Outcome) leaves as HTTP. Kinds become statuses only through
 * `~/utils/action-data.server`.
 */

const NO_STORE = { "Cache-Control": "no-store" };

/** What a token page's frame shows of its workspace. */
export const pageFrame = (ws: Pick<WorkspaceRow, "name" | "logoUrl" | "accentColor">) => ({
  name: ws.name,
  logoUrl: ws.logoUrl,
  accentColor: ws.accentColor,
});

/** A page whose token opens nothing: an unknown one is not found; an ended link is gone, in its workspace's colours, naming whom to contact. */
export function closedPage(
  found: { state: "invalid" } | { state: Exclude<DeadState, "invalid">; contact: Contact; workspace: WorkspaceRow; locale: Locale },
) {
  // An unknown token has no language to go by: English.
  if (found.state === "invalid")
    return json(
      { state: "invalid" as const, lang: DEFAULT_LOCALE, workspace: null, contact: null, page: null },
      { status: 404, headers: NO_STORE },
    );
  return json(
    { state: found.state, lang: found.locale, workspace: pageFrame(found.workspace), contact: found.contact, page: null },
    { status: 410, headers: NO_STORE },
  );
}

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
  return json({ ...failureData(problem, opts), saved: keptSoFar(problem.code) }, { status: STATUS_OF[problem.kind], headers: NO_STORE });
}
