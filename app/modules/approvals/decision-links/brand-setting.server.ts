import { and, eq } from "drizzle-orm";
import { brands } from "@db/schema";
import { db } from "~/utils/db.server";
import { isId } from "~/utils/ids";
import { notFound, ok, type Outcome } from "~/utils/outcome";
import { audit } from "~/modules/audit/audit.server";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { brandScope } from "~/modules/workspaces/scope.server";

const NO_BRAND = "This brand does not exist.";

/**
 * A brand's switch for one-time codes (decision 052, off by default): when on, a decision through a
 * decision link counts only with a code emailed to the link's address. One transaction with its
 * audit event; setting it to what it already is changes nothing and records nothing.
 */
export async function setDecisionCodeRequirement(
  ctx: MemberContext,
  input: { brandId: string; required: boolean },
): Promise<Outcome<boolean>> {
  if (!isId(input.brandId)) return notFound(NO_BRAND);
  return db().transaction(async (tx) => {
    const where = and(eq(brands.id, input.brandId), brandScope(ctx));
    const before = await tx.query.brands.findFirst({ where, columns: { requireDecisionCode: true } });
    if (!before) return notFound(NO_BRAND);
    if (before.requireDecisionCode === input.required) return ok(input.required);
    await tx.update(brands).set({ requireDecisionCode: input.required }).where(where);
    await audit(tx, ctx, {
      action: input.required ? "brand.decision_code_required" : "brand.decision_code_not_required",
      objectType: "brand",
      objectId: input.brandId,
      data: { before: before.requireDecisionCode, after: input.required },
    });
    return ok(input.required);
  });
}
