import { and, count, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accessSteps, auditEvents, jobs, onboardingLinks } from "@db/schema";
import { confirmStep } from "~/modules/onboarding/client-steps.server";
import { JOB } from "~/modules/onboarding/shared.server";
import { useTestDatabase } from "../../support/db";
import { call, makeRequest } from "../../support/http";
import { buildWorld, type World } from "../../support/world";
import { makeLink, setIdentities, clientCtx } from "./setup";

/**
 * Issue 12 point 9: "I've granted access" for the asset already confirmed is a no-op: however
 * often and however concurrently it arrives, one access.confirmed event and one stall check.
 */
const t = useTestDatabase();
let world: World;
let ipCounter = 0;
const ip = () => `198.19.${Math.floor(ipCounter / 250) % 250}.${ipCounter++ % 250}`;
const page = () => import("~/routes/onboard.$token");

beforeAll(async () => {
  world = await buildWorld(t.db);
  await setIdentities(t.db, world.a.id);
});

async function traces(stepId: string, linkId: string) {
  const events = await t.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.objectId, stepId), eq(auditEvents.action, "access.confirmed")));
  const stallChecks = await t.db
    .select()
    .from(jobs)
    .where(and(eq(jobs.kind, JOB.stallCheck), sql`${jobs.payload}->>'linkId' = ${linkId}`));
  // Everything else a change could leave: any audit event, any job (emails, webhooks, reminders).
  const allAudit = (await t.db.select({ n: count() }).from(auditEvents))[0].n;
  const allJobs = (await t.db.select({ n: count() }).from(jobs))[0].n;
  return { events, stallChecks, allAudit, allJobs };
}

describe("confirming a step that is already confirmed with the same asset", () => {
  it("20 concurrent confirmations through the page: all answered as done, one event, one stall check", async () => {
    const { linkId, token } = await makeLink(world, world.users.admin.id);
    const [meta] = await t.db.select().from(accessSteps).where(eq(accessSteps.linkId, linkId)).orderBy(accessSteps.position);
    const before = await traces(meta.id, linkId);
    const confirm = async () =>
      call(
        (await page()).action,
        makeRequest(`/onboard/${token}`, { form: { intent: "confirm", stepId: meta.id, assetId: "act_1234567890" }, ip: ip() }),
        { token },
      );
    const results = await Promise.all(Array.from({ length: 20 }, confirm));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(302));

    const after = await traces(meta.id, linkId);
    expect(after.events).toHaveLength(1);
    expect(after.stallChecks.length - before.stallChecks.length).toBe(1);
    const step = (await t.db.select().from(accessSteps).where(eq(accessSteps.id, meta.id)))[0];
    expect([step.status, step.assetId, step.rowVersion]).toEqual(["confirmed", "1234567890", meta.rowVersion + 1]);
  });

  it("a later re-confirm of the same asset writes nothing; another asset is a real change", async () => {
    const { linkId } = await makeLink(world, world.users.admin.id);
    const [meta] = await t.db.select().from(accessSteps).where(eq(accessSteps.linkId, linkId)).orderBy(accessSteps.position);
    const first = new Date("2026-05-04T09:00:00Z");
    expect((await confirmStep(await clientCtx(linkId), { stepId: meta.id, assetId: "act_1234567890" }, first)).ok).toBe(true);
    const once = await traces(meta.id, linkId);
    const stepOnce = (await t.db.select().from(accessSteps).where(eq(accessSteps.id, meta.id)))[0];

    const linkOnce = (await t.db.select().from(onboardingLinks).where(eq(onboardingLinks.id, linkId)))[0];

    // An hour later, the same asset again (typed without "act_", it normalises to the same ID).
    const again = await confirmStep(
      await clientCtx(linkId),
      { stepId: meta.id, assetId: "1234567890" },
      new Date(first.getTime() + 3_600_000),
    );
    expect(again.ok).toBe(true);
    expect(await traces(meta.id, linkId)).toEqual(once);
    expect((await t.db.select().from(accessSteps).where(eq(accessSteps.id, meta.id)))[0]).toEqual(stepOnce);
    // No progress recorded either: the 48-hour stall clock does not restart.
    expect((await t.db.select().from(onboardingLinks).where(eq(onboardingLinks.id, linkId)))[0]).toEqual(linkOnce);

    // A corrected asset ID is a change the agency must verify: recorded, and the clock restarts.
    const other = await confirmStep(
      await clientCtx(linkId),
      { stepId: meta.id, assetId: "act_9876543210" },
      new Date(first.getTime() + 7_200_000),
    );
    expect(other.ok).toBe(true);
    const corrected = await traces(meta.id, linkId);
    expect(corrected.events).toHaveLength(once.events.length + 1);
    expect(corrected.events.map((e) => e.data)).toContainEqual(
      expect.objectContaining({ from: "confirmed", to: "confirmed", assetId: "9876543210" }),
    );
    expect(corrected.stallChecks).toHaveLength(once.stallChecks.length + 1);
  });
});
