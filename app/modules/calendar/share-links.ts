// The rules of a brand's read-only calendar share link (issue 21, decision 067), apart from the
// database: how long one lasts, and what state a stored link is in. No server imports here, so
// the management page reads the same limits.

import { DAY_MS } from "~/utils/time";

export const SHARE_DEFAULT_DAYS = 30;
export const SHARE_MAX_DAYS = 90;

/** Days a new link lasts: the default when none is given, at least 1, at most 90, whole days. */
export function clampShareDays(days: number | null | undefined): number {
  if (days === null || days === undefined || !Number.isFinite(days)) return SHARE_DEFAULT_DAYS;
  return Math.min(SHARE_MAX_DAYS, Math.max(1, Math.round(days)));
}

export function shareExpiry(now: Date, days: number | null | undefined): Date {
  return new Date(now.getTime() + clampShareDays(days) * DAY_MS);
}

export type ShareLinkState = "live" | "expired" | "revoked";

/** Revoked wins over expired: the page says what someone did, not only what the clock did. */
export function shareLinkState(link: { expiresAt: Date; revokedAt: Date | null }, now: Date): ShareLinkState {
  if (link.revokedAt) return "revoked";
  if (link.expiresAt.getTime() <= now.getTime()) return "expired";
  return "live";
}

/** Share tokens are 256-bit base64url strings; anything else is never looked up. */
export const SHARE_TOKEN_SHAPE = /^[A-Za-z0-9_-]{40,64}$/;

/** Views the share page has: a month grid and a list of the same month. */
export const SHARE_VIEWS = ["month", "list"] as const;
export type ShareView = (typeof SHARE_VIEWS)[number];

export function sharePath(token: string): string {
  return `/share/calendar/${token}`;
}
