// The calendar page's loader data: period, items, legend, filters, badges, feed and time zone.

import type { MemberContext } from "~/modules/workspaces/authz.server";
import { loadSnapshot } from "./calendar.server";
import { minuteOf, type CalendarSnapshot } from "./snapshot";
import { visibleDirectory } from "./snapshot-rows.server";
import { currentMonth, formatMonthParam, monthGrid, parseMonthParam, shiftMonth, weekDays, type CalendarDay } from "./dates";
import { isFiltered, parseFilter, parseIsoDate, parseView, type CalendarView } from "./filters";
import { DAY_MS, isValidTimeZone, zoneOffset, zonePlace } from "~/utils/time";
import { dayMonth, longDate, monthTitle, shortDay } from "./format";
import { activeFeed } from "./feeds.server";
import { campaignsShownInMonth } from "./layout";
import { COMMON_TIME_ZONES } from "./settings.server";
import { buildItems, filterOptions, groupByDay, selectForView, todayIn } from "./view.server";

function plusDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

export function viewerZone(ctx: MemberContext): string {
  return ctx.user.timeZone && isValidTimeZone(ctx.user.timeZone) ? ctx.user.timeZone : "UTC";
}

export interface Period {
  view: CalendarView;
  title: string;
  /** Query parameters for previous / next / today (merged into the current URL). */
  prev: Record<string, string>;
  next: Record<string, string>;
  today: Record<string, string>;
  /** Month view: weeks of days; week view: one week; list view: the month's days. */
  weeks: { date: string; inMonth: boolean }[][];
  /** For switching views while keeping the place. */
  monthParam: string;
  weekParam: string;
}

export function periodOf(view: CalendarView, params: URLSearchParams, tz: string, now: Date) {
  const today = todayIn(tz, now);
  const fallback = currentMonth(now, tz);
  const toDays = (week: CalendarDay[]) => week.map((d) => ({ date: d.date, inMonth: d.inMonth }));
  if (view === "week") {
    const anchor = parseIsoDate(params.get("week")) ?? today;
    const days = weekDays(anchor, tz);
    const first = days[0].date;
    const last = days[6].date;
    const period: Period = {
      view,
      title: `${dayMonth(first, first.slice(0, 4) !== last.slice(0, 4))} – ${dayMonth(last, true)}`,
      prev: { week: plusDays(first, -7) },
      next: { week: plusDays(first, 7) },
      today: { week: today },
      weeks: [toDays(days)],
      monthParam: first.slice(0, 7),
      weekParam: first,
    };
    return { period, from: days[0].startUtc, to: days[6].endUtc, days };
  }
  const ym = parseMonthParam(params.get("month"), fallback);
  const grid = monthGrid(ym.year, ym.month, tz);
  const inMonth = grid.flat().filter((d) => d.inMonth);
  const weekParam = today.startsWith(formatMonthParam(ym)) ? today : inMonth[0].date;
  const period: Period = {
    view,
    title: monthTitle(ym.year, ym.month),
    prev: { month: formatMonthParam(shiftMonth(ym, -1)) },
    next: { month: formatMonthParam(shiftMonth(ym, 1)) },
    today: { month: formatMonthParam(fallback) },
    weeks: view === "month" ? grid.map(toDays) : [inMonth.map((d) => ({ date: d.date, inMonth: true }))],
    monthParam: formatMonthParam(ym),
    weekParam,
  };
  return view === "month"
    ? { period, from: grid[0][0].startUtc, to: grid[grid.length - 1][6].endUtc, days: grid.flat() }
    : { period, from: inMonth[0].startUtc, to: inMonth[inMonth.length - 1].endUtc, days: inMonth };
}

// Formatting a month's items in the viewer's zone is the costly part once the snapshot is cached:
// the result lives as long as its (cached, read-only) snapshot, per filter, zone and minute.
const formatted = new WeakMap<CalendarSnapshot, Map<string, unknown>>();
const FORMATTED_PER_SNAPSHOT = 16;

function remembered<T>(snapshot: CalendarSnapshot, key: string, build: () => T): T {
  const byKey = formatted.get(snapshot) ?? formatted.set(snapshot, new Map()).get(snapshot)!;
  if (byKey.has(key)) return byKey.get(key) as T;
  const value = build();
  byKey.set(key, value);
  if (byKey.size > FORMATTED_PER_SNAPSHOT) byKey.delete(byKey.keys().next().value as string);
  return value;
}

/** Deliverables per day a grid cell shows (the rest: "+N more", in the list view). */
export const MONTH_CHIPS_PER_DAY = 3;
export const WEEK_ITEMS_PER_DAY = 12;
/** The list view shows this many deliverables; the CSV export has them all. */
export const LIST_MAX_ITEMS = 300;

export async function calendarPageData(ctx: MemberContext, url: URL, now = new Date(), options: { uncapped?: boolean } = {}) {
  const tz = viewerZone(ctx);
  const params = url.searchParams;
  const view = parseView(params);
  const filter = parseFilter(params);
  const { period, from, to, days: periodDays } = periodOf(view, params, tz, now);
  const [snapshot, directory, feed] = await Promise.all([loadSnapshot(ctx, { from, to }, { now }), visibleDirectory(ctx), activeFeed(ctx)]);
  const limits = {
    perDay: options.uncapped || view === "list" ? null : view === "month" ? MONTH_CHIPS_PER_DAY : WEEK_ITEMS_PER_DAY,
    maxItems: options.uncapped || view !== "list" ? null : LIST_MAX_ITEMS,
    keep: params.get("peek"),
  };
  const { selection, items, legend, droppedCampaignsByWeek } = remembered(
    snapshot,
    JSON.stringify([view, filter, limits, tz, ctx.workspace.slug, minuteOf(now)]),
    () => {
      const selection = selectForView(snapshot, filter, periodDays, limits);
      const all = buildItems(selection.snapshot, { ctx, tz, now, filter });
      const legend = new Map<string, { id: string; name: string; color: string }>();
      for (const item of all)
        if (!legend.has(item.brandId)) legend.set(item.brandId, { id: item.brandId, name: item.brandName, color: item.color });
      if (view !== "month" || options.uncapped) return { selection, items: all, legend, droppedCampaignsByWeek: {} };
      // A busy month has hundreds of campaigns and three lanes a week: send only those the grid places.
      const { shown, droppedByWeek } = campaignsShownInMonth(
        period.weeks.map((w) => w.map((d) => d.date)),
        all.filter((i) => i.kind === "campaign" && i.key !== limits.keep),
      );
      const items = all.filter((i) => i.kind !== "campaign" || shown.has(i.key) || i.key === limits.keep);
      return { selection, items, legend, droppedCampaignsByWeek: droppedByWeek };
    },
  );
  const open = selection.open;
  const days = period.weeks.flat().map((d) => d.date);
  const zones: string[] = [...COMMON_TIME_ZONES];
  if (!zones.includes(tz)) zones.unshift(tz);
  return {
    slug: ctx.workspace.slug,
    view,
    period,
    today: todayIn(tz, now),
    filter,
    filtered: isFiltered(filter),
    // The grid shows an item's conflict count and worst severity; the conflicts' words travel only with
    // the item being peeked (a click on a chip loads the page again with ?peek=). On the §8 workspace's
    // month this took the coordinator's page from 457 to 412 KB (issue 22: the month view's HTML).
    items: view === "list" ? items : items.map((i) => (i.key === limits.keep || i.conflicts.length === 0 ? i : { ...i, conflicts: [] })),
    listDays: view === "list" ? groupByDay(items, days).map((g) => ({ ...g, label: longDate(g.date) })) : [],
    legend: [...legend.values()].sort((a, b) => a.name.localeCompare(b.name)),
    options: filterOptions(ctx, snapshot, directory),
    hiddenByDay: selection.hiddenByDay,
    droppedCampaignsByWeek,
    truncated: view === "list" && selection.shown < selection.matched ? { shown: selection.shown, matched: selection.matched } : null,
    badge: { open: open.length, errors: open.filter((c) => c.severity === "error").length },
    canManageConflicts: ctx.can("conflicts.manage"),
    // Drag to reschedule (decision 066); the what-if and move routes check each deliverable's scope.
    canMove: ctx.can("campaigns.manage") || ctx.can("drafts.publish"),
    timeZone: {
      current: tz,
      label: `${zonePlace(tz)} (${zoneOffset(now, tz)})`,
      options: zones.map((z) => ({ value: z, label: `${z.replace(/_/g, " ")} (${zoneOffset(now, z)})` })),
    },
    feed: feed ? { since: shortDay(feed.createdAt, tz) } : null,
  };
}

export type CalendarPageData = Awaited<ReturnType<typeof calendarPageData>>;
