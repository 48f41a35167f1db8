// Exclusivity waivers (issue 21, decision 062): a brand lead of a brand whose exclusivity window a
// clash breaches accepts it for that brand's side, with a reason. Brand leads never see the other
// brand: the clash reaches them as "a competing brand in your category". Detection runs with the
// whole workspace in view (a competitor's posts are the other half of the pair), and only the lead's
// own side leaves this module.

import { and, eq, like } from "drizzle-orm";
import { conflictWaivers } from "@db/schema";
import { isId } from "~/utils/ids";
import { db } from "~/utils/db.server";
import { audit } from "~/modules/audit/audit.server";
import { conflict as conflictProblem, notFound, ok, type Outcome } from "~/utils/outcome";
import { systemContext, type MemberContext } from "~/modules/workspaces/authz.server";
import { inWorkspace, mayNameBrand, ownBrandId } from "~/modules/workspaces/scope.server";
import { channelLabel } from "~/modules/channels/channels";
import { DAY_MS, formatDuration, MINUTE_MS } from "~/utils/time";
import { loadSnapshot } from "./calendar.server";
import { findCurrentConflict } from "./conflicts.server";
import type { CreatorExclusivityConflict } from "./conflicts/types";
import { loadBrands, loadWaivers } from "./snapshot-rows.server";
import { minuteOf } from "./snapshot";
import { dayAndTime } from "./format";
import { deliverablePath } from "./links";
import { breachedBrandIds, COMPETING_BRAND, waiverLine } from "./waivers";

/** The brand a member may waive for: a brand lead's own; else null. */
function waivingBrand(ctx: MemberContext): string | null {
  return ctx.can("conflicts.waive") ? ownBrandId(ctx) : null;
}

const NOT_YOURS = "No exclusivity clash of your brand has that key. It may have been resolved already.";

export async function waiveExclusivity(
  ctx: MemberContext,
  { conflictKey: key, reason }: { conflictKey: string; reason: string },
): Promise<Outcome<{ brandId: string }>> {
  const brandId = waivingBrand(ctx);
  if (!brandId || !key.startsWith("CREATOR_EXCLUSIVITY:")) return notFound(NOT_YOURS);
  const now = new Date();
  // The other half of the pair is not the lead's to see, so the clash is found with the whole workspace in view.
  const found = await findCurrentConflict(systemContext(ctx.workspace, "exclusivity waiver"), key, now);
  if (!found || found.code !== "CREATOR_EXCLUSIVITY" || !found.details.brandIds.includes(brandId)) return notFound(NOT_YOURS);
  const brands = await loadBrands(ctx);
  if (!breachedBrandIds(found, (id) => brands.get(id)?.exclusivityDays ?? 14).includes(brandId))
    return conflictProblem(
      `The posts are at least ${brands.get(brandId)?.exclusivityDays ?? 14} days apart, so your brand's window is kept: only ${COMPETING_BRAND}'s longer window is breached, and only its side can be waived.`,
    );
  return db().transaction(async (tx): Promise<Outcome<{ brandId: string }>> => {
    const inserted = await tx
      .insert(conflictWaivers)
      .values({ workspaceId: ctx.workspace.id, conflictKey: key, brandId, reason, userId: ctx.user.id })
      .onConflictDoNothing()
      .returning({ id: conflictWaivers.id });
    if (inserted.length === 0) return conflictProblem("Your brand has already waived its side of this clash.");
    await audit(tx, ctx, {
      action: "conflict.waived",
      objectType: "conflict",
      objectId: key,
      data: { code: found.code, brandId, reason, objectIds: found.objectIds, gapMinutes: found.details.gapMinutes },
    });
    return ok({ brandId });
  });
}

/**
 * The lead takes its brand's waiver back (the campaign changed, the reason no longer holds): the
 * clash is open again for that side, on both deliverables. Only the brand's own waiver can go.
 */
export async function withdrawWaiver(
  ctx: MemberContext,
  { conflictKey: key }: { conflictKey: string },
): Promise<Outcome<{ brandId: string }>> {
  const brandId = waivingBrand(ctx);
  if (!brandId || !key.startsWith("CREATOR_EXCLUSIVITY:")) return notFound(NOT_YOURS);
  return db().transaction(async (tx): Promise<Outcome<{ brandId: string }>> => {
    const removed = await tx
      .delete(conflictWaivers)
      .where(and(inWorkspace(ctx, conflictWaivers.workspaceId), eq(conflictWaivers.conflictKey, key), eq(conflictWaivers.brandId, brandId)))
      .returning({ reason: conflictWaivers.reason });
    if (removed.length === 0)
      return conflictProblem("Your brand has no waiver on this clash to withdraw. It may have been withdrawn already.");
    await audit(tx, ctx, {
      action: "conflict.waiver_withdrawn",
      objectType: "conflict",
      objectId: key,
      data: { code: "CREATOR_EXCLUSIVITY", brandId, reason: removed[0]!.reason },
    });
    return ok({ brandId });
  });
}

/** One clash as the brand's lead sees it: its own deliverable, the creator, the gap; the other side unnamed. */
export interface BrandClash {
  key: string;
  deliverable: { id: string; title: string; when: string; channel: string; url: string };
  creator: string;
  gap: string;
  windowDays: number;
  /** This brand's window is breached (it may waive), and whether it has. */
  breached: boolean;
  waived: { reason: string; by: string | null; at: string } | null;
  /** The other side's waiver, unnamed and without its reason. */
  otherSide: string | null;
}

/** The exclusivity clashes of the lead's brand over the conflicts page's months; null for anyone else (404). */
export async function brandClashes(ctx: MemberContext, tz: string, now = new Date()): Promise<BrandClash[] | null> {
  const brandId = waivingBrand(ctx);
  if (!brandId) return null;
  const from = new Date(minuteOf(now) - DAY_MS);
  const to = new Date(minuteOf(now) + 120 * DAY_MS);
  const snapshot = await loadSnapshot(
    systemContext(ctx.workspace, "exclusivity clashes of a brand"),
    { from, to },
    {
      now,
      only: ["CREATOR_EXCLUSIVITY"],
    },
  );
  const days = (id: string) => snapshot.brands.get(id)?.exclusivityDays ?? 14;
  const mine = snapshot.conflicts.filter(
    (c): c is CreatorExclusivityConflict => c.code === "CREATOR_EXCLUSIVITY" && c.details.brandIds.includes(brandId),
  );
  const byId = new Map(snapshot.deliverables.map((d) => [d.id, d]));
  const clashes: BrandClash[] = [];
  for (const c of mine) {
    const own = c.objectIds.map((id) => byId.get(id)).find((d) => d?.brandId === brandId);
    if (!own) continue; // its own post lies outside the window: it is listed once the window reaches it
    const waivers = snapshot.waivers.get(c.key) ?? [];
    const mineWaived = waivers.find((w) => w.brandId === brandId) ?? null;
    const other = waivers.find((w) => w.brandId !== brandId);
    clashes.push({
      key: c.key,
      deliverable: {
        id: own.id,
        title: own.title,
        when: dayAndTime(own.publishAt, tz),
        channel: channelLabel(own.channel),
        url: deliverablePath(ctx.workspace.slug, own.id),
      },
      creator: snapshot.creatorNames.get(c.details.creatorId) ?? "The same creator",
      gap: formatDuration(c.details.gapMinutes * MINUTE_MS),
      windowDays: days(brandId),
      breached: breachedBrandIds(c, days).includes(brandId),
      waived: mineWaived ? { reason: mineWaived.reason, by: mineWaived.by, at: dayAndTime(mineWaived.at, tz) } : null,
      otherSide: other ? waiverLine(other, "", false) : null,
    });
  }
  // Open ones first (breached and not waived), then soonest.
  const open = (k: BrandClash) => (k.breached && !k.waived ? 0 : 1);
  return clashes.sort((a, b) => open(a) - open(b));
}

/**
 * The waivers on one deliverable's exclusivity clashes, in words for this viewer (the deliverable
 * page): the other brand's waiver unnamed for a brand's people. Only clashes that still hold.
 */
export async function waiverNotesFor(ctx: MemberContext, deliverableId: string, now = new Date()): Promise<string[]> {
  // An id is 32 hex characters, so it cannot carry a LIKE wildcard; anything else has no waivers.
  if (!isId(deliverableId)) return [];
  const rows = await db()
    .select({ key: conflictWaivers.conflictKey })
    .from(conflictWaivers)
    .where(and(inWorkspace(ctx, conflictWaivers.workspaceId), like(conflictWaivers.conflictKey, `CREATOR_EXCLUSIVITY:%${deliverableId}%`)));
  const keys = [...new Set(rows.map((r) => r.key))];
  if (keys.length === 0) return [];
  const system = systemContext(ctx.workspace, "waivers on a deliverable");
  const holding = (await Promise.all(keys.map((k) => findCurrentConflict(system, k, now)))).filter((c) => c !== null);
  if (holding.length === 0) return [];
  const [waivers, brands] = await Promise.all([
    loadWaivers(
      ctx,
      holding.map((c) => c.key),
    ),
    loadBrands(ctx),
  ]);
  return holding.flatMap((c) =>
    (waivers.get(c.key) ?? []).map(
      (w) => `Exclusivity clash: ${waiverLine(w, brands.get(w.brandId)?.name ?? "Brand", mayNameBrand(ctx, w.brandId))}`,
    ),
  );
}
