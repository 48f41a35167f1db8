// A brand's calendar rules: its category (competitors for creator exclusivity), the minimum
// spacing between its posts per channel, its exclusivity window and its blackout periods. Every
// change is one transaction with its audit event; conflicts pick the change up on the next read.

import { and, asc, eq } from "drizzle-orm";
import type { z } from "zod";
import { brandBlackouts, brands } from "@db/schema";
import { db } from "~/utils/db.server";
import { notFound, ok, type Outcome } from "~/utils/outcome";
import { audit } from "~/modules/audit/audit.server";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { brandScope, inWorkspace } from "~/modules/workspaces/scope.server";
import { ensureConflictDigestScheduled } from "./digest.server";
import { blackoutPeriod, spacingFrom, type blackoutSchema, type brandRulesSchema } from "./schemas";
import { isId } from "~/utils/ids";

const NO_BRAND = "This brand does not exist.";

/** The brand if this member may open its rules, else null (the page answers 404). */
export async function findBrand(ctx: MemberContext, brandId: string) {
  if (!isId(brandId)) return null;
  const brand = await db().query.brands.findFirst({ where: and(eq(brands.id, brandId), brandScope(ctx)) });
  return brand ?? null;
}

export async function listBlackouts(ctx: MemberContext, brandId: string) {
  return db()
    .select()
    .from(brandBlackouts)
    .where(and(inWorkspace(ctx, brandBlackouts.workspaceId), eq(brandBlackouts.brandId, brandId)))
    .orderBy(asc(brandBlackouts.startsAt));
}

export async function updateBrandRules(
  ctx: MemberContext,
  input: { brandId: string } & z.infer<typeof brandRulesSchema>,
): Promise<Outcome> {
  const rules = { category: input.category, exclusivityDays: input.exclusivityDays, minSpacingMinutes: spacingFrom(input) };
  return db().transaction(async (tx) => {
    const before = await tx.query.brands.findFirst({ where: and(eq(brands.id, input.brandId), brandScope(ctx)) });
    if (!before) return notFound(NO_BRAND);
    await tx
      .update(brands)
      .set(rules)
      .where(and(eq(brands.id, input.brandId), brandScope(ctx)));
    await audit(tx, ctx, {
      action: "brand.calendar_rules_updated",
      objectType: "brand",
      objectId: input.brandId,
      data: {
        before: { category: before.category, exclusivityDays: before.exclusivityDays, minSpacingMinutes: before.minSpacingMinutes },
        after: rules,
      },
    });
    await ensureConflictDigestScheduled(tx, ctx.workspace.id, new Date());
    return ok();
  });
}

/** Adds a blackout; its times are wall-clock times in the brand's zone. */
export async function addBlackout(
  ctx: MemberContext,
  input: { brandId: string } & z.infer<typeof blackoutSchema>,
): Promise<Outcome<string>> {
  const brand = await findBrand(ctx, input.brandId);
  if (!brand) return notFound(NO_BRAND);
  const period = blackoutPeriod(input, brand.timeZone);
  if (!period.ok) return period;
  const { startsAt, endsAt } = period.value;
  const blackoutId = await db().transaction(async (tx) => {
    const [row] = await tx
      .insert(brandBlackouts)
      .values({ workspaceId: ctx.workspace.id, brandId: brand.id, startsAt, endsAt, reason: input.reason })
      .returning({ id: brandBlackouts.id });
    await audit(tx, ctx, {
      action: "brand.blackout_added",
      objectType: "brand",
      objectId: brand.id,
      data: { blackoutId: row.id, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), reason: input.reason },
    });
    await ensureConflictDigestScheduled(tx, ctx.workspace.id, new Date());
    return row.id;
  });
  return ok(blackoutId);
}

/** Removes one of this brand's blackouts; another brand's (or one already gone) is not found. */
export async function removeBlackout(ctx: MemberContext, input: { brandId: string; blackoutId: string }): Promise<Outcome> {
  return db().transaction(async (tx) => {
    const removed = await tx
      .delete(brandBlackouts)
      .where(
        and(
          eq(brandBlackouts.id, input.blackoutId),
          eq(brandBlackouts.brandId, input.brandId),
          inWorkspace(ctx, brandBlackouts.workspaceId),
        ),
      )
      .returning();
    if (removed.length === 0) return notFound("That blackout does not exist.");
    const b = removed[0];
    await audit(tx, ctx, {
      action: "brand.blackout_removed",
      objectType: "brand",
      objectId: input.brandId,
      data: { blackoutId: input.blackoutId, startsAt: b.startsAt.toISOString(), endsAt: b.endsAt.toISOString(), reason: b.reason },
    });
    return ok();
  });
}
