import { beforeAll, describe, expect, it } from "vitest";
import { decide } from "~/modules/approvals/decide.server";
import { waitingOn } from "~/modules/home/waiting.server";
import { unwrap } from "~/utils/outcome";
import { useTestDatabase } from "../../support/db";
import { buildWorld, type World } from "../../support/world";
import { campaignFixture, ctxOf, submittedDeliverable } from "../approvals/fixtures";

/**
 * Home's "waiting on me" is cached per member and minute until the workspace's calendar change log
 * moves (issue 22): a second visit reads the list already made; a decision, written through the
 * real action, is seen at once; another minute recomputes.
 */
const t = useTestDatabase();
let world: World;
let reel: string;

beforeAll(async () => {
  world = await buildWorld(t.db);
  const campaign = await campaignFixture(t.db, world);
  reel = await submittedDeliverable(world, campaign, { title: "Reel to review", publishInHours: 240 });
});

describe("home's waiting list", () => {
  it("is read from the cache while nothing changed, and fresh right after a decision", async () => {
    const now = new Date();
    const first = await waitingOn(await ctxOf(world, "agencyMember"), now);
    expect(first.map((i) => i.url).some((u) => u.includes(reel))).toBe(true);
    // The same list, not a recomputed copy: nothing it reads changed.
    expect(await waitingOn(await ctxOf(world, "agencyMember"), now)).toBe(first);
    // Another minute: recomputed (its countdowns move).
    const later = await waitingOn(await ctxOf(world, "agencyMember"), new Date(now.getTime() + 60_000));
    expect(later).not.toBe(first);
    expect(later).toEqual(first);

    unwrap(
      await decide(await ctxOf(world, "agencyMember"), { deliverableId: reel, version: 1, decision: "approve", comment: null }, new Date()),
    );
    const after = await waitingOn(await ctxOf(world, "agencyMember"), now);
    expect(after.map((i) => i.url).some((u) => u.includes(reel))).toBe(false);
  });

  it("is kept per member: another member's list is their own", async () => {
    const now = new Date();
    const agency = await waitingOn(await ctxOf(world, "agencyMember"), now);
    const lead = await waitingOn(await ctxOf(world, "brandLead"), now);
    expect(lead).not.toBe(agency);
  });
});
