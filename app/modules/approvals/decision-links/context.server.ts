import { and, eq } from "drizzle-orm";
import { memberships, users, type deliverables, type Role } from "@db/schema";
import { db } from "~/utils/db.server";
import { gone, notFound } from "~/utils/outcome";
import { memberContextOf, type ActorContext, type Scope, type ScopedContext } from "~/modules/workspaces/authz.server";
import { decisionLinkActor, guestActor, type RequestMeta } from "~/modules/workspaces/actor";
import { roleCan } from "~/modules/workspaces/permissions";
import { actsForBrand } from "~/modules/workspaces/scope.server";
import type { Decider } from "../decide.server";
import { guestSeat } from "../guest-seat.server";
import { findVisibleDeliverable } from "../scope.server";
import { decisionLinkUrl, openLink, type LinkRow } from "./tokens.server";

/**
 * The decision link's door (decision 051, 052), beside the member door `requireMember`: a valid
 * token gives a context whose actor is the person the link speaks for, "<email> via decision link",
 * with the request's IP and user agent. A link reaches its own deliverable and nothing else, and
 * only while its person's membership still sees it: the scope is theirs, from their membership
 * row, so the scoping module decides that as it does for the signed-in page.
 */
export interface DecisionLinkContext extends ScopedContext {
  link: LinkRow & { deliverableId: string };
  person: { id: string; name: string; email: string; timeZone: string };
  /**
   * The person's membership in the link's workspace (what they may decide, and for which brand); a
   * guest approver has none ("guest"), an invited brand lead has the invitation's role and brand.
   */
  membership: { role: Role | "guest"; brandId: string | null };
  deliverable: typeof deliverables.$inferSelect;
  /** The link's own address (it holds the token): what a code email links back to. Never stored. */
  url: string;
}

export type DecisionDoor =
  | { state: "valid"; ctx: DecisionLinkContext }
  | { state: "invalid" }
  | { state: "expired" | "revoked"; workspace: ActorContext["workspace"]; deliverableId: string | null };

/**
 * Opens a decision link. Unknown: invalid (404). Revoked, past a week after going live, or its
 * person no longer in the workspace: ended (410). Reads only.
 *
 * A person without a membership is let in only as what the deliverable's route makes them
 * (`guestSeat`): a guest approver of a review stage (audited as "<email> (guest) via decision link"),
 * or a brand lead invited who has not joined yet, on the sign-off stage. Their scope is the
 * deliverable's brand, and the link reaches its one deliverable only.
 */
export async function decisionLinkContextFor(token: string | undefined, meta: RequestMeta, now: Date): Promise<DecisionDoor> {
  const found = await openLink(token, "decision", now);
  if (found.state === "invalid") return found;
  const { link, workspace, deliverable } = found;
  if (!deliverable || !link.deliverableId) return { state: "invalid" };
  const ended = { workspace, deliverableId: deliverable.id };
  if (found.state !== "valid") return { state: found.state, ...ended };
  const [person, membership] = await Promise.all([
    db().query.users.findFirst({ where: eq(users.id, link.userId) }),
    db().query.memberships.findFirst({ where: and(eq(memberships.workspaceId, workspace.id), eq(memberships.userId, link.userId)) }),
  ]);
  if (!person) return { state: "revoked", ...ended };
  const seat = membership ? null : await guestSeat(db(), { deliverable, user: person, now });
  if (!membership && !seat) return { state: "revoked", ...ended };
  const scope: Scope = membership ? memberContextOf(person, workspace, membership).scope : { kind: "brand", brandId: deliverable.brandId };
  // Out of the person's scope (another brand's, another agency's) looks the same as unknown.
  if (!(await findVisibleDeliverable({ workspace, scope, actor: decisionLinkActor(person) }, deliverable.id))) return { state: "invalid" };
  const actor = seat?.role === "guest" ? guestActor(person, meta) : decisionLinkActor(person, meta);
  return {
    state: "valid",
    ctx: {
      workspace,
      scope,
      actor,
      link: { ...link, deliverableId: link.deliverableId },
      person: { id: person.id, name: person.name, email: person.email, timeZone: person.timeZone },
      membership: membership
        ? { role: membership.role, brandId: membership.brandId }
        : seat!.role === "guest"
          ? { role: "guest", brandId: null }
          : seat!,
      deliverable,
      url: decisionLinkUrl(token!),
    },
  };
}

/** Whether the link's person gives the brand sign-off for `brandId`: a brand lead of that very brand. */
export const signsForBrand = (ctx: DecisionLinkContext, brandId: string) =>
  ctx.membership.role === "brand_lead" && actsForBrand(ctx, brandId);

/** Whether the person's role decides on drafts at all (reviewing or signing off). */
export const decidesDrafts = (ctx: DecisionLinkContext) => {
  const role = ctx.membership.role;
  return role === "guest" || roleCan(role, "drafts.review") || roleCan(role, "signoff.give");
};

/**
 * The link's person as a decider for the one decide command: it reaches the link's deliverable
 * only (read fresh, so the compare-and-set sees the current row), and signs off only for the
 * brand they lead.
 */
export function linkDecider(ctx: DecisionLinkContext): Decider {
  return {
    ctx,
    person: { id: ctx.person.id, name: ctx.person.name },
    find: async (deliverableId) =>
      deliverableId === ctx.link.deliverableId && decidesDrafts(ctx) ? findVisibleDeliverable(ctx, deliverableId) : null,
    signsFor: (brandId) => signsForBrand(ctx, brandId),
  };
}

/** What every change through a link answers once it has ended meanwhile, or never existed. */
export const LINK_ENDED = "This decision link can no longer be used. Sign in to Baton to see the draft.";
export const closedLink = (state: "invalid" | "expired" | "revoked") => (state === "invalid" ? notFound(LINK_ENDED) : gone(LINK_ENDED));
