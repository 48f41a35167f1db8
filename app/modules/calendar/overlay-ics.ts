// Reading an iCalendar file into overlay events (issue 21, decision 067). Pure: text in, events out.
// A file comes from anyone's server, so every loop is bounded: recurring events are expanded only
// within a horizon around `now`, each series and the whole file have a step budget, and the number
// of events kept is capped. Times with a TZID use the file's own VTIMEZONE, else the IANA zone of
// that name, else the fallback zone; all-day events are kept as UTC midnights (a date has no zone).

import ICAL from "ical.js";
import { DateTime } from "luxon";
import { invalid, ok, type Outcome } from "~/utils/outcome";
import { DAY_MS, isValidTimeZone } from "~/utils/time";

export interface OverlayEventInput {
  uid: string | null;
  title: string;
  startsAt: Date;
  /** Exclusive: an all-day event of 1 May ends at 2 May 00:00 UTC. */
  endsAt: Date | null;
  allDay: boolean;
}

export interface ParsedOverlay {
  events: OverlayEventInput[];
  /** True when a cap cut the file short (too many events, or a series too long to walk). */
  truncated: boolean;
}

/** Events are kept from this long before `now` to this long after it. */
export const OVERLAY_HORIZON_MS = 2 * 365 * DAY_MS;
/** At most this many events per overlay (a public-holiday calendar of 4 years has about 100). */
export const MAX_OVERLAY_EVENTS = 5000;
/**
 * Occurrences walked per series, and in the whole file, before giving up on the rest. ical.js walks
 * a rule from its first occurrence at about 50 µs a step, on the server's one thread: these keep
 * the worst file near two seconds, and still reach today for a daily series begun 25 years ago.
 */
const MAX_SERIES_STEPS = 10_000;
const MAX_FILE_STEPS = 50_000;
/** An occurrence that begins this long before the window cannot reach it (events are shorter than a year). */
const LONGEST_EVENT_MS = 366 * DAY_MS;
const MAX_TITLE = 200;

const NOT_ICALENDAR = "This is not an iCalendar file: it should begin with BEGIN:VCALENDAR (a .ics file exported from a calendar app).";

/** ical.js reads a text's property values as-is; a title is one readable line without control characters. */
function cleanTitle(value: unknown): string {
  const text = (typeof value === "string" ? value : "").replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
  return text ? text.slice(0, MAX_TITLE) : "Untitled event";
}

/** The instant of an ical.js time; `tzid` is the TZID the file gave (when it has no VTIMEZONE for it). */
function instantOf(time: ICAL.Time, tzid: string | null, fallbackZone: string): Date {
  if (time.isDate) return new Date(Date.UTC(time.year, time.month - 1, time.day));
  if (time.zone !== ICAL.Timezone.localTimezone) return new Date(time.toUnixTime() * 1000);
  // Floating, or a TZID the file does not define: the wall clock in the named zone if it is one.
  const zone = tzid && isValidTimeZone(tzid) ? tzid : fallbackZone;
  const { year, month, day, hour, minute, second } = time;
  return DateTime.fromObject({ year, month, day, hour, minute, second }, { zone }).toJSDate();
}

function tzidOf(component: ICAL.Component, name: string): string | null {
  const value = component.getFirstProperty(name)?.getParameter("tzid");
  return typeof value === "string" ? value : null;
}

interface Budget {
  steps: number;
  truncated: boolean;
}

/** The occurrences of one event (a series with its changed occurrences) inside the window. */
function occurrences(
  master: ICAL.Component,
  exceptions: ICAL.Component[],
  window: { from: Date; to: Date },
  fallbackZone: string,
  budget: Budget,
): OverlayEventInput[] {
  const event = new ICAL.Event(master, { exceptions, strictExceptions: false });
  const uid = event.uid ? String(event.uid).slice(0, 500) : null;
  const startTz = tzidOf(master, "dtstart");
  const endTz = tzidOf(master, "dtend") ?? startTz;
  const build = (start: ICAL.Time, end: ICAL.Time | null, summary: unknown, cancelled: boolean): OverlayEventInput | null => {
    if (cancelled) return null;
    const startsAt = instantOf(start, startTz, fallbackZone);
    const endsAt = end ? instantOf(end, endTz, fallbackZone) : null;
    const last = endsAt && endsAt > startsAt ? endsAt : startsAt;
    if (Number.isNaN(startsAt.getTime()) || startsAt >= window.to || last < window.from) return null;
    return { uid, title: cleanTitle(summary), startsAt, endsAt: endsAt && endsAt > startsAt ? endsAt : null, allDay: start.isDate };
  };
  const cancelled = (c: ICAL.Component) => String(c.getFirstPropertyValue("status") ?? "").toUpperCase() === "CANCELLED";

  if (!event.isRecurring()) {
    const one = build(event.startDate, event.endDate, event.summary, cancelled(master));
    return one ? [one] : [];
  }
  const out: OverlayEventInput[] = [];
  const it = event.iterator();
  for (let steps = 0; ; steps++) {
    if (steps >= MAX_SERIES_STEPS || budget.steps >= MAX_FILE_STEPS) {
      budget.truncated = true;
      break;
    }
    budget.steps++;
    const next = it.next();
    if (!next) break;
    const at = instantOf(next, startTz, fallbackZone);
    // Occurrences come in order of their recurrence id: past the window, the rest are too.
    if (at >= window.to) break;
    if (at.getTime() < window.from.getTime() - LONGEST_EVENT_MS) continue;
    const details = event.getOccurrenceDetails(next);
    const item = details.item;
    const one = build(details.startDate, details.endDate, item.summary, cancelled(item.component));
    if (one) out.push(one);
  }
  return out;
}

/**
 * The events of an iCalendar text between `now - horizon` and `now + horizon`, by start; refused
 * with a sentence a person can act on when the text is not iCalendar.
 */
export function parseOverlayIcs(text: string, opts: { now: Date; fallbackZone?: string }): Outcome<ParsedOverlay> {
  const body = text.replace(/^\uFEFF/, "").trimStart();
  if (!/^BEGIN:VCALENDAR\r?\n/i.test(body)) return invalid(NOT_ICALENDAR, undefined, { code: "not_icalendar" });
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(body) as unknown[]);
  } catch (error) {
    const why = error instanceof Error ? error.message.slice(0, 160) : "it could not be read";
    return invalid(`This iCalendar file could not be read (${why}).`, undefined, { code: "unreadable_icalendar" });
  }
  if (root.name !== "vcalendar") return invalid(NOT_ICALENDAR, undefined, { code: "not_icalendar" });

  const fallbackZone = opts.fallbackZone && isValidTimeZone(opts.fallbackZone) ? opts.fallbackZone : "UTC";
  const window = { from: new Date(opts.now.getTime() - OVERLAY_HORIZON_MS), to: new Date(opts.now.getTime() + OVERLAY_HORIZON_MS) };
  // A changed occurrence of a series is its own VEVENT with the series' UID and a RECURRENCE-ID.
  const masters: ICAL.Component[] = [];
  const exceptionsOf = new Map<string, ICAL.Component[]>();
  for (const vevent of root.getAllSubcomponents("vevent")) {
    const uid = vevent.getFirstPropertyValue("uid");
    if (vevent.hasProperty("recurrence-id") && typeof uid === "string") {
      exceptionsOf.set(uid, [...(exceptionsOf.get(uid) ?? []), vevent]);
    } else if (vevent.hasProperty("dtstart")) masters.push(vevent);
  }

  const budget: Budget = { steps: 0, truncated: false };
  const events: OverlayEventInput[] = [];
  try {
    for (const master of masters) {
      const uid = master.getFirstPropertyValue("uid");
      events.push(...occurrences(master, typeof uid === "string" ? (exceptionsOf.get(uid) ?? []) : [], window, fallbackZone, budget));
      if (events.length > MAX_OVERLAY_EVENTS || budget.steps >= MAX_FILE_STEPS) break;
    }
  } catch (error) {
    const why = error instanceof Error ? error.message.slice(0, 160) : "an event could not be read";
    return invalid(`This iCalendar file could not be read (${why}).`, undefined, { code: "unreadable_icalendar" });
  }
  events.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const truncated = budget.truncated || events.length > MAX_OVERLAY_EVENTS;
  return ok({ events: events.slice(0, MAX_OVERLAY_EVENTS), truncated });
}
