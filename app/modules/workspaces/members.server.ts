import { and, eq, gt, isNull, ne } from "drizzle-orm";
import { agencies, brands, creators, invitations, memberships, users, type Role } from "@db/schema";
import type { Queryable, Transaction } from "~/utils/db.server";
import { createOnce } from "~/utils/idempotency.server";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { randomToken, sha256 } from "~/utils/crypto.server";
import { requestMeta } from "~/utils/http.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { queueEmail } from "~/modules/email/send.server";
import { enforceRateLimit, LIMITS } from "~/modules/auth/rate-limit.server";
import { emitWebhook } from "~/modules/webhooks/webhooks.server";
import type { SessionUser } from "~/modules/auth/session.server";
import { actorOf, type MemberContext } from "./authz.server";
import { membershipChangeRefusal, ROLE_LABELS, ROLE_SCOPE } from "./permissions";
import { DAY_MS } from "~/utils/time";

const INVITE_DAYS = 14;

export interface ScopeInput {
  agencyId?: string;
  brandId?: string;
  creatorId?: string;
}

/** Keeps only the scope the role needs, and checks it belongs to this workspace (else: not found). */
async function resolveScope(tx: Queryable, workspaceId: string, role: Role, input: ScopeInput) {
  const kind = ROLE_SCOPE[role];
  const table = kind === "agency" ? agencies : kind === "brand" ? brands : kind === "creator" ? creators : null;
  const id = kind === "agency" ? input.agencyId : kind === "brand" ? input.brandId : kind === "creator" ? input.creatorId : undefined;
  if (!table) return { scope: { agencyId: null, brandId: null, creatorId: null }, label: null as string | null };
  const row = id
    ? await tx
        .select({ id: table.id, name: table.name })
        .from(table)
        .where(and(eq(table.id, id), eq(table.workspaceId, workspaceId)))
        .limit(1)
    : [];
  if (!row[0]) return null;
  return {
    scope: {
      agencyId: kind === "agency" ? row[0].id : null,
      brandId: kind === "brand" ? row[0].id : null,
      creatorId: kind === "creator" ? row[0].id : null,
    },
    label: row[0].name,
  };
}

export type InviteResult = { ok: true } | { ok: false; field: string; message: string };

type InviteInput = ScopeInput & { email: string; role: Role };

/** A repeated or concurrent submit of the same form (idempotency key) sends nothing more. */
export async function inviteMember(
  request: Request,
  ctx: MemberContext,
  input: InviteInput,
  idempotencyKey: string,
): Promise<InviteResult> {
  // Every invitation sends an email: a flood from one account must not become spam from us.
  await enforceRateLimit([`invite:${ctx.workspace.id}:${ctx.user.id}`], LIMITS.emailSend);
  return db().transaction(async (tx) => {
    const once = await createOnce(
      tx,
      { scope: ctx.workspace.id, key: idempotencyKey, kind: "invitation" },
      () => insertInvitation(tx, request, ctx, input),
      (r) => (r.ok ? r.invitationId : null),
    );
    return !once.first || once.value.ok ? { ok: true } : once.value;
  });
}

/** The invitation, its email and webhook: for the first submit of the form only. */
async function insertInvitation(
  tx: Transaction,
  request: Request,
  ctx: MemberContext,
  input: InviteInput,
): Promise<{ ok: true; invitationId: string } | Extract<InviteResult, { ok: false }>> {
  const resolved = await resolveScope(tx, ctx.workspace.id, input.role, input);
  if (!resolved) return { ok: false, field: ROLE_SCOPE[input.role] + "Id", message: "Choose one from the list." };
  const existing = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, ctx.workspace.id), eq(users.email, input.email)))
    .limit(1);
  if (existing[0]) return { ok: false, field: "email", message: "This person is already a member of the workspace." };
  const token = randomToken();
  const expiresAt = new Date(Date.now() + INVITE_DAYS * DAY_MS);
  const [inv] = await tx
    .insert(invitations)
    .values({
      workspaceId: ctx.workspace.id,
      email: input.email,
      role: input.role,
      ...resolved.scope,
      tokenHash: sha256(token),
      invitedBy: ctx.user.id,
      expiresAt,
    })
    .returning();
  await recordAudit(tx, {
    workspaceId: ctx.workspace.id,
    actor: actorOf(ctx),
    action: "member.invited",
    objectType: "invitation",
    objectId: inv.id,
    data: { email: input.email, role: input.role, scope: resolved.label },
    meta: requestMeta(request),
  });
  await queueEmail(
    tx,
    {
      to: input.email,
      template: "invitation",
      props: {
        workspace: { name: ctx.workspace.name, logoUrl: ctx.workspace.logoUrl, accentColor: ctx.workspace.accentColor },
        inviterName: ctx.user.name,
        roleLabel: ROLE_LABELS[input.role],
        scopeLabel: resolved.label,
        url: `${env().APP_URL}/invite/${token}`,
        expiresAt: expiresAt.toUTCString().slice(0, 16),
      },
    },
    { workspaceId: ctx.workspace.id },
  );
  await emitWebhook(tx, ctx.workspace.id, "member.invited", { invitationId: inv.id, role: input.role });
  return { ok: true, invitationId: inv.id };
}

export async function findInvitation(token: string) {
  const inv = await db().query.invitations.findFirst({ where: eq(invitations.tokenHash, sha256(token)) });
  if (!inv) return { state: "invalid" as const };
  if (inv.acceptedAt) return { state: "used" as const, inv };
  if (inv.revokedAt) return { state: "revoked" as const, inv };
  if (inv.expiresAt <= new Date()) return { state: "expired" as const, inv };
  const workspace = await db().query.workspaces.findFirst({ where: (w, { eq: e }) => e(w.id, inv.workspaceId) });
  return { state: "valid" as const, inv, workspace };
}

export type AcceptResult = { ok: true; slug: string } | { ok: false; status: 403 | 410; message: string };

/** Only the verified account of the invited email may accept; the claim is atomic (one redemption wins). */
export async function acceptInvitation(request: Request, user: SessionUser, token: string): Promise<AcceptResult> {
  return db().transaction(async (tx) => {
    const inv = await tx.query.invitations.findFirst({ where: eq(invitations.tokenHash, sha256(token)) });
    if (!inv) return { ok: false, status: 410, message: "This invitation is not valid." };
    if (inv.email !== user.email) {
      return {
        ok: false,
        status: 403,
        message: `This invitation was sent to another email address. Sign in with that address to accept it.`,
      };
    }
    // Anyone can sign up with any address: an account is matched to an invitation only once it has
    // proved it owns the address (security.md 36).
    if (!user.emailVerifiedAt) {
      return { ok: false, status: 403, message: "Confirm your email first: open the link we sent to it, then accept the invitation." };
    }
    const claimed = await tx
      .update(invitations)
      .set({ acceptedAt: new Date() })
      .where(
        and(
          eq(invitations.id, inv.id),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, new Date()),
        ),
      )
      .returning();
    if (!claimed[0])
      return { ok: false, status: 410, message: "This invitation was already used, revoked, or has expired. Ask for a new one." };
    await tx
      .insert(memberships)
      .values({
        workspaceId: inv.workspaceId,
        userId: user.id,
        role: inv.role,
        agencyId: inv.agencyId,
        brandId: inv.brandId,
        creatorId: inv.creatorId,
      })
      .onConflictDoNothing();
    if (inv.creatorId)
      await tx
        .update(creators)
        .set({ userId: user.id })
        .where(and(eq(creators.id, inv.creatorId), isNull(creators.userId)));
    await recordAudit(tx, {
      workspaceId: inv.workspaceId,
      actor: { userId: user.id, label: user.email },
      action: "member.joined",
      objectType: "membership",
      objectId: user.id,
      data: { role: inv.role },
      meta: requestMeta(request),
    });
    await emitWebhook(tx, inv.workspaceId, "member.joined", { userId: user.id, role: inv.role });
    const ws = await tx.query.workspaces.findFirst({ where: (w, { eq: e }) => e(w.id, inv.workspaceId) });
    return { ok: true, slug: ws!.slug };
  });
}

async function ownerCount(tx: Queryable, workspaceId: string, exceptId: string) {
  const rows = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, "owner"), ne(memberships.id, exceptId)));
  return rows.length;
}

/** Takes effect on the member's next request: every request reads the membership afresh. */
export async function changeMemberRole(request: Request, ctx: MemberContext, input: ScopeInput & { membershipId: string; role: Role }) {
  return db().transaction(async (tx) => {
    const m = await tx.query.memberships.findFirst({
      where: and(eq(memberships.id, input.membershipId), eq(memberships.workspaceId, ctx.workspace.id)),
    });
    if (!m) return { ok: false as const, status: 404, message: "That member was not found." };
    const refusal = membershipChangeRefusal({ userId: ctx.user.id, role: ctx.role }, m);
    if (refusal) return { ok: false as const, status: 400, message: refusal };
    if (m.role === "owner" && input.role !== "owner" && (await ownerCount(tx, ctx.workspace.id, m.id)) === 0) {
      return { ok: false as const, status: 400, message: "A workspace needs at least one owner." };
    }
    if (input.role === "owner" && ctx.role !== "owner")
      return { ok: false as const, status: 400, message: "Only an owner can make someone an owner." };
    const resolved = await resolveScope(tx, ctx.workspace.id, input.role, input);
    if (!resolved) return { ok: false as const, status: 400, message: "Choose the scope for this role." };
    await tx
      .update(memberships)
      .set({ role: input.role, ...resolved.scope })
      .where(eq(memberships.id, m.id));
    await recordAudit(tx, {
      workspaceId: ctx.workspace.id,
      actor: actorOf(ctx),
      action: "member.role_changed",
      objectType: "membership",
      objectId: m.id,
      data: { from: m.role, to: input.role, scope: resolved.label },
      meta: requestMeta(request),
    });
    return { ok: true as const };
  });
}

export async function removeMember(request: Request, ctx: MemberContext, membershipId: string) {
  return db().transaction(async (tx) => {
    const m = await tx.query.memberships.findFirst({
      where: and(eq(memberships.id, membershipId), eq(memberships.workspaceId, ctx.workspace.id)),
    });
    if (!m) return { ok: false as const, status: 404, message: "That member was not found." };
    const refusal = membershipChangeRefusal({ userId: ctx.user.id, role: ctx.role }, m);
    if (refusal) return { ok: false as const, status: 400, message: refusal };
    if (m.role === "owner" && (await ownerCount(tx, ctx.workspace.id, m.id)) === 0)
      return { ok: false as const, status: 400, message: "A workspace needs at least one owner." };
    await tx.delete(memberships).where(eq(memberships.id, m.id));
    await recordAudit(tx, {
      workspaceId: ctx.workspace.id,
      actor: actorOf(ctx),
      action: "member.removed",
      objectType: "membership",
      objectId: m.id,
      data: { role: m.role },
      meta: requestMeta(request),
    });
    return { ok: true as const };
  });
}

/** One member of this workspace (with name), or undefined: ids of other workspaces match nothing. */
export async function findMember(workspaceId: string, membershipId: string) {
  const rows = await db()
    .select({ id: memberships.id, role: memberships.role, userId: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.id, membershipId)))
    .limit(1);
  return rows[0];
}

export async function listMembers(workspaceId: string) {
  const [members, pending] = await Promise.all([
    db()
      .select({
        id: memberships.id,
        role: memberships.role,
        agencyId: memberships.agencyId,
        brandId: memberships.brandId,
        creatorId: memberships.creatorId,
        userId: users.id,
        name: users.name,
        email: users.email,
        createdAt: memberships.createdAt,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.workspaceId, workspaceId))
      .orderBy(users.name),
    db()
      .select()
      .from(invitations)
      .where(
        and(
          eq(invitations.workspaceId, workspaceId),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, new Date()),
        ),
      ),
  ]);
  return { members, pending };
}
