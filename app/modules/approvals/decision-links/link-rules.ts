import { DAY_MS, HOUR_MS } from "~/utils/time";

/**
 * How long a personal link works, and whether it works now (decision 052). Pure: the token module
 * reads the rows, this decides. A "decision" link speaks for one person on one deliverable; a
 * "digest" link for one brand lead on one brand's pending sign-offs.
 */

export type LinkPurpose = "decision" | "digest";

/** A decision link works until a week after the deliverable goes live, at its CURRENT publish time. */
export const DECISION_LINK_DAYS_AFTER_PUBLISH = 7;
/** A digest link works for 48 hours from when it was sent (its own `expiresAt`). */
export const DIGEST_LINK_HOURS = 48;

export type LinkState = "valid" | "expired" | "revoked";

interface LinkFacts {
  purpose: LinkPurpose;
  revokedAt: Date | null;
  expiresAt: Date | null;
}

/**
 * When the link stops working. A decision link's end is read at use from the deliverable, so a
 * reschedule moves it; without a deliverable (deleted) or for a digest without `expiresAt`, never
 * valid: an end of the epoch.
 */
export function linkEndsAt(link: LinkFacts, deliverablePublishAt: Date | null): Date {
  if (link.purpose === "decision") {
    return deliverablePublishAt ? new Date(deliverablePublishAt.getTime() + DECISION_LINK_DAYS_AFTER_PUBLISH * DAY_MS) : new Date(0);
  }
  return link.expiresAt ?? new Date(0);
}

/** Revoked wins over expired (the page says the more useful thing); the end itself is already expired. */
export function linkState(link: LinkFacts, deliverablePublishAt: Date | null, now: Date): LinkState {
  if (link.revokedAt) return "revoked";
  return now.getTime() < linkEndsAt(link, deliverablePublishAt).getTime() ? "valid" : "expired";
}

/** The `expiresAt` a digest link is issued with. */
export const digestLinkExpiry = (now: Date): Date => new Date(now.getTime() + DIGEST_LINK_HOURS * HOUR_MS);

/** Tokens are base64url of 32 random bytes; anything else is not looked up at all. */
export function plausibleLinkToken(token: unknown): token is string {
  return typeof token === "string" && /^[A-Za-z0-9_-]{40,64}$/.test(token);
}
