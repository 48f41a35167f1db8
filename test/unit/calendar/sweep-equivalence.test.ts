// The rules sweep sorted lists instead of comparing all pairs. This checks, on many small random
// workspaces with times on a coarse grid (so equal times and exact boundaries come up often),
// that the sweeps find exactly what a naive all-pairs reference finds.
import { describe, expect, it } from "vitest";
import { detectConflicts } from "~/modules/calendar/conflicts/detect";
import type { Blackout, Brand, Campaign, ConflictInput, Deliverable } from "~/modules/calendar/conflicts/types";
import { DAY, HOUR, MINUTE, NOW, plus } from "./conflict-factories";
import { prng } from "../../../scripts/prng";

const CHANNELS = ["instagram", "tiktok", "youtube"];

function randomWorkspace(seed: number): ConflictInput {
  const rand = prng(seed);
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  const slot = (): Date => plus(NOW, int(10 * 24 * 2) * 30 * MINUTE); // half-hour grid over 10 days
  const window = (): [Date, Date] => {
    const start = slot();
    return [start, plus(start, int(6) * 12 * HOUR)]; // sometimes empty
  };

  const brands: Brand[] = Array.from({ length: 2 + int(4) }, (_, i) => {
    const blackouts: Blackout[] = Array.from({ length: int(3) }, (_, k) => {
      const [startsAt, endsAt] = window();
      return { id: rand() < 0.5 ? `bo-${i}-${k}` : undefined, startsAt, endsAt, reason: "r" };
    });
    return {
      id: `brand-${i}`,
      name: `Brand ${i}`,
      category: pick(["beauty", "Beauty ", "beauty", "food", null]),
      minSpacingMinutesByChannel: { instagram: pick([30, 60, 240]), tiktok: pick([0, 90]) },
      exclusivityDays: pick([1, 2, 3, undefined]),
      blackouts,
    };
  });
  const campaigns: Campaign[] = Array.from({ length: int(10) }, (_, i) => {
    const [startsAt, endsAt] = window();
    const channels = CHANNELS.filter(() => rand() < 0.5);
    return { id: `c${i}`, brandId: pick(brands).id, agencyId: `ag-${int(3)}`, name: `C${i}`, channels, startsAt, endsAt };
  });
  const deliverables: Deliverable[] = Array.from({ length: int(30) }, (_, i) => {
    const publishAt = slot();
    return {
      id: `d${i}`,
      campaignId: "c0",
      brandId: pick(brands).id,
      creatorId: pick(["cr-1", "cr-2", "cr-3", null]),
      channel: pick(CHANNELS),
      title: `D${i}`,
      publishAt,
      signOffDeadline: plus(publishAt, -2 * DAY),
      signedOff: true,
      status: rand() < 0.1 ? "cancelled" : "approved",
    };
  });
  return { brands, campaigns, deliverables };
}

const t = (d: Date) => d.getTime();
const pairKey = (code: string, a: string, b: string) => `${code}:${[a, b].sort().join("+")}`;

/** The rules as the product spec states them, checked over every pair. */
function naiveKeys(input: ConflictInput): string[] {
  const brand = new Map(input.brands.map((b) => [b.id, b]));
  const category = (id: string) => brand.get(id)?.category?.trim().toLowerCase() || null;
  const exclusivity = (id: string) => (brand.get(id)?.exclusivityDays ?? 14) * DAY;
  const live = input.deliverables.filter((d) => d.status !== "cancelled");
  const keys: string[] = [];
  input.campaigns.forEach((a, i) =>
    input.campaigns.slice(i + 1).forEach((b) => {
      const shared = a.channels.some((ch) => b.channels.includes(ch));
      const overlaps = Math.max(t(a.startsAt), t(b.startsAt)) < Math.min(t(a.endsAt), t(b.endsAt));
      if (a.brandId === b.brandId && a.agencyId !== b.agencyId && shared && overlaps) {
        keys.push(pairKey("CAMPAIGN_OVERLAP", a.id, b.id));
      }
    }),
  );
  live.forEach((a, i) =>
    live.slice(i + 1).forEach((b) => {
      const gap = Math.abs(t(a.publishAt) - t(b.publishAt));
      const spacing = (brand.get(a.brandId)?.minSpacingMinutesByChannel?.[a.channel] ?? 240) * MINUTE;
      if (a.brandId === b.brandId && a.channel === b.channel && gap < spacing) keys.push(pairKey("POST_COLLISION", a.id, b.id));
      const competitors = a.brandId !== b.brandId && category(a.brandId) !== null && category(a.brandId) === category(b.brandId);
      const sameCreator = a.creatorId !== null && a.creatorId === b.creatorId;
      if (competitors && sameCreator && gap < Math.max(exclusivity(a.brandId), exclusivity(b.brandId))) {
        keys.push(pairKey("CREATOR_EXCLUSIVITY", a.id, b.id));
      }
    }),
  );
  for (const b of input.brands) {
    for (const bo of b.blackouts ?? []) {
      const ref = bo.id ?? `${bo.startsAt.toISOString()}/${bo.endsAt.toISOString()}`;
      for (const d of live) {
        if (d.brandId === b.id && t(bo.startsAt) <= t(d.publishAt) && t(d.publishAt) < t(bo.endsAt)) keys.push(`BLACKOUT:${d.id}:${ref}`);
      }
      for (const c of input.campaigns) {
        if (c.brandId === b.id && Math.max(t(c.startsAt), t(bo.startsAt)) < Math.min(t(c.endsAt), t(bo.endsAt))) {
          keys.push(`BLACKOUT:${c.id}:${ref}`);
        }
      }
    }
  }
  return keys.sort();
}

describe("sweep vs naive pairwise reference", () => {
  it("finds exactly the same conflicts on 500 random small workspaces", () => {
    const codes = ["CAMPAIGN_OVERLAP", "POST_COLLISION", "CREATOR_EXCLUSIVITY", "BLACKOUT"] as const;
    let compared = 0;
    for (let seed = 1; seed <= 500; seed++) {
      const workspace = randomWorkspace(seed);
      const swept = detectConflicts(workspace, NOW, { only: codes })
        .map((c) => c.key)
        .sort();
      expect(swept, `seed ${seed}`).toEqual(naiveKeys(workspace));
      compared += swept.length;
    }
    // Guard against a generator so sparse that both sides trivially agree on nothing.
    expect(compared).toBeGreaterThan(2_000);
  });
});
