import { gone, notFound } from "~/utils/outcome";
import type { Locale } from "~/modules/i18n/locales";
import { clientProblem } from "./client-refusals";
import type { ActorContext } from "~/modules/workspaces/authz.server";
import { clientActor, forwardedActor, type RequestMeta } from "~/modules/workspaces/actor";
import { findForwardByToken, findLinkByToken, type ForwardRow } from "./client.server";
import type { LinkRow } from "./shared.server";
import type { StepRow } from "./steps.server";

/**
 * The token pages' door (decision 051), beside the member door `requireMember`: a valid token gives
 * a context whose actor is the client (onboarding link) or the colleague (forwarded step). It has no
 * scope: a token reaches its own link and nothing else, so nothing here may be given to the scoping module.
 */
export interface ClientContext extends ActorContext {
  link: LinkRow;
}

export interface ForwardedContext extends ClientContext {
  forward: ForwardRow;
  step: StepRow;
}

export type TokenDoor<C> = { state: "valid"; ctx: C } | Exclude<Awaited<ReturnType<typeof findLinkByToken>>, { state: "valid" }>;

export async function clientContextFor(token: string | undefined, meta: RequestMeta, now = new Date()): Promise<TokenDoor<ClientContext>> {
  const found = await findLinkByToken(token, now);
  if (found.state !== "valid") return found;
  return { state: "valid", ctx: { workspace: found.workspace, link: found.link, actor: clientActor(found.link.clientName, meta) } };
}

export async function forwardedContextFor(
  token: string | undefined,
  meta: RequestMeta,
  now = new Date(),
): Promise<{ state: "valid"; ctx: ForwardedContext } | Exclude<Awaited<ReturnType<typeof findForwardByToken>>, { state: "valid" }>> {
  const found = await findForwardByToken(token, now);
  if (found.state !== "valid") return found;
  const { workspace, link, forward, step } = found;
  return { state: "valid", ctx: { workspace, link, forward, step, actor: forwardedActor(forward.email, meta) } };
}

/** What every change through a token answers once its link ended (expired, revoked or replaced meanwhile). */
export const LINK_GONE = "This link can no longer be used. Reload the page to see whom to contact.";

/** A token that opens nothing: an unknown one is not found, an ended link gone (its page names whom to contact). */
export const closedDoor = (door: { state: "invalid" } | { state: "expired" | "revoked" | "replaced"; locale: Locale }) => {
  if (door.state === "invalid") return notFound(LINK_GONE);
  // An ended link still has its language: the refusal says it in that language (client-refusals.ts).
  const ended = gone(LINK_GONE, { code: "link_gone" });
  return { ...ended, problem: clientProblem(ended.problem, door.locale) };
};
