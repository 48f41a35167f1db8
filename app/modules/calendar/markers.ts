// Markers on the calendar (issue 21): launches, embargoes and notes, for the whole workspace or for
// one brand. The rules here are pure: who sees a marker, and on which local days it sits.

import { invalid, ok, type Outcome } from "~/utils/outcome";
import { DAY_MS, fromLocalInput } from "~/utils/time";
import { dayKey } from "./dates";

export const MARKER_KINDS = ["launch", "embargo", "note"] as const;
export type MarkerKind = (typeof MARKER_KINDS)[number];

export const MARKER_LABELS: Record<MarkerKind, string> = { launch: "Launch", embargo: "Embargo", note: "Note" };

export function markerKind(value: string): MarkerKind {
  return (MARKER_KINDS as readonly string[]).includes(value) ? (value as MarkerKind) : "note";
}

/** Which brands' markers a viewer sees: all of them (the team), or those of the brands they see on the calendar. */
export type MarkerViewer = { all: true } | { all: false; brandIds: ReadonlySet<string> };

/** A workspace-wide marker is everyone's; a brand's marker only its viewers'. */
export function markerVisible(marker: { brandId: string | null }, viewer: MarkerViewer): boolean {
  if (marker.brandId === null) return true;
  return viewer.all || viewer.brandIds.has(marker.brandId);
}

/** The local days a marker covers in a zone (an end before the start is read as a moment). */
export function markerDays(marker: { startsAt: Date; endsAt: Date | null }, tz: string): { startDay: string; endDay: string } {
  const startDay = dayKey(marker.startsAt, tz);
  if (!marker.endsAt || marker.endsAt <= marker.startsAt) return { startDay, endDay: startDay };
  // An end at midnight closes the day before (an embargo "until 1 March 00:00" ends on 28 February).
  const endDay = dayKey(new Date(marker.endsAt.getTime() - 1), tz);
  return { startDay, endDay: endDay < startDay ? startDay : endDay };
}

/** Whether a marker sits on a local day. */
export function onDay(marker: { startDay: string; endDay: string }, day: string): boolean {
  return marker.startDay <= day && day <= marker.endDay;
}

const MAX_MARKER_DAYS = 366;

/** A marker form's wall-clock times read in the member's zone: an end after the start, at most a year later. */
export function markerInput(
  data: { kind: MarkerKind; title: string; note: string | null; brandId: string | null; startsAt: string; endsAt?: string },
  timeZone: string,
): Outcome<{ kind: MarkerKind; title: string; note: string | null; brandId: string | null; startsAt: Date; endsAt: Date | null }> {
  const startsAt = fromLocalInput(data.startsAt, timeZone);
  if (!startsAt) return invalid(undefined, { startsAt: ["Give the start as a date and time."] });
  let endsAt: Date | null = null;
  if (data.endsAt) {
    endsAt = fromLocalInput(data.endsAt, timeZone);
    if (!endsAt) return invalid(undefined, { endsAt: ["Give the end as a date and time."] });
    if (endsAt <= startsAt) return invalid(undefined, { endsAt: ["The end must be after the start."] });
    if (endsAt.getTime() - startsAt.getTime() > MAX_MARKER_DAYS * DAY_MS)
      return invalid(undefined, { endsAt: ["A marker can last at most a year."] });
  }
  return ok({ kind: data.kind, title: data.title, note: data.note, brandId: data.brandId, startsAt, endsAt });
}
