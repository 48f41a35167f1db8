import { isBefore, quotedTitle, type ConflictRule, type RuleContext, type TimedDeliverable } from "../context";
import { groupBy2 } from "../sort-and-group";
import { flat, conflictDuration, pairKey, wholeMinutes } from "../describe";
import { nearbyPairsAcrossGroups } from "../sweep";
import type { CreatorExclusivityConflict } from "../types";
import { DAY_MS } from "~/utils/time";

function toConflict(ctx: RuleContext, earlier: TimedDeliverable, later: TimedDeliverable): CreatorExclusivityConflict {
  const first = earlier.brand;
  const second = later.brand;
  // Each brand protects a window around its own posts; the pair breaks whichever window is longer.
  const windowOwner = second.exclusivityMs > first.exclusivityMs ? second : first;
  const creatorId = earlier.d.creatorId ?? "";
  const creator = ctx.creatorName(creatorId) ?? "The same creator";
  const category = first.category ?? "";
  const exclusivityDays = windowOwner.exclusivityMs / DAY_MS;
  const gapMs = later.at - earlier.at;
  return {
    code: "CREATOR_EXCLUSIVITY",
    severity: "error",
    key: pairKey("CREATOR_EXCLUSIVITY", earlier.d.id, later.d.id),
    brandId: windowOwner.id,
    objectIds: [earlier.d.id, later.d.id],
    startsAt: earlier.d.publishAt,
    message: flat(
      `${creator} has `,
      quotedTitle(earlier),
      ` for ${first.name} and `,
      quotedTitle(later),
      ` for ${second.name}, both ${category} brands, ${conflictDuration(gapMs)} apart; `,
      `${windowOwner.name}'s exclusivity needs ${exclusivityDays} days between competing brands.`,
    ),
    details: {
      creatorId,
      category,
      brandIds: [first.id, second.id],
      gapMinutes: wholeMinutes(gapMs),
      exclusivityDays,
    },
  };
}

/**
 * Per creator and category, in time order. Recent posts are queued per brand, so posts for the
 * same brand never get compared with each other and the work stays proportional to conflicts.
 */
function detect(ctx: RuleContext): CreatorExclusivityConflict[] {
  const conflicts: CreatorExclusivityConflict[] = [];
  // No creator or no category: nobody to hold to exclusivity, or no competitors to define.
  const byCreator = groupBy2(
    ctx.deliverables,
    (t) => t.d.creatorId,
    (t) => t.brand.categoryKey,
  );
  for (const byCategory of byCreator.values()) {
    for (const posts of byCategory.values()) {
      nearbyPairsAcrossGroups(
        posts,
        (t) => t.brand,
        (brand) => brand.exclusivityMs,
        (a, b) => conflicts.push(isBefore(a, b) ? toConflict(ctx, a, b) : toConflict(ctx, b, a)),
      );
    }
  }
  return conflicts;
}

export const creatorExclusivityRule: ConflictRule = {
  meta: {
    code: "CREATOR_EXCLUSIVITY",
    severity: "error",
    title: "Creator exclusivity broken",
    description:
      "A creator has deliverables for two brands of the same category closer together than the " +
      "exclusivity window (14 days unless a brand sets its own; the longer of the two applies).",
  },
  detect,
};
