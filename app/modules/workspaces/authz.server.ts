import { and, eq } from "drizzle-orm";
import { memberships, workspaces, type Role } from "@db/schema";
import { db } from "~/utils/db.server";
import { notFound, requestMeta } from "~/utils/http.server";
import { requireUser, type SessionUser } from "~/modules/auth/session.server";
import { memberActor, systemActor, visitorActor, type Actor, type RequestMeta } from "./actor";
import { roleCan, type Permission } from "./permissions";

export type Scope =
  | { kind: "workspace" }
  | { kind: "agency"; agencyId: string }
  | { kind: "brand"; brandId: string }
  | { kind: "creator"; creatorId: string };

/** Who acts in which workspace: what a token page (onboarding link, forwarded step) knows. */
export interface ActorContext {
  workspace: typeof workspaces.$inferSelect;
  actor: Actor;
}

/** Someone not signed in (the sign-in, sign-up and account-link pages): only where they come from is known. */
export interface VisitorContext {
  actor: Actor;
}

/** A signed-in user outside any workspace (creating one). */
export interface UserContext {
  user: SessionUser;
  actor: Actor;
}

/** Plus which rows they may see: what the scoping module (./scope.server) reads. */
export interface ScopedContext extends ActorContext {
  scope: Scope;
}

/** A signed-in member, from the workspace door below. */
export interface MemberContext extends ScopedContext {
  user: SessionUser;
  role: Role;
  can(permission: Permission): boolean;
}

/** For jobs and tests: the whole workspace in view, acting as the system (no Request, no user). */
export function systemContext(workspace: typeof workspaces.$inferSelect, why?: string): ScopedContext {
  return { workspace, actor: systemActor(why), scope: { kind: "workspace" } };
}

function scopeOf(m: typeof memberships.$inferSelect): Scope {
  if (m.role === "agency_member" && m.agencyId) return { kind: "agency", agencyId: m.agencyId };
  if ((m.role === "brand_lead" || m.role === "client_contact") && m.brandId) return { kind: "brand", brandId: m.brandId };
  if (m.role === "creator" && m.creatorId) return { kind: "creator", creatorId: m.creatorId };
  return { kind: "workspace" };
}

/**
 * The one door into a workspace: the user comes from the session, the scope from the membership,
 * never from the request. A workspace the user is not in answers 404, as if it did not exist.
 */
export async function requireMember(request: Request, slug: string | undefined): Promise<MemberContext> {
  const user = await requireUser(request);
  if (!slug) notFound();
  const rows = await db()
    .select({ workspace: workspaces, membership: memberships })
    .from(workspaces)
    .innerJoin(memberships, and(eq(memberships.workspaceId, workspaces.id), eq(memberships.userId, user.id)))
    .where(eq(workspaces.slug, slug))
    .limit(1);
  const row = rows[0];
  if (!row) notFound("This workspace does not exist or you are not a member.");
  return memberContextOf(user, row.workspace, row.membership, requestMeta(request));
}

/** The door of the pages before sign-in: the request's IP and user agent, for rate limits and audit. */
export function visitorContext(request: Request): VisitorContext {
  return { actor: visitorActor(requestMeta(request)) };
}

/** The door of a signed-in page outside a workspace (creating one): a redirect to sign in otherwise. */
export async function requireUserContext(request: Request): Promise<UserContext> {
  const user = await requireUser(request);
  return { user, actor: memberActor(user, requestMeta(request)) };
}

/** A member's context from rows already read (the door above, the calendar feed). */
export function memberContextOf(
  user: SessionUser,
  workspace: typeof workspaces.$inferSelect,
  membership: typeof memberships.$inferSelect,
  meta?: RequestMeta,
): MemberContext {
  const { role } = membership;
  return { user, workspace, role, scope: scopeOf(membership), actor: memberActor(user, meta), can: (p) => roleCan(role, p) };
}

/** Lacking a permission looks the same as a missing page: no hint of what is there. */
export async function requirePermission(request: Request, slug: string | undefined, permission: Permission) {
  const ctx = await requireMember(request, slug);
  if (!ctx.can(permission)) notFound();
  return ctx;
}
