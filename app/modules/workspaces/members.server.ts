import { and, eq, gt, isNull, ne } from "drizzle-orm";
import { agencies, brands, creators, invitations, memberships, users, type Role } from "@db/schema";
import type { Queryable, Transaction } from "~/utils/db.server";
import { createOnce } from "~/utils/idempotency.server";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { randomToken, sha256 } from "~/utils/crypto.server";
import { attempt, DomainError, forbidden, gone, invalid, ok, type Outcome } from "~/utils/outcome";
import { audit } from "~/modules/audit/audit.server";
import { queueEmail } from "~/modules/email/send.server";
import { checkRateLimit, LIMITS } from "~/modules/auth/rate-limit.server";
import { emitWebhook } from "~/modules/webhooks/webhooks.server";
import type { ActorContext, MemberContext, ScopedContext, UserContext } from "./authz.server";
import { inWorkspace } from "./scope.server";
import { membershipChangeRefusal, ROLE_LABELS, ROLE_SCOPE } from "./permissions";
import { DAY_MS } from "~/utils/time";

const INVITE_DAYS = 14;

export interface ScopeInput {
  agencyId?: string;
  brandId?: string;
  creatorId?: string;
}

/** Keeps only the scope the role needs, and checks it belongs to this workspace (else: not found). */
async function resolveScope(tx: Queryable, ctx: InWorkspace, role: Role, input: ScopeInput) {
  const kind = ROLE_SCOPE[role];
  const table = kind === "agency" ? agencies : kind === "brand" ? brands : kind === "creator" ? creators : null;
  const id = kind === "agency" ? input.agencyId : kind === "brand" ? input.brandId : kind === "creator" ? input.creatorId : undefined;
  if (!table) return { scope: { agencyId: null, brandId: null, creatorId: null }, label: null as string | null };
  const row = id
    ? await tx
        .select({ id: table.id, name: table.name })
        .from(table)
        .where(and(eq(table.id, id), inWorkspace(ctx, table.workspaceId)))
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

type InWorkspace = Pick<ScopedContext, "workspace">;

type InviteInput = ScopeInput & { email: string; role: Role; idempotencyKey: string };

/** A refusal of one field of the invite form. */
const fieldRefusal = (field: string, message: string) => invalid(undefined, { [field]: [message] });

/** A repeated or concurrent submit of the same form (idempotency key) sends nothing more. */
export async function inviteMember(ctx: MemberContext, input: InviteInput): Promise<Outcome> {
  // Every invitation sends an email: a flood from one account must not become spam from us.
  const allowed = await checkRateLimit([`invite:${ctx.workspace.id}:${ctx.user.id}`], LIMITS.emailSend);
  if (!allowed.ok) return allowed;
  return db().transaction(async (tx) => {
    const once = await createOnce(
      tx,
      { scope: ctx.workspace.id, key: input.idempotencyKey, kind: "invitation" },
      () => insertInvitation(tx, ctx, input),
      (r) => (r.ok ? r.value : null),
    );
    return !once.first || once.value.ok ? ok() : once.value;
  });
}

/** The invitation, its email and webhook: for the first submit of the form only. Its value is the invitation's id. */
async function insertInvitation(tx: Transaction, ctx: MemberContext, input: InviteInput): Promise<Outcome<string>> {
  const resolved = await resolveScope(tx, ctx, input.role, input);
  if (!resolved) return fieldRefusal(ROLE_SCOPE[input.role] + "Id", "Choose one from the list.");
  const existing = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(inWorkspace(ctx, memberships.workspaceId), eq(users.email, input.email)))
    .limit(1);
  if (existing[0]) return fieldRefusal("email", "This person is already a member of the workspace.");
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
  await audit(tx, ctx, {
    action: "member.invited",
    objectType: "invitation",
    objectId: inv.id,
    data: { email: input.email, role: input.role, scope: resolved.label },
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
  return ok(inv.id);
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

/**
 * Only the verified account of the invited email may accept; the claim is atomic (one redemption
 * wins). The value is the workspace's slug.
 */
export async function acceptInvitation(ctx: UserContext, input: { token: string }): Promise<Outcome<string>> {
  const { user } = ctx;
  return db().transaction(async (tx) => {
    const inv = await tx.query.invitations.findFirst({ where: eq(invitations.tokenHash, sha256(input.token)) });
    if (!inv) return gone("This invitation is not valid.");
    if (inv.email !== user.email) {
      // A visible refusal, not a missing page: the invitation is there, for someone else.
      return forbidden("This invitation was sent to another email address. Sign in with that address to accept it.");
    }
    // Anyone can sign up with any address: an account is matched to an invitation only once it has
    // proved it owns the address (security.md 36).
    if (!user.emailVerifiedAt) return forbidden("Confirm your email first: open the link we sent to it, then accept the invitation.");
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
    if (!claimed[0]) return gone("This invitation was already used, revoked, or has expired. Ask for a new one.");
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
    const workspace = await tx.query.workspaces.findFirst({ where: (w, { eq: e }) => e(w.id, inv.workspaceId) });
    // The new member acts from here on: the context the door would have given them.
    const joined: ActorContext = { workspace: workspace!, actor: ctx.actor };
    await audit(tx, joined, { action: "member.joined", objectType: "membership", objectId: user.id, data: { role: inv.role } });
    await emitWebhook(tx, inv.workspaceId, "member.joined", { userId: user.id, role: inv.role });
    return ok(workspace!.slug);
  });
}

async function ownerCount(tx: Queryable, ctx: InWorkspace, exceptId: string) {
  const rows = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(inWorkspace(ctx, memberships.workspaceId), eq(memberships.role, "owner"), ne(memberships.id, exceptId)));
  return rows.length;
}

const LAST_OWNER = "A workspace needs at least one owner.";

/**
 * The membership a change is about, in this workspace, that this member may change; a refusal is
 * thrown as a DomainError so the change's transaction rolls back (answered by `attempt`).
 */
async function changeableMembership(tx: Queryable, ctx: MemberContext, membershipId: string) {
  const m = await tx.query.memberships.findFirst({
    where: and(eq(memberships.id, membershipId), inWorkspace(ctx, memberships.workspaceId)),
  });
  if (!m) throw new DomainError({ kind: "not_found", message: "That member was not found." });
  const refusal = membershipChangeRefusal({ userId: ctx.user.id, role: ctx.role }, m);
  if (refusal) throw new DomainError({ kind: "invalid", message: refusal });
  return m;
}

const refuse = (message: string): never => {
  throw new DomainError({ kind: "invalid", message });
};

/** Takes effect on the member's next request: every request reads the membership afresh. */
export async function changeMemberRole(
  ctx: MemberContext,
  input: ScopeInput & { membershipId: string; role: Role },
): Promise<Outcome<void>> {
  return attempt(() =>
    db().transaction(async (tx) => {
      const m = await changeableMembership(tx, ctx, input.membershipId);
      if (m.role === "owner" && input.role !== "owner" && (await ownerCount(tx, ctx, m.id)) === 0) refuse(LAST_OWNER);
      if (input.role === "owner" && ctx.role !== "owner") refuse("Only an owner can make someone an owner.");
      const resolved = (await resolveScope(tx, ctx, input.role, input)) ?? refuse("Choose the scope for this role.");
      await tx
        .update(memberships)
        .set({ role: input.role, ...resolved.scope })
        .where(eq(memberships.id, m.id));
      await audit(tx, ctx, {
        action: "member.role_changed",
        objectType: "membership",
        objectId: m.id,
        data: { from: m.role, to: input.role, scope: resolved.label },
      });
    }),
  );
}

export async function removeMember(ctx: MemberContext, input: { membershipId: string }): Promise<Outcome<void>> {
  return attempt(() =>
    db().transaction(async (tx) => {
      const m = await changeableMembership(tx, ctx, input.membershipId);
      if (m.role === "owner" && (await ownerCount(tx, ctx, m.id)) === 0) refuse(LAST_OWNER);
      await tx.delete(memberships).where(eq(memberships.id, m.id));
      await audit(tx, ctx, { action: "member.removed", objectType: "membership", objectId: m.id, data: { role: m.role } });
    }),
  );
}

/** One member of this workspace (with name), or undefined: ids of other workspaces match nothing. */
export async function findMember(ctx: InWorkspace, membershipId: string) {
  const rows = await db()
    .select({ id: memberships.id, role: memberships.role, userId: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(inWorkspace(ctx, memberships.workspaceId), eq(memberships.id, membershipId)))
    .limit(1);
  return rows[0];
}

export async function listMembers(ctx: InWorkspace) {
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
      .where(inWorkspace(ctx, memberships.workspaceId))
      .orderBy(users.name),
    db()
      .select()
      .from(invitations)
      .where(
        and(
          inWorkspace(ctx, invitations.workspaceId),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, new Date()),
        ),
      ),
  ]);
  return { members, pending };
}
