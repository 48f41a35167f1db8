// What the calendar page shows around its items (issue 21 part 3): the saved views in its header,
// the markers and overlay events of the period, and what the member may share or mark. Read once
// per page beside calendarPageData, so the views' own loader stays as it is.

import { DateTime } from "luxon";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { markersFor } from "./markers.server";
import { overlayEventsFor } from "./overlays.server";
import type { CalendarPageData } from "./page.server";
import { savedViewsFor } from "./saved-views.server";
import { viewQueryOf } from "./saved-views";

export async function calendarContext(ctx: MemberContext, data: CalendarPageData, url: URL) {
  const tz = data.timeZone.current;
  const days = data.period.weeks.flat();
  const from = DateTime.fromISO(days[0].date, { zone: tz }).startOf("day").toJSDate();
  const to = DateTime.fromISO(days[days.length - 1].date, { zone: tz })
    .plus({ days: 1 })
    .startOf("day")
    .toJSDate();
  const choices = {
    brands: new Set(data.options.brands.map((o) => o.value)),
    agencies: new Set(data.options.agencies.map((o) => o.value)),
    creators: new Set(data.options.creators.map((o) => o.value)),
  };
  const [views, markers, overlays] = await Promise.all([
    savedViewsFor(ctx, choices),
    markersFor(ctx, { from, to }, tz),
    data.view === "list" ? Promise.resolve([]) : overlayEventsFor(ctx, { from, to }, tz),
  ]);
  return {
    canShare: ctx.can("calendar.share"),
    canMark: ctx.can("calendar.mark"),
    canOverlay: ctx.can("calendar.overlays"),
    views,
    /** The current view and filters, as a saved view would keep them. */
    query: new URLSearchParams(viewQueryOf(url.searchParams)).toString(),
    markers,
    overlays,
  };
}

export type CalendarContext = Awaited<ReturnType<typeof calendarContext>>;
