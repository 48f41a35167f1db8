// Recomputing only what a change can affect (decision 068): on many random small workspaces, a
// random change to some deliverables (moved, retitled, given to another creator or brand or
// channel, signed off, cancelled, added, removed), recomputed with redetectConflicts from the
// previous answer, equals detectConflicts over the changed workspace: same conflicts, same order,
// same wording. Times sit on a coarse grid so equal times and exact boundaries come up often.
import { describe, expect, it } from "vitest";
import { detectConflicts } from "~/modules/calendar/conflicts/detect";
import { dependsOnGroups, redetectConflicts, type AffectedGroups } from "~/modules/calendar/conflicts/incremental";
import type { Brand, Campaign, ConflictCode, ConflictInput, Deliverable } from "~/modules/calendar/conflicts/types";
import { DAY, HOUR, MINUTE, NOW, deliverable, plus } from "./conflict-factories";
import { prng } from "../../../scripts/prng";

const CHANNELS = ["instagram", "tiktok", "youtube", "blog"];
const CREATORS = ["cr-1", "cr-2", "cr-3", null];

function randomWorkspace(rand: () => number): ConflictInput {
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  const slot = (): Date => plus(NOW, (int(8 * 24 * 2) - 48) * 30 * MINUTE);
  const brands: Brand[] = Array.from({ length: 2 + int(4) }, (_, i) => ({
    id: `brand-${i}`,
    name: `Brand ${i}`,
    category: pick(["beauty", "beauty", "food", null]),
    minSpacingMinutesByChannel: { instagram: pick([30, 60, 240]), tiktok: pick([0, 90]) },
    exclusivityDays: pick([1, 2, undefined]),
    blackouts: Array.from({ length: int(3) }, (_, k) => {
      const startsAt = slot();
      return { id: `bo-${i}-${k}`, startsAt, endsAt: plus(startsAt, int(4) * 12 * HOUR), reason: "freeze" };
    }),
  }));
  const campaigns: Campaign[] = Array.from({ length: int(6) }, (_, i) => {
    const startsAt = slot();
    return {
      id: `c${i}`,
      brandId: pick(brands).id,
      agencyId: `ag-${int(3)}`,
      name: `C${i}`,
      channels: CHANNELS.filter(() => rand() < 0.5),
      startsAt,
      endsAt: plus(startsAt, int(6) * 12 * HOUR),
    };
  });
  const deliverables = Array.from({ length: int(40) }, (_, i) => randomDeliverable(rand, brands, `d${i}`, slot));
  return { brands, campaigns, deliverables, access: { verified: [{ brandId: "brand-0", platform: "meta" }] } };
}

function randomDeliverable(rand: () => number, brands: Brand[], id: string, slot: () => Date): Deliverable {
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  const publishAt = slot();
  return deliverable({
    id,
    campaignId: "c0",
    brandId: pick(brands).id,
    creatorId: pick(CREATORS),
    channel: pick(CHANNELS),
    title: `D ${id}`,
    publishAt,
    signOffDeadline: plus(publishAt, -pick([1, 24, 48]) * HOUR),
    signedOff: rand() < 0.5,
    status: pick(["approved", "approved", "in_review", "published", "cancelled"]),
  });
}

/** A random change to a few deliverables; returns the changed input and the groups it touched. */
function randomChange(rand: () => number, before: ConflictInput): { after: ConflictInput; affected: AffectedGroups } {
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  const slot = (): Date => plus(NOW, (int(8 * 24 * 2) - 48) * 30 * MINUTE);
  const brandIds = new Set<string>();
  const creatorIds = new Set<string>();
  const note = (d: Deliverable) => {
    brandIds.add(d.brandId);
    if (d.creatorId) creatorIds.add(d.creatorId);
  };
  let deliverables = [...before.deliverables];
  for (let n = 1 + int(3); n > 0; n--) {
    const kind = int(8);
    if (kind === 0 || deliverables.length === 0) {
      const added = randomDeliverable(rand, before.brands, `new-${n}-${int(1e6)}`, slot);
      note(added);
      deliverables.push(added);
      continue;
    }
    const index = int(deliverables.length);
    const old = deliverables[index];
    note(old);
    if (kind === 1) {
      deliverables = deliverables.filter((_, i) => i !== index);
      continue;
    }
    const changed: Deliverable = { ...old };
    if (kind === 2) {
      changed.publishAt = slot();
      changed.signOffDeadline = plus(changed.publishAt, -48 * HOUR);
    } else if (kind === 3) changed.title = `Renamed ${int(100)}`;
    else if (kind === 4) changed.creatorId = pick(CREATORS);
    else if (kind === 5) changed.brandId = pick(before.brands).id;
    else if (kind === 6) changed.channel = pick(CHANNELS);
    else {
      changed.signedOff = !changed.signedOff;
      changed.status = pick(["approved", "published", "cancelled"]);
    }
    note(changed);
    deliverables[index] = changed;
  }
  return { after: { ...before, deliverables }, affected: { brandIds, creatorIds } };
}

const ONLY_CHOICES: (readonly ConflictCode[] | undefined)[] = [undefined, undefined, ["CREATOR_EXCLUSIVITY", "BLACKOUT", "SIGNOFF_RISK"]];

describe("redetectConflicts (recompute only the changed brands and creators)", () => {
  it("equals a full detectConflicts after 600 random changes", () => {
    let recomputedLess = 0;
    for (let seed = 1; seed <= 600; seed++) {
      const rand = prng(seed);
      const before = randomWorkspace(rand);
      const only = ONLY_CHOICES[seed % ONLY_CHOICES.length];
      const previous = detectConflicts(before, NOW, { only });
      const { after, affected } = randomChange(rand, before);
      const expected = detectConflicts(after, NOW, { only });
      const actual = redetectConflicts(after, previous, affected, NOW, { only });
      expect(actual, `seed ${seed}`).toEqual(expected);
      if (previous.some((c) => !dependsOnGroups(c, affected))) recomputedLess++;
    }
    // The property is about work saved, too: most changes leave some conflicts alone.
    expect(recomputedLess).toBeGreaterThan(200);
  });

  it("with the clock moved, sign-off risk of every deliverable follows the new time", () => {
    for (let seed = 1000; seed <= 1300; seed++) {
      const rand = prng(seed);
      const before = randomWorkspace(rand);
      const later = plus(NOW, (1 + Math.floor(rand() * 3 * 24)) * HOUR);
      const previous = detectConflicts(before, NOW);
      const { after, affected } = randomChange(rand, before);
      expect(redetectConflicts(after, previous, affected, later, { clockMoved: true }), `seed ${seed}`).toEqual(
        detectConflicts(after, later),
      );
      // No change at all, only the clock.
      expect(redetectConflicts(before, previous, { brandIds: new Set(), creatorIds: new Set() }, later, { clockMoved: true })).toEqual(
        detectConflicts(before, later),
      );
    }
  });

  it("leaves conflicts of untouched brands and creators as they were (the same objects)", () => {
    const a = deliverable({ id: "a", brandId: "brand-a", creatorId: "cr-1", publishAt: plus(NOW, DAY) });
    const b = deliverable({ id: "b", brandId: "brand-a", creatorId: "cr-1", publishAt: plus(NOW, DAY + HOUR) });
    const c = deliverable({ id: "c", brandId: "brand-b", creatorId: "cr-2", publishAt: plus(NOW, DAY) });
    const d = deliverable({ id: "d", brandId: "brand-b", creatorId: "cr-2", publishAt: plus(NOW, DAY + HOUR) });
    const brands: Brand[] = [
      { id: "brand-a", name: "A", category: null },
      { id: "brand-b", name: "B", category: null },
    ];
    const before: ConflictInput = { brands, campaigns: [], deliverables: [a, b, c, d], access: { verified: [] } };
    const previous = detectConflicts(before, NOW);
    const moved = { ...d, publishAt: plus(NOW, 3 * DAY) };
    const after = { ...before, deliverables: [a, b, c, moved] };
    const next = redetectConflicts(after, previous, { brandIds: new Set(["brand-b"]), creatorIds: new Set(["cr-2"]) }, NOW);
    expect(next).toEqual(detectConflicts(after, NOW));
    const untouched = previous.filter((x) => x.brandId === "brand-a");
    expect(untouched.length).toBeGreaterThan(0);
    for (const x of untouched) expect(next).toContain(x);
    expect(next.some((x) => x.code === "POST_COLLISION" && x.brandId === "brand-b")).toBe(false);
  });
});
