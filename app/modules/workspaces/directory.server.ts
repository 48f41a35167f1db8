import { and, asc, count, eq, isNull } from "drizzle-orm";
import { agencies, brands, creators, invitations, memberships } from "@db/schema";
import { db, isForeignKeyViolation, type Queryable, type Transaction } from "~/utils/db.server";
import { createOnce } from "~/utils/idempotency.server";
import { attempt, conflict, DomainError, ok, type Outcome } from "~/utils/outcome";
import { audit } from "~/modules/audit/audit.server";
import type { MemberContext, ScopedContext } from "./authz.server";
import { inWorkspace } from "./scope.server";

/** Brands, agencies and creators of a workspace: the directory admins keep. */
export const DIRECTORY = { brand: brands, agency: agencies, creator: creators } as const;
export type DirectoryKind = keyof typeof DIRECTORY;

type InWorkspace = Pick<ScopedContext, "workspace">;

export async function listDirectory(ctx: InWorkspace) {
  const [b, a, c] = await Promise.all([
    db().select().from(brands).where(inWorkspace(ctx, brands.workspaceId)).orderBy(asc(brands.name)),
    db().select().from(agencies).where(inWorkspace(ctx, agencies.workspaceId)).orderBy(asc(agencies.name)),
    db().select().from(creators).where(inWorkspace(ctx, creators.workspaceId)).orderBy(asc(creators.name)),
  ]);
  return { brands: b, agencies: a, creators: c };
}

/** Every add form carries the key of the one entry it creates (security.md 34). */
interface Once {
  idempotencyKey: string;
}

/**
 * One directory entry per submitted form, with its audit event: a repeated or concurrent submit of
 * the same form (idempotency key) answers the first entry's name, or the typed name when that entry
 * has been deleted since.
 */
async function createEntryOnce(
  ctx: MemberContext,
  kind: DirectoryKind,
  input: Once & { name: string },
  insert: (tx: Transaction) => Promise<{ id: string; name: string }>,
): Promise<Outcome<{ name: string }>> {
  const name = await db().transaction(async (tx) => {
    const once = await createOnce(
      tx,
      { scope: ctx.workspace.id, key: input.idempotencyKey, kind },
      async () => {
        const row = await insert(tx);
        await audit(tx, ctx, { action: `${kind}.created`, objectType: kind, objectId: row.id, data: { name: row.name } });
        return row;
      },
      (row) => row.id,
    );
    if (once.first) return once.value.name;
    return (await findDirectoryEntry(ctx, kind, once.recordId, tx))?.name;
  });
  return ok({ name: name ?? input.name });
}

export async function createBrandRecord(
  ctx: MemberContext,
  input: Once & { name: string; category?: string; timeZone: string; color: string },
) {
  return createEntryOnce(ctx, "brand", input, async (tx) => {
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
    return row;
  });
}

export async function createAgencyRecord(ctx: MemberContext, input: Once & { name: string }) {
  return createEntryOnce(ctx, "agency", input, async (tx) => {
    const [row] = await tx.insert(agencies).values({ workspaceId: ctx.workspace.id, name: input.name }).returning();
    return row;
  });
}

export async function createCreatorRecord(ctx: MemberContext, input: Once & { name: string; handle?: string }) {
  return createEntryOnce(ctx, "creator", input, async (tx) => {
    const [row] = await tx
      .insert(creators)
      .values({ workspaceId: ctx.workspace.id, name: input.name, handle: input.handle || null })
      .returning();
    return row;
  });
}

/**
 * Deletes a directory entry of this workspace only, with its audit event. The operator agency
 * (the workspace's own team) stays; an entry still referenced elsewhere is a conflict.
 */
export async function deleteDirectoryEntry(
  ctx: MemberContext,
  input: { kind: DirectoryKind; id: string },
): Promise<Outcome<{ name: string }>> {
  const { kind, id } = input;
  const table = DIRECTORY[kind];
  const where = and(eq(table.id, id), inWorkspace(ctx, table.workspaceId));
  try {
    // Thrown inside, so the transaction rolls back; answered as an outcome by attempt().
    return await attempt(() =>
      db().transaction(async (tx) => {
        if (kind === "agency") {
          const [agency] = await tx.select({ name: agencies.name, isOperator: agencies.isOperator }).from(agencies).where(where).limit(1);
          if (agency?.isOperator)
            throw new DomainError({
              kind: "invalid",
              message: `${agency.name} is the operator agency (your own team) and can't be deleted.`,
            });
        }
        const rows = await tx.delete(table).where(where).returning({ name: table.name });
        if (!rows[0]) throw new DomainError({ kind: "not_found", message: "That entry was not found." });
        await audit(tx, ctx, { action: `${kind}.deleted`, objectType: kind, objectId: id, data: { name: rows[0].name } });
        return { name: rows[0].name };
      }),
    );
  } catch (error) {
    if (!isForeignKeyViolation(error)) throw error;
    return conflict("It is still used by campaigns or other records, so it can't be deleted. Remove it from those first.");
  }
}

/** One directory entry of this workspace (id and name), or null when it is not there. */
export async function findDirectoryEntry(ctx: InWorkspace, kind: DirectoryKind, id: string, q: Queryable = db()) {
  const table = DIRECTORY[kind];
  const rows = await q
    .select({ id: table.id, name: table.name })
    .from(table)
    .where(and(eq(table.id, id), inWorkspace(ctx, table.workspaceId)))
    .limit(1);
  return rows[0] ?? null;
}

/** People scoped to a directory entry: deleting the entry removes their membership (and pending invitations). */
export async function scopedPeopleCount(ctx: InWorkspace, kind: DirectoryKind, id: string) {
  const mCol = kind === "brand" ? memberships.brandId : kind === "agency" ? memberships.agencyId : memberships.creatorId;
  const iCol = kind === "brand" ? invitations.brandId : kind === "agency" ? invitations.agencyId : invitations.creatorId;
  const [m, i] = await Promise.all([
    db()
      .select({ n: count() })
      .from(memberships)
      .where(and(inWorkspace(ctx, memberships.workspaceId), eq(mCol, id))),
    db()
      .select({ n: count() })
      .from(invitations)
      .where(and(inWorkspace(ctx, invitations.workspaceId), eq(iCol, id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt))),
  ]);
  return { members: Number(m[0]?.n ?? 0), invitations: Number(i[0]?.n ?? 0) };
}
