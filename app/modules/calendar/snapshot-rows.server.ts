// The reads around a calendar snapshot that are not the window's own rows: the workspace's brands
// with their rules, the acknowledgments of a set of conflicts, and who a scoped member meets in its
// campaigns (for the filter lists). Every condition comes from the scoping module.

import { and, eq, inArray } from "drizzle-orm";
import { brands, campaignAgencies, campaignCreators, campaigns, conflictAcknowledgments, conflictWaivers, users } from "@db/schema";
import { db } from "~/utils/db.server";
import type { ScopedContext } from "~/modules/workspaces/authz.server";
import { campaignScope, inWorkspace, seesWholeWorkspace } from "~/modules/workspaces/scope.server";
import type { Acknowledgment, CalendarBrand } from "./snapshot";
import type { Waiver } from "./waivers";

function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Runs a query per chunk of ids: an IN list of thousands is slower than a few of hundreds. */
export async function inChunks<T, R>(items: readonly T[], run: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  if (items.length === 0) return [];
  return (await Promise.all(chunks(items).map(run))).flat();
}

/** Every brand of the workspace with its calendar rules (conflict detection needs the competitors too). */
export async function loadBrands(ctx: Pick<ScopedContext, "workspace">): Promise<Map<string, CalendarBrand>> {
  const rows = await db()
    .select({
      id: brands.id,
      name: brands.name,
      category: brands.category,
      timeZone: brands.timeZone,
      color: brands.color,
      exclusivityDays: brands.exclusivityDays,
      minSpacingMinutes: brands.minSpacingMinutes,
      signoffWindowHours: brands.signoffWindowHours,
    })
    .from(brands)
    .where(inWorkspace(ctx, brands.workspaceId))
    .orderBy(brands.name);
  return new Map(rows.map((b) => [b.id, { ...b, minSpacingMinutes: b.minSpacingMinutes ?? {} }]));
}

/** Above this many keys one scan of the workspace's acknowledgments beats chunked IN lists. */
const ACK_SCAN_THRESHOLD = 500;

export async function loadAcknowledgments(ctx: Pick<ScopedContext, "workspace">, keys: string[]): Promise<Map<string, Acknowledgment>> {
  const wanted = [...new Set(keys)];
  if (wanted.length === 0) return new Map();
  const columns = {
    key: conflictAcknowledgments.conflictKey,
    note: conflictAcknowledgments.note,
    at: conflictAcknowledgments.createdAt,
    by: users.name,
  };
  const here = inWorkspace(ctx, conflictAcknowledgments.workspaceId);
  const base = () => db().select(columns).from(conflictAcknowledgments).leftJoin(users, eq(users.id, conflictAcknowledgments.userId));
  const rows =
    wanted.length > ACK_SCAN_THRESHOLD
      ? await base().where(here)
      : await base().where(and(here, inArray(conflictAcknowledgments.conflictKey, wanted)));
  const set = new Set(wanted);
  return new Map(rows.filter((r) => set.has(r.key)).map((r) => [r.key, { note: r.note, by: r.by, at: r.at }]));
}

/** Exclusivity waivers of these conflict keys, per key, oldest first (decision 062). */
export async function loadWaivers(ctx: Pick<ScopedContext, "workspace">, keys: readonly string[]): Promise<Map<string, Waiver[]>> {
  const wanted = [...new Set(keys.filter((k) => k.startsWith("CREATOR_EXCLUSIVITY:")))];
  const rows = await inChunks(wanted, (chunk) =>
    db()
      .select({
        key: conflictWaivers.conflictKey,
        brandId: conflictWaivers.brandId,
        reason: conflictWaivers.reason,
        at: conflictWaivers.createdAt,
        by: users.name,
      })
      .from(conflictWaivers)
      .leftJoin(users, eq(users.id, conflictWaivers.userId))
      .where(and(inWorkspace(ctx, conflictWaivers.workspaceId), inArray(conflictWaivers.conflictKey, chunk)))
      .orderBy(conflictWaivers.createdAt),
  );
  const byKey = new Map<string, Waiver[]>();
  for (const { key, ...waiver } of rows) (byKey.get(key) ?? byKey.set(key, []).get(key)!).push(waiver);
  return byKey;
}

/** Brands, agencies and creators a scoped member meets in its campaigns (for the filter lists); empty for the whole workspace. */
export async function visibleDirectory(ctx: ScopedContext): Promise<{ brandIds: string[]; agencyIds: string[]; creatorIds: string[] }> {
  if (seesWholeWorkspace(ctx)) return { brandIds: [], agencyIds: [], creatorIds: [] };
  const rows = await db()
    .select({ id: campaigns.id, brandId: campaigns.brandId, leadAgencyId: campaigns.leadAgencyId })
    .from(campaigns)
    .where(campaignScope(ctx));
  const ids = rows.map((r) => r.id);
  const [joined, assigned] = await Promise.all([
    inChunks(ids, (chunk) =>
      db().select({ agencyId: campaignAgencies.agencyId }).from(campaignAgencies).where(inArray(campaignAgencies.campaignId, chunk)),
    ),
    inChunks(ids, (chunk) =>
      db().select({ creatorId: campaignCreators.creatorId }).from(campaignCreators).where(inArray(campaignCreators.campaignId, chunk)),
    ),
  ]);
  return {
    brandIds: [...new Set(rows.map((r) => r.brandId))],
    agencyIds: [...new Set([...rows.map((r) => r.leadAgencyId), ...joined.map((j) => j.agencyId)])],
    creatorIds: [...new Set(assigned.map((a) => a.creatorId))],
  };
}
