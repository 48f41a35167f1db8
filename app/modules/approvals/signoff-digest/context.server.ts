import { and, eq } from "drizzle-orm";
import { brands, memberships, users } from "@db/schema";
import { db, type Queryable } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { digestLinkActor, type RequestMeta } from "~/modules/workspaces/actor";
import { memberContextOf, type ActorContext, type ScopedContext } from "~/modules/workspaces/authz.server";
import { actsForBrand } from "~/modules/workspaces/scope.server";
import type { Decider } from "../decide.server";
import { invitedLeadOf } from "../guests.server";
import { findVisibleDeliverable } from "../scope.server";
import { openLink, type LinkRow } from "../decision-links/tokens.server";

/**
 * The sign-off digest link's door (issue 17 part 3), beside the decision link's: the same token
 * module (`openLink(token, "digest")`), a context whose actor is the link's person "via sign-off
 * digest link" with IP and user agent, and their own scope from their membership row, so what the
 * page lists and what it signs off is what the scoping module lets them see. A digest speaks for
 * one brand lead and one brand: a person who does not sign off for that brand reaches nothing.
 */
export interface DigestContext extends ScopedContext {
  link: LinkRow & { brandId: string };
  person: { id: string; name: string; email: string; timeZone: string };
  brand: typeof brands.$inferSelect;
  /** Invited and not joined yet: no account to sign in with, so no "sign in" way offered. */
  invited: boolean;
  /** The link's own address (it holds the token): what a code email links back to. Never stored. */
  url: string;
}

export type DigestDoor =
  { state: "valid"; ctx: DigestContext } | { state: "invalid" } | { state: "expired" | "revoked"; workspace: ActorContext["workspace"] };

export const digestLinkPath = (token: string) => `/d/digest/${token}`;
export const digestLinkUrl = (token: string) => `${env().APP_URL}${digestLinkPath(token)}`;

/**
 * Who gives the sign-off for `brandId` through a digest: a member who is a brand lead of that very
 * brand (scope: the brand), or a brand lead invited to it who has not joined yet. Anyone else:
 * "other" when they are a member in another seat (their link opens nothing: 404), "none" when they
 * are no longer in the workspace at all (the link has ended: 410).
 */
export async function signerSeat(
  tx: Queryable,
  input: { workspace: ActorContext["workspace"]; brandId: string; person: typeof users.$inferSelect; now: Date },
): Promise<{ kind: "lead"; ctx: ScopedContext; invited: boolean } | { kind: "other" } | { kind: "none" }> {
  const { workspace, brandId, person } = input;
  const membership = await tx.query.memberships.findFirst({
    where: and(eq(memberships.workspaceId, workspace.id), eq(memberships.userId, person.id)),
  });
  if (membership) {
    const member = memberContextOf(person, workspace, membership);
    if (membership.role !== "brand_lead" || !actsForBrand(member, brandId)) return { kind: "other" };
    return { kind: "lead", ctx: { workspace, scope: member.scope, actor: member.actor }, invited: false };
  }
  if (await invitedLeadOf(tx, workspace.id, person.email, brandId, input.now)) {
    return { kind: "lead", ctx: { workspace, scope: { kind: "brand", brandId }, actor: digestLinkActor(person) }, invited: true };
  }
  return { kind: "none" };
}

/**
 * Opens a digest link. Unknown, of the other purpose, or for a brand its person does not sign off
 * for: invalid (404). Revoked, past its 48 hours, or its person no longer in the workspace: ended
 * (410). Reads only.
 */
export async function digestContextFor(token: string | undefined, meta: RequestMeta, now: Date): Promise<DigestDoor> {
  const found = await openLink(token, "digest", now);
  if (found.state === "invalid" || !found.link.brandId) return { state: "invalid" };
  const { link, workspace } = found;
  if (found.state !== "valid") return { state: found.state, workspace };
  const [person, brand] = await Promise.all([
    db().query.users.findFirst({ where: eq(users.id, link.userId) }),
    db().query.brands.findFirst({ where: and(eq(brands.id, link.brandId!), eq(brands.workspaceId, workspace.id)) }),
  ]);
  if (!brand) return { state: "invalid" };
  if (!person) return { state: "revoked", workspace };
  const seat = await signerSeat(db(), { workspace, brandId: brand.id, person, now });
  if (seat.kind === "none") return { state: "revoked", workspace };
  // A member in another seat (another brand's lead, another role) reaches nothing of this brand, as if the link did not exist.
  if (seat.kind === "other") return { state: "invalid" };
  return {
    state: "valid",
    ctx: {
      workspace,
      scope: seat.ctx.scope,
      actor: digestLinkActor(person, meta),
      link: { ...link, brandId: brand.id },
      person: { id: person.id, name: person.name, email: person.email, timeZone: person.timeZone },
      brand,
      invited: seat.invited,
      url: digestLinkUrl(token!),
    },
  };
}

/**
 * The digest's person as a decider for the one decide command: it reaches only the digest's
 * brand's deliverables inside the person's scope (read fresh, so the compare-and-set sees the
 * current row), and signs off for that brand only.
 */
export function digestDecider(ctx: DigestContext): Decider {
  return {
    ctx,
    person: { id: ctx.person.id, name: ctx.person.name },
    find: async (deliverableId) => {
      const row = await findVisibleDeliverable(ctx, deliverableId);
      return row && row.brandId === ctx.brand.id ? row : null;
    },
    signsFor: (brandId) => brandId === ctx.brand.id && actsForBrand(ctx, brandId),
  };
}
