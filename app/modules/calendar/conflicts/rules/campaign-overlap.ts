import { compareIds, type ConflictRule, type RuleContext } from "../context";
import { channelLabel, conflictDuration, listLabels, pairKey, quote } from "../describe";
import { overlappingPairsAcrossGroups, type Span } from "../sweep";
import type { Campaign, CampaignOverlapConflict, CampaignSide } from "../types";

interface OverlappingPair {
  earlier: Campaign;
  later: Campaign;
  sharedChannels: string[];
}

function side(campaign: Campaign): CampaignSide {
  return {
    campaignId: campaign.id,
    name: campaign.name,
    agencyId: campaign.agencyId,
    keyMessage: campaign.keyMessage ?? null,
  };
}

/** Sweeps each brand+channel separately, then folds the channels a pair shares into one conflict. */
function findOverlappingPairs(campaigns: readonly Campaign[]): OverlappingPair[] {
  const spans: Span<Campaign>[] = campaigns
    .map((c) => ({ item: c, start: c.startsAt.getTime(), end: c.endsAt.getTime() }))
    .sort((a, b) => a.start - b.start || compareIds(a.item.id, b.item.id));

  const byBrandChannel = new Map<string, Span<Campaign>[]>();
  for (const span of spans) {
    for (const channel of new Set(span.item.channels)) {
      const key = `${span.item.brandId}\u0000${channel}`;
      const group = byBrandChannel.get(key);
      if (group) group.push(span);
      else byBrandChannel.set(key, [span]);
    }
  }

  const pairs = new Map<string, OverlappingPair>();
  for (const [key, group] of byBrandChannel) {
    const channel = key.slice(key.indexOf("\u0000") + 1);
    overlappingPairsAcrossGroups(
      group,
      (c) => c.agencyId,
      (earlier, later) => {
        const pairKey = `${earlier.id}\u0000${later.id}`;
        const pair = pairs.get(pairKey);
        if (pair) pair.sharedChannels.push(channel);
        else pairs.set(pairKey, { earlier, later, sharedChannels: [channel] });
      },
    );
  }
  return [...pairs.values()];
}

function toConflict(ctx: RuleContext, { earlier, later, sharedChannels }: OverlappingPair): CampaignOverlapConflict {
  const brand = ctx.brand(earlier.brandId);
  const overlapStartsAt = later.startsAt;
  const overlapEndsAt = earlier.endsAt.getTime() < later.endsAt.getTime() ? earlier.endsAt : later.endsAt;
  const channels = [...sharedChannels].sort();
  const agencyNames = [ctx.agencyName(earlier.agencyId), ctx.agencyName(later.agencyId)];
  const byAgencies = agencyNames[0] && agencyNames[1] ? ` (${agencyNames[0]} and ${agencyNames[1]})` : "";
  const overlap = conflictDuration(overlapEndsAt.getTime() - overlapStartsAt.getTime());
  return {
    code: "CAMPAIGN_OVERLAP",
    severity: "warning",
    key: pairKey("CAMPAIGN_OVERLAP", earlier.id, later.id),
    brandId: brand.id,
    objectIds: [earlier.id, later.id],
    startsAt: overlapStartsAt,
    message:
      `${brand.name}'s campaigns ${quote(earlier.name)} and ${quote(later.name)} are run by different ` +
      `agencies${byAgencies} and overlap for ${overlap} on ${listLabels(channels.map(channelLabel))}; ` +
      `check that their key messages agree.`,
    details: {
      campaigns: [side(earlier), side(later)],
      sharedChannels: channels,
      overlapStartsAt,
      overlapEndsAt,
    },
  };
}

export const campaignOverlapRule: ConflictRule = {
  meta: {
    code: "CAMPAIGN_OVERLAP",
    severity: "warning",
    title: "Campaigns overlap",
    description:
      "Two campaigns of one brand, run by different agencies, are live at the same time on a shared " +
      "channel. Their key messages are shown side by side so they do not contradict each other.",
  },
  detect: (ctx) => findOverlappingPairs(ctx.campaigns).map((pair) => toConflict(ctx, pair)),
};
