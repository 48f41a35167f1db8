// What a brand's share link shows (issue 21, security.md 40): that brand's campaigns and
// deliverables for a month, read-only, in the brand's time zone. The snapshot is read through the
// brand's own scope (as its client contact would see it); then only plain fields leave the server:
// no conflicts (their words can name a competitor), no agency or creator filters, no other brand.

import type { ScopedContext } from "~/modules/workspaces/authz.server";
import { shareLinkActor } from "~/modules/workspaces/actor";
import { loadSnapshot } from "./calendar.server";
import { EMPTY_FILTER } from "./filters";
import { longDate, shortDay } from "./format";
import { periodOf } from "./page.server";
import { SHARE_VIEWS, type ShareView } from "./share-links";
import type { ShareDoor } from "./share-links.server";
import { buildItems, groupByDay, selectForView, todayIn } from "./view.server";
import { markersForShare, type ShownMarker } from "./markers.server";
import { zoneOffset, zonePlace } from "~/utils/time";

/** A month of one brand rarely holds more; past this the list says so rather than growing without end. */
export const SHARE_MAX_ITEMS = 400;

export interface SharedItem {
  key: string;
  kind: "campaign" | "deliverable";
  title: string;
  campaignName: string | null;
  channels: string[];
  statusLabel: string;
  time: string | null;
  startsAt: string;
  when: string;
  startDay: string;
  endDay: string;
}

function parseShareView(value: string | null): ShareView {
  return SHARE_VIEWS.find((v) => v === value) ?? "month";
}

export async function sharedCalendar(door: Extract<ShareDoor, { state: "valid" }>, url: URL, now = new Date()) {
  const tz = door.brand.timeZone || "UTC";
  const view = parseShareView(url.searchParams.get("view"));
  // The period is always a month (the list is the month's list): the calendar's own period rules.
  const params = new URLSearchParams({ month: url.searchParams.get("month") ?? "" });
  const { period, from, to, days } = periodOf(view === "list" ? "list" : "month", params, tz, now);
  const ctx: ScopedContext = {
    workspace: { ...door.workspace } as ScopedContext["workspace"],
    actor: shareLinkActor(door.link.label),
    scope: { kind: "brand", brandId: door.brand.id },
  };
  const [snapshot, markers] = await Promise.all([
    loadSnapshot(ctx, { from, to }, { now, withAcknowledgments: false }),
    markersForShare(ctx, door.brand.id, { from, to }, tz),
  ]);
  const selection = selectForView(snapshot, EMPTY_FILTER, days, { perDay: null, maxItems: SHARE_MAX_ITEMS, keep: null });
  const items: SharedItem[] = buildItems(selection.snapshot, { ctx, tz, now, filter: EMPTY_FILTER })
    .filter((i) => !i.masked && i.brandId === door.brand.id)
    .map((i) => ({
      key: i.key,
      kind: i.kind,
      title: i.title,
      campaignName: i.campaignName,
      channels: i.channels,
      statusLabel: i.statusLabel,
      time: i.time,
      startsAt: i.startsAt,
      when: i.when,
      startDay: i.startDay,
      endDay: i.endDay,
    }));
  const dayList = period.weeks.flat().map((d) => d.date);
  return {
    workspace: { name: door.workspace.name, logoUrl: door.workspace.logoUrl, accentColor: door.workspace.accentColor },
    brand: { name: door.brand.name, color: door.brand.color },
    label: door.link.label,
    expiresOn: shortDay(door.link.expiresAt, tz),
    view,
    period: { title: period.title, monthParam: period.monthParam, prev: period.prev.month, next: period.next.month, weeks: period.weeks },
    today: todayIn(tz, now),
    timeZoneLabel: `${zonePlace(tz)} (${zoneOffset(now, tz)})`,
    items,
    markers,
    listDays: view === "list" ? groupByDay(items, dayList).map((g) => ({ ...g, label: longDate(g.date) })) : [],
    truncated: selection.shown < selection.matched,
  };
}

export type SharedCalendar = Awaited<ReturnType<typeof sharedCalendar>>;
export type { ShownMarker };
