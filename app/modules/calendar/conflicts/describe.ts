// Wording helpers for conflict messages. Messages avoid clock times on purpose: they are built
// once on the server, while each viewer sees the calendar in their own time zone.

import type { ConflictCode } from "./types";

const MINUTE_MS = 60_000;

/**
 * Concatenates into one flat string. Template literals build a tree of small string pieces;
 * with tens of thousands of conflicts kept alive, the GC copying those trees was measurable.
 */
export function flat(...parts: string[]): string {
  return parts.join("");
}

/** Code plus the two ids in sorted order: the same pair gets the same key however it was found. */
export function pairKey(code: ConflictCode, a: string, b: string): string {
  return a < b ? flat(code, ":", a, "+", b) : flat(code, ":", b, "+", a);
}

/** Code, the one object involved, and what about it is in conflict. */
export function objectKey(code: ConflictCode, id: string, qualifier: string): string {
  return flat(code, ":", id, ":", qualifier);
}

export function quote(title: string): string {
  return `“${title}”`;
}

export function wholeMinutes(ms: number): number {
  return Math.floor(ms / MINUTE_MS);
}

/**
 * "45 min", "3 h 59 min", "3 days 4 h". Rounds down, so a gap one minute short of a 4 h limit
 * reads "3 h 59 min" rather than a contradictory "4 h".
 */
export function formatDuration(ms: number): string {
  const minutes = wholeMinutes(Math.abs(ms));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} days` : `${days} days ${hours % 24} h`;
}

const CHANNEL_LABELS: Record<string, string> = {
  instagram: "Instagram",
  facebook: "Facebook",
  tiktok: "TikTok",
  linkedin: "LinkedIn",
  youtube: "YouTube",
};

const PLATFORM_LABELS: Record<string, string> = {
  meta_instagram: "Meta (Instagram)",
  meta_page: "Meta (Facebook Page)",
  tiktok_ads: "TikTok Business Center",
  linkedin_page: "LinkedIn Page",
};

function humanize(key: string): string {
  const words = key.replace(/[_-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function channelLabel(channel: string): string {
  return CHANNEL_LABELS[channel] ?? humanize(channel);
}

export function platformLabel(platform: string): string {
  return PLATFORM_LABELS[platform] ?? humanize(platform);
}

/** "Instagram", "Instagram and TikTok", "Instagram, TikTok and YouTube". */
export function listLabels(labels: readonly string[]): string {
  if (labels.length <= 1) return labels.join("");
  return `${labels.slice(0, -1).join(", ")} and ${labels[labels.length - 1]}`;
}
