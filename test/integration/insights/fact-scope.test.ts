import { beforeAll, describe, expect, it } from "vitest";
import { conflictLog, deliverables } from "@db/schema";
import { recordFact } from "~/modules/insights/facts.server";
import { loadConflictEntries, loadFacts } from "~/modules/insights/queries.server";
import type { FactInput } from "~/modules/insights/fact-kinds";
import type { InsightsFilter } from "~/modules/insights/report";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { useTestDatabase } from "../../support/db";
import { buildWorld, type World } from "../../support/world";
import { campaignFixture } from "../approvals/fixtures";
import { memberContext } from "../services/helpers";

/**
 * Scope of insights (issue 16 point 5, scope.server.ts factScope / conflictLogScope): a brand lead
 * sees its brand across agencies, an agency member its agency, a creator its own, a client contact
 * nothing, and nobody another workspace's rows. Facts and conflict-log rows are written directly
 * here so every combination of brand, agency and creator is present.
 */
const t = useTestDatabase();
let world: World;
const period = { from: "2026-03-01", to: "2026-03-31" };
const filter: InsightsFilter = { period, brandId: null, agencyId: null, channel: null };

function ack(key: string, attribution: Pick<FactInput, "brandId" | "agencyId" | "creatorId">, workspaceId = world.a.id): FactInput {
  return {
    workspaceId,
    kind: "brief_acknowledged",
    subjectKey: key,
    startedAt: new Date("2026-03-10T08:00:00Z"),
    finishedAt: new Date("2026-03-10T10:00:00Z"),
    ...attribution,
    channel: null,
    personId: null,
    data: { campaignId: "c", version: 1 },
  };
}

let ownDeliverable: string;
beforeAll(async () => {
  world = await buildWorld(t.db);
  const { brandX: x, brandY: y, agencyP: p, agencyQ: q, creatorM: m, creatorN: n } = world;
  for (const fact of [
    ack("x-p-m", { brandId: x.id, agencyId: p.id, creatorId: m.id }),
    ack("x-q-n", { brandId: x.id, agencyId: q.id, creatorId: n.id }),
    ack("y-p-none", { brandId: y.id, agencyId: p.id, creatorId: null }),
    ack("beta", { brandId: world.brandB.id, agencyId: null, creatorId: null }, world.b.id),
  ])
    await recordFact(t.db, fact);
  const campaign = await campaignFixture(t.db, world);
  const [mine] = await t.db
    .insert(deliverables)
    .values({
      workspaceId: world.a.id,
      campaignId: campaign.id,
      brandId: x.id,
      creatorId: m.id,
      channel: "x",
      title: "M's post",
      publishAt: new Date("2026-03-20T10:00:00Z"),
    })
    .returning();
  ownDeliverable = mine.id;
  const row = (key: string, rule: string, brandId: string, agencyIds: string[], workspaceId = world.a.id) => ({
    workspaceId,
    conflictKey: key,
    rule,
    severity: "warning",
    brandId,
    agencyIds,
    channel: "x",
    goesLiveAt: new Date("2026-03-20T10:00:00Z"),
    firstSeenAt: new Date("2026-03-05T10:00:00Z"),
  });
  await t.db
    .insert(conflictLog)
    .values([
      row(`POST_COLLISION:${ownDeliverable}+${"0".repeat(32)}`, "POST_COLLISION", x.id, [p.id]),
      row(`CREATOR_EXCLUSIVITY:${"1".repeat(32)}+${"2".repeat(32)}`, "CREATOR_EXCLUSIVITY", x.id, [q.id]),
      row(`BLACKOUT:${"3".repeat(32)}:b`, "BLACKOUT", y.id, [q.id]),
      row(`BLACKOUT:${"4".repeat(32)}:b`, "BLACKOUT", world.brandB.id, [], world.b.id),
    ]);
});

async function seen(who: keyof World["users"], slug = world.a.slug) {
  const ctx: MemberContext = await memberContext(world.users[who].id, slug);
  const facts = (await loadFacts(ctx, filter)).map((f) => f.subjectKey).sort();
  const conflicts = (await loadConflictEntries(ctx, filter))
    .map((c) => c.conflictKey.split(":")[0] + (c.brandId === world.brandY.id ? "@Y" : ""))
    .sort();
  return { facts, conflicts };
}

describe("who sees which insights", () => {
  it("the coordinator: the whole workspace, nothing of another", async () => {
    expect(await seen("coordinator")).toEqual({
      facts: ["x-p-m", "x-q-n", "y-p-none"],
      conflicts: ["BLACKOUT@Y", "CREATOR_EXCLUSIVITY", "POST_COLLISION"],
    });
  });

  it("a brand lead: its brand across agencies, never a conflict naming a competing brand", async () => {
    expect(await seen("brandLead")).toEqual({ facts: ["x-p-m", "x-q-n"], conflicts: ["POST_COLLISION"] });
  });

  it("an agency member: its agency, across brands", async () => {
    expect(await seen("agencyMember")).toEqual({ facts: ["x-p-m", "y-p-none"], conflicts: ["POST_COLLISION"] });
  });

  it("a creator: its own figures and the conflicts touching its own deliverables", async () => {
    expect(await seen("creator")).toEqual({ facts: ["x-p-m"], conflicts: ["POST_COLLISION"] });
  });

  it("a client contact: none", async () => {
    expect(await seen("clientContact")).toEqual({ facts: [], conflicts: [] });
  });

  it("another workspace's owner: only its own workspace", async () => {
    expect(await seen("outsider", world.b.slug)).toEqual({ facts: ["beta"], conflicts: ["BLACKOUT"] });
  });

  it("filters by brand, agency and channel inside the scope (never widening it)", async () => {
    const lead = await memberContext(world.users.brandLead.id, world.a.slug);
    const keys = async (f: Partial<typeof filter>) => (await loadFacts(lead, { ...filter, ...f })).map((x) => x.subjectKey).sort();
    expect(await keys({ agencyId: world.agencyQ.id })).toEqual(["x-q-n"]);
    expect(await keys({ brandId: world.brandY.id })).toEqual([]);
    const coordinator = await memberContext(world.users.coordinator.id, world.a.slug);
    expect((await loadConflictEntries(coordinator, { ...filter, agencyId: world.agencyQ.id })).map((c) => c.rule).sort()).toEqual([
      "BLACKOUT",
      "CREATOR_EXCLUSIVITY",
    ]);
    expect(await loadConflictEntries(coordinator, { ...filter, channel: "instagram" })).toEqual([]);
  });
});
