/**
 * The one home of the channels a deliverable can go out on (decision 050): the list, labels, what
 * each network accepts, and the onboarding platform each needs verified access for. Approvals,
 * calendar, campaigns and onboarding all read this file; it imports nothing from them, so any
 * capability can use it without depending on another.
 */

export const CHANNELS = ["instagram", "tiktok", "x", "linkedin", "youtube", "facebook"] as const;

export type Channel = (typeof CHANNELS)[number];

/**
 * What each channel accepts, used by the ready-to-transfer checks. Values are the networks'
 * published limits at the time of writing; they change, so they live in this one table.
 */
export interface ChannelLimits {
  label: string;
  /** What the main text is called on this channel, for messages ("caption", "post"...). */
  copyName: string;
  copyMaxChars: number;
  /** Only channels with a separate title (YouTube) set these. */
  titleMaxChars: number | null;
  titleRequired: boolean;
  /** The network rejects a post without at least this many media files. */
  minMediaFiles: number;
}

export const CHANNEL_LIMITS: Record<Channel, ChannelLimits> = {
  instagram: { label: "Instagram", copyName: "caption", copyMaxChars: 2200, titleMaxChars: null, titleRequired: false, minMediaFiles: 1 },
  // TikTok raised captions from 2,200 to 4,000 characters in 2023; 4,000 is the current limit.
  tiktok: { label: "TikTok", copyName: "caption", copyMaxChars: 4000, titleMaxChars: null, titleRequired: false, minMediaFiles: 1 },
  // 280 is the limit for standard (non-Premium) accounts, the safe assumption for a brand post.
  x: { label: "X", copyName: "post", copyMaxChars: 280, titleMaxChars: null, titleRequired: false, minMediaFiles: 0 },
  linkedin: { label: "LinkedIn", copyName: "post", copyMaxChars: 3000, titleMaxChars: null, titleRequired: false, minMediaFiles: 0 },
  youtube: { label: "YouTube", copyName: "description", copyMaxChars: 5000, titleMaxChars: 100, titleRequired: true, minMediaFiles: 1 },
  facebook: { label: "Facebook", copyName: "post", copyMaxChars: 63206, titleMaxChars: null, titleRequired: false, minMediaFiles: 0 },
};

/**
 * Channel → the onboarding catalog's platform key (app/modules/onboarding/catalog) whose verified
 * access it needs, so ACCESS_MISSING asks for exactly the step an agency member verifies on an
 * onboarding link. null: nothing to verify (YouTube uploads are the creator's; X has no catalog
 * entry yet). Kept as plain strings so this file imports no capability; a unit test checks that
 * every key is in the catalog.
 */
export const CHANNEL_PLATFORMS: Readonly<Record<Channel, string | null>> = {
  instagram: "instagram",
  tiktok: "tiktok_ads",
  x: null,
  linkedin: "linkedin_page",
  youtube: null,
  facebook: "meta_page",
};

export function isChannel(value: unknown): value is Channel {
  return typeof value === "string" && (CHANNELS as readonly string[]).includes(value);
}

/**
 * A stored channel, checked. Input is validated (a 400) before it is stored, so an unknown value
 * here is a bug or a bad row: it throws rather than being treated as some other channel.
 */
export function requireChannel(value: string): Channel {
  if (!isChannel(value)) throw new Error(`Unknown channel "${value}": not one of ${CHANNELS.join(", ")}.`);
  return value;
}

/** The channel's name for people; a value that is not a channel is shown as stored. */
export function channelLabel(channel: string): string {
  return isChannel(channel) ? CHANNEL_LIMITS[channel].label : channel;
}

/**
 * Length in Unicode code points, so "😀" counts as one character rather than two UTF-16 units
 * (String.length). Networks count slightly differently (X weighs emoji and CJK double and every
 * link as 23); that weighting is not modelled, so a borderline X post may still be refused by X.
 */
export function characterCount(text: string): number {
  return [...text].length;
}
