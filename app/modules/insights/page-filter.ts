import { DateTime } from "luxon";
import { isChannel } from "~/modules/channels/channels";
import { isId } from "~/utils/ids";
import { addDays, isLocalDate, localDateOf, periodDays, previousMonth, type Period } from "./periods";
import type { InsightsFilter } from "./report";

/**
 * The insights page's URL (issue 16): period, brand, agency and channel in the query string, so a
 * filtered view can be bookmarked, shared and sent by a plain GET form. Unlike the calendar, a bad
 * value is not silently dropped: figures for a period nobody asked for would be read as the answer,
 * so the page says what is wrong (400). Pure, no I/O.
 */

export const FILTER_PARAMS = ["from", "to", "brand", "agency", "channel"] as const;
type Param = (typeof FILTER_PARAMS)[number];

/** The longest period: a year and a day, so a leap year fits; longer periods are the monthly report's job. */
export const MAX_PERIOD_DAYS = 366;
/** What the page shows when no period is asked for: 12 ISO weeks up to today, enough for a trend. */
export const DEFAULT_WEEKS = 12;

export interface PeriodPreset {
  key: string;
  label: string;
  period: Period;
}

/** The last `weeks` ISO weeks up to today, the current one included (Monday to today). */
export function weeksToToday(weeks: number, now: Date, timeZone: string): Period {
  const to = localDateOf(now, timeZone);
  const monday = DateTime.fromISO(to, { zone: "utc" }).startOf("week").toISODate()!;
  return { from: addDays(monday, -7 * (weeks - 1)), to };
}

export function periodPresets(now: Date, timeZone: string): PeriodPreset[] {
  const month = previousMonth(now, timeZone);
  return [
    { key: "4w", label: "Last 4 weeks", period: weeksToToday(4, now, timeZone) },
    { key: "12w", label: "Last 12 weeks", period: weeksToToday(12, now, timeZone) },
    { key: "26w", label: "Last 26 weeks", period: weeksToToday(26, now, timeZone) },
    { key: "last-month", label: "Last month", period: { from: month.from, to: month.to } },
  ];
}

export type ParsedFilter = { ok: true; filter: InsightsFilter } | { ok: false; field: Param; message: string };

/** What the viewer may filter by: the ids of the brands and agencies offered in the lists. */
export interface FilterChoices {
  brandIds: ReadonlySet<string>;
  agencyIds: ReadonlySet<string>;
}

const MESSAGES: Record<Param, string> = {
  from: "Enter the first day of the period as a date, like 2026-03-02.",
  to: "Enter the last day of the period as a date, like 2026-03-29.",
  brand: "Choose a brand from the list.",
  agency: "Choose an agency from the list.",
  channel: "Choose a channel from the list.",
};

/** The insights filter a query string asks for, or what is wrong with it. */
export function parseInsightsFilter(params: URLSearchParams, choices: FilterChoices, now: Date, timeZone: string): ParsedFilter {
  const fail = (field: Param, message = MESSAGES[field]): ParsedFilter => ({ ok: false, field, message });
  const values = {} as Record<Param, string | null>;
  for (const key of FILTER_PARAMS) {
    const all = params.getAll(key);
    if (all.length > 1) return fail(key, `${MESSAGES[key]} The address gives more than one.`);
    const value = (all[0] ?? "").trim();
    values[key] = value === "" ? null : value;
  }
  const { from, to, brand, agency, channel } = values;

  let period: Period;
  if (from === null && to === null) period = weeksToToday(DEFAULT_WEEKS, now, timeZone);
  else if (from === null || !validDay(from)) return fail("from");
  else if (to === null || !validDay(to)) return fail("to");
  else if (to < from) return fail("to", "The period ends before it starts: choose a last day on or after the first.");
  else if (periodDays({ from, to }) > MAX_PERIOD_DAYS) return fail("to", `Choose a period of at most ${MAX_PERIOD_DAYS} days.`);
  else period = { from, to };

  // An id the viewer is not offered reads exactly like one that does not exist: no hint of what is there.
  if (brand !== null && !(isId(brand) && choices.brandIds.has(brand))) return fail("brand");
  if (agency !== null && !(isId(agency) && choices.agencyIds.has(agency))) return fail("agency");
  if (channel !== null && !isChannel(channel)) return fail("channel");
  return { ok: true, filter: { period, brandId: brand, agencyId: agency, channel: channel as InsightsFilter["channel"] } };
}

/** A real day this side of the year 2000 and 2100 (a date input can post five-digit years). */
function validDay(value: string): boolean {
  return isLocalDate(value) && value >= "2000-01-01" && value <= "2100-12-31";
}

/** The query string of a filter (for links: presets, CSV, the stuck page), leaving out what is not set. */
export function filterQuery(filter: InsightsFilter, changes: Partial<Record<Param | "table", string | null>> = {}): string {
  const params = new URLSearchParams();
  const base: Record<string, string | null> = {
    from: filter.period.from,
    to: filter.period.to,
    brand: filter.brandId,
    agency: filter.agencyId,
    channel: filter.channel,
    ...changes,
  };
  for (const [key, value] of Object.entries(base)) if (value) params.set(key, value);
  return `?${params.toString()}`;
}
