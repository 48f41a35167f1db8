// The calendar's data: what a member may see in a time window, and the conflicts over it.
//
// Conflicts are never stored. Each read loads the visible rows of the window (plus a margin wide
// enough for the rules that look at neighbours: spacing and exclusivity) with a handful of
// index-backed queries, runs the pure detectConflicts over them and keeps the conflicts that touch
// the window. So a deliverable moved, a campaign window changed, a blackout added, access verified
// or revoked, or a sign-off given shows up on the next read, and a conflict that no longer holds
// is simply gone. Acknowledgments are stored by the conflict's stable key.

import { and, eq, gte, inArray, lt, gt, sql } from "drizzle-orm";
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
import { campaignScope, conflictVisibleTo, inWorkspace, ownCreatorId, scopeKey } from "~/modules/workspaces/scope.server";
import { CHANNEL_PLATFORMS } from "~/modules/channels/channels";
import { DAY_MS, MINUTE_MS } from "~/utils/time";
import { detectConflicts } from "./conflicts/detect";
import { groupBy } from "./conflicts/sort-and-group";
import type { ConflictCode, ConflictInput } from "./conflicts/types";
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
  const key = [
    ctx.workspace.id,
    scopeKey(ctx),
    window.from.toISOString(),
    window.to.toISOString(),
    minuteOf(now),
    options.only?.join(",") ?? "all",
    options.withAcknowledgments === false ? "no-acks" : "acks",
  ].join("|");
  if (options.cache === false || options.moved) return computeSnapshot(ctx, window, { ...options, now });
  // Within one minute, `now` only matters through the minute (see snapshot-cache.server.ts).
  return cachedSnapshot(key, () => computeSnapshot(ctx, window, { ...options, now }));
}

async function computeSnapshot(
  ctx: ScopedContext,
  window: { from: Date; to: Date },
  options: LoadOptions & { now: Date },
): Promise<CalendarSnapshot> {
  const now = options.now;
  const { from, to } = window;
  const [brandMap, visible, agencyRows, creatorRows] = await Promise.all([
    loadBrands(ctx),
    visibleCampaignIndex(ctx),
    db().select({ id: agencies.id, name: agencies.name }).from(agencies).where(inWorkspace(ctx, agencies.workspaceId)),
    db().select({ id: creators.id, name: creators.name }).from(creators).where(inWorkspace(ctx, creators.workspaceId)),
  ]);
  const margin = marginMs(brandMap.values());
  const padFrom = new Date(from.getTime() - margin);
  const padTo = new Date(to.getTime() + margin);
  const creatorId = ownCreatorId(ctx);

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
  const inRange = and(inWorkspace(ctx, deliverables.workspaceId), gte(deliverables.publishAt, padFrom), lt(deliverables.publishAt, padTo));
  const [campaignRows, deliverableRows, blackoutRows, verifiedRows] = await Promise.all([
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
    creatorId
      ? visible.brandIds.length === 0
        ? Promise.resolve([])
        : db()
            .select(deliverableColumns)
            .from(deliverables)
            .innerJoin(campaigns, eq(campaigns.id, deliverables.campaignId))
            .where(and(inRange, inArray(deliverables.brandId, visible.brandIds)))
      : db()
          .select(deliverableColumns)
          .from(deliverables)
          .innerJoin(campaigns, eq(campaigns.id, deliverables.campaignId))
          .where(and(inRange, campaignScope(ctx))),
    db().select().from(brandBlackouts).where(inWorkspace(ctx, brandBlackouts.workspaceId)),
    db()
      .selectDistinct({ brandId: onboardingLinks.brandId, platform: accessSteps.platformKey })
      .from(accessSteps)
      .innerJoin(onboardingLinks, eq(onboardingLinks.id, accessSteps.linkId))
      .where(and(inWorkspace(ctx, accessSteps.workspaceId), eq(accessSteps.status, "verified"))),
  ]);

  const campaignIds = [...new Set([...campaignRows.map((c) => c.id), ...deliverableRows.map((d) => d.campaignId)])];
  const windowCampaignIds = campaignRows.map((c) => c.id);
  const [joinedAgencies, joinedCreators, versions, drafts] = await Promise.all([
    inChunks(campaignIds, (ids) =>
      db()
        .select({ campaignId: campaignAgencies.campaignId, agencyId: campaignAgencies.agencyId })
        .from(campaignAgencies)
        .where(inArray(campaignAgencies.campaignId, ids)),
    ),
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

  const agencyRowsOf = groupBy(joinedAgencies, (row) => row.campaignId);
  const agenciesOf = (campaignId: string) => (agencyRowsOf.get(campaignId) ?? []).map((row) => row.agencyId);
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
    agencyIds: [...new Set([c.leadAgencyId, ...agenciesOf(c.id)])],
    creatorIds: (creatorRowsOf.get(c.id) ?? []).map((row) => row.creatorId),
    keyMessage: keyMessages.get(c.id)?.text?.trim() || null,
  }));

  const workspaceHours = ctx.workspace.signoffWindowHours;
  const windowHoursOf = (brandId: string) => {
    try {
      return effectiveWindowHours(workspaceHours, brandMap.get(brandId)?.signoffWindowHours ?? null);
    } catch {
      return 48;
    }
  };
  const moved = options.moved;
  const allDeliverables: CalendarDeliverable[] = deliverableRows.map((row) => {
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
      agencyIds: masked ? [] : [...new Set([d.leadAgencyId, ...agenciesOf(d.campaignId)])],
    };
  });

  const blackoutsOf = groupBy(blackoutRows, (b) => b.brandId);
  const creatorNames = new Map(creatorRows.map((c) => [c.id, c.name]));
  const agencyNames = new Map(agencyRows.map((a) => [a.id, a.name]));

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
    deliverables: allDeliverables.map((d) => ({
      id: d.id,
      campaignId: d.campaignId,
      brandId: d.brandId,
      creatorId: d.creatorId,
      channel: d.channel,
      title: d.title,
      publishAt: d.publishAt,
      signOffDeadline: d.signOffDeadline,
      signedOff: d.signedOff,
      status: d.campaignStatus === "cancelled" ? "cancelled" : d.status,
    })),
    access: {
      verified: verifiedRows.flatMap((r) => (r.brandId ? [{ brandId: r.brandId, platform: r.platform }] : [])),
      channelPlatforms: CHANNEL_PLATFORMS,
    },
    agencies: agencyRows,
    // A creator's messages never name other creators.
    creators: creatorId ? creatorRows.filter((c) => c.id === creatorId) : creatorRows,
  };

  const windowDeliverables = allDeliverables.filter((d) => d.publishAt >= from && d.publishAt < to);
  const windowIds = new Set<string>([...windowDeliverables.map((d) => d.id), ...windowCampaigns.map((c) => c.id)]);
  const ownIds = new Set<string>([
    ...allDeliverables.filter((d) => !d.masked).map((d) => d.id),
    ...windowCampaigns.filter((c) => visible.ids.has(c.id)).map((c) => c.id),
  ]);
  const conflicts = detectConflicts(input, now, { only: options.only }).filter(
    (c) => c.objectIds.some((id) => windowIds.has(id)) && conflictVisibleTo(ctx, scopedConflict(c), ownIds),
  );

  const keys = conflicts.map((c) => c.key);
  const [acknowledgments, waivers] =
    options.withAcknowledgments === false
      ? [new Map<string, Acknowledgment>(), new Map()]
      : await Promise.all([loadAcknowledgments(ctx, keys), loadWaivers(ctx, keys)]);
  const snapshot: CalendarSnapshot = {
    from,
    to,
    brands: brandMap,
    agencyNames,
    creatorNames,
    campaigns: windowCampaigns,
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
