import { groupBy, type ConflictRule, type RuleContext, type TimedDeliverable } from "../context";
import { channelLabel, formatDuration, pairKey, quote, wholeMinutes } from "../describe";
import type { PostCollisionConflict } from "../types";

function toConflict(earlier: TimedDeliverable, later: TimedDeliverable, spacingMs: number): PostCollisionConflict {
  const brand = earlier.brand;
  const channel = earlier.d.channel;
  const gapMs = later.at - earlier.at;
  const when = gapMs < 60_000 ? "at the same time" : `${formatDuration(gapMs)} apart`;
  return {
    code: "POST_COLLISION",
    severity: "warning",
    key: pairKey("POST_COLLISION", earlier.d.id, later.d.id),
    brandId: brand.id,
    objectIds: [earlier.d.id, later.d.id],
    startsAt: earlier.d.publishAt,
    message:
      `${quote(earlier.d.title)} and ${quote(later.d.title)} for ${brand.name} go out on ` +
      `${channelLabel(channel)} ${when}; ${brand.name} wants at least ${formatDuration(spacingMs)} ` +
      `between posts there.`,
    details: { channel, gapMinutes: wholeMinutes(gapMs), minSpacingMinutes: wholeMinutes(spacingMs) },
  };
}

/**
 * Per brand+channel, in time order, each post looks back only while the gap is under the
 * minimum spacing, so every step either reports a collision or stops.
 */
function detect(ctx: RuleContext): PostCollisionConflict[] {
  const conflicts: PostCollisionConflict[] = [];
  for (const [brand, brandPosts] of groupBy(ctx.deliverables, (t) => t.brand)) {
    for (const [channel, posts] of groupBy(brandPosts, (t) => t.d.channel)) {
      const spacingMs = brand.spacingMs(channel);
      for (let i = 1; i < posts.length; i++) {
        for (let j = i - 1; j >= 0 && posts[i].at - posts[j].at < spacingMs; j--) {
          conflicts.push(toConflict(posts[j], posts[i], spacingMs));
        }
      }
    }
  }
  return conflicts;
}

export const postCollisionRule: ConflictRule = {
  meta: {
    code: "POST_COLLISION",
    severity: "warning",
    title: "Posts too close together",
    description:
      "Two deliverables of one brand go out on the same channel closer together than the brand's " +
      "minimum spacing (4 hours unless the brand sets its own). Exactly the minimum apart is fine.",
  },
  detect,
};
