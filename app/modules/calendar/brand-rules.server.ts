// A brand's calendar rules: its category (competitors for creator exclusivity), the minimum
// spacing between its posts per channel, its exclusivity window and its blackout periods. Every
// change is one transaction with its audit event; conflicts pick the change up on the next read.

import { and, asc, eq } from "drizzle-orm";
import { brandBlackouts, brands } from "@db/schema";
import { db } from "~/utils/db.server";
import { requestMeta } from "~/utils/http.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { actorOf, type MemberContext } from "~/modules/workspaces/authz.server";
import { ensureConflictDigestScheduled } from "./digest.server";
import { isId } from "~/utils/ids";

export async function findBrand(ctx: MemberContext, brandId: string) {
  if (!isId(brandId)) return null;
  const brand = await db().query.brands.findFirst({ where: and(eq(brands.id, brandId), eq(brands.workspaceId, ctx.workspace.id)) });
  return brand ?? null;
}

export async function listBlackouts(ctx: MemberContext, brandId: string) {
  return db()
    .select()
    .from(brandBlackouts)
    .where(and(eq(brandBlackouts.workspaceId, ctx.workspace.id), eq(brandBlackouts.brandId, brandId)))
    .orderBy(asc(brandBlackouts.startsAt));
}

export interface BrandRulesInput {
  category: string | null;
  exclusivityDays: number;
  minSpacingMinutes: Record<string, number>;
}

export async function updateBrandRules(request: Request, ctx: MemberContext, brandId: string, input: BrandRulesInput): Promise<boolean> {
  return db().transaction(async (tx) => {
    const before = await tx.query.brands.findFirst({ where: and(eq(brands.id, brandId), eq(brands.workspaceId, ctx.workspace.id)) });
    if (!before) return false;
    await tx
      .update(brands)
      .set({ category: input.category, exclusivityDays: input.exclusivityDays, minSpacingMinutes: input.minSpacingMinutes })
      .where(and(eq(brands.id, brandId), eq(brands.workspaceId, ctx.workspace.id)));
    await recordAudit(tx, {
      workspaceId: ctx.workspace.id,
      actor: actorOf(ctx),
      action: "brand.calendar_rules_updated",
      objectType: "brand",
      objectId: brandId,
      data: {
        before: { category: before.category, exclusivityDays: before.exclusivityDays, minSpacingMinutes: before.minSpacingMinutes },
        after: input,
      },
      meta: requestMeta(request),
    });
    await ensureConflictDigestScheduled(tx, ctx.workspace.id, new Date());
    return true;
  });
}

export async function addBlackout(
  request: Request,
  ctx: MemberContext,
  brandId: string,
  input: { startsAt: Date; endsAt: Date; reason: string },
): Promise<string> {
  return db().transaction(async (tx) => {
    const [row] = await tx
      .insert(brandBlackouts)
      .values({ workspaceId: ctx.workspace.id, brandId, ...input })
      .returning({ id: brandBlackouts.id });
    await recordAudit(tx, {
      workspaceId: ctx.workspace.id,
      actor: actorOf(ctx),
      action: "brand.blackout_added",
      objectType: "brand",
      objectId: brandId,
      data: { blackoutId: row.id, startsAt: input.startsAt.toISOString(), endsAt: input.endsAt.toISOString(), reason: input.reason },
      meta: requestMeta(request),
    });
    await ensureConflictDigestScheduled(tx, ctx.workspace.id, new Date());
    return row.id;
  });
}

/** False when the blackout is not this brand's (or already gone): the caller answers 404. */
export async function removeBlackout(request: Request, ctx: MemberContext, brandId: string, blackoutId: string): Promise<boolean> {
  return db().transaction(async (tx) => {
    const removed = await tx
      .delete(brandBlackouts)
      .where(and(eq(brandBlackouts.id, blackoutId), eq(brandBlackouts.brandId, brandId), eq(brandBlackouts.workspaceId, ctx.workspace.id)))
      .returning();
    if (removed.length === 0) return false;
    const b = removed[0];
    await recordAudit(tx, {
      workspaceId: ctx.workspace.id,
      actor: actorOf(ctx),
      action: "brand.blackout_removed",
      objectType: "brand",
      objectId: brandId,
      data: { blackoutId, startsAt: b.startsAt.toISOString(), endsAt: b.endsAt.toISOString(), reason: b.reason },
      meta: requestMeta(request),
    });
    return true;
  });
}
