import { and, eq, sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditEvents, invitations, jobs, localEmails, notificationPrefs, notifications } from "@db/schema";
import { emailTemplates } from "@emails/index";
import { recordAudit } from "~/modules/audit/audit.server";
import { queueEmail } from "~/modules/email/send.server";
import { jobHandlers } from "~/modules/jobs/handlers.server";
import { runDueJobs } from "~/modules/jobs/worker.server";
import type { EmailMode } from "~/modules/notifications/categories";
import { notify } from "~/modules/notifications/notify.server";
import { createEndpoint } from "~/modules/webhooks/endpoints.server";
import { inviteMember } from "~/modules/workspaces/members.server";
import { TEST_APP_URL, useTestDatabase } from "../../support/db";
import { buildWorld, type World } from "../../support/world";
import { drain, jobsOfKind, memberContext, rolledBack } from "./helpers";
import { newIdempotencyKey } from "~/utils/idempotency.server";

/**
 * Items 31-32: the audit trail is append-only, and each decision writes exactly one event in its
 * transaction. Then notify(): the in-app notification and, as the person prefers, the email, in
 * the caller's transaction.
 */
const t = useTestDatabase();
let world: World;
beforeAll(async () => {
  world = await buildWorld(t.db);
});

/** The message of a database error, including the one drizzle wraps as `cause`. */
function errorText(error: unknown): string {
  const parts: string[] = [];
  for (let e = error as { message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) parts.push(String(e.message));
  return parts.join(" | ");
}

async function expectRefused(run: () => Promise<unknown>, op: string) {
  const error = await run().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `${op} should fail`).not.toBeNull();
  expect(errorText(error)).toMatch(new RegExp(`audit_events is append-only: ${op} is not allowed`));
}

const eventsFor = (objectId: string) => t.db.select().from(auditEvents).where(eq(auditEvents.objectId, objectId));

describe("append-only (31)", () => {
  it("refuses UPDATE, DELETE and TRUNCATE on audit_events, and the row is unchanged", async () => {
    await recordAudit(t.db, {
      workspaceId: world.a.id,
      actor: { userId: world.users.owner.id, label: world.users.owner.email },
      action: "test.recorded",
      objectType: "test",
      objectId: "obj-append-only",
    });
    const [before] = await eventsFor("obj-append-only");
    expect(before).toBeDefined();

    await expectRefused(() => t.db.update(auditEvents).set({ action: "test.rewritten" }).where(eq(auditEvents.id, before.id)), "UPDATE");
    await expectRefused(() => t.db.update(auditEvents).set({ data: {} }), "UPDATE");
    await expectRefused(() => t.db.delete(auditEvents).where(eq(auditEvents.id, before.id)), "DELETE");
    await expectRefused(() => t.db.delete(auditEvents), "DELETE");
    await expectRefused(() => t.db.execute(sql`TRUNCATE audit_events`), "TRUNCATE");

    const [after] = await eventsFor("obj-append-only");
    expect(after).toEqual(before);
  });
});

describe("one event per decision, in its transaction (32)", () => {
  it("inviting a member writes exactly one member.invited with actor, workspace, object, time and no secret", async () => {
    const ctx = await memberContext(world.users.owner.id, world.a.slug);
    const startedAt = Date.now();
    const result = await inviteMember(ctx, { email: "new-hire@example.test", role: "coordinator", idempotencyKey: newIdempotencyKey() });
    expect(result).toEqual({ ok: true });

    const inv = await t.db.query.invitations.findFirst({
      where: and(eq(invitations.workspaceId, world.a.id), eq(invitations.email, "new-hire@example.test")),
    });
    expect(inv).toBeDefined();
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "member.invited"));
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event).toMatchObject({
      workspaceId: world.a.id,
      actorUserId: world.users.owner.id,
      actorLabel: world.users.owner.email,
      objectType: "invitation",
      objectId: inv!.id,
      ip: "203.0.113.7",
      userAgent: "vitest",
      data: { email: "new-hire@example.test", role: "coordinator" },
    });
    expect(event.createdAt.getTime()).toBeGreaterThanOrEqual(startedAt - 5_000);
    expect(event.createdAt.getTime()).toBeLessThanOrEqual(Date.now() + 5_000);

    // The invitation token travels only in the email; neither it nor its hash is in the audit trail.
    await drain(new Date(Date.now() + 1000));
    const mail = await t.db.query.localEmails.findFirst({ where: eq(localEmails.to, "new-hire@example.test") });
    const token = mail?.text.match(new RegExp(`${TEST_APP_URL}/invite/([A-Za-z0-9_-]+)`))?.[1];
    expect(token).toBeTruthy();
    const stored = JSON.stringify(event);
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(inv!.tokenHash);
  });

  it("a refused invitation (already a member) writes no event", async () => {
    const ctx = await memberContext(world.users.owner.id, world.a.slug);
    const count = async () => (await t.db.select().from(auditEvents).where(eq(auditEvents.workspaceId, world.a.id))).length;
    const before = await count();
    const result = await inviteMember(ctx, { email: world.users.admin.email, role: "coordinator", idempotencyKey: newIdempotencyKey() });
    expect(result).toMatchObject({
      ok: false,
      problem: { kind: "invalid", fields: { email: [expect.stringMatching(/already a member/)] } },
    });
    expect(await count()).toBe(before);
  });

  it("creating a webhook endpoint writes one event, without the signing secret", async () => {
    const ctx = await memberContext(world.users.owner.id, world.a.slug);
    const outcome = await createEndpoint(
      ctx,
      {
        url: "https://hooks.example.test/baton",
        description: "",
        eventTypes: ["draft.submitted"],
      },
      newIdempotencyKey(),
    );
    if (!outcome.ok) throw new Error(outcome.problem.message);
    const created = outcome.value;
    const events = await eventsFor(created.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "webhook.endpoint_created",
      objectType: "webhook_endpoint",
      actorUserId: world.users.owner.id,
    });
    expect(JSON.stringify(events[0])).not.toContain(created.secret.slice("whsec_".length));
  });

  it("drops secret-looking keys from the event data", async () => {
    await recordAudit(t.db, {
      workspaceId: world.a.id,
      actor: { userId: null, label: "system" },
      action: "test.scrubbed",
      objectType: "test",
      objectId: "obj-scrub",
      data: { token: "t0k3n", secret: "s3cr3t", passwordHash: "h4sh", note: "kept" },
    });
    const [event] = await eventsFor("obj-scrub");
    expect(event.data).toEqual({ note: "kept" });
  });

  it("a rolled-back decision writes no event (and queues nothing)", async () => {
    await rolledBack(t.db, async (tx) => {
      await recordAudit(tx, {
        workspaceId: world.a.id,
        actor: { userId: world.users.owner.id, label: world.users.owner.email },
        action: "member.invited",
        objectType: "invitation",
        objectId: "obj-rolled-back",
      });
      await queueEmail(tx, {
        to: "rolled@example.test",
        template: "sign-in-link",
        props: { url: `${TEST_APP_URL}/x`, expiresInMinutes: 15 },
      });
      expect(await tx.select().from(auditEvents).where(eq(auditEvents.objectId, "obj-rolled-back"))).toHaveLength(1);
    });
    expect(await eventsFor("obj-rolled-back")).toHaveLength(0);
    expect((await jobsOfKind(t.db, "email")).filter((j) => (j.payload as { to: string }).to === "rolled@example.test")).toHaveLength(0);
  });

  it("an invitation that fails after its audit insert (the outbox write fails) leaves no event, invitation or job", async () => {
    // Fault injection in this file's own database: the next insert into jobs fails.
    await t.db.execute(
      sql`CREATE FUNCTION test_jobs_fail() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'jobs unavailable (test)'; END; $$ LANGUAGE plpgsql`,
    );
    await t.db.execute(sql`CREATE TRIGGER test_jobs_fail BEFORE INSERT ON jobs FOR EACH ROW EXECUTE FUNCTION test_jobs_fail()`);
    const ctx = await memberContext(world.users.owner.id, world.a.slug);
    const before = (await t.db.select().from(auditEvents)).length;
    const jobsBefore = (await t.db.select().from(jobs)).length;
    try {
      const error = await inviteMember(ctx, { email: "doomed@example.test", role: "admin", idempotencyKey: newIdempotencyKey() }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(errorText(error)).toMatch(/jobs unavailable \(test\)/);
    } finally {
      await t.db.execute(sql`DROP TRIGGER test_jobs_fail ON jobs`);
      await t.db.execute(sql`DROP FUNCTION test_jobs_fail()`);
    }
    expect((await t.db.select().from(auditEvents)).length).toBe(before);
    expect(await t.db.query.invitations.findFirst({ where: eq(invitations.email, "doomed@example.test") })).toBeUndefined();
    expect((await t.db.select().from(jobs)).length).toBe(jobsBefore);
  });
});

// ---- notify ----------------------------------------------------------------------------------

const draftEmail = () => ({ template: "draft-submitted" as const, props: emailTemplates["draft-submitted"].component.PreviewProps });

function input(title: string, userId = world.users.coordinator.id) {
  return {
    workspaceId: world.a.id,
    userId,
    category: "approvals" as const,
    title,
    body: `${title} body`,
    url: `/w/${world.a.slug}/approvals/1`,
    email: draftEmail(),
  };
}

async function setMode(mode: EmailMode, userId = world.users.coordinator.id) {
  await t.db.insert(notificationPrefs).values({ userId, category: "approvals", mode });
}

const notificationsOf = (userId: string) => t.db.select().from(notifications).where(eq(notifications.userId, userId));

describe("notify", () => {
  beforeEach(async () => {
    await t.db.delete(jobs);
    await t.db.delete(notifications);
    await t.db.delete(notificationPrefs);
    await t.db.delete(localEmails);
  });

  it("writes the in-app notification and queues the email in the same transaction (immediate, the default)", async () => {
    const user = world.users.coordinator;
    await t.db.transaction(async (tx) => {
      await notify(tx, input("Draft v3 submitted"));
      // Both are written through the caller's transaction: visible inside it ...
      expect(await tx.select().from(notifications).where(eq(notifications.userId, user.id))).toHaveLength(1);
      expect(await tx.select().from(jobs).where(eq(jobs.kind, "email"))).toHaveLength(1);
    });
    const [n] = await notificationsOf(user.id);
    expect(n).toMatchObject({ workspaceId: world.a.id, category: "approvals", title: "Draft v3 submitted", readAt: null });
    const emailJobs = await jobsOfKind(t.db, "email");
    expect(emailJobs).toHaveLength(1);
    expect(emailJobs[0]).toMatchObject({ workspaceId: world.a.id, status: "pending" });
    expect(emailJobs[0].payload).toMatchObject({ to: user.email, template: "draft-submitted" });
    expect(await jobsOfKind(t.db, "notification-digest")).toHaveLength(0);

    await drain(new Date(Date.now() + 1000));
    const mails = await t.db.select().from(localEmails).where(eq(localEmails.to, user.email));
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toContain("Maya Ortiz submitted v3");
  });

  it('with the preference "off" writes the notification and queues no email', async () => {
    await setMode("off");
    await t.db.transaction((tx) => notify(tx, input("Quiet please")));
    expect(await notificationsOf(world.users.coordinator.id)).toHaveLength(1);
    expect(await t.db.select().from(jobs)).toHaveLength(0);
  });

  it('with the preference "digest" schedules one notification-digest job instead, which sends one email', async () => {
    const user = world.users.coordinator;
    await setMode("digest");
    await t.db.transaction((tx) => notify(tx, input("First update")));
    await t.db.transaction((tx) => notify(tx, input("Second update")));
    // Another category stays immediate.
    await t.db.transaction((tx) => notify(tx, { ...input("Members change"), category: "members" }));

    expect(await notificationsOf(user.id)).toHaveLength(3);
    const digests = await jobsOfKind(t.db, "notification-digest");
    expect(digests).toHaveLength(1); // one per person, workspace and day
    const [digest] = digests;
    expect(digest.payload).toEqual({ userId: user.id, workspaceId: world.a.id });
    expect(digest.runAt.getTime()).toBeGreaterThan(Date.now());
    expect(digest.runAt.toISOString()).toMatch(/T17:00:00\.000Z$/);
    const immediate = await jobsOfKind(t.db, "email");
    expect(immediate).toHaveLength(1);
    expect(immediate[0].payload).toMatchObject({ to: user.email });

    // Before its time the digest does not run; at its time it queues one email listing both updates.
    await drain(new Date(Date.now() + 1000));
    await t.db.delete(localEmails);
    expect(await runDueJobs(jobHandlers, { now: new Date(digest.runAt.getTime() - 1) })).toBe(0);
    await drain(digest.runAt);
    const [done] = await t.db.select().from(jobs).where(eq(jobs.id, digest.id));
    expect(done.status).toBe("done");
    const mails = await t.db.select().from(localEmails).where(eq(localEmails.to, user.email));
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toContain("2 updates");
    expect(mails[0].text).toContain("First update");
    expect(mails[0].text).toContain("Second update");
    expect(mails[0].text).not.toContain("Members change");
    expect(mails[0].text).toContain(`${TEST_APP_URL}/w/${world.a.slug}/approvals/1`);
    expect(mails[0].html).toContain(`href="${TEST_APP_URL}/w/${world.a.slug}/notifications"`);
  });

  it("a digest job run again after its completion was lost queues its email only once", async () => {
    await setMode("digest");
    await t.db.transaction((tx) => notify(tx, input("Only once")));
    const [digest] = await jobsOfKind(t.db, "notification-digest");
    expect(await runDueJobs(jobHandlers, { now: digest.runAt })).toBe(1);
    // The worker died before recording completion: the lease runs out and another worker takes it.
    await t.db.update(jobs).set({ status: "running", finishedAt: null, lockedUntil: digest.runAt }).where(eq(jobs.id, digest.id));
    const later = new Date(digest.runAt.getTime() + 60_000);
    await drain(later);
    const [rerun] = await t.db.select().from(jobs).where(eq(jobs.id, digest.id));
    expect(rerun).toMatchObject({ status: "done", attempts: 2 });

    const digestEmails = (await jobsOfKind(t.db, "email")).filter(
      (j) => (j.payload as { template: string }).template === "notification-digest",
    );
    expect(digestEmails).toHaveLength(1);
    expect(await t.db.select().from(localEmails).where(eq(localEmails.to, world.users.coordinator.email))).toHaveLength(1);
  });

  it("a rolled-back notify leaves nothing", async () => {
    const user = world.users.admin;
    await rolledBack(t.db, async (tx) => {
      await notify(tx, input("Never happened", user.id));
    });
    await setMode("digest", user.id);
    await rolledBack(t.db, async (tx) => {
      await notify(tx, input("Never happened either", user.id));
    });
    expect(await notificationsOf(user.id)).toHaveLength(0);
    expect(await t.db.select().from(jobs)).toHaveLength(0);
    expect(
      await t.db
        .select()
        .from(notificationPrefs)
        .where(and(eq(notificationPrefs.userId, user.id), eq(notificationPrefs.mode, "digest"))),
    ).toHaveLength(1);
  });
});
