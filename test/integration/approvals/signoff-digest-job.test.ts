import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { brands, decisionLinks, jobs, notificationPrefs } from "@db/schema";
import { runSignoffDigest } from "~/modules/approvals/signoff-digest/job.server";
import { nextDigestSlot } from "~/modules/approvals/signoff-digest/schedule";
import { ensureSignoffDigestScheduled, SIGNOFF_DIGEST_JOB } from "~/modules/approvals/signoff-digest/schedule.server";
import { jobHandlers } from "~/modules/jobs/handlers.server";
import { runDueJobs } from "~/modules/jobs/worker.server";
import { sha256 } from "~/utils/crypto.server";
import { addMember, createUser } from "../../../db/factories";
import { useTestDatabase } from "../../support/db";
import { buildWorld, type World } from "../../support/world";
import { atSignOff } from "./decision-link-fixtures";
import { campaignFixture, emailJobs, HOUR, mails, submittedDeliverable } from "./fixtures";
import { digestEmails, digestTokenFor, runDigestAtNextSlot } from "./signoff-digest-fixtures";

/**
 * The daily sign-off digest's job (issue 17 part 3) with a controlled clock: 08:00 in the brand's
 * zone, one email per brand lead, brand and local day however often it runs, none when nothing
 * waits, and the chain to the next day.
 */
const t = useTestDatabase();
let world: World;
let campaign: Awaited<ReturnType<typeof campaignFixture>>;
const DAY = 24 * HOUR;

beforeAll(async () => {
  world = await buildWorld(t.db);
  // Auckland's 08:00 is the evening before in UTC: the day that counts is the brand's.
  await t.db.update(brands).set({ timeZone: "Pacific/Auckland" }).where(eq(brands.id, world.brandX.id));
  campaign = await campaignFixture(t.db, world);
  // Brand Y has a lead too, with nothing waiting for them.
  const leadY = await createUser(t.db, { email: `lead-y-${Date.now()}@example.test`, name: "Lead Y" });
  await addMember(t.db, world.a.id, leadY.id, "brand_lead", { brandId: world.brandY.id });
});

const digestJobs = (brandId: string) =>
  t.db
    .select()
    .from(jobs)
    .where(eq(jobs.kind, SIGNOFF_DIGEST_JOB))
    .then((rows) => rows.filter((j) => (j.payload as { brandId: string }).brandId === brandId));

describe("the digest at 08:00 in the brand's zone", () => {
  it("a draft reaching the brand sign-off puts the brand's digest on the queue, at the next 08:00 Auckland time", async () => {
    const before = new Date();
    await atSignOff(t.db, world, campaign, { title: "Queued by the sign-off" });
    const slot = nextDigestSlot(before, "Pacific/Auckland");
    const queued = (await digestJobs(world.brandX.id)).filter((j) => j.status === "pending");
    expect(queued.map((j) => j.runAt.toISOString())).toContain(slot.at.toISOString());
    expect(queued.find((j) => j.runAt.getTime() === slot.at.getTime())?.dedupeKey).toBe(
      `${SIGNOFF_DIGEST_JOB}:${world.brandX.id}:${slot.at.toISOString()}`,
    );
  });

  it("each lead gets one email listing what waits for them, most urgent first, with a personal 48-hour link; twice the same day sends nothing more", async () => {
    const lead = world.users.brandLead;
    await atSignOff(t.db, world, campaign, { title: "Later reel", publishInHours: 150 });
    await atSignOff(t.db, world, campaign, { title: "Sooner reel", publishInHours: 90 });
    // Still with the agency: not the brand's to sign yet.
    await submittedDeliverable(world, campaign, { title: "Agency still reviewing" });
    const before = (await digestEmails(t.db, lead.email)).length;

    const first = await runDigestAtNextSlot(t.db, world.brandX.id);
    expect(first.queued).toBe(1);
    const sent = (await digestEmails(t.db, lead.email)).slice(before);
    expect(sent).toHaveLength(1);
    const titles = sent[0].props.items.map((i) => i.title);
    expect(titles.indexOf("Sooner reel")).toBeLessThan(titles.indexOf("Later reel"));
    expect(titles).not.toContain("Agency still reviewing");
    expect(sent[0].props.total).toBe(titles.length);
    // The day in the key is Auckland's, a day after the UTC date of the same instant.
    expect(first.localDate).not.toBe(first.at.toISOString().slice(0, 10));
    expect(sent[0].job.dedupeKey).toBe(`${SIGNOFF_DIGEST_JOB}:email:${world.brandX.id}:${lead.id}:${first.localDate}`);
    const links = await t.db
      .select()
      .from(decisionLinks)
      .where(and(eq(decisionLinks.purpose, "digest"), eq(decisionLinks.userId, lead.id)));
    expect(links).toHaveLength(1);
    // Only its SHA-256 is stored; the outbox holds the email's props sealed (security.md 10).
    const token = await digestTokenFor(t.db, lead.email);
    expect(links[0].tokenHash).toBe(sha256(token));
    expect(JSON.stringify(await t.db.select().from(decisionLinks))).not.toContain(token);
    expect(JSON.stringify(await t.db.select().from(jobs))).not.toContain(token);
    expect(links[0]).toMatchObject({ brandId: world.brandX.id, deliverableId: null, expiresAt: new Date(first.at.getTime() + 2 * DAY) });

    // The same slot again (a retry, a second worker): no second email, no second link.
    expect(await runSignoffDigest({ brandId: world.brandX.id, at: first.at }, new Date(first.at.getTime() + 5 * 60_000))).toBe(0);
    expect((await digestEmails(t.db, lead.email)).slice(before)).toHaveLength(1);
    expect(await t.db.select().from(decisionLinks).where(eq(decisionLinks.purpose, "digest"))).toHaveLength(1);

    // The run handed on to the next 08:00, and that one sends the next day's.
    const next = nextDigestSlot(first.at, "Pacific/Auckland");
    expect((await digestJobs(world.brandX.id)).some((j) => j.runAt.getTime() === next.at.getTime())).toBe(true);
    expect(await runSignoffDigest({ brandId: world.brandX.id, at: next.at }, next.at)).toBe(1);
    expect((await digestEmails(t.db, lead.email)).slice(before)).toHaveLength(2);
  });

  it("a lead who turned approval emails off gets no digest", async () => {
    const lead = world.users.brandLead;
    await atSignOff(t.db, world, campaign, { title: "Waits all week", publishInHours: 400 });
    await t.db.insert(notificationPrefs).values({ userId: lead.id, category: "approvals", mode: "off" });
    try {
      const later = nextDigestSlot(new Date(Date.now() + 5 * DAY), "Pacific/Auckland");
      expect(await runSignoffDigest({ brandId: world.brandX.id, at: later.at }, later.at)).toBe(0);
    } finally {
      await t.db.delete(notificationPrefs).where(eq(notificationPrefs.userId, lead.id));
    }
  });

  it("sends nothing when nothing waits, and still hands on to the next day", async () => {
    const all = async () => (await emailJobs(t.db, "signoff-digest")).length;
    const before = await all();
    const run = await runDigestAtNextSlot(t.db, world.brandY.id);
    expect(run.queued).toBe(0);
    expect(await all()).toBe(before);
    expect(await t.db.select().from(decisionLinks).where(eq(decisionLinks.brandId, world.brandY.id))).toEqual([]);
    const next = nextDigestSlot(run.at, "UTC");
    expect((await digestJobs(world.brandY.id)).some((j) => j.runAt.getTime() === next.at.getTime() && j.status === "pending")).toBe(true);
  });

  it("a job scheduled before the brand moved zones sends nothing at the old hour and queues the new 08:00", async () => {
    await t.db.update(brands).set({ timeZone: "America/New_York" }).where(eq(brands.id, world.brandY.id));
    const berlinEight = nextDigestSlot(new Date(), "Europe/Berlin").at;
    expect(await runSignoffDigest({ brandId: world.brandY.id, at: berlinEight }, berlinEight)).toBe(0);
    const newYork = nextDigestSlot(berlinEight, "America/New_York");
    expect((await digestJobs(world.brandY.id)).some((j) => j.runAt.getTime() === newYork.at.getTime())).toBe(true);
  });
});

describe("through the worker", () => {
  it("the queued job runs at its 08:00 and the email is delivered", async () => {
    const lead = world.users.brandLead;
    const slot = nextDigestSlot(new Date(Date.now() + 2 * DAY), "Pacific/Auckland");
    // The digest job for that morning, as the previous day's run left it.
    await ensureSignoffDigestScheduled(
      t.db,
      { id: world.brandX.id, workspaceId: world.a.id, timeZone: "Pacific/Auckland" },
      new Date(slot.at.getTime() - 1),
    );
    const delivered = (await mails(t.db, lead.email)).length;
    await runDueJobs(jobHandlers, { now: slot.at });
    await runDueJobs(jobHandlers, { now: new Date(slot.at.getTime() + 1000) });
    const inbox = (await mails(t.db, lead.email)).slice(delivered);
    expect(inbox.map((m) => m.subject)).toContainEqual(expect.stringMatching(/sign-offs? waiting for you: Brand X/));
  });
});
