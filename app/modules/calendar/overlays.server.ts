// Overlays of holidays and events (issue 21): read from an iCalendar file or URL into
// calendar_overlay_events, shown on the month and week views to every member of the workspace.

import { and, asc, eq, gte, lt, sql } from "drizzle-orm";
import { calendarOverlayEvents, calendarOverlays } from "@db/schema";
import { db } from "~/utils/db.server";
import type { ScopedContext } from "~/modules/workspaces/authz.server";
import { inWorkspace } from "~/modules/workspaces/scope.server";
import { formatIn } from "~/utils/time";
import { markerDays } from "./markers";

export interface ShownOverlayEvent {
  id: string;
  title: string;
  source: string;
  startDay: string;
  endDay: string;
  when: string;
}

/** The overlay events of a window, by start (an all-day event sits on its calendar date, whatever the zone). */
export async function overlayEventsFor(ctx: ScopedContext, window: { from: Date; to: Date }, tz: string): Promise<ShownOverlayEvent[]> {
  const rows = await db()
    .select({ event: calendarOverlayEvents, source: calendarOverlays.name })
    .from(calendarOverlayEvents)
    .innerJoin(calendarOverlays, eq(calendarOverlays.id, calendarOverlayEvents.overlayId))
    .where(
      and(
        inWorkspace(ctx, calendarOverlayEvents.workspaceId),
        lt(calendarOverlayEvents.startsAt, window.to),
        gte(sql`coalesce(${calendarOverlayEvents.endsAt}, ${calendarOverlayEvents.startsAt})`, window.from.toISOString()),
      ),
    )
    .orderBy(asc(calendarOverlayEvents.startsAt))
    .limit(500);
  return rows.map(({ event, source }) => {
    const zone = event.allDay ? "UTC" : tz;
    const days = markerDays(event, zone);
    const when = event.allDay
      ? days.startDay === days.endDay
        ? formatIn(event.startsAt, "UTC", "ccc d LLL yyyy")
        : `${formatIn(event.startsAt, "UTC", "ccc d LLL")} – ${days.endDay}`
      : formatIn(event.startsAt, tz, "ccc d LLL yyyy, HH:mm");
    return { id: event.id, title: event.title, source, ...days, when };
  });
}
