import type { CampaignStatus } from "./campaign-status";

/** Display helpers shared by the campaign and brief pages (pure, safe in the browser). */

export const STATUS_TONE: Record<CampaignStatus, "neutral" | "info" | "success" | "warning" | "danger" | "accent"> = {
  planning: "neutral",
  briefed: "info",
  active: "success",
  completed: "accent",
  cancelled: "danger",
};

/** "3 days", "5 h", "12 min": how long something has waited, for people, not machines. */
export function waitedFor(sinceIso: string, nowMs: number): string {
  const ms = Math.max(0, nowMs - new Date(sinceIso).getTime());
  const hours = ms / 3_600_000;
  if (hours >= 48) return `${Math.floor(hours / 24)} days`;
  if (hours >= 1) return `${Math.floor(hours)} h`;
  return `${Math.max(1, Math.floor(ms / 60_000))} min`;
}

/** An ISO calendar date ("2025-06-01") as "1 Jun 2025"; anything else is shown as given. */
export function formatIsoDay(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const [y, m, d] = value.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

/** An instant as a day in a time zone, e.g. "1 Jun 2025". */
export function formatDayIn(date: Date | string, timeZone: string): string {
  try {
    return new Date(date).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone });
  } catch {
    return new Date(date).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  }
}

export function formatDateTimeIn(date: Date | string, timeZone: string): string {
  try {
    return new Date(date).toLocaleString("en-GB", {
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      timeZone,
    });
  } catch {
    return new Date(date).toISOString();
  }
}

/** The anchor id of a brief section on the read view. */
export const sectionAnchor = (key: string) => `section-${key.replace(/[^a-zA-Z0-9-]/g, "-")}`;
