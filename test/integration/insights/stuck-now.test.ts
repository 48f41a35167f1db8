import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { accessSteps, briefAcknowledgments, briefVersions, conflictAcknowledgments, conflictLog, deliverables } from "@db/schema";
import { decide } from "~/modules/approvals/decide.server";
import { waitingOn } from "~/modules/home/waiting.server";
import { loadStuck } from "~/modules/insights/stuck.server";
import { confirmStep } from "~/modules/onboarding/client-steps.server";
import { unwrap } from "~/utils/outcome";
import { useTestDatabase } from "../../support/db";
import { buildWorld, type World } from "../../support/world";
import { campaignFixture, ctxOf, submittedDeliverable } from "../approvals/fixtures";
import { clientCtx, makeLink, setIdentities } from "../onboarding/setup";

/**
 * Issue 16, "stuck now": every kind of handoff, one just past its expected time and one just
 * inside it, on a controlled clock; grouped by whoever holds it; and the holders are the ones the
 * home page's "waiting on me" names (one definition of who holds a handoff, read by both).
 */

const t = useTestDatabase();
const HOUR = 3_600_000;
const T0 = new Date("2027-05-03T08:00:00Z");
const at = (hours: number) => vi.setSystemTime(new Date(T0.getTime() + hours * HOUR));
const NOW_H = 30;
const now = () => new Date(T0.getTime() + NOW_H * HOUR);

let world: World;
const ids: Record<string, string> = {};

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"], now: new Date(T0.getTime() - 3 * 24 * HOUR) });
  world = await buildWorld(t.db);
  await setIdentities(t.db, world.a.id);
  // Three days before: a link the client never opened (the client holds it, 72 h > 48 h without progress).
  ids.silentLink = (await makeLink(world, world.users.admin.id, { newClientName: "Quiet Client" })).linkId;

  at(0);
  const campaign = await campaignFixture(t.db, world);
  ids.review = await submittedDeliverable(world, campaign, { title: "Reel waiting 30 h", publishInHours: 240 });
  ids.signoff = await submittedDeliverable(world, campaign, { title: "Post due soon", publishInHours: 88 });
  ids.blocked = await submittedDeliverable(world, campaign, { title: "Story past its deadline", publishInHours: 100, submit: false });
  // Its publish time moved up behind the rule's back: the deadline passed 8 h after T0, and the deadline job blocked it.
  await t.db
    .update(deliverables)
    .set({ blocked: true, publishAt: new Date(T0.getTime() + 40 * HOUR) })
    .where(eq(deliverables.id, ids.blocked));
  // An agency link: its account manager is the agency member who made it; the client grants one platform an hour later.
  ids.link = (await makeLink(world, world.users.agencyMember.id, { newClientName: "Eager Client" })).linkId;
  const [brief] = await t.db.select().from(briefVersions).where(eq(briefVersions.campaignId, campaign.id));
  await t.db.insert(briefAcknowledgments).values([
    // The agency member was asked 50 h before "now" (past 48 h); the creator 47 h before (not yet).
    {
      workspaceId: world.a.id,
      campaignId: campaign.id,
      briefVersionId: brief.id,
      version: 1,
      userId: world.users.agencyMember.id,
      requestedAt: new Date(now().getTime() - 50 * HOUR),
    },
    {
      workspaceId: world.a.id,
      campaignId: campaign.id,
      briefVersionId: brief.id,
      version: 1,
      userId: world.users.creator.id,
      requestedAt: new Date(now().getTime() - 47 * HOUR),
    },
  ]);

  at(1);
  const steps = await t.db.select().from(accessSteps).where(eq(accessSteps.linkId, ids.link));
  unwrap(
    await confirmStep(
      await clientCtx(ids.link),
      { stepId: steps.find((s) => s.platformKey === "ga4")!.id, assetId: "312456789" },
      new Date(),
    ),
  );

  at(28);
  ids.fresh = await submittedDeliverable(world, campaign, { title: "Reel in review 2 h", publishInHours: 240 });
  at(29);
  unwrap(
    await decide(
      await ctxOf(world, "agencyMember"),
      { deliverableId: ids.signoff, version: 1, decision: "approve", comment: null },
      new Date(),
    ),
  );

  at(NOW_H);
  const key = (n: number) => `SIGNOFF_RISK:${String(n).repeat(32)}`;
  await t.db.insert(conflictLog).values([
    {
      workspaceId: world.a.id,
      conflictKey: key(1),
      rule: "BLACKOUT",
      severity: "error",
      brandId: world.brandX.id,
      firstSeenAt: new Date(now().getTime() - 25 * HOUR),
    },
    {
      workspaceId: world.a.id,
      conflictKey: key(2),
      rule: "POST_COLLISION",
      severity: "warning",
      brandId: world.brandX.id,
      firstSeenAt: new Date(now().getTime() - 40 * HOUR),
    },
    {
      workspaceId: world.a.id,
      conflictKey: key(3),
      rule: "POST_COLLISION",
      severity: "warning",
      brandId: world.brandX.id,
      firstSeenAt: new Date(now().getTime() - 23 * HOUR),
    },
  ]);
  // Acknowledged with a note: someone decided it may stand, so it is nobody's to chase.
  await t.db
    .insert(conflictAcknowledgments)
    .values({ workspaceId: world.a.id, conflictKey: key(2), note: "Fine", userId: world.users.coordinator.id });
}, 120_000);
afterAll(() => vi.useRealTimers());

const summary = (stuck: Awaited<ReturnType<typeof loadStuck>>) =>
  Object.fromEntries(stuck.groups.map((g) => [g.name, g.items.map((i) => `${i.kind}: ${i.title}`)]));

describe("stuck now", () => {
  it("lists each handoff past its expected time under whoever holds it, and nothing still within it", async () => {
    const stuck = await loadStuck(await ctxOf(world, "coordinator"), now());
    // Longest past its expected time first: the silent client (54 h over), the blocked story (38 h), ...
    expect(stuck.groups.map((g) => g.name)).toEqual([
      "Quiet Client (client)",
      "coordinator",
      "agency",
      "Conflicts: owner, admin, coordinator",
      "lead",
    ]);
    expect(summary(stuck)).toEqual({
      // The blocked story (past its deadline, oldest overdue) is the coordinator's to reschedule.
      coordinator: ["blocked: Story past its deadline"],
      // 50 h since the brief was asked (expected 2 days), 30 h in review (the route's 24 h), 29 h since the grant (24 h).
      // Most overdue first: 6 h past the review time, 5 h past the day for a grant, 2 h past the brief's two days.
      agency: [
        "draft_review: Reel waiting 30 h (v1)",
        "access_verify: Verify 1 grant from Eager Client",
        "brief_ack: Glow launch: brief v1",
      ],
      // The client has not moved for 3 days (expected 48 h): the only holder outside the workspace.
      "Quiet Client (client)": ["access_grant: Quiet Client has not granted 3 platforms"],
      // Open 25 h, not acknowledged (24 h expected): the team that resolves conflicts holds it.
      "Conflicts: owner, admin, coordinator": ["conflict: In a blackout"],
      // At the brand sign-off for 1 h only, but its deadline is 10 h away: under the 24 h of SIGNOFF_RISK.
      lead: ["signoff: Post due soon (v1)"],
    });
    expect(stuck.total).toBe(7);
    const item = (kind: string) => stuck.groups.flatMap((g) => g.items).find((i) => i.kind === kind)!;
    expect([item("draft_review").waitedMs / HOUR, item("draft_review").expectedMs / HOUR]).toEqual([30, 24]);
    expect([item("signoff").waitedMs / HOUR, item("signoff").dueAt]).toEqual([1, new Date(now().getTime() + 10 * HOUR).toISOString()]);
    expect(item("access_verify").url).toBe(`/w/${world.a.slug}/onboarding/${ids.link}`);
  });

  it("names the same holders as the home page's 'waiting on me' (one definition of who holds a handoff)", async () => {
    const stuck = await loadStuck(await ctxOf(world, "coordinator"), now());
    for (const who of ["coordinator", "agencyMember", "brandLead"] as const) {
      const person = world.users[who];
      const held = stuck.groups.find((g) => g.holder.kind === "person" && g.holder.userId === person.id)!;
      const home = await waitingOn(await ctxOf(world, who));
      for (const i of held.items)
        expect(
          home.map((h) => h.url),
          `${who}: ${i.title}`,
        ).toContain(i.url);
    }
  });

  it("shows a scoped viewer only its share: a creator its own briefs, nobody's links; the agency its own links", async () => {
    const creator = summary(await loadStuck(await ctxOf(world, "creator"), now()));
    expect(Object.keys(creator).sort()).toEqual(["agency", "coordinator", "lead"]);
    expect(creator.agency).toEqual(["draft_review: Reel waiting 30 h (v1)"]);
    const agency = summary(await loadStuck(await ctxOf(world, "agencyMember"), now()));
    expect(agency.agency).toContain("access_verify: Verify 1 grant from Eager Client");
    expect(agency["Quiet Client (client)"]).toBeUndefined();
  });

  it("lets go of a handoff as soon as it moves: the grant verified, the brief acknowledged", async () => {
    await t.db
      .update(briefAcknowledgments)
      .set({ acknowledgedAt: now() })
      .where(and(eq(briefAcknowledgments.userId, world.users.agencyMember.id)));
    await t.db.update(accessSteps).set({ status: "verified", verifiedAt: now() }).where(eq(accessSteps.linkId, ids.link));
    const stuck = summary(await loadStuck(await ctxOf(world, "coordinator"), now()));
    expect(stuck.agency).toEqual(["draft_review: Reel waiting 30 h (v1)"]);
  });
});
