// Turns a calendar snapshot into what the pages render: plain JSON items already formatted for the
// viewer's time zone, with their conflict badges, filtered as the URL asks.

import { DateTime } from "luxon";
import { CAMPAIGN_STATUSES } from "~/modules/campaigns/campaign-status";
import { DELIVERABLE_STATUSES, DELIVERABLE_STATUS_LABELS, type DeliverableStatus } from "~/modules/approvals/deliverable-status";
import type { MemberContext, ScopedContext } from "~/modules/workspaces/authz.server";
import { mayNameBrand, ownCreatorId, seesWholeWorkspace } from "~/modules/workspaces/scope.server";
import { waiverLine } from "./waivers";
import { conflictRuleMetadata } from "./conflicts/detect";
import type { Conflict, Severity } from "./conflicts/types";
import { channelLabel, CHANNELS } from "~/modules/channels/channels";
import { dayKey } from "./dates";
import type { CalendarFilter } from "./filters";
import { isAtRisk } from "~/modules/approvals/signoff-rule";
import { HOUR_MS, zoneOffset, zonePlace } from "~/utils/time";
import { dayAndTime, shortDay, timeOfDay } from "./format";
import { campaignPath, deliverablePath } from "./links";
import {
  conflictsByObject,
  openConflicts,
  worstSeverity,
  type CalendarCampaign,
  type CalendarDeliverable,
  type CalendarSnapshot,
} from "./snapshot";

export const CAMPAIGN_STATUS_LABELS: Record<string, string> = {
  planning: "Planning",
  briefed: "Briefed",
  active: "Active",
  completed: "Completed",
  cancelled: "Cancelled",
};

export function statusLabel(status: string): string {
  return CAMPAIGN_STATUS_LABELS[status] ?? DELIVERABLE_STATUS_LABELS[status as DeliverableStatus] ?? status;
}

export interface ItemConflict {
  key: string;
  code: string;
  title: string;
  severity: Severity;
  message: string;
}

export interface SignoffState {
  state: "signed_off" | "pending" | "due_soon" | "overdue" | "blocked" | "published";
  label: string;
}

export interface CalendarItem {
  key: string;
  kind: "campaign" | "deliverable";
  id: string;
  title: string;
  masked: boolean;
  brandId: string;
  brandName: string;
  color: string;
  status: string;
  statusLabel: string;
  /** ISO instants. */
  startsAt: string;
  endsAt: string | null;
  /** Local dates "YYYY-MM-DD" in the viewer's zone; endDay inclusive. */
  startDay: string;
  endDay: string;
  /** "14:30" for deliverables, null for campaigns. */
  time: string | null;
  /** "Mon 3 Nov 2026, 14:30" (viewer) and the brand's own clock beside it. */
  when: string;
  brandWhen: string | null;
  channels: string[];
  campaignName: string | null;
  agencyNames: string[];
  creatorName: string | null;
  signoff: SignoffState | null;
  url: string | null;
  /** The first ITEM_CONFLICTS_SHOWN, errors first; conflictCount counts them all. */
  conflicts: ItemConflict[];
  conflictCount: number;
  worst: Severity | null;
}

/** Conflicts an item carries to the page (the peek lists these; the conflicts page has all). */
export const ITEM_CONFLICTS_SHOWN = 5;

function matchesCampaign(c: CalendarCampaign, f: CalendarFilter): boolean {
  if (f.status ? c.status !== f.status : c.status === "cancelled") return false;
  if (f.brand && c.brandId !== f.brand) return false;
  if (f.agency && !c.agencyIds.includes(f.agency)) return false;
  if (f.creator && !c.creatorIds.includes(f.creator)) return false;
  if (f.channel && !c.channels.includes(f.channel)) return false;
  return true;
}

function matchesDeliverable(d: CalendarDeliverable, f: CalendarFilter): boolean {
  if (f.status ? d.status !== f.status : d.campaignStatus === "cancelled") return false;
  if (f.brand && d.brandId !== f.brand) return false;
  // Someone else's work never matches a filter on who does it: that would tell whose it is.
  if (f.agency && (d.masked || !d.agencyIds.includes(f.agency))) return false;
  if (f.creator && (d.masked || d.creatorId !== f.creator)) return false;
  if (f.channel && d.channel !== f.channel) return false;
  return true;
}

function signoffState(d: CalendarDeliverable, now: Date): SignoffState {
  if (d.status === "published") return { state: "published", label: "Published" };
  if (d.signedOff) return { state: "signed_off", label: "Signed off" };
  // The flag beside the status (decision 052): the deadline passed and scheduling waits for a reschedule.
  if (d.blocked) return { state: "blocked", label: "Blocked" };
  const untilMs = d.signOffDeadline.getTime() - now.getTime();
  if (untilMs <= 0) return { state: "overdue", label: "Sign-off overdue" };
  if (isAtRisk(untilMs)) return { state: "due_soon", label: `Sign-off due in ${Math.max(1, Math.floor(untilMs / HOUR_MS))} h` };
  return { state: "pending", label: "Awaiting sign-off" };
}

/** An item's conflicts, each with its exclusivity waivers in words (decision 062: shown on both items). */
function toItemConflicts(list: readonly Conflict[] | undefined, snapshot: CalendarSnapshot, ctx: ScopedContext): ItemConflict[] {
  return (list ?? []).slice(0, ITEM_CONFLICTS_SHOWN).map((c) => {
    const waived = (snapshot.waivers.get(c.key) ?? []).map((w) =>
      waiverLine(w, snapshot.brands.get(w.brandId)?.name ?? "Brand", mayNameBrand(ctx, w.brandId)),
    );
    const message = [c.message, ...waived.map((line) => (/[.!?]$/.test(line) ? line : `${line}.`))].join(" ");
    return { key: c.key, code: c.code, title: conflictRuleMetadata(c.code).title, severity: c.severity, message };
  });
}

interface InstantLabels {
  day: string;
  shortDay: string;
  time: string;
  when: string;
}

// An instant's words in a zone never change, and after a change the next snapshot formats almost
// the same instants again: formatting (luxon's zone offsets) was most of buildItems' time on the
// §8 workspace's first month view after a change (decision 068). Bounded; emptied when full.
const LABELS_KEPT = 50_000;
const labelsByZone = new Map<string, Map<number, InstantLabels>>();
let labelsHeld = 0;

function labelsAt(instant: Date, tz: string): InstantLabels {
  const at = instant.getTime();
  let zone = labelsByZone.get(tz);
  const seen = zone?.get(at);
  if (seen) return seen;
  if (labelsHeld >= LABELS_KEPT) {
    labelsByZone.clear();
    labelsHeld = 0;
    zone = undefined;
  }
  if (!zone) labelsByZone.set(tz, (zone = new Map()));
  const labels = {
    day: dayKey(instant, tz),
    shortDay: shortDay(instant, tz),
    time: timeOfDay(instant, tz),
    when: `${dayAndTime(instant, tz)} ${zonePlace(tz)} (${zoneOffset(instant, tz)})`,
  };
  zone.set(at, labels);
  labelsHeld++;
  return labels;
}

// What localeCompare does without arguments, without building a collator on every call.
const byTitle = new Intl.Collator();

/**
 * The open conflicts of a snapshot and their index per object, once per snapshot: selectForView
 * and buildItems both need them, and the narrowed snapshot they pass on shares the same lists.
 */
const openMemo = new WeakMap<
  readonly Conflict[],
  {
    acknowledgments: CalendarSnapshot["acknowledgments"];
    waivers: CalendarSnapshot["waivers"];
    open: Conflict[];
    byObject: Map<string, Conflict[]>;
  }
>();

function openOf(snapshot: CalendarSnapshot): { open: Conflict[]; byObject: Map<string, Conflict[]> } {
  const seen = openMemo.get(snapshot.conflicts);
  if (seen && seen.acknowledgments === snapshot.acknowledgments && seen.waivers === snapshot.waivers) return seen;
  const open = openConflicts(snapshot);
  const entry = { acknowledgments: snapshot.acknowledgments, waivers: snapshot.waivers, open, byObject: conflictsByObject(open) };
  openMemo.set(snapshot.conflicts, entry);
  return entry;
}

export interface BuildOptions {
  /** Only the workspace and the scope are read (a share link builds items without a member). */
  ctx: ScopedContext;
  tz: string;
  now: Date;
  filter: CalendarFilter;
}

/** The filtered items of a snapshot, campaigns first by start, then deliverables by time. */
export function buildItems(snapshot: CalendarSnapshot, { ctx, tz, now, filter }: BuildOptions): CalendarItem[] {
  const slug = ctx.workspace.slug;
  const byObject = openOf(snapshot).byObject;
  const brandOf = (id: string) => snapshot.brands.get(id);
  // What every item says of its brand, its status and its open conflicts (none on someone else's masked work).
  const described = (o: { id: string; brandId: string; status: string }, masked: boolean) => {
    const brand = brandOf(o.brandId);
    const all = masked ? [] : (byObject.get(o.id) ?? []);
    return {
      brandId: o.brandId,
      brandName: brand?.name ?? "Brand",
      color: brand?.color ?? "#64748b",
      status: o.status,
      statusLabel: statusLabel(o.status),
      conflicts: toItemConflicts(all, snapshot, ctx),
      conflictCount: all.length,
      worst: worstSeverity(all),
    };
  };
  const items: CalendarItem[] = [];

  for (const c of snapshot.campaigns) {
    if (!matchesCampaign(c, filter)) continue;
    const lastInstant = new Date(Math.max(c.startsAt.getTime(), c.endsAt.getTime() - 1));
    const first = labelsAt(c.startsAt, tz);
    const last = labelsAt(lastInstant, tz);
    items.push({
      key: `c:${c.id}`,
      kind: "campaign",
      id: c.id,
      title: c.name,
      masked: false,
      ...described(c, false),
      startsAt: c.startsAt.toISOString(),
      endsAt: c.endsAt.toISOString(),
      startDay: first.day,
      endDay: last.day,
      time: null,
      when: `${first.shortDay} – ${last.shortDay}`,
      brandWhen: null,
      channels: c.channels.map(channelLabel),
      campaignName: null,
      agencyNames: c.agencyIds.map((id) => snapshot.agencyNames.get(id) ?? "").filter(Boolean),
      creatorName: null,
      signoff: null,
      url: campaignPath(slug, c.id),
    });
  }

  for (const d of snapshot.deliverables) {
    if (!matchesDeliverable(d, filter)) continue;
    const brandTz = brandOf(d.brandId)?.timeZone ?? "UTC";
    const local = labelsAt(d.publishAt, tz);
    const day = local.day;
    items.push({
      key: `d:${d.id}`,
      kind: "deliverable",
      id: d.id,
      title: d.title,
      masked: d.masked,
      ...described(d, d.masked),
      startsAt: d.publishAt.toISOString(),
      endsAt: null,
      startDay: day,
      endDay: day,
      time: local.time,
      when: local.when,
      brandWhen: brandTz === tz ? null : labelsAt(d.publishAt, brandTz).when,
      channels: [channelLabel(d.channel)],
      campaignName: d.campaignName,
      agencyNames: d.agencyIds.map((id) => snapshot.agencyNames.get(id) ?? "").filter(Boolean),
      creatorName: d.masked ? null : d.creatorId ? (snapshot.creatorNames.get(d.creatorId) ?? null) : null,
      signoff: d.masked ? null : signoffState(d, now),
      url: d.masked ? null : deliverablePath(slug, d.id),
    });
  }
  return items;
}

export interface ViewSelection {
  /** The snapshot narrowed to what the page renders (formatting is the costly part at scale). */
  snapshot: CalendarSnapshot;
  /** Matching deliverables left out per local day (the grid's "+N more"). */
  hiddenByDay: Record<string, number>;
  /** Open conflicts touching anything that matches the filter, shown or not (for the badge). */
  open: Conflict[];
  matched: number;
  shown: number;
}

/**
 * What a view renders: the filter applied, then at most `perDay` deliverables per local day (month
 * and week grids), or the first `maxItems` (the list). A month of a large workspace holds thousands
 * of deliverables; a grid cell shows three, so only those are formatted and sent. `keep` (the
 * peeked item) is always kept.
 */
export function selectForView(
  snapshot: CalendarSnapshot,
  filter: CalendarFilter,
  days: readonly { date: string; startUtc: Date }[],
  opts: { perDay: number | null; maxItems: number | null; keep: string | null },
): ViewSelection {
  const campaigns = snapshot.campaigns.filter((c) => matchesCampaign(c, filter));
  const matching = snapshot.deliverables
    .filter((d) => matchesDeliverable(d, filter))
    .sort((a, b) => a.publishAt.getTime() - b.publishAt.getTime() || byTitle.compare(a.title, b.title));
  const starts = days.map((d) => d.startUtc.getTime());
  const dayOf = (at: number): string | null => {
    let lo = 0;
    let hi = starts.length - 1;
    if (hi < 0 || at < starts[0]) return null;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    return days[lo].date;
  };
  const kept: CalendarDeliverable[] = [];
  const perDayCount = new Map<string, number>();
  const hiddenByDay: Record<string, number> = {};
  for (const d of matching) {
    const isKept = opts.keep === `d:${d.id}`;
    if (opts.perDay !== null) {
      const day = dayOf(d.publishAt.getTime()) ?? "";
      const n = perDayCount.get(day) ?? 0;
      perDayCount.set(day, n + 1);
      if (n >= opts.perDay && !isKept) {
        hiddenByDay[day] = (hiddenByDay[day] ?? 0) + 1;
        continue;
      }
    } else if (opts.maxItems !== null && kept.length >= opts.maxItems && !isKept) continue;
    kept.push(d);
  }
  const ids = new Set<string>([...campaigns.map((c) => c.id), ...matching.filter((d) => !d.masked).map((d) => d.id)]);
  const open = openOf(snapshot).open.filter((c) => c.objectIds.some((id) => ids.has(id)));
  return { snapshot: { ...snapshot, campaigns, deliverables: kept }, hiddenByDay, open, matched: matching.length, shown: kept.length };
}

/** Items sorted for the list view and grouped by local day (a campaign under its first day shown). */
export function groupByDay<T extends Pick<CalendarItem, "startsAt" | "title" | "startDay">>(
  items: readonly T[],
  days: readonly string[],
): { date: string; items: T[] }[] {
  const first = days[0];
  const groups = new Map<string, T[]>(days.map((d) => [d, []]));
  const sorted = [...items].sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.title.localeCompare(b.title));
  for (const item of sorted) {
    const day = item.startDay < first ? first : item.startDay;
    groups.get(day)?.push(item);
  }
  return [...groups.entries()].filter(([, list]) => list.length > 0).map(([date, list]) => ({ date, items: list }));
}

export interface FilterOptions {
  brands: { value: string; label: string; color: string }[];
  agencies: { value: string; label: string }[];
  creators: { value: string; label: string }[];
  channels: { value: string; label: string }[];
  statuses: { group: string; options: { value: string; label: string }[] }[];
}

/**
 * What the filters offer: everything in the workspace for workspace roles; for scoped members,
 * only the brands, agencies and creators they can see anyway.
 */
export function filterOptions(
  ctx: MemberContext,
  snapshot: CalendarSnapshot,
  visible: { brandIds: string[]; agencyIds: string[]; creatorIds: string[] },
): FilterOptions {
  const whole = seesWholeWorkspace(ctx);
  const ownCreator = ownCreatorId(ctx);
  const brandIds = new Set(visible.brandIds);
  const agencyIds = new Set(visible.agencyIds);
  const creatorIds = new Set(visible.creatorIds);
  const byName = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label);
  return {
    brands: [...snapshot.brands.values()]
      .filter((b) => whole || brandIds.has(b.id))
      .map((b) => ({ value: b.id, label: b.name, color: b.color }))
      .sort(byName),
    agencies: [...snapshot.agencyNames.entries()]
      .filter(([id]) => whole || agencyIds.has(id))
      .map(([value, label]) => ({ value, label }))
      .sort(byName),
    creators: [...snapshot.creatorNames.entries()]
      .filter(([id]) => (ownCreator ? id === ownCreator : whole || creatorIds.has(id)))
      .map(([value, label]) => ({ value, label }))
      .sort(byName),
    channels: CHANNELS.map((c) => ({ value: c, label: channelLabel(c) })),
    statuses: [
      { group: "Campaigns", options: CAMPAIGN_STATUSES.map((s) => ({ value: s, label: CAMPAIGN_STATUS_LABELS[s] })) },
      { group: "Deliverables", options: DELIVERABLE_STATUSES.map((s) => ({ value: s, label: DELIVERABLE_STATUS_LABELS[s] })) },
    ],
  };
}

/** The local date of "now" for the viewer: where "Today" points. */
export function todayIn(tz: string, now: Date): string {
  return DateTime.fromJSDate(now, { zone: tz }).toFormat("yyyy-LL-dd");
}
