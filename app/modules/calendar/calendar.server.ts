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
  brands,
  briefs,
  briefVersions,
  campaignAgencies,
  campaignCreators,
  campaigns,
  conflictAcknowledgments,
  creators,
  deliverables,
  onboardingLinks,
  users,
} from "@db/schema";
import { db } from "~/utils/db.server";
import { campaignScope } from "~/modules/campaigns/scope.server";
import { effectiveWindowHours, signOffCounts, signOffDeadline } from "~/modules/approvals/signoff-rule";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { detectConflicts } from "./conflicts/detect";
import type { Conflict, ConflictCode, ConflictInput, Severity } from "./conflicts/types";
import { DEFAULT_EXCLUSIVITY_DAYS, DEFAULT_MIN_SPACING_MINUTES } from "./conflicts/types";
import { CHANNEL_PLATFORMS } from "~/modules/channels/channels";
import { cachedSnapshot } from "./snapshot-cache.server";
import { DAY_MS, MINUTE_MS } from "~/utils/time";

/** What a creator sees instead of another creator's draft title. */
export const MASKED_TITLE = "Scheduled post";

const SIGNED_OFF_STATUSES = new Set(["signed_off", "scheduled", "published"]);

export interface CalendarBrand {
  id: string;
  name: string;
  category: string | null;
  timeZone: string;
  color: string;
  exclusivityDays: number;
  minSpacingMinutes: Record<string, number>;
  signoffWindowHours: number | null;
}

export interface CalendarCampaign {
  id: string;
  brandId: string;
  leadAgencyId: string;
  agencyIds: string[];
  creatorIds: string[];
  name: string;
  status: string;
  channels: string[];
  startsAt: Date;
  endsAt: Date;
  keyMessage: string | null;
}

export interface CalendarDeliverable {
  id: string;
  campaignId: string;
  /** null when the viewer may not see the campaign (a creator looking at its brand's timing). */
  campaignName: string | null;
  campaignStatus: string;
  brandId: string;
  creatorId: string | null;
  channel: string;
  title: string;
  /** Another creator's deliverable: only its timing is shown. */
  masked: boolean;
  publishAt: Date;
  status: string;
  signOffDeadline: Date;
  signedOff: boolean;
  /** Lead agency and joined agencies of its campaign (empty when masked). */
  agencyIds: string[];
}

export interface Acknowledgment {
  note: string;
  by: string | null;
  at: Date;
}

export interface CalendarSnapshot {
  from: Date;
  to: Date;
  brands: Map<string, CalendarBrand>;
  agencyNames: Map<string, string>;
  creatorNames: Map<string, string>;
  /** Campaigns intersecting [from, to). */
  campaigns: CalendarCampaign[];
  /** Deliverables publishing in [from, to). */
  deliverables: CalendarDeliverable[];
  /** Every conflict the viewer may see that involves something in the window, acknowledged or not. */
  conflicts: Conflict[];
  acknowledgments: Map<string, Acknowledgment>;
}

export function openConflicts(snapshot: Pick<CalendarSnapshot, "conflicts" | "acknowledgments">): Conflict[] {
  return snapshot.conflicts.filter((c) => !snapshot.acknowledgments.has(c.key));
}

function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function inChunks<T, R>(items: readonly T[], run: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  if (items.length === 0) return [];
  return (await Promise.all(chunks(items).map(run))).flat();
}

export async function loadBrands(workspaceId: string): Promise<Map<string, CalendarBrand>> {
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
    .where(eq(brands.workspaceId, workspaceId))
    .orderBy(brands.name);
  return new Map(rows.map((b) => [b.id, { ...b, minSpacingMinutes: b.minSpacingMinutes ?? {} }]));
}

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
async function visibleCampaignIndex(ctx: MemberContext) {
  const rows = await db().select({ id: campaigns.id, brandId: campaigns.brandId }).from(campaigns).where(campaignScope(ctx));
  return { ids: new Set(rows.map((r) => r.id)), brandIds: [...new Set(rows.map((r) => r.brandId))] };
}

function isBrandScoped(ctx: MemberContext): boolean {
  return ctx.scope.kind === "brand";
}

/**
 * Whether this viewer may see a conflict. CREATOR_EXCLUSIVITY names a competing brand, so a
 * brand's own people never see it, and a creator sees only its own; a creator sees conflicts only
 * where its own work or its own campaigns are involved.
 */
function conflictVisibleTo(ctx: MemberContext, conflict: Conflict, ownIds: Set<string>): boolean {
  if (conflict.code === "CREATOR_EXCLUSIVITY") {
    if (isBrandScoped(ctx)) return false;
    if (ctx.scope.kind === "creator") return conflict.details.creatorId === ctx.scope.creatorId;
  }
  if (ctx.scope.kind === "creator") return conflict.objectIds.some((id) => ownIds.has(id));
  return true;
}

export interface LoadOptions {
  now?: Date;
  /** Skip reading acknowledgments (e.g. when the caller filters them itself). */
  withAcknowledgments?: boolean;
  /** Run only these rules (e.g. the home page wants only the ones that can be errors). */
  only?: readonly ConflictCode[];
}

/** Windows that start "now" start at the minute instead, so reads within a minute share a cached snapshot. */
export function minuteOf(now: Date): number {
  return Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS;
}

/** Everything the calendar, the conflicts page, the feed and the digest need for one window. */
export async function loadSnapshot(
  ctx: MemberContext,
  window: { from: Date; to: Date },
  options: LoadOptions = {},
): Promise<CalendarSnapshot> {
  const now = options.now ?? new Date();
  const scope = ctx.scope;
  const key = [
    ctx.workspace.id,
    scope.kind === "agency"
      ? `agency:${scope.agencyId}`
      : scope.kind === "brand"
        ? `brand:${scope.brandId}`
        : scope.kind === "creator"
          ? `creator:${scope.creatorId}`
          : scope.kind,
    window.from.toISOString(),
    window.to.toISOString(),
    minuteOf(now),
    options.only?.join(",") ?? "all",
    options.withAcknowledgments === false ? "no-acks" : "acks",
  ].join("|");
  // Within one minute, `now` only matters through the minute (see snapshot-cache.server.ts).
  return cachedSnapshot(key, () => computeSnapshot(ctx, window, { ...options, now }));
}

async function computeSnapshot(
  ctx: MemberContext,
  window: { from: Date; to: Date },
  options: LoadOptions & { now: Date },
): Promise<CalendarSnapshot> {
  const now = options.now;
  const ws = ctx.workspace.id;
  const { from, to } = window;
  const [brandMap, visible, agencyRows, creatorRows] = await Promise.all([
    loadBrands(ws),
    visibleCampaignIndex(ctx),
    db().select({ id: agencies.id, name: agencies.name }).from(agencies).where(eq(agencies.workspaceId, ws)),
    db().select({ id: creators.id, name: creators.name }).from(creators).where(eq(creators.workspaceId, ws)),
  ]);
  const margin = marginMs(brandMap.values());
  const padFrom = new Date(from.getTime() - margin);
  const padTo = new Date(to.getTime() + margin);
  const creatorId = ctx.scope.kind === "creator" ? ctx.scope.creatorId : null;

  const deliverableColumns = {
    id: deliverables.id,
    campaignId: deliverables.campaignId,
    brandId: deliverables.brandId,
    creatorId: deliverables.creatorId,
    channel: deliverables.channel,
    title: deliverables.title,
    publishAt: deliverables.publishAt,
    status: deliverables.status,
    currentVersion: deliverables.currentVersion,
    signedOffAt: deliverables.signedOffAt,
    signedOffVersion: deliverables.signedOffVersion,
    campaignName: campaigns.name,
    campaignStatus: campaigns.status,
    leadAgencyId: campaigns.leadAgencyId,
  };
  const inRange = and(eq(deliverables.workspaceId, ws), gte(deliverables.publishAt, padFrom), lt(deliverables.publishAt, padTo));
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
    db().select().from(brandBlackouts).where(eq(brandBlackouts.workspaceId, ws)),
    db()
      .selectDistinct({ brandId: onboardingLinks.brandId, platform: accessSteps.platformKey })
      .from(accessSteps)
      .innerJoin(onboardingLinks, eq(onboardingLinks.id, accessSteps.linkId))
      .where(and(eq(accessSteps.workspaceId, ws), eq(accessSteps.status, "verified"))),
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

  const agenciesOf = new Map<string, string[]>();
  for (const row of joinedAgencies)
    (agenciesOf.get(row.campaignId) ?? agenciesOf.set(row.campaignId, []).get(row.campaignId)!).push(row.agencyId);
  const creatorsOf = new Map<string, string[]>();
  for (const row of joinedCreators)
    (creatorsOf.get(row.campaignId) ?? creatorsOf.set(row.campaignId, []).get(row.campaignId)!).push(row.creatorId);
  const keyMessages = new Map<string, { version: number; text: string | null }>();
  for (const v of versions) {
    const seen = keyMessages.get(v.campaignId);
    if (!seen || v.version > seen.version) keyMessages.set(v.campaignId, { version: v.version, text: v.keyMessage });
  }
  for (const d of drafts) if (!keyMessages.has(d.campaignId)) keyMessages.set(d.campaignId, { version: 0, text: d.keyMessage });

  const windowCampaigns: CalendarCampaign[] = campaignRows.map((c) => ({
    ...c,
    channels: Array.isArray(c.channels) ? c.channels : [],
    agencyIds: [...new Set([c.leadAgencyId, ...(agenciesOf.get(c.id) ?? [])])],
    creatorIds: creatorsOf.get(c.id) ?? [],
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
  const allDeliverables: CalendarDeliverable[] = deliverableRows.map((d) => {
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
      signOffDeadline: deadline,
      signedOff,
      agencyIds: masked ? [] : [...new Set([d.leadAgencyId, ...(agenciesOf.get(d.campaignId) ?? [])])],
    };
  });

  const blackoutsOf = new Map<string, typeof blackoutRows>();
  for (const b of blackoutRows) (blackoutsOf.get(b.brandId) ?? blackoutsOf.set(b.brandId, []).get(b.brandId)!).push(b);
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
    (c) => c.objectIds.some((id) => windowIds.has(id)) && conflictVisibleTo(ctx, c, ownIds),
  );

  const acknowledgments =
    options.withAcknowledgments === false
      ? new Map<string, Acknowledgment>()
      : await loadAcknowledgments(
          ws,
          conflicts.map((c) => c.key),
        );
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
  };
  // Snapshots are shared through the cache: in tests, a caller that sorts or edits one in place fails loudly.
  if (process.env.NODE_ENV === "test")
    for (const list of [snapshot.campaigns, snapshot.deliverables, snapshot.conflicts]) Object.freeze(list);
  return snapshot;
}

/** Above this many keys one scan of the workspace's acknowledgments beats chunked IN lists. */
const ACK_SCAN_THRESHOLD = 500;

export async function loadAcknowledgments(workspaceId: string, keys: string[]): Promise<Map<string, Acknowledgment>> {
  const wanted = [...new Set(keys)];
  if (wanted.length === 0) return new Map();
  const columns = {
    key: conflictAcknowledgments.conflictKey,
    note: conflictAcknowledgments.note,
    at: conflictAcknowledgments.createdAt,
    by: users.name,
  };
  const base = () => db().select(columns).from(conflictAcknowledgments).leftJoin(users, eq(users.id, conflictAcknowledgments.userId));
  const rows =
    wanted.length > ACK_SCAN_THRESHOLD
      ? await base().where(eq(conflictAcknowledgments.workspaceId, workspaceId))
      : await base().where(and(eq(conflictAcknowledgments.workspaceId, workspaceId), inArray(conflictAcknowledgments.conflictKey, wanted)));
  const set = new Set(wanted);
  return new Map(rows.filter((r) => set.has(r.key)).map((r) => [r.key, { note: r.note, by: r.by, at: r.at }]));
}

/** Conflicts per object id (campaign or deliverable), for the badges on the calendar. */
export function conflictsByObject(conflicts: readonly Conflict[]): Map<string, Conflict[]> {
  const byObject = new Map<string, Conflict[]>();
  for (const c of conflicts) {
    for (const id of c.objectIds) (byObject.get(id) ?? byObject.set(id, []).get(id)!).push(c);
  }
  return byObject;
}

export function worstSeverity(conflicts: readonly { severity: Severity }[]): Severity | null {
  if (conflicts.length === 0) return null;
  return conflicts.some((c) => c.severity === "error") ? "error" : "warning";
}

/** Brands, agencies and creators a scoped member meets in its campaigns (for the filter lists). */
export async function visibleDirectory(ctx: MemberContext): Promise<{ brandIds: string[]; agencyIds: string[]; creatorIds: string[] }> {
  if (ctx.scope.kind === "workspace") return { brandIds: [], agencyIds: [], creatorIds: [] };
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
