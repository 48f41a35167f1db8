import { formatDuration, formatIn, formatIsoDate, ONE_UNIT } from "~/utils/time";
import type { CampaignStatus } from "~/modules/campaigns/campaign-status";

/** Display helpers shared by the campaign and brief pages (pure, safe in the browser). */

export const STATUS_TONE: Record<CampaignStatus, "neutral" | "info" | "success" | "warning" | "danger" | "accent"> = {
  planning: "neutral",
  briefed: "info",
  active: "success",
  completed: "accent",
  cancelled: "danger",
};

/** "3 days", "5 h", "12 min": how long something has waited, for people, not machines (one unit, rounded down). */
export function waitedFor(sinceIso: string, nowMs: number): string {
  return formatDuration(Math.max(0, nowMs - new Date(sinceIso).getTime()), ONE_UNIT);
}

/** An ISO calendar date ("2025-06-01") as "1 Jun 2025"; anything else is shown as given. */
export function formatIsoDay(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return formatIsoDate(value, "d LLL yyyy");
}

/** An instant as a day in a time zone (UTC when the zone is unknown), e.g. "1 Jun 2025". */
export function formatDayIn(date: Date | string, timeZone: string): string {
  return formatIn(date, timeZone, "d LLL yyyy");
}

/** "1 Jun 2025, 14:30" in a time zone (UTC when the zone is unknown). */
export function formatDateTimeIn(date: Date | string, timeZone: string): string {
  return formatIn(date, timeZone, "d LLL yyyy, HH:mm");
}

/** The anchor id of a brief section on the read view. */
export const sectionAnchor = (key: string) => `section-${key.replace(/[^a-zA-Z0-9-]/g, "-")}`;
