import { isBefore, quotedTitle, type BrandRules, type ConflictRule, type RuleContext, type TimedDeliverable } from "../context";
import { groupBy2 } from "../sort-and-group";
import { MINUTE_MS } from "~/utils/time";
import { channelLabel, conflictDuration, flat, pairKey, wholeMinutes } from "../describe";
import type { PostCollisionConflict } from "../types";

/**
 * One brand+channel's collisions. The wording shared by the whole group is built once: a busy
 * workspace has tens of thousands of collisions, and their messages were a large part of the run.
 */
function collisionsOn(brand: BrandRules, channel: string, spacingMs: number) {
  const where = ` for ${brand.name} go out on ${channelLabel(channel)} `;
  const limit = `; ${brand.name} wants at least ${conflictDuration(spacingMs)} between posts there.`;
  const minSpacingMinutes = wholeMinutes(spacingMs);
  return (earlier: TimedDeliverable, later: TimedDeliverable): PostCollisionConflict => {
    const gapMs = later.at - earlier.at;
    const when = gapMs < MINUTE_MS ? "at the same time" : `${conflictDuration(gapMs)} apart`;
    return {
      code: "POST_COLLISION",
      severity: "warning",
      key: pairKey("POST_COLLISION", earlier.d.id, later.d.id),
      brandId: brand.id,
      objectIds: [earlier.d.id, later.d.id],
      startsAt: earlier.d.publishAt,
      message: flat(quotedTitle(earlier), " and ", quotedTitle(later), where, when, limit),
      details: { channel, gapMinutes: wholeMinutes(gapMs), minSpacingMinutes },
    };
  };
}

/**
 * Per brand+channel, in time order, each post looks back only while the gap is under the
 * minimum spacing, so every step either reports a collision or stops.
 */
function detect(ctx: RuleContext): PostCollisionConflict[] {
  const conflicts: PostCollisionConflict[] = [];
  for (const [brand, byChannel] of groupBy2(
    ctx.deliverables,
    (t) => t.brand,
    (t) => t.d.channel,
  )) {
    for (const [channel, posts] of byChannel) {
      const spacingMs = brand.spacingMs(channel);
      const toConflict = collisionsOn(brand, channel, spacingMs);
      for (let i = 1; i < posts.length; i++) {
        for (let j = i - 1; j >= 0 && posts[i].at - posts[j].at < spacingMs; j--) {
          // Sorted by time already; only same-moment pairs may need swapping into id order.
          const [a, b] = isBefore(posts[j], posts[i]) ? [posts[j], posts[i]] : [posts[i], posts[j]];
          conflicts.push(toConflict(a, b));
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
