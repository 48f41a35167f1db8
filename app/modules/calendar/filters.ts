// The calendar's URL: view, period and filters. Everything a person sees is in the query string,
// so a filtered view can be bookmarked and shared. Parsing never throws: anything malformed is
// simply ignored (a hand-edited URL shows the unfiltered calendar rather than an error page).

import { CAMPAIGN_STATUSES } from "~/modules/campaigns/campaign-status";
import { DELIVERABLE_STATUSES } from "~/modules/approvals/deliverable-status";
import { CHANNELS } from "~/modules/channels/channels";
import { isId } from "~/utils/ids";

export const CALENDAR_VIEWS = ["month", "week", "list"] as const;
export type CalendarView = (typeof CALENDAR_VIEWS)[number];

export const CALENDAR_STATUSES = [...CAMPAIGN_STATUSES, ...DELIVERABLE_STATUSES] as const;

export interface CalendarFilter {
  brand: string | null;
  agency: string | null;
  creator: string | null;
  channel: string | null;
  status: string | null;
}

export const EMPTY_FILTER: CalendarFilter = { brand: null, agency: null, creator: null, channel: null, status: null };
export const FILTER_KEYS = ["brand", "agency", "creator", "channel", "status"] as const;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function oneOf(value: string | null, allowed: readonly string[]): string | null {
  return value && allowed.includes(value) ? value : null;
}

function id(value: string | null): string | null {
  return value && isId(value) ? value : null;
}

export function parseFilter(params: URLSearchParams): CalendarFilter {
  return {
    brand: id(params.get("brand")),
    agency: id(params.get("agency")),
    creator: id(params.get("creator")),
    channel: oneOf(params.get("channel"), CHANNELS),
    status: oneOf(params.get("status"), CALENDAR_STATUSES),
  };
}

export function parseView(params: URLSearchParams): CalendarView {
  return (oneOf(params.get("view"), CALENDAR_VIEWS) as CalendarView | null) ?? "month";
}

/** "2026-03-29" if it is a real date in range, else null. */
export function parseIsoDate(value: string | null): string | null {
  if (!value || !ISO_DATE.test(value)) return null;
  const [y, m, d] = value.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 2000 || y > 2100 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return value;
}

export function isFiltered(filter: CalendarFilter): boolean {
  return FILTER_KEYS.some((k) => filter[k] !== null);
}

/**
 * A calendar URL's query string from the current one with some parameters changed (null removes
 * one). The peek is dropped unless it is set explicitly: moving around closes it.
 */
export function withParams(current: URLSearchParams | string, changes: Record<string, string | null>): string {
  const next = new URLSearchParams(current);
  if (!("peek" in changes)) next.delete("peek");
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === "") next.delete(key);
    else next.set(key, value);
  }
  const text = next.toString();
  return text ? `?${text}` : "?";
}
