import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accessSteps, localEmails, notifications } from "@db/schema";
import { confirmStep, forwardStep } from "~/modules/onboarding/client-steps.server";
import { reissueLink } from "~/modules/onboarding/links.server";
import { useTestDatabase } from "../../support/db";
import { buildWorld, type World } from "../../support/world";
import { drain } from "../services/helpers";
import { makeLink, setIdentities, clientCtx } from "./setup";

/**
 * Reminders and alerts on a controlled clock: the worker runs at chosen instants and each due
 * time sends exactly once, however often the worker runs around it.
 */
const t = useTestDatabase();
let world: World;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

beforeAll(async () => {
  world = await buildWorld(t.db);
  await setIdentities(t.db, world.a.id);
});

async function mailsTo(to: string, subjectPart: string) {
  const rows = await t.db
    .select()
    .from(localEmails)
    .where(sql`lower(${localEmails.to}) = ${to}`)
    .orderBy(localEmails.createdAt, localEmails.id);
  return rows.filter((r) => r.subject.includes(subjectPart));
}

/** Runs the worker several times at each instant, as a busy worker would. */
async function runAt(t0: Date, offsetMs: number) {
  const now = new Date(t0.getTime() + offsetMs);
  await drain(now);
  await drain(now);
}

describe("client reminders: after 2 days, then every 2 days, at most 3", () => {
  it("sends each reminder once at its due time and never a fourth", async () => {
    const t0 = new Date();
    const to = "remind@client.example";
    await makeLink(world, world.users.admin.id, { clientEmail: to }, t0);
    await runAt(t0, 0); // the link email itself
    const reminders = () => mailsTo(to, "Reminder:");
    await runAt(t0, 2 * DAY - 60_000);
    expect(await reminders()).toHaveLength(0);
    await runAt(t0, 2 * DAY + 60_000);
    expect(await reminders()).toHaveLength(1);
    await runAt(t0, 3 * DAY);
    expect(await reminders()).toHaveLength(1);
    await runAt(t0, 4 * DAY + 60_000);
    expect(await reminders()).toHaveLength(2);
    await runAt(t0, 6 * DAY + 60_000);
    expect(await reminders()).toHaveLength(3);
    await runAt(t0, 8 * DAY + 60_000);
    await runAt(t0, 12 * DAY);
    expect(await reminders()).toHaveLength(3);
    const bodies = (await reminders()).map((m) => m.text);
    expect(bodies[0]).toMatch(/Meta ad account/);
  });

  it("stops once the client has nothing left to do", async () => {
    const t0 = new Date();
    const to = "done-early@client.example";
    const { linkId } = await makeLink(
      world,
      world.users.admin.id,
      { clientEmail: to, platforms: [{ platformKey: "ga4", role: "Viewer" }] },
      t0,
    );
    await runAt(t0, 2 * DAY + 60_000);
    expect(await mailsTo(to, "Reminder:")).toHaveLength(1);
    const [step] = await t.db.select().from(accessSteps).where(eq(accessSteps.linkId, linkId));
    expect(
      (await confirmStep(await clientCtx(linkId), { stepId: step.id, assetId: "312456789" }, new Date(t0.getTime() + 3 * DAY))).ok,
    ).toBe(true);
    await runAt(t0, 4 * DAY + 60_000);
    await runAt(t0, 6 * DAY + 60_000);
    expect(await mailsTo(to, "Reminder:")).toHaveLength(1);
  });

  it("a forwarded step has its own three reminders", async () => {
    const t0 = new Date();
    const { linkId } = await makeLink(world, world.users.admin.id, { clientEmail: "fwd-owner@client.example" }, t0);
    const [step] = await t.db.select().from(accessSteps).where(eq(accessSteps.linkId, linkId)).orderBy(accessSteps.position);
    expect(
      (await forwardStep(await clientCtx(linkId), { stepId: step.id, name: "Marco", email: "fwd@client.example", message: "" }, t0)).ok,
    ).toBe(true);
    for (const day of [1, 2.01, 2.5, 4.01, 6.01, 8.01, 10]) await runAt(t0, day * DAY);
    expect(await mailsTo("fwd@client.example", "Reminder:")).toHaveLength(3);
  });
});

describe("account manager alert after 48 hours without progress", () => {
  it("alerts once per stall, and again after new progress stalls", async () => {
    const t0 = new Date();
    const { linkId } = await makeLink(
      world,
      world.users.admin.id,
      { clientEmail: "stall@client.example", accountManagerId: world.users.coordinator.id },
      t0,
    );
    const alerts = async () =>
      (await t.db.select().from(notifications).where(eq(notifications.userId, world.users.coordinator.id))).filter((n) =>
        n.title.startsWith("No onboarding progress"),
      );
    await runAt(t0, 47 * HOUR);
    expect(await alerts()).toHaveLength(0);
    await runAt(t0, 48 * HOUR + 60_000);
    expect(await alerts()).toHaveLength(1);
    await runAt(t0, 60 * HOUR);
    expect(await alerts()).toHaveLength(1);
    expect(await mailsTo(world.users.coordinator.email, "No onboarding progress from Fresh Client")).toHaveLength(1);

    // Progress at 3 days restarts the clock: a new stall alerts once more, 48 hours later.
    const [step] = await t.db.select().from(accessSteps).where(eq(accessSteps.linkId, linkId)).orderBy(accessSteps.position);
    const progressAt = new Date(t0.getTime() + 3 * DAY);
    expect((await confirmStep(await clientCtx(linkId), { stepId: step.id, assetId: "1234567890" }, progressAt)).ok).toBe(true);
    await runAt(t0, 3 * DAY + 47 * HOUR);
    expect(await alerts()).toHaveLength(1);
    await runAt(t0, 5 * DAY + 60_000);
    expect(await alerts()).toHaveLength(2);
    await runAt(t0, 9 * DAY);
    expect(await alerts()).toHaveLength(2);
  });
});

describe("re-issue and forwarded steps", () => {
  it("a re-issued link restarts its reminders from the re-issue, with the new address; the old schedule sends nothing", async () => {
    const t0 = new Date();
    const to = "reissued@client.example";
    const { linkId, token, ctx } = await makeLink(world, world.users.admin.id, { clientEmail: to }, t0);
    await runAt(t0, 2 * DAY + 60_000);
    expect(await mailsTo(to, "Reminder:")).toHaveLength(1);
    const at = new Date(t0.getTime() + 3 * DAY);
    const re = await reissueLink(ctx, linkId, { expiresInDays: 30, sendEmail: false }, at);
    if (!re.ok) throw new Error(re.problem.message);
    const fresh = re.value.url.slice(re.value.url.lastIndexOf("/") + 1);
    // The old link's second reminder (day 4) is not sent; the new one's first is due at day 5.
    await runAt(t0, 4 * DAY + 60_000);
    expect(await mailsTo(to, "Reminder:")).toHaveLength(1);
    await runAt(t0, 5 * DAY + 60_000);
    await runAt(t0, 5 * DAY + 2 * 60_000);
    const sent = await mailsTo(to, "Reminder:");
    expect(sent).toHaveLength(2);
    expect(sent[1].html).toContain(`/onboard/${fresh}`);
    expect(sent[1].html).not.toContain(`/onboard/${token}`);
    for (const day of [7.01, 9.01, 11.01, 15]) await runAt(t0, day * DAY);
    expect(await mailsTo(to, "Reminder:")).toHaveLength(4);
  });

  it("the account manager is alerted once when a forwarded step stays undone for 48 hours, not when it was done", async () => {
    const t0 = new Date();
    const { linkId } = await makeLink(
      world,
      world.users.admin.id,
      { clientEmail: "fwd-stall@client.example", accountManagerId: world.users.owner.id },
      t0,
    );
    const steps = await t.db.select().from(accessSteps).where(eq(accessSteps.linkId, linkId)).orderBy(accessSteps.position);
    await forwardStep(await clientCtx(linkId), { stepId: steps[0].id, name: "Idle", email: "idle@client.example", message: "" }, t0);
    await forwardStep(await clientCtx(linkId), { stepId: steps[1].id, name: "Quick", email: "quick@client.example", message: "" }, t0);
    expect(
      (await confirmStep(await clientCtx(linkId), { stepId: steps[1].id, assetId: "312456789" }, new Date(t0.getTime() + HOUR))).ok,
    ).toBe(true);
    const alerts = async (who: string) =>
      (await t.db.select().from(notifications).where(eq(notifications.userId, world.users.owner.id))).filter((n) =>
        n.title.startsWith(`${who} has not done the forwarded`),
      );
    await runAt(t0, 47 * HOUR);
    expect(await alerts("Idle")).toHaveLength(0);
    await runAt(t0, 48 * HOUR + 60_000);
    await runAt(t0, 49 * HOUR);
    await runAt(t0, 5 * DAY);
    expect(await alerts("Idle")).toHaveLength(1);
    expect(await alerts("Quick")).toHaveLength(0);
  });
});
