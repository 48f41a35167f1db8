import { and, eq, inArray } from "drizzle-orm";
import { brands, memberships, users } from "@db/schema";
import { db, type Queryable } from "~/utils/db.server";
import { formatIn } from "~/utils/time";
import { invalid, ok, type Outcome } from "~/utils/outcome";
import { audit } from "~/modules/audit/audit.server";
import type { MemberContext } from "./authz.server";
import { awayEnded, delegateRefusal, lastDayAway, readAwayDays, type AwayDays, type DelegatingMember } from "./away";
import { inWorkspace } from "./scope.server";

/**
 * A member's own away period and delegate (decision 052): set, shown and cleared by the member
 * themself on the away page; audited. Requests for them made while it applies go to the delegate
 * (approvals/stand-ins.ts reads `awaysOf`).
 */

type MembershipRow = typeof memberships.$inferSelect;

const delegating = (m: Pick<MembershipRow, "userId" | "role" | "agencyId" | "brandId">): DelegatingMember => ({
  userId: m.userId,
  role: m.role,
  agencyId: m.agencyId,
  brandId: m.brandId,
});

/** The members this member may name as delegate, by name: the away form's list. */
export async function delegateCandidates(ctx: MemberContext, self: MembershipRow) {
  const rows = await db()
    .select({
      userId: memberships.userId,
      role: memberships.role,
      agencyId: memberships.agencyId,
      brandId: memberships.brandId,
      name: users.name,
      email: users.email,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(inWorkspace(ctx, memberships.workspaceId))
    .orderBy(users.name);
  return rows
    .filter((r) => delegateRefusal(delegating(self), delegating(r)) === null)
    .map((r) => ({ id: r.userId, name: r.name, email: r.email }));
}

async function ownMembership(tx: Queryable, ctx: MemberContext): Promise<MembershipRow> {
  const row = await tx.query.memberships.findFirst({
    where: and(inWorkspace(ctx, memberships.workspaceId), eq(memberships.userId, ctx.user.id)),
  });
  // The door read this very membership for the request; a row gone since is a removal mid-request.
  if (!row) throw new Error("membership vanished during the request");
  return row;
}

/** What the away page shows: the period (if any, and not over), the delegate, and who may be chosen. */
export async function awayPage(ctx: MemberContext, now: Date) {
  const self = await ownMembership(db(), ctx);
  const zone = ctx.user.timeZone || "UTC";
  const [candidates, delegate, brand] = await Promise.all([
    delegateCandidates(ctx, self),
    self.delegateUserId ? db().query.users.findFirst({ where: eq(users.id, self.delegateUserId), columns: { name: true } }) : undefined,
    self.brandId ? db().query.brands.findFirst({ where: eq(brands.id, self.brandId), columns: { name: true } }) : undefined,
  ]);
  const current = self.awayFrom && self.awayUntil && !awayEnded(self, now) ? self : null;
  return {
    brandName: self.role === "brand_lead" ? (brand?.name ?? null) : null,
    zone,
    candidates,
    current: current
      ? {
          from: formatIn(current.awayFrom!, zone, "yyyy-MM-dd"),
          until: lastDayAway(current.awayUntil!, zone, "yyyy-MM-dd"),
          fromLabel: formatIn(current.awayFrom!, zone, "ccc d LLL yyyy"),
          untilLabel: lastDayAway(current.awayUntil!, zone, "ccc d LLL yyyy"),
          started: current.awayFrom!.getTime() <= now.getTime(),
          delegateId: current.delegateUserId,
          delegateName: delegate?.name ?? null,
        }
      : null,
  };
}

/**
 * Sets the member's away period (whole days in their zone) and delegate. A refusal names its field:
 * the days, or the delegate (a brand lead's must lead the same brand; see `delegateRefusal`).
 */
export async function setAway(ctx: MemberContext, input: AwayDays & { delegateUserId: string }, now: Date): Promise<Outcome> {
  return db().transaction(async (tx) => {
    const self = await ownMembership(tx, ctx);
    const zone = ctx.user.timeZone || "UTC";
    const days = readAwayDays(input, zone, now);
    if (!days.ok) return invalid(undefined, { [days.field]: [days.message] });
    const delegateRow = await tx.query.memberships.findFirst({
      where: and(inWorkspace(ctx, memberships.workspaceId), eq(memberships.userId, input.delegateUserId)),
    });
    const refusal = delegateRefusal(delegating(self), delegateRow ? delegating(delegateRow) : null);
    if (refusal) return invalid(undefined, { delegateUserId: [refusal] });
    await tx
      .update(memberships)
      .set({ awayFrom: days.awayFrom, awayUntil: days.awayUntil, delegateUserId: input.delegateUserId })
      .where(eq(memberships.id, self.id));
    await audit(tx, ctx, {
      action: "member.away_set",
      objectType: "membership",
      objectId: self.id,
      data: { from: days.awayFrom.toISOString(), until: days.awayUntil.toISOString(), delegateUserId: input.delegateUserId },
    });
    return ok();
  });
}

/** Back early, or the plans changed: the period and the delegate are removed. */
export async function clearAway(ctx: MemberContext): Promise<Outcome> {
  return db().transaction(async (tx) => {
    const self = await ownMembership(tx, ctx);
    if (!self.awayUntil && !self.delegateUserId) return invalid("You have no away period to end.");
    await tx.update(memberships).set({ awayFrom: null, awayUntil: null, delegateUserId: null }).where(eq(memberships.id, self.id));
    await audit(tx, ctx, {
      action: "member.away_cleared",
      objectType: "membership",
      objectId: self.id,
      data: {
        from: self.awayFrom?.toISOString() ?? null,
        until: self.awayUntil?.toISOString() ?? null,
        delegateUserId: self.delegateUserId,
      },
    });
    return ok();
  });
}

/** Away periods of these people in one workspace, with their delegates' memberships (approvals' stand-ins). */
export async function awaysOf(tx: Queryable, workspaceId: string, userIds: readonly string[]) {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return [];
  const rows = await tx
    .select({
      userId: memberships.userId,
      awayFrom: memberships.awayFrom,
      awayUntil: memberships.awayUntil,
      delegateUserId: memberships.delegateUserId,
    })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.userId, unique)));
  const away = rows.filter((r) => r.delegateUserId && r.awayUntil);
  const delegateIds = [...new Set(away.map((r) => r.delegateUserId!))];
  const delegateRows = delegateIds.length
    ? await tx
        .select({ userId: memberships.userId, role: memberships.role, brandId: memberships.brandId })
        .from(memberships)
        .where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.userId, delegateIds)))
    : [];
  return away.map((r) => ({ ...r, delegate: delegateRows.find((d) => d.userId === r.delegateUserId) ?? null }));
}
