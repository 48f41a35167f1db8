import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { briefs, calendarOverlays, campaigns, jobs, notificationPrefs, users, webhookEndpoints, workspaces } from "@db/schema";
import { newId } from "@db/schema/columns";
import { seedDemo } from "../../../db/seed";
import { BLOCK_JOB, scheduleDeadlineJobs } from "~/modules/approvals/deadlines.server";
import { publishBrief } from "~/modules/briefs/publish.server";
import { unwrap } from "~/utils/outcome";
import { ensureConflictDigestScheduled } from "~/modules/calendar/digest.server";
import { ensureOverlayRefreshScheduled, queueOverlayRefreshes } from "~/modules/calendar/overlay-jobs.server";
import { ensureConflictLogScheduled } from "~/modules/insights/jobs.server";
import { ensureMonthlyReportScheduled } from "~/modules/insights/monthly-report-job.server";
import { ensureRetentionScheduled } from "~/modules/jobs/retention.server";
import { ensureNightlyChecksScheduled } from "~/modules/onboarding/access-checks/jobs.server";
import { CHECK_JOB } from "~/modules/onboarding/access-checks/run.server";
import { ensureSignoffDigestsScheduled } from "~/modules/approvals/signoff-digest/schedule.server";
import { queueEmail } from "~/modules/email/send.server";
import { jobHandlers, jobKinds, type JobKindName } from "~/modules/jobs/handlers.server";
import { defineJob, handlersOf } from "~/modules/jobs/job-kinds";
import { enqueue, openPayload } from "~/modules/jobs/queue.server";
import { runDueJobs } from "~/modules/jobs/worker.server";
import { notify } from "~/modules/notifications/notify.server";
import { linkUrl, scheduleClientReminders, scheduleForwardJobs, scheduleStallCheck, stepLinkUrl } from "~/modules/onboarding/shared.server";
import { emitWebhook } from "~/modules/webhooks/webhooks.server";
import type { Queryable } from "~/utils/db.server";
import { TEST_APP_URL, useTestDatabase } from "../../support/db";
import { memberContext } from "./helpers";

/**
 * Issue 14, checked corners: every kind of job has a payload schema (jobs/handlers.server.ts),
 * what each real enqueue path writes parses with it, and a payload that does not parse fails the
 * job without its handler running.
 */
const t = useTestDatabase();

let workspaceId: string;
let coordinatorId: string;
beforeAll(async () => {
  await seedDemo(t.db);
  const [ws] = await t.db.select().from(workspaces).where(eq(workspaces.slug, "northwind"));
  const [coordinator] = await t.db.select().from(users).where(eq(users.email, "coordinator@northwind.test"));
  workspaceId = ws.id;
  coordinatorId = coordinator.id;
});

/** Every enqueue path of the app, once each, with the app's own functions. */
async function enqueueOneOfEach() {
  const now = new Date();
  await t.db.transaction(async (tx) => {
    await queueEmail(tx, {
      to: "someone@example.test",
      template: "sign-in-link",
      props: { url: `${TEST_APP_URL}/magic/t`, expiresInMinutes: 15 },
    });
    await tx.insert(webhookEndpoints).values({
      workspaceId,
      url: "https://hooks.example.test/in",
      eventTypes: ["member.invited"],
      secret: "s".repeat(32),
      createdBy: coordinatorId,
    });
    await emitWebhook(tx, workspaceId, "member.invited", { email: "new@example.test" });
    await tx.insert(notificationPrefs).values({ userId: coordinatorId, category: "approvals", mode: "digest" });
    await notify(tx, { workspaceId, userId: coordinatorId, category: "approvals", title: "Digest me", email: digestEmail() });
    const publishAt = new Date(now.getTime() + 10 * 86_400_000);
    await scheduleDeadlineJobs(tx, { deliverableId: newId(), workspaceId, publishAt, windowHours: 48, now });
    const link = { id: newId(), workspaceId, createdAt: now, tokenHash: "a".repeat(64) };
    await scheduleClientReminders(tx, link, linkUrl("client-token"), now);
    await scheduleStallCheck(tx, link, now);
    await scheduleForwardJobs(tx, { id: newId(), workspaceId, createdAt: now }, stepLinkUrl("step-token"));
    await ensureConflictDigestScheduled(tx, workspaceId, now);
    await ensureConflictLogScheduled(tx, now);
    await ensureMonthlyReportScheduled(tx, now);
    await ensureRetentionScheduled(tx, now);
    await ensureSignoffDigestsScheduled(tx, now);
    await ensureNightlyChecksScheduled(tx, now);
    // A platform check, as a client's confirmation queues it (decision 065).
    await enqueue(tx, { kind: CHECK_JOB, workspaceId, runAt: now, payload: { stepId: newId(), purpose: "verify" }, maxAttempts: 3 });
    // The calendar overlays' daily clock (decision 067).
    await ensureOverlayRefreshScheduled(tx, now);
  });
  // Its run queues one read per URL overlay.
  await t.db.insert(calendarOverlays).values({ workspaceId, name: "Holidays", source: "url", url: "https://holidays.example.test/a.ics" });
  expect(await queueOverlayRefreshes(now)).toBe(1);
  // The brief reminder is queued by publishing a brief with someone left to acknowledge it.
  const [campaign] = await t.db.select().from(campaigns).where(eq(campaigns.name, "Lumen Summer Paid Push"));
  const [brief] = await t.db.select().from(briefs).where(eq(briefs.campaignId, campaign.id));
  await t.db
    .update(briefs)
    .set({ draft: { ...(brief.draft as Record<string, unknown>), keyMessage: "Summer-proof skin, in one step." } })
    .where(eq(briefs.id, brief.id));
  const ctx = await memberContext(coordinatorId, "northwind");
  unwrap(await publishBrief(ctx, { campaignId: campaign.id }));
}

function digestEmail() {
  return {
    template: "draft-submitted" as const,
    props: {
      workspace: { name: "Northwind", logoUrl: null, accentColor: "#123456" },
      campaignName: "A campaign",
      deliverableName: "A post",
      creatorName: "Creator",
      version: 1,
      isLate: false,
      deadline: "Friday",
      url: `${TEST_APP_URL}/d`,
    },
  };
}

describe("job payload schemas", () => {
  it("accept what every enqueue path writes, for every kind of the registry", async () => {
    await enqueueOneOfEach();
    const written = await t.db.select().from(jobs);
    const kinds = new Set(written.map((job) => job.kind));
    expect([...kinds].sort()).toEqual(Object.keys(jobKinds).sort());
    for (const job of written) {
      const parsed = jobKinds[job.kind as JobKindName].payload.safeParse(openPayload(job.payload));
      expect(parsed.success ? null : parsed.error.issues, `${job.kind} payload`).toBeNull();
    }
  });

  it("type the payload enqueue takes for each kind (compile-time)", () => {
    const typed = (tx: Queryable) => [
      // @ts-expect-error a deadline job carries its deadline
      enqueue(tx, { kind: BLOCK_JOB, payload: { deliverableId: newId() } }),
      // @ts-expect-error an email's props are sealed: they go in `secret`, never in the readable payload
      enqueue(tx, { kind: "email", payload: { to: "a@example.test", template: "sign-in-link", props: {} } }),
      enqueue(tx, { kind: "email", payload: { to: "a@example.test", template: "sign-in-link" }, secret: { props: {} } }),
    ];
    expect(typed).toBeTypeOf("function");
  });
});

describe("a payload that does not parse", () => {
  it("fails the job with a message naming the kind and the field, and the handler never runs", async () => {
    await t.db.delete(jobs);
    const ran: unknown[] = [];
    // The deadline kind's real schema, with a handler that records being called.
    const handlers = handlersOf({ [BLOCK_JOB]: { ...jobKinds[BLOCK_JOB], run: async (payload: unknown) => void ran.push(payload) } });
    const kind: string = BLOCK_JOB; // outside the typed path, as a stale or hand-written row would be
    await t.db.transaction(async (tx) => {
      await enqueue(tx, { kind, payload: { deliverableId: newId(), deadline: "tomorrow" }, maxAttempts: 1 });
    });
    expect(await runDueJobs(handlers, { now: new Date(Date.now() + 1000) })).toBe(1);
    expect(ran).toEqual([]);
    const [job] = await t.db.select().from(jobs);
    expect(job.status).toBe("failed");
    expect(job.lastError).toContain(`"${BLOCK_JOB}"`);
    expect(job.lastError).toMatch(/^[^;]*deadline: Invalid datetime/);
  });

  it("is retried like any failure while attempts are left, through the registered handlers too", async () => {
    await t.db.delete(jobs);
    await t.db.transaction(async (tx) => {
      const kind: string = "calendar.conflict-digest";
      await enqueue(tx, { kind, payload: { workspace: workspaceId } });
    });
    await runDueJobs(jobHandlers, { now: new Date(Date.now() + 1000) });
    const [job] = await t.db.select().from(jobs);
    expect(job).toMatchObject({ status: "pending", attempts: 1 });
    expect(job.lastError).toContain("workspaceId: Expected an id");
  });

  it("reaches a handler parsed: unknown keys are dropped", async () => {
    await t.db.delete(jobs);
    const seen: unknown[] = [];
    const handlers = handlersOf({
      "test.kind": defineJob({ payload: z.object({ n: z.number() }), run: async (payload) => void seen.push(payload) }),
    });
    await t.db.transaction((tx) => enqueue(tx, { kind: "test.kind", payload: { n: 1, extra: "x" } }));
    await runDueJobs(handlers, { now: new Date(Date.now() + 1000) });
    expect(seen).toEqual([{ n: 1 }]);
  });
});
