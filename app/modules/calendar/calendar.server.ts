// The calendar's data: what a member may see in a time window, and the conflicts over it.
//
// Conflicts are never stored. Each read loads the visible rows of the window (plus a margin wide
// enough for the rules that look at neighbours: spacing and exclusivity) with a handful of
// index-backed queries, runs the pure detectConflicts over them and keeps the conflicts that touch
// the window. So a deliverable moved, a campaign window changed, a blackout added, access verified
// or revoked, or a sign-off given shows up on the next read, and a conflict that no longer holds
// is simply gone. Acknowledgments are stored by the conflict's stable key.

import { and, eq, gte, inArray, lt, gt, or, sql, type SQL } from "drizzle-orm";
import {
  accessSteps,
  agencies,
  brandBlackouts,
  briefs,
  briefVersions,
  campaignAgencies,
  campaignCreators,
  campaigns,
  creators,
  deliverables,
  onboardingLinks,
} from "@db/schema";
import { db } from "~/utils/db.server";
import { effectiveWindowHours, signOffCounts, signOffDeadline } from "~/modules/approvals/signoff-rule";
import type { ScopedContext } from "~/modules/workspaces/authz.server";
import {
  campaignScope,
  conflictVisibleTo,
  inWorkspace,
  ownCreatorId,
  scopeKey,
  seesEveryConflictOfItsRows,
} from "~/modules/workspaces/scope.server";
import { CHANNEL_PLATFORMS } from "~/modules/channels/channels";
import { DAY_MS, MINUTE_MS } from "~/utils/time";
import { detectConflicts } from "./conflicts/detect";
import { groupBy } from "./conflicts/sort-and-group";
import { redetectConflicts, touchesGroups, type AffectedGroups } from "./conflicts/incremental";
import type { Conflict, ConflictCode, ConflictInput } from "./conflicts/types";
import { DEFAULT_EXCLUSIVITY_DAYS, DEFAULT_MIN_SPACING_MINUTES } from "./conflicts/types";
import { cachedSnapshot } from "./snapshot-cache.server";
import { inChunks, loadAcknowledgments, loadBrands, loadWaivers } from "./snapshot-rows.server";
import {
  MASKED_TITLE,
  minuteOf,
  scopedConflict,
  type Acknowledgment,
  type CalendarBrand,
  type CalendarCampaign,
  type CalendarDeliverable,
  type CalendarSnapshot,
} from "./snapshot";

const SIGNED_OFF_STATUSES = new Set(["signed_off", "scheduled", "published"]);

/** How far outside the window a neighbour can still be in conflict with something inside it. */
function marginMs(brandRows: Iterable<CalendarBrand>): number {
  let days = DEFAULT_EXCLUSIVITY_DAYS;
  let minutes = DEFAULT_MIN_SPACING_MINUTES;
  for (const b of brandRows) {
    days = Math.max(days, b.exclusivityDays ?? 0);
    for (const m of Object.values(b.minSpacingMinutes)) if (Number.isFinite(m)) minutes = Math.max(minutes, m);
  }
  return days * DAY_MS + minutes * MINUTE_MS + DAY_MS;
}

/** Brands whose campaigns a member sees; a creator sees its brands' timing through these. */
async function visibleCampaignIndex(ctx: ScopedContext) {
  const rows = await db().select({ id: campaigns.id, brandId: campaigns.brandId }).from(campaigns).where(campaignScope(ctx));
  return { ids: new Set(rows.map((r) => r.id)), brandIds: [...new Set(rows.map((r) => r.brandId))] };
}

export interface LoadOptions {
  now?: Date;
  /** Skip reading acknowledgments (e.g. when the caller filters them itself). */
  withAcknowledgments?: boolean;
  /** Run only these rules (e.g. the home page wants only the ones that can be errors). */
  only?: readonly ConflictCode[];
  /** false: compute without touching the cache (a background sweep of a wide window must not evict the pages' entries). */
  cache?: boolean;
  /** What if this deliverable published at another time (the move preview): never cached. */
  moved?: { id: string; publishAt: Date };
}

/** Everything the calendar, the conflicts page, the feed and the digest need for one window. */
export async function loadSnapshot(
  ctx: ScopedContext,
  window: { from: Date; to: Date },
  options: LoadOptions = {},
): Promise<CalendarSnapshot> {
  const now = options.now ?? new Date();
  const withNow = { ...options, now };
  if (options.cache === false || options.moved) return finishSnapshot(ctx, await computeBase(ctx, window, withNow), withNow);
  const baseKey = [
    ctx.workspace.id,
    scopeKey(ctx),
    window.from.toISOString(),
    window.to.toISOString(),
    options.only?.join(",") ?? "all",
  ].join("|");
  const minute = minuteOf(now);
  // Within one minute, `now` only matters through the minute (see snapshot-cache.server.ts).
  return cachedSnapshot({
    workspaceId: ctx.workspace.id,
    key: [baseKey, minute, options.withAcknowledgments === false ? "no-acks" : "acks"].join("|"),
    baseKey,
    minute,
    full: () => computeBase(ctx, window, withNow),
    refresh: (base, changed, clockMoved) => refreshBase(ctx, base, changed, clockMoved, withNow),
    finish: (base) => finishSnapshot(ctx, base, withNow),
  });
}

/**
 * The window's rows and every conflict over them, before the window and the viewer narrow them:
 * what a change to some deliverables refreshes in place of a whole recompute (decision 068).
 * Shared through the cache: never edited, a refresh makes a new one.
 */
interface SnapshotBase {
  from: Date;
  to: Date;
  padFrom: Date;
  padTo: Date;
  brandMap: Map<string, CalendarBrand>;
  visible: { ids: Set<string>; brandIds: string[] };
  agencyNames: Map<string, string>;
  creatorNames: Map<string, string>;
  /** Joined agencies per campaign, for every campaign of `campaigns` and of `deliverables`. */
  agenciesByCampaign: Map<string, string[]>;
  /** Campaigns intersecting [from, to). */
  campaigns: CalendarCampaign[];
  /** Deliverables publishing in the padded window [padFrom, padTo). */
  deliverables: CalendarDeliverable[];
  input: ConflictInput;
  /** detectConflicts over `input`, before the window and the viewer's scope narrow them. */
  conflicts: Conflict[];
}

const deliverableColumns = {
  id: deliverables.id,
  campaignId: deliverables.campaignId,
  brandId: deliverables.brandId,
  creatorId: deliverables.creatorId,
  channel: deliverables.channel,
  title: deliverables.title,
  publishAt: deliverables.publishAt,
  status: deliverables.status,
  blocked: deliverables.blocked,
  currentVersion: deliverables.currentVersion,
  signedOffAt: deliverables.signedOffAt,
  signedOffVersion: deliverables.signedOffVersion,
  campaignName: campaigns.name,
  campaignStatus: campaigns.status,
  leadAgencyId: campaigns.leadAgencyId,
};

/** The visible deliverables publishing in [padFrom, padTo), narrowed further by `also` (a refresh's brands and creators). */
function deliverableRows(ctx: ScopedContext, visibleBrandIds: string[], pad: { padFrom: Date; padTo: Date }, also?: SQL) {
  const inRange = and(
    inWorkspace(ctx, deliverables.workspaceId),
    gte(deliverables.publishAt, pad.padFrom),
    lt(deliverables.publishAt, pad.padTo),
    also,
  );
  // A creator sees its brands' timing (masked) beyond its own campaigns.
  if (ownCreatorId(ctx)) {
    if (visibleBrandIds.length === 0) return Promise.resolve([]);
    return db()
      .select(deliverableColumns)
      .from(deliverables)
      .innerJoin(campaigns, eq(campaigns.id, deliverables.campaignId))
      .where(and(inRange, inArray(deliverables.brandId, visibleBrandIds)));
  }
  return db()
    .select(deliverableColumns)
    .from(deliverables)
    .innerJoin(campaigns, eq(campaigns.id, deliverables.campaignId))
    .where(and(inRange, campaignScope(ctx)));
}
type DeliverableRow = Awaited<ReturnType<typeof deliverableRows>>[number];

function joinedAgencies(campaignIds: string[]) {
  return inChunks(campaignIds, (ids) =>
    db()
      .select({ campaignId: campaignAgencies.campaignId, agencyId: campaignAgencies.agencyId })
      .from(campaignAgencies)
      .where(inArray(campaignAgencies.campaignId, ids)),
  );
}

function agenciesMap(rows: { campaignId: string; agencyId: string }[], campaignIds: Iterable<string>): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const id of campaignIds) map.set(id, []);
  for (const row of rows) (map.get(row.campaignId) ?? map.set(row.campaignId, []).get(row.campaignId)!).push(row.agencyId);
  return map;
}

interface RowContext {
  ctx: ScopedContext;
  brandMap: Map<string, CalendarBrand>;
  visible: { ids: Set<string> };
  agenciesByCampaign: Map<string, string[]>;
  moved?: { id: string; publishAt: Date };
}

function toDeliverables(rows: DeliverableRow[], { ctx, brandMap, visible, agenciesByCampaign, moved }: RowContext): CalendarDeliverable[] {
  const creatorId = ownCreatorId(ctx);
  const workspaceHours = ctx.workspace.signoffWindowHours;
  const hoursByBrand = new Map<string, number>();
  const windowHoursOf = (brandId: string) => {
    let hours = hoursByBrand.get(brandId);
    if (hours === undefined) {
      try {
        hours = effectiveWindowHours(workspaceHours, brandMap.get(brandId)?.signoffWindowHours ?? null);
      } catch {
        hours = 48;
      }
      hoursByBrand.set(brandId, hours);
    }
    return hours;
  };
  return rows.map((row) => {
    const d = moved && row.id === moved.id ? { ...row, publishAt: moved.publishAt } : row;
    const masked = creatorId !== null && d.creatorId !== creatorId;
    const deadline = signOffDeadline(d.publishAt, windowHoursOf(d.brandId));
    const signedOff =
      SIGNED_OFF_STATUSES.has(d.status) ||
      signOffCounts({ signedOffAt: d.signedOffAt, signedOffVersion: d.signedOffVersion, currentVersion: d.currentVersion, deadline });
    return {
      id: d.id,
      campaignId: d.campaignId,
      campaignName: masked && !visible.ids.has(d.campaignId) ? null : d.campaignName,
      campaignStatus: d.campaignStatus,
      brandId: d.brandId,
      creatorId: d.creatorId,
      channel: d.channel,
      title: masked ? MASKED_TITLE : d.title,
      masked,
      publishAt: d.publishAt,
      status: d.status,
      blocked: d.blocked,
      signOffDeadline: deadline,
      signedOff,
      agencyIds: masked ? [] : [...new Set([d.leadAgencyId, ...(agenciesByCampaign.get(d.campaignId) ?? [])])],
    };
  });
}

function toConflictDeliverable(d: CalendarDeliverable): ConflictInput["deliverables"][number] {
  return {
    id: d.id,
    campaignId: d.campaignId,
    brandId: d.brandId,
    creatorId: d.creatorId,
    channel: d.channel,
    title: d.title,
    publishAt: d.publishAt,
    signOffDeadline: d.signOffDeadline,
    signedOff: d.signedOff,
    // A cancelled campaign will not run, so neither it nor its deliverables can clash.
    status: d.campaignStatus === "cancelled" ? "cancelled" : d.status,
  };
}

async function computeBase(
  ctx: ScopedContext,
  window: { from: Date; to: Date },
  options: LoadOptions & { now: Date },
): Promise<SnapshotBase> {
  const now = options.now;
  const { from, to } = window;
  const [brandMap, visible, agencyRows, creatorRows] = await Promise.all([
    loadBrands(ctx),
    visibleCampaignIndex(ctx),
    db().select({ id: agencies.id, name: agencies.name }).from(agencies).where(inWorkspace(ctx, agencies.workspaceId)),
    db().select({ id: creators.id, name: creators.name }).from(creators).where(inWorkspace(ctx, creators.workspaceId)),
  ]);
  const margin = marginMs(brandMap.values());
  const pad = { padFrom: new Date(from.getTime() - margin), padTo: new Date(to.getTime() + margin) };
  const creatorId = ownCreatorId(ctx);

  const [campaignRows, rows, blackoutRows, verifiedRows] = await Promise.all([
    db()
      .select({
        id: campaigns.id,
        brandId: campaigns.brandId,
        leadAgencyId: campaigns.leadAgencyId,
        name: campaigns.name,
        status: campaigns.status,
        channels: campaigns.channels,
        startsAt: campaigns.startsAt,
        endsAt: campaigns.endsAt,
      })
      .from(campaigns)
      .where(and(campaignScope(ctx), lt(campaigns.startsAt, to), gt(campaigns.endsAt, from)))
      .orderBy(campaigns.startsAt),
    deliverableRows(ctx, visible.brandIds, pad),
    db().select().from(brandBlackouts).where(inWorkspace(ctx, brandBlackouts.workspaceId)),
    db()
      .selectDistinct({ brandId: onboardingLinks.brandId, platform: accessSteps.platformKey })
      .from(accessSteps)
      .innerJoin(onboardingLinks, eq(onboardingLinks.id, accessSteps.linkId))
      .where(and(inWorkspace(ctx, accessSteps.workspaceId), eq(accessSteps.status, "verified"))),
  ]);

  const campaignIds = [...new Set([...campaignRows.map((c) => c.id), ...rows.map((d) => d.campaignId)])];
  const windowCampaignIds = campaignRows.map((c) => c.id);
  const [joined, joinedCreators, versions, drafts] = await Promise.all([
    joinedAgencies(campaignIds),
    inChunks(windowCampaignIds, (ids) =>
      db()
        .select({ campaignId: campaignCreators.campaignId, creatorId: campaignCreators.creatorId })
        .from(campaignCreators)
        .where(inArray(campaignCreators.campaignId, ids)),
    ),
    inChunks(windowCampaignIds, (ids) =>
      db()
        .select({
          campaignId: briefVersions.campaignId,
          version: briefVersions.version,
          keyMessage: sql<string | null>`${briefVersions.content}->>'keyMessage'`,
        })
        .from(briefVersions)
        .where(inArray(briefVersions.campaignId, ids)),
    ),
    inChunks(windowCampaignIds, (ids) =>
      db()
        .select({ campaignId: briefs.campaignId, keyMessage: sql<string | null>`${briefs.draft}->>'keyMessage'` })
        .from(briefs)
        .where(inArray(briefs.campaignId, ids)),
    ),
  ]);

  const agenciesByCampaign = agenciesMap(joined, campaignIds);
  const creatorRowsOf = groupBy(joinedCreators, (row) => row.campaignId);
  const keyMessages = new Map<string, { version: number; text: string | null }>();
  for (const v of versions) {
    const seen = keyMessages.get(v.campaignId);
    if (!seen || v.version > seen.version) keyMessages.set(v.campaignId, { version: v.version, text: v.keyMessage });
  }
  for (const d of drafts) if (!keyMessages.has(d.campaignId)) keyMessages.set(d.campaignId, { version: 0, text: d.keyMessage });

  const windowCampaigns: CalendarCampaign[] = campaignRows.map((c) => ({
    ...c,
    channels: Array.isArray(c.channels) ? c.channels : [],
    agencyIds: [...new Set([c.leadAgencyId, ...(agenciesByCampaign.get(c.id) ?? [])])],
    creatorIds: (creatorRowsOf.get(c.id) ?? []).map((row) => row.creatorId),
    keyMessage: keyMessages.get(c.id)?.text?.trim() || null,
  }));

  const allDeliverables = toDeliverables(rows, { ctx, brandMap, visible, agenciesByCampaign, moved: options.moved });
  const blackoutsOf = groupBy(blackoutRows, (b) => b.brandId);

  const input: ConflictInput = {
    brands: [...brandMap.values()].map((b) => ({
      id: b.id,
      name: b.name,
      category: b.category,
      minSpacingMinutesByChannel: b.minSpacingMinutes,
      exclusivityDays: b.exclusivityDays,
      blackouts: (blackoutsOf.get(b.id) ?? []).map((x) => ({ id: x.id, startsAt: x.startsAt, endsAt: x.endsAt, reason: x.reason })),
    })),
    // A cancelled campaign will not run, so neither it nor its deliverables can clash.
    campaigns: windowCampaigns
      .filter((c) => c.status !== "cancelled")
      .map((c) => ({
        id: c.id,
        brandId: c.brandId,
        agencyId: c.leadAgencyId,
        name: c.name,
        channels: c.channels,
        startsAt: c.startsAt,
        endsAt: c.endsAt,
        keyMessage: c.keyMessage,
      })),
    deliverables: allDeliverables.map(toConflictDeliverable),
    access: {
      verified: verifiedRows.flatMap((r) => (r.brandId ? [{ brandId: r.brandId, platform: r.platform }] : [])),
      channelPlatforms: CHANNEL_PLATFORMS,
    },
    agencies: agencyRows,
    // A creator's messages never name other creators.
    creators: creatorId ? creatorRows.filter((c) => c.id === creatorId) : creatorRows,
  };

  return {
    from,
    to,
    ...pad,
    brandMap,
    visible,
    agencyNames: new Map(agencyRows.map((a) => [a.id, a.name])),
    creatorNames: new Map(creatorRows.map((c) => [c.id, c.name])),
    agenciesByCampaign,
    campaigns: windowCampaigns,
    deliverables: allDeliverables,
    input,
    conflicts: detectConflicts(input, now, { only: options.only }),
  };
}

/**
 * The base after a change to the deliverables of some brands and creators (and/or a later minute):
 * only their deliverables are read again and only their conflicts detected again (decision 068).
 * Everything else a base holds (brands, campaigns, blackouts, access, names) did not change, or the
 * cache would have asked for a full recompute.
 */
async function refreshBase(
  ctx: ScopedContext,
  base: SnapshotBase,
  changed: AffectedGroups,
  clockMoved: boolean,
  options: LoadOptions & { now: Date },
): Promise<SnapshotBase> {
  const brandIds = [...changed.brandIds];
  const creatorIds = [...changed.creatorIds];
  let next = base.deliverables;
  let input = base.input;
  let agenciesByCampaign = base.agenciesByCampaign;
  if (brandIds.length + creatorIds.length > 0) {
    const which = or(
      brandIds.length ? inArray(deliverables.brandId, brandIds) : undefined,
      creatorIds.length ? inArray(deliverables.creatorId, creatorIds) : undefined,
    );
    const rows = await deliverableRows(ctx, base.visible.brandIds, base, which);
    const missing = [...new Set(rows.map((r) => r.campaignId))].filter((id) => !agenciesByCampaign.has(id));
    if (missing.length) agenciesByCampaign = new Map([...agenciesByCampaign, ...agenciesMap(await joinedAgencies(missing), missing)]);
    const fresh = toDeliverables(rows, { ctx, brandMap: base.brandMap, visible: base.visible, agenciesByCampaign });
    next = [...base.deliverables.filter((d) => !touchesGroups(changed, d)), ...fresh];
    // The same rows in the same order as `next`, without mapping the unchanged ones again.
    const kept = base.input.deliverables.filter((d) => !touchesGroups(changed, d));
    input = { ...base.input, deliverables: [...kept, ...fresh.map(toConflictDeliverable)] };
  }
  return {
    ...base,
    agenciesByCampaign,
    deliverables: next,
    input,
    conflicts: redetectConflicts(input, base.conflicts, changed, options.now, { only: options.only, clockMoved }),
  };
}

/** What a page reads: the base narrowed to the window and to what the viewer may see, with acknowledgments and waivers. */
async function finishSnapshot(ctx: ScopedContext, base: SnapshotBase, options: LoadOptions & { now: Date }): Promise<CalendarSnapshot> {
  const { from, to } = base;
  const windowDeliverables = base.deliverables.filter((d) => d.publishAt >= from && d.publishAt < to);
  const windowIds = new Set<string>([...windowDeliverables.map((d) => d.id), ...base.campaigns.map((c) => c.id)]);
  // Only a creator's view asks whether a conflict involves its own work (conflictVisibleTo).
  const ownIds = ownCreatorId(ctx)
    ? new Set<string>([
        ...base.deliverables.filter((d) => !d.masked).map((d) => d.id),
        ...base.campaigns.filter((c) => base.visible.ids.has(c.id)).map((c) => c.id),
      ])
    : new Set<string>();
  const narrowed = !seesEveryConflictOfItsRows(ctx);
  const conflicts = base.conflicts.filter(
    (c) => c.objectIds.some((id) => windowIds.has(id)) && (!narrowed || conflictVisibleTo(ctx, scopedConflict(c), ownIds)),
  );

  const keys = conflicts.map((c) => c.key);
  const [acknowledgments, waivers] =
    options.withAcknowledgments === false
      ? [new Map<string, Acknowledgment>(), new Map()]
      : await Promise.all([loadAcknowledgments(ctx, keys), loadWaivers(ctx, keys)]);
  const snapshot: CalendarSnapshot = {
    from,
    to,
    brands: base.brandMap,
    agencyNames: base.agencyNames,
    creatorNames: base.creatorNames,
    campaigns: base.campaigns,
    deliverables: windowDeliverables,
    conflicts,
    acknowledgments,
    waivers,
  };
  // Snapshots are shared through the cache: in tests, a caller that sorts or edits one in place fails loudly.
  if (process.env.NODE_ENV === "test")
    for (const list of [snapshot.campaigns, snapshot.deliverables, snapshot.conflicts]) Object.freeze(list);
  return snapshot;
}
