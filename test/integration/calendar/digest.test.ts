import { and, eq } from "drizzle-orm";
import { DateTime } from "luxon";
import { beforeAll, expect, it } from "vitest";
import { campaigns, conflictAcknowledgments, deliverables, jobs } from "@db/schema";
import { CONFLICT_DIGEST_JOB, runConflictDigest } from "~/modules/calendar/digest.server";
import { openPayload } from "~/modules/jobs/queue.server";
import { useTestDatabase } from "../../support/db";
import { buildWorld, type World } from "../../support/world";

/**
 * The weekly digest: coordinators get one email listing the open conflicts of the coming two
 * weeks (not later ones, not acknowledged ones), and the next digest is scheduled.
 */
const t = useTestDatabase();
let world: World;
const now = DateTime.utc().startOf("hour").toJSDate();

beforeAll(async () => {
  world = await buildWorld(t.db);
  const start = DateTime.fromJSDate(now);
  const [c] = await t.db
    .insert(campaigns)
    .values({
      workspaceId: world.a.id,
      brandId: world.brandX.id,
      leadAgencyId: world.agencyP.id,
      name: "X Launch",
      status: "active",
      channels: ["instagram"],
      startsAt: start.minus({ days: 1 }).toJSDate(),
      endsAt: start.plus({ days: 40 }).toJSDate(),
    })
    .returning();
  const post = (title: string, at: DateTime) => ({
    workspaceId: world.a.id,
    campaignId: c.id,
    brandId: world.brandX.id,
    creatorId: world.creatorM.id,
    channel: "instagram",
    title,
    publishAt: at.toJSDate(),
    status: "signed_off",
    signedOffAt: now,
    currentVersion: 1,
    signedOffVersion: 1,
  });
  await t.db
    .insert(deliverables)
    .values([
      post("Soon one", start.plus({ days: 5 })),
      post("Soon two", start.plus({ days: 5, hours: 1 })),
      post("Later one", start.plus({ days: 20 })),
      post("Later two", start.plus({ days: 20, hours: 1 })),
      post("Acked one", start.plus({ days: 8 })),
      post("Acked two", start.plus({ days: 8, hours: 1 })),
    ]);
  const acked = await t.db.select().from(deliverables).where(eq(deliverables.campaignId, c.id));
  const [a, b] = acked
    .filter((d) => d.title.startsWith("Acked"))
    .map((d) => d.id)
    .sort();
  await t.db
    .insert(conflictAcknowledgments)
    .values({ workspaceId: world.a.id, conflictKey: `POST_COLLISION:${a}+${b}`, note: "Agreed with the brand" });
});

it("emails each coordinator the open conflicts of the next 14 days and schedules the next digest", async () => {
  expect(await runConflictDigest(world.a.id, now)).toBe(1);
  const emails = await t.db
    .select()
    .from(jobs)
    .where(and(eq(jobs.kind, "email"), eq(jobs.workspaceId, world.a.id)));
  expect(emails).toHaveLength(1);
  const payload = openPayload(emails[0].payload) as {
    to: string;
    template: string;
    props: { conflicts: { code: string; message: string }[] };
  };
  expect(payload.to).toBe(world.users.coordinator.email);
  expect(payload.template).toBe("conflict-digest");
  const messages = payload.props.conflicts.filter((c) => c.code === "POST_COLLISION").map((c) => c.message);
  expect(messages).toHaveLength(1);
  expect(messages[0]).toContain("Soon one");
  expect(JSON.stringify(payload.props)).not.toContain("Later one");
  // The acknowledged collision is left out (its posts still show up for their own, open warnings).
  const next = await t.db
    .select()
    .from(jobs)
    .where(and(eq(jobs.kind, CONFLICT_DIGEST_JOB), eq(jobs.workspaceId, world.a.id)));
  expect(next).toHaveLength(1);
  expect(next[0].runAt.getTime()).toBeGreaterThan(now.getTime());
  // Running it again the same week queues no second email.
  await runConflictDigest(world.a.id, now);
  expect(
    await t.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.kind, "email"), eq(jobs.workspaceId, world.a.id))),
  ).toHaveLength(1);
});
