import { and, eq } from "drizzle-orm";
import { brands, deliverables } from "@db/schema";
import { db, type Queryable } from "~/utils/db.server";
import type { ScopedContext } from "~/modules/workspaces/authz.server";
import { deliverableScope } from "~/modules/workspaces/scope.server";
import { effectiveWindowHours } from "./signoff-rule";

import { isId } from "~/utils/ids";

/** The deliverable if this member may see it (`deliverableScope`), else null (the caller answers not found). */
export async function findVisibleDeliverable(ctx: ScopedContext, deliverableId: string, tx: Queryable = db()) {
  if (!isId(deliverableId)) return null;
  const rows = await tx
    .select()
    .from(deliverables)
    .where(and(eq(deliverables.id, deliverableId), deliverableScope(ctx)))
    .limit(1);
  return rows[0] ?? null;
}

/** The sign-off window for a brand: its override, else the workspace setting, else 48 h. */
export async function windowHoursFor(tx: Queryable, workspaceHours: number | null, brandId: string): Promise<number> {
  const brand = await tx.query.brands.findFirst({ where: eq(brands.id, brandId), columns: { signoffWindowHours: true } });
  return effectiveWindowHours(workspaceHours, brand?.signoffWindowHours ?? null);
}
