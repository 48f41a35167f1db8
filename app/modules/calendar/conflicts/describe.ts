// Wording helpers for conflict messages. Messages avoid clock times on purpose: they are built
// once on the server, while each viewer sees the calendar in their own time zone.

import { formatDuration, MINUTE_MS } from "~/utils/time";
import type { ConflictCode } from "./types";

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

/** Conflict wording spells days out: "45 min", "3 h 59 min", "3 days 4 h" (see formatDuration). */
export const conflictDuration = (ms: number): string => formatDuration(ms, { days: "days" });

const PLATFORM_LABELS: Record<string, string> = {
  instagram: "Meta (Instagram)",
  meta_page: "Meta (Facebook Page)",
  tiktok_ads: "TikTok Business Center",
  linkedin_page: "LinkedIn Page",
};

function humanize(key: string): string {
  const words = key.replace(/[_-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

// Channel names have one home; the rules take them from here with the rest of their wording.
export { channelLabel } from "~/modules/channels/channels";

export function platformLabel(platform: string): string {
  return PLATFORM_LABELS[platform] ?? humanize(platform);
}

/** "Instagram", "Instagram and TikTok", "Instagram, TikTok and YouTube". */
export function listLabels(labels: readonly string[]): string {
  if (labels.length <= 1) return labels.join("");
  return `${labels.slice(0, -1).join(", ")} and ${labels[labels.length - 1]}`;
}
