import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Database, type OpenDatabase } from "@db/client";
import { jobs, localEmails, webhookEndpoints } from "@db/schema";
import { queueEmail, sendEmail, type EmailRequest } from "~/modules/email/send.server";
import { jobHandlers } from "~/modules/jobs/handlers.server";
import { DEFAULT_LANE_LIMITS, LEASE_MS } from "~/modules/jobs/lanes";
import { claimJobs, completeJob, enqueue, renewLease, type Job } from "~/modules/jobs/queue.server";
import { startWorker, type HandlerMap } from "~/modules/jobs/worker.server";
import type { WebhookEventType } from "~/modules/webhooks/events";
import { deliverWebhook, emitWebhook } from "~/modules/webhooks/webhooks.server";
import { TEST_APP_URL, useTestDatabase } from "../../support/db";
import { buildWorld, type World } from "../../support/world";

/**
 * Issue 13 points 2 and 3 (decision 043): lanes, caps per endpoint and per workspace, and leases
 * renewed while a job runs. Real time, real HTTP receivers; on PostgreSQL the second worker has
 * its own connection.
 */
const t = useTestDatabase({ ALLOW_PRIVATE_WEBHOOKS: true });

let world: World;
let second: Database;
const extra: OpenDatabase[] = [];
beforeAll(async () => {
  world = await buildWorld(t.db);
  second = t.db;
  if (t.url) {
    const open = await openDatabase({ databaseUrl: t.url, poolSize: 3 });
    extra.push(open);
    second = open.db;
  }
});
afterAll(async () => {
  for (const open of extra) await open.close();
});
beforeEach(async () => {
  await t.db.delete(jobs);
  await t.db.delete(webhookEndpoints);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return true;
    await sleep(20);
  }
  return check();
}

// ---- A receiver with endpoints that never answer and one that answers at once ------------------

const receiver = {
  /** Requests in flight per path right now, and the most ever seen at once. */
  inFlight: new Map<string, number>(),
  maxInFlight: new Map<string, number>(),
  /** Most requests in flight at once over the dead paths together (one workspace's endpoints). */
  maxDeadTogether: 0,
  answeredAt: [] as number[],
};
let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? "";
    req.resume();
    if (path === "/ok") {
      receiver.answeredAt.push(Date.now());
      res.writeHead(200).end("ok");
      return;
    }
    // A dead endpoint: holds the request until the sender gives up.
    receiver.inFlight.set(path, (receiver.inFlight.get(path) ?? 0) + 1);
    receiver.maxInFlight.set(path, Math.max(receiver.maxInFlight.get(path) ?? 0, receiver.inFlight.get(path)!));
    const together = [...receiver.inFlight.values()].reduce((a, b) => a + b, 0);
    receiver.maxDeadTogether = Math.max(receiver.maxDeadTogether, together);
    res.on("close", () => receiver.inFlight.set(path, receiver.inFlight.get(path)! - 1));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function addEndpoint(workspaceId: string, path: string, eventType: WebhookEventType = "member.invited") {
  await t.db.insert(webhookEndpoints).values({
    workspaceId,
    url: `${base}${path}`,
    eventTypes: [eventType],
    secret: `whsec_${randomBytes(24).toString("base64")}`,
    createdBy: world.users.owner.id,
  });
}

describe("lanes and caps (issue 13 point 2)", () => {
  it("email and another workspace's webhooks go out while 50 deliveries hang on dead endpoints; caps per endpoint and workspace hold", async () => {
    // Workspace A: three endpoints that never answer, the oldest 30 deliveries all for the first.
    await addEndpoint(world.a.id, "/dead-1", "member.invited");
    await addEndpoint(world.a.id, "/dead-2", "member.joined");
    await addEndpoint(world.a.id, "/dead-3", "onboarding.opened");
    await t.db.transaction(async (tx) => {
      for (let i = 0; i < 30; i++) await emitWebhook(tx, world.a.id, "member.invited", { invitationId: `inv_${i}`, role: "coordinator" });
      for (let i = 0; i < 10; i++) await emitWebhook(tx, world.a.id, "member.joined", { userId: `u_${i}` });
      for (let i = 0; i < 10; i++) await emitWebhook(tx, world.a.id, "onboarding.opened", { linkId: `l_${i}` });
    });
    expect(await t.db.select().from(jobs).where(eq(jobs.kind, "webhook"))).toHaveLength(50);
    // Queued after the backlog: another workspace's delivery and a sign-in email.
    await addEndpoint(world.b.id, "/ok");
    await t.db.transaction((tx) => emitWebhook(tx, world.b.id, "member.invited", { invitationId: "inv_b", role: "admin" }));
    await t.db.transaction((tx) =>
      queueEmail(tx, {
        to: "waiting@example.test",
        template: "sign-in-link",
        props: { url: `${TEST_APP_URL}/magic/t`, expiresInMinutes: 15 },
      }),
    );

    // Rendering the first email loads the templates; that is start-up, not queueing, so do it now.
    const warmUp: EmailRequest<"sign-in-link"> = {
      to: "warm-up@example.test",
      template: "sign-in-link",
      props: { url: `${TEST_APP_URL}/magic/w`, expiresInMinutes: 15 },
    };
    await sendEmail(warmUp as EmailRequest, "warm-up");

    // The receiver's timeout is a parameter of the delivery; 1.5 s keeps the test short.
    const handlers: HandlerMap = { ...jobHandlers, webhook: (job) => deliverWebhook(job, { timeoutMs: 1500 }) };
    const errors: unknown[] = [];
    const started = Date.now();
    const stops = [
      startWorker(handlers, 50, (e) => errors.push(e)),
      startWorker(handlers, 50, (e) => errors.push(e), { database: second }),
    ];
    try {
      // Behind the backlog, in one lane, the email would wait for 50 × 1.5 s / concurrency; the
      // bound leaves room for a loaded CI machine and is still far below that.
      const BOUND_MS = 2500;
      const emailed = await until(
        async () => (await t.db.select().from(localEmails).where(eq(localEmails.to, "waiting@example.test"))).length === 1,
        BOUND_MS,
      );
      expect(emailed, "the sign-in email went out within the bound").toBe(true);
      expect(
        await until(() => receiver.answeredAt.length === 1, Math.max(0, started + BOUND_MS - Date.now())),
        "workspace B's delivery went out within the bound",
      ).toBe(true);
      expect(receiver.answeredAt[0] - started).toBeLessThan(BOUND_MS);
      // Let the dead endpoints churn through a few timeouts with two workers claiming.
      await sleep(3500);
    } finally {
      await Promise.all(stops.map((stop) => stop()));
    }
    const { perKey, perWorkspace } = DEFAULT_LANE_LIMITS.webhook;
    // Measured at the receiver, across both workers: the first endpoint's backlog got its cap and
    // no more, and the workspace's endpoints together got the workspace's cap and no more.
    expect(receiver.maxInFlight.get("/dead-1")).toBe(perKey);
    for (const path of ["/dead-2", "/dead-3"]) expect(receiver.maxInFlight.get(path) ?? 0).toBeLessThanOrEqual(perKey!);
    expect(receiver.maxDeadTogether).toBe(perWorkspace);
    expect(errors).toEqual([]);
  });
});

describe("leases (issue 13 point 3)", () => {
  async function queueReport() {
    await t.db.transaction((tx) => enqueue(tx, { kind: "slow-report", payload: { report: "monthly" } }));
    const [job] = await t.db.select().from(jobs).where(eq(jobs.kind, "slow-report"));
    return job;
  }

  it("a job running four times longer than its lease is renewed and never taken by a second worker", async () => {
    const job = await queueReport();
    const leaseMs = 300;
    let runs = 0;
    let release!: () => void;
    const finished = new Promise<void>((resolve) => (release = resolve));
    const handlers: HandlerMap = {
      "slow-report": async () => {
        runs += 1;
        await finished;
      },
    };
    const stop = startWorker(handlers, 50, () => {}, { leaseMs });
    const taken: Job[] = [];
    try {
      expect(await until(() => runs === 1, 2000)).toBe(true);
      const end = Date.now() + 4 * leaseMs;
      while (Date.now() < end) {
        taken.push(...(await claimJobs(second, { lane: "background", now: new Date(), limit: 5, leaseMs })));
        await sleep(25);
      }
      release();
    } finally {
      release();
      await stop();
    }
    expect(taken).toEqual([]);
    expect(runs).toBe(1);
    const [row] = await t.db.select().from(jobs).where(eq(jobs.id, job.id));
    expect(row).toMatchObject({ status: "done", attempts: 1 });
  });

  it("a dead worker's job is taken again once its lease runs out, within 60 s, and the dead claim can no longer touch it", async () => {
    await queueReport();
    const t0 = new Date(Date.now() + 1000);
    const [dead] = await claimJobs(t.db, { lane: "background", now: t0, limit: 5 });
    expect(dead).toMatchObject({ status: "running", attempts: 1 });
    expect(LEASE_MS).toBeLessThanOrEqual(60_000);

    // While the lease holds nobody takes it; the moment it runs out, someone does.
    expect(await claimJobs(second, { lane: "background", now: new Date(t0.getTime() + LEASE_MS - 1), limit: 5 })).toEqual([]);
    const [retaken] = await claimJobs(second, { lane: "background", now: new Date(t0.getTime() + 60_000), limit: 5 });
    expect(retaken).toMatchObject({ id: dead.id, attempts: 2 });

    // The first worker comes back: its heartbeat and its completion are refused (compare-and-set on the claim).
    const lease = (await t.db.select().from(jobs).where(eq(jobs.id, dead.id)))[0].lockedUntil;
    expect(await renewLease(t.db, dead, new Date(t0.getTime() + 120_000))).toBe(false);
    await completeJob(t.db, dead, new Date(t0.getTime() + 60_001));
    let [row] = await t.db.select().from(jobs).where(eq(jobs.id, dead.id));
    expect(row).toMatchObject({ status: "running", attempts: 2, lockedUntil: lease });

    // The new owner's renewal and completion work.
    expect(await renewLease(second, retaken, new Date(t0.getTime() + 60_010))).toBe(true);
    await completeJob(second, retaken, new Date(t0.getTime() + 60_020));
    [row] = await t.db.select().from(jobs).where(eq(jobs.id, dead.id));
    expect(row).toMatchObject({ status: "done", attempts: 2 });
  });
});
