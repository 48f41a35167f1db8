// Channels a deliverable can go out on, and the onboarding platform each one needs verified
// access for. The platform keys are the onboarding catalog's (app/modules/onboarding/catalog), so
// ACCESS_MISSING asks for exactly the step an agency member verifies on an onboarding link.

import type { Platform } from "./conflicts/types";

export const CHANNELS = ["instagram", "facebook", "tiktok", "linkedin", "youtube"] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_LABELS: Record<Channel, string> = {
  instagram: "Instagram",
  facebook: "Facebook",
  tiktok: "TikTok",
  linkedin: "LinkedIn",
  youtube: "YouTube",
};

/** Channel → onboarding platform key; null: nothing to verify (YouTube uploads are the creator's). */
export const CHANNEL_PLATFORMS: Readonly<Record<Channel, Platform | null>> = {
  instagram: "instagram",
  facebook: "meta_page",
  tiktok: "tiktok_ads",
  linkedin: "linkedin_page",
  youtube: null,
};

export function channelName(channel: string): string {
  return (CHANNEL_LABELS as Record<string, string>)[channel] ?? channel.charAt(0).toUpperCase() + channel.slice(1);
}

export function isChannel(value: string): value is Channel {
  return (CHANNELS as readonly string[]).includes(value);
}
