import { sha256 } from "~/utils/crypto.server";
import type { Outcome } from "~/utils/outcome";
import { checkRateLimit, type Limit } from "~/modules/auth/rate-limit.server";
import type { VisitorContext } from "~/modules/workspaces/authz.server";
import { plausibleLinkToken } from "./link-rules";

/** Requests to decision link pages (page, media, posts): generous for a person, a wall for a flood. */
export const DECISION_LINK_LIMIT: Limit = { max: 300, windowMinutes: 15 };

/**
 * Per IP and per token, counted before the token is looked up (security.md 35): the only write a
 * GET of a decision link makes. The token's key is a prefix of its hash, never the token.
 */
export async function limitDecisionLinkRoute(ctx: VisitorContext, token: string | undefined): Promise<Outcome> {
  const keys = [`decision-link:ip:${ctx.actor.ip ?? "unknown"}`];
  if (plausibleLinkToken(token)) keys.push(`decision-link:token:${sha256(token).slice(0, 24)}`);
  return checkRateLimit(keys, DECISION_LINK_LIMIT);
}
