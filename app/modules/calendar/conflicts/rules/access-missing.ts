import type { ConflictRule, RuleContext } from "../context";
import { channelLabel, objectKey, platformLabel, quote } from "../describe";
import type { AccessMissingConflict } from "../types";

function detect(ctx: RuleContext): AccessMissingConflict[] {
  const conflicts: AccessMissingConflict[] = [];
  for (const { d, brand } of ctx.deliverables) {
    // Once it is live the access question is moot; cancelled ones never reach the context.
    if (d.status === "published") continue;
    const platform = ctx.platformFor(d.channel);
    if (platform === null || ctx.isVerified(d.brandId, platform)) continue;
    conflicts.push({
      code: "ACCESS_MISSING",
      severity: "warning",
      // The platform is part of the key: moving to another channel is a new access question.
      key: objectKey("ACCESS_MISSING", d.id, platform),
      brandId: brand.id,
      objectIds: [d.id],
      startsAt: d.publishAt,
      message:
        `${quote(d.title)} for ${brand.name} goes out on ${channelLabel(d.channel)}, but ${brand.name}'s ` +
        `${platformLabel(platform)} access is not verified yet.`,
      details: { channel: d.channel, platform },
    });
  }
  return conflicts;
}

export const accessMissingRule: ConflictRule = {
  meta: {
    code: "ACCESS_MISSING",
    severity: "warning",
    title: "Platform access missing",
    description:
      "A deliverable's channel needs platform access (for example Meta for Instagram) that has not " +
      "been verified for its brand. Published and cancelled deliverables are left out.",
  },
  detect,
};
