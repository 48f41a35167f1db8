import { asLocale, DEFAULT_LOCALE, type Locale } from "~/modules/i18n/locales";
import { remixI18n } from "~/modules/i18n/i18n.server";
import { visitorContext } from "~/modules/workspaces/authz.server";
import type { Problem } from "~/utils/outcome";
import { clientProblem } from "./client-refusals";
import { json, redirect } from "@remix-run/node";
import { answer, failureData, STATUS_OF, successData } from "~/utils/action-data.server";
import type { ClientAnswer } from "./client-actions.server";
import { limitTokenRoute, type DeadState, type Contact } from "./client.server";
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

/**
 * The language of a page that opens no link (an unknown token, a flood refused before the link is
 * read): the browser's choice among the client languages, else English.
 */
export async function browserLocale(request: Request): Promise<Locale> {
  return asLocale(await remixI18n.getLocale(request));
}

/**
 * The flood limit (security.md 14) is checked before the link is read, so it speaks the browser's
 * language: a page load shows it as the page (429, Retry-After); a post answers the one action
 * shape, and the page it returns to says it again.
 */
export async function limitTokenPage(request: Request, token: string | undefined) {
  const limited = await limitTokenRoute(visitorContext(request), token);
  if (limited.ok) return null;
  const lang = await browserLocale(request);
  const problem = clientProblem(limited.problem, lang);
  return { lang, problem };
}

export function limitedPage({ lang, problem }: { lang: Locale; problem: Problem }) {
  const headers: Record<string, string> = { ...NO_STORE };
  if (problem.retryAfterSeconds) headers["Retry-After"] = String(problem.retryAfterSeconds);
  return json(
    { state: "limited" as const, lang, message: problem.message, workspace: null, contact: null, page: null },
    { status: STATUS_OF[problem.kind], headers },
  );
}

/** A page whose token opens nothing: an unknown one is not found; an ended link is gone, in its workspace's colours, naming whom to contact. */
export function closedPage(
  found: { state: "invalid" } | { state: Exclude<DeadState, "invalid">; contact: Contact; workspace: WorkspaceRow; locale: Locale },
  browser: Locale = DEFAULT_LOCALE,
) {
  // An unknown token has no language of its own: the browser's.
  if (found.state === "invalid")
    return json(
      { state: "invalid" as const, lang: browser, message: null, workspace: null, contact: null, page: null },
      { status: 404, headers: NO_STORE },
    );
  return json(
    { state: found.state, lang: found.locale, message: null, workspace: pageFrame(found.workspace), contact: found.contact, page: null },
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
