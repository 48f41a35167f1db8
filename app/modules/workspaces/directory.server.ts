import { and, asc, count, eq, isNull } from "drizzle-orm";
import { agencies, brands, creators, invitations, memberships } from "@db/schema";
import { db, type Transaction } from "~/utils/db.server";
import { createOnce } from "~/utils/idempotency.server";
import { requestMeta } from "~/utils/http.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { actorOf, type MemberContext } from "./authz.server";

/** Brands, agencies and creators of a workspace: the directory admins keep. */
export const DIRECTORY = { brand: brands, agency: agencies, creator: creators } as const;
export type DirectoryKind = keyof typeof DIRECTORY;

export async function listDirectory(workspaceId: string) {
  const [b, a, c] = await Promise.all([
    db().select().from(brands).where(eq(brands.workspaceId, workspaceId)).orderBy(asc(brands.name)),
    db().select().from(agencies).where(eq(agencies.workspaceId, workspaceId)).orderBy(asc(agencies.name)),
    db().select().from(creators).where(eq(creators.workspaceId, workspaceId)).orderBy(asc(creators.name)),
  ]);
  return { brands: b, agencies: a, creators: c };
}

/**
 * One directory entry per submitted form: a repeated or concurrent submit of the same form
 * (idempotency key) answers the first entry, or null when it has been deleted since.
 */
async function createEntryOnce(
  ctx: MemberContext,
  kind: DirectoryKind,
  idempotencyKey: string,
  insert: (tx: Transaction) => Promise<{ id: string; name: string }>,
) {
  return db().transaction(async (tx) => {
    const once = await createOnce(
      tx,
      { scope: ctx.workspace.id, key: idempotencyKey, kind },
      () => insert(tx),
      (row) => row.id,
    );
    if (once.first) return once.value;
    const table = DIRECTORY[kind];
    const [row] = await tx
      .select({ id: table.id, name: table.name })
      .from(table)
      .where(and(eq(table.id, once.recordId), eq(table.workspaceId, ctx.workspace.id)))
      .limit(1);
    return row ?? null;
  });
}

export async function createBrandRecord(
  request: Request,
  ctx: MemberContext,
  input: { name: string; category?: string; timeZone: string; color: string },
  idempotencyKey: string,
) {
  return createEntryOnce(ctx, "brand", idempotencyKey, async (tx) => {
    const [row] = await tx
      .insert(brands)
      .values({
        workspaceId: ctx.workspace.id,
        name: input.name,
        category: input.category || null,
        timeZone: input.timeZone,
        color: input.color,
      })
      .returning();
    await recordAudit(tx, {
      workspaceId: ctx.workspace.id,
      actor: actorOf(ctx),
      action: "brand.created",
      objectType: "brand",
      objectId: row.id,
      data: { name: row.name },
      meta: requestMeta(request),
    });
    return row;
  });
}

export async function createAgencyRecord(request: Request, ctx: MemberContext, input: { name: string }, idempotencyKey: string) {
  return createEntryOnce(ctx, "agency", idempotencyKey, async (tx) => {
    const [row] = await tx.insert(agencies).values({ workspaceId: ctx.workspace.id, name: input.name }).returning();
    await recordAudit(tx, {
      workspaceId: ctx.workspace.id,
      actor: actorOf(ctx),
      action: "agency.created",
      objectType: "agency",
      objectId: row.id,
      data: { name: row.name },
      meta: requestMeta(request),
    });
    return row;
  });
}

export async function createCreatorRecord(
  request: Request,
  ctx: MemberContext,
  input: { name: string; handle?: string },
  idempotencyKey: string,
) {
  return createEntryOnce(ctx, "creator", idempotencyKey, async (tx) => {
    const [row] = await tx
      .insert(creators)
      .values({ workspaceId: ctx.workspace.id, name: input.name, handle: input.handle || null })
      .returning();
    await recordAudit(tx, {
      workspaceId: ctx.workspace.id,
      actor: actorOf(ctx),
      action: "creator.created",
      objectType: "creator",
      objectId: row.id,
      data: { name: row.name },
      meta: requestMeta(request),
    });
    return row;
  });
}

export type DeleteResult = { ok: true; name: string } | { ok: false; status: 400 | 404 | 409; message: string };

/**
 * Deletes a directory entry of this workspace only, with its audit event. The operator agency
 * (the workspace's own team) stays; an entry still referenced elsewhere is refused with 409.
 */
export async function deleteDirectoryEntry(request: Request, ctx: MemberContext, kind: DirectoryKind, id: string): Promise<DeleteResult> {
  const table = DIRECTORY[kind];
  const where = and(eq(table.id, id), eq(table.workspaceId, ctx.workspace.id));
  try {
    return await db().transaction(async (tx) => {
      if (kind === "agency") {
        const [agency] = await tx.select({ name: agencies.name, isOperator: agencies.isOperator }).from(agencies).where(where).limit(1);
        if (agency?.isOperator)
          return { ok: false, status: 400, message: `${agency.name} is the operator agency (your own team) and can't be deleted.` };
      }
      const rows = await tx.delete(table).where(where).returning({ name: table.name });
      if (!rows[0]) return { ok: false, status: 404, message: "That entry was not found." };
      await recordAudit(tx, {
        workspaceId: ctx.workspace.id,
        actor: actorOf(ctx),
        action: `${kind}.deleted`,
        objectType: kind,
        objectId: id,
        data: { name: rows[0].name },
        meta: requestMeta(request),
      });
      return { ok: true, name: rows[0].name };
    });
  } catch (error) {
    if (!isForeignKeyViolation(error)) throw error;
    return {
      ok: false,
      status: 409,
      message: "It is still used by campaigns or other records, so it can't be deleted. Remove it from those first.",
    };
  }
}

/**
 * May this member see this brand? Workspace-wide roles see all; a brand lead or client contact
 * only theirs. Agencies and creators see brands through their campaigns (added by campaigns).
 */
export async function requireVisibleBrand(ctx: MemberContext, brandId: string) {
  const row = await db().query.brands.findFirst({ where: and(eq(brands.id, brandId), eq(brands.workspaceId, ctx.workspace.id)) });
  if (!row) return null;
  if (ctx.scope.kind === "workspace") return row;
  if (ctx.scope.kind === "brand") return ctx.scope.brandId === row.id ? row : null;
  return null;
}

/** One directory entry of this workspace (id and name), or null when it is not there. */
export async function findDirectoryEntry(workspaceId: string, kind: DirectoryKind, id: string) {
  const table = DIRECTORY[kind];
  const rows = await db()
    .select({ id: table.id, name: table.name })
    .from(table)
    .where(and(eq(table.id, id), eq(table.workspaceId, workspaceId)))
    .limit(1);
  return rows[0] ?? null;
}

/** People scoped to a directory entry: deleting the entry removes their membership (and pending invitations). */
export async function scopedPeopleCount(workspaceId: string, kind: DirectoryKind, id: string) {
  const mCol = kind === "brand" ? memberships.brandId : kind === "agency" ? memberships.agencyId : memberships.creatorId;
  const iCol = kind === "brand" ? invitations.brandId : kind === "agency" ? invitations.agencyId : invitations.creatorId;
  const [m, i] = await Promise.all([
    db()
      .select({ n: count() })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(mCol, id))),
    db()
      .select({ n: count() })
      .from(invitations)
      .where(and(eq(invitations.workspaceId, workspaceId), eq(iCol, id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt))),
  ]);
  return { members: Number(m[0]?.n ?? 0), invitations: Number(i[0]?.n ?? 0) };
}

/** True when PostgreSQL refused a delete because other rows still point at it (SQLSTATE 23503). */
export function isForeignKeyViolation(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === "23503") return true;
  }
  return false;
}
