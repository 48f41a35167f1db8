import { and, eq } from "drizzle-orm";
import { memberships, workspaces, type Role } from "@db/schema";
import { db } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";
import { requireUser, type SessionUser } from "~/modules/auth/session.server";
import { roleCan, type Permission } from "./permissions";

export type Scope =
  | { kind: "workspace" }
  | { kind: "agency"; agencyId: string }
  | { kind: "brand"; brandId: string }
  | { kind: "creator"; creatorId: string };

export interface MemberContext {
  user: SessionUser;
  workspace: typeof workspaces.$inferSelect;
  role: Role;
  scope: Scope;
  can(permission: Permission): boolean;
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
  const { role } = row.membership;
  return { user, workspace: row.workspace, role, scope: scopeOf(row.membership), can: (p) => roleCan(role, p) };
}

/** Lacking a permission looks the same as a missing page: no hint of what is there. */
export async function requirePermission(request: Request, slug: string | undefined, permission: Permission) {
  const ctx = await requireMember(request, slug);
  if (!ctx.can(permission)) notFound();
  return ctx;
}

export function actorOf(ctx: MemberContext) {
  return { userId: ctx.user.id, label: ctx.user.email };
}
