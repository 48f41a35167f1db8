import { blackoutRefOf, type BrandRules, type ConflictRule, type RuleContext } from "../context";
import { groupBy } from "../sort-and-group";
import { conflictDuration, objectKey, quote } from "../describe";
import { byStart, intersectingPairs, spansContainingPoints, type Span } from "../sweep";
import type { Blackout, BlackoutConflict, Campaign, Deliverable } from "../types";

type Subject = { kind: "campaign"; campaign: Campaign } | { kind: "deliverable"; deliverable: Deliverable };

function because(blackout: Blackout): string {
  return blackout.reason.trim() ? ` (${blackout.reason.trim()})` : "";
}

function toConflict(brand: BrandRules, subject: Subject, blackout: Blackout): BlackoutConflict {
  const blackoutRef = blackoutRefOf(blackout);
  const base = { code: "BLACKOUT", severity: "error", brandId: brand.id } as const;
  if (subject.kind === "deliverable") {
    const d = subject.deliverable;
    return {
      ...base,
      key: objectKey("BLACKOUT", d.id, blackoutRef),
      objectIds: [d.id],
      startsAt: d.publishAt,
      message: `${quote(d.title)} is set to publish during ${brand.name}'s blackout${because(blackout)}.`,
      details: { subject: "deliverable", blackout },
    };
  }
  const c = subject.campaign;
  const startsAt = c.startsAt > blackout.startsAt ? c.startsAt : blackout.startsAt;
  const endsAt = c.endsAt < blackout.endsAt ? c.endsAt : blackout.endsAt;
  return {
    ...base,
    key: objectKey("BLACKOUT", c.id, blackoutRef),
    objectIds: [c.id],
    startsAt,
    message:
      `Campaign ${quote(c.name)} runs into ${brand.name}'s blackout${because(blackout)} for ` +
      `${conflictDuration(endsAt.getTime() - startsAt.getTime())}.`,
    details: { subject: "campaign", blackout },
  };
}

/**
 * Per brand, deliverables (points, already in time order) and campaigns (spans) are each swept
 * against the brand's sorted blackouts; brands without blackouts are skipped while grouping.
 */
function detect(ctx: RuleContext): BlackoutConflict[] {
  const conflicts: BlackoutConflict[] = [];
  const deliverablesByBrand = groupBy(ctx.deliverables, (t) => (t.brand.blackouts.length ? t.brand : null));
  const campaignsByBrand = groupBy(ctx.campaigns, (c) => {
    const brand = ctx.brand(c.brandId);
    return brand.blackouts.length ? brand : null;
  });
  for (const brand of new Set([...deliverablesByBrand.keys(), ...campaignsByBrand.keys()])) {
    const blackouts: Span<Blackout>[] = brand.blackouts.map((b) => ({
      item: b,
      start: b.startsAt.getTime(),
      end: b.endsAt.getTime(),
    }));
    spansContainingPoints(deliverablesByBrand.get(brand) ?? [], blackouts, (t, blackout) =>
      conflicts.push(toConflict(brand, { kind: "deliverable", deliverable: t.d }, blackout)),
    );
    const campaigns = (campaignsByBrand.get(brand) ?? [])
      .map((campaign): Span<Campaign> => ({ item: campaign, start: campaign.startsAt.getTime(), end: campaign.endsAt.getTime() }))
      .sort(byStart);
    intersectingPairs(campaigns, blackouts, (campaign, blackout) =>
      conflicts.push(toConflict(brand, { kind: "campaign", campaign }, blackout)),
    );
  }
  return conflicts;
}

export const blackoutRule: ConflictRule = {
  meta: {
    code: "BLACKOUT",
    severity: "error",
    title: "In a blackout",
    description:
      "A deliverable publishes, or a campaign runs, inside one of the brand's blackout periods. " +
      "A blackout that ends at the publish minute does not count.",
  },
  detect,
};
