import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { jobs, webhookDeliveries, webhookEndpoints } from "@db/schema";
import { backoffMs } from "~/modules/jobs/queue.server";
import { jobHandlers } from "~/modules/jobs/handlers.server";
import { runDueJobs } from "~/modules/jobs/worker.server";
import { assertPublicTarget } from "~/modules/webhooks/address-guard.server";
import { verifyWebhook } from "~/modules/webhooks/signature.server";
import { emitWebhook } from "~/modules/webhooks/webhooks.server";
import { inviteMember } from "~/modules/workspaces/members.server";
import { env, setEnvForTests } from "~/utils/env.server";
import { useTestDatabase } from "../../support/db";
import { buildWorld, type World } from "../../support/world";
import { jobsOfKind, memberContext, rolledBack } from "./helpers";
import { newIdempotencyKey } from "~/utils/idempotency.server";

/** Item 30: Standard Webhooks signatures, retries with backoff, a delivery log, and the SSRF guard. */
const t = useTestDatabase({ ALLOW_PRIVATE_WEBHOOKS: true });

// ---- A local receiver -------------------------------------------------------------------------

interface Received {
  headers: IncomingHttpHeaders;
  raw: string;
  answered: number;
}
const receiver = { got: [] as Received[], script: [] as number[] };
let server: Server;
let receiverUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const status = receiver.script.shift() ?? 200;
      receiver.got.push({ headers: req.headers, raw: Buffer.concat(chunks).toString("utf8"), answered: status });
      res.writeHead(status, { "content-type": "text/plain" }).end(status === 200 ? "ok" : "nope");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/baton`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

// ---- Standard Webhooks verification, written from the spec (not the app's code) ---------------

/**
 * https://www.standardwebhooks.com: key = base64-decode(secret without "whsec_"); signed content =
 * `${webhook-id}.${webhook-timestamp}.${body}`; signature = base64(HMAC-SHA256); the header holds
 * space-separated `v1,<signature>` entries; the timestamp must be within the tolerance.
 */
function verifyStandardWebhook(secret: string, headers: IncomingHttpHeaders, rawBody: string, toleranceSec = 300): boolean {
  const id = headers["webhook-id"];
  const timestamp = headers["webhook-timestamp"];
  const signature = headers["webhook-signature"];
  if (typeof id !== "string" || typeof timestamp !== "string" || typeof signature !== "string") return false;
  if (!/^\d+$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > toleranceSec) return false;
  if (!secret.startsWith("whsec_")) return false;
  const key = Buffer.from(secret.slice("whsec_".length), "base64");
  const expected = createHmac("sha256", key).update(`${id}.${timestamp}.${rawBody}`).digest();
  return signature.split(" ").some((entry) => {
    const [version, sig] = entry.split(",");
    if (version !== "v1" || !sig) return false;
    const given = Buffer.from(sig, "base64");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

// ---- World ----------------------------------------------------------------------------------

let world: World;
let secret: string;
let endpointId: string;

beforeAll(async () => {
  world = await buildWorld(t.db);
  secret = `whsec_${randomBytes(24).toString("base64")}`;
  const [row] = await t.db
    .insert(webhookEndpoints)
    .values({ workspaceId: world.a.id, url: receiverUrl, eventTypes: ["member.invited"], secret, createdBy: world.users.owner.id })
    .returning();
  endpointId = row.id;
});

beforeEach(async () => {
  receiver.got = [];
  receiver.script = [];
  await t.db.delete(jobs);
  await t.db.update(webhookEndpoints).set({ url: receiverUrl }).where(eq(webhookEndpoints.id, endpointId));
});

let invites = 0;
/** A real decision that emits `member.invited` (and queues the invitation email). */
async function invite() {
  const ctx = await memberContext(world.users.owner.id, world.a.slug);
  const result = await inviteMember(ctx, {
    email: `hook-${++invites}@example.test`,
    role: "coordinator",
    idempotencyKey: newIdempotencyKey(),
  });
  expect(result).toEqual({ ok: true });
  const [job] = await jobsOfKind(t.db, "webhook");
  expect(job).toBeDefined();
  return job;
}

const deliveriesOf = (messageId: string) =>
  t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.messageId, messageId)).orderBy(asc(webhookDeliveries.attempt));

describe("delivery and signature (30)", () => {
  it("a delivered webhook verifies with the Standard Webhooks algorithm", async () => {
    const job = await invite();
    const { messageId } = job.payload as { messageId: string };
    expect(await runDueJobs(jobHandlers, { now: new Date(Date.now() + 1000) })).toBeGreaterThanOrEqual(1);

    expect(receiver.got).toHaveLength(1);
    const [got] = receiver.got;
    expect(got.headers["content-type"]).toBe("application/json");
    expect(got.headers["webhook-id"]).toBe(messageId);
    expect(got.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+={0,2}$/);
    expect(verifyStandardWebhook(secret, got.headers, got.raw)).toBe(true);
    // The app's own verifier agrees.
    expect(verifyWebhook(secret, new Headers(got.headers as Record<string, string>), got.raw)).toBe(true);

    // It really checks something: another body, id, timestamp or secret fails.
    expect(verifyStandardWebhook(secret, got.headers, got.raw.replace("coordinator", "owner"))).toBe(false);
    expect(verifyStandardWebhook(secret, { ...got.headers, "webhook-id": "msg_other" }, got.raw)).toBe(false);
    expect(
      verifyStandardWebhook(secret, { ...got.headers, "webhook-timestamp": String(Number(got.headers["webhook-timestamp"]) + 1) }, got.raw),
    ).toBe(false);
    expect(verifyStandardWebhook(`whsec_${randomBytes(24).toString("base64")}`, got.headers, got.raw)).toBe(false);

    const body = JSON.parse(got.raw) as { type: string; timestamp: string; data: { invitationId: string; role: string } };
    expect(body.type).toBe("member.invited");
    expect(body.data.role).toBe("coordinator");
    expect(Number.isNaN(Date.parse(body.timestamp))).toBe(false);

    const log = await deliveriesOf(messageId);
    expect(log.map((d) => [d.attempt, d.statusCode, d.error])).toEqual([[1, 200, null]]);
    const [row] = await t.db.select().from(jobs).where(eq(jobs.id, job.id));
    expect(row).toMatchObject({ status: "done", attempts: 1 });
  });

  it("a receiver failing twice gets retries with backoff, and the log shows each attempt", async () => {
    receiver.script = [500, 500, 200];
    const job = await invite();
    const { messageId } = job.payload as { messageId: string };
    const jobRow = async () => (await t.db.select().from(jobs).where(eq(jobs.id, job.id)))[0];

    const t0 = new Date(Date.now() + 1000);
    await runDueJobs(jobHandlers, { now: t0 });
    expect(receiver.got).toHaveLength(1);
    expect(await jobRow()).toMatchObject({ status: "pending", attempts: 1, lastError: "Receiver answered 500" });
    expect((await jobRow()).runAt.getTime()).toBe(t0.getTime() + backoffMs(1));

    // Nothing before the backoff has passed.
    expect(await runDueJobs(jobHandlers, { now: new Date(t0.getTime() + backoffMs(1) - 1) })).toBe(0);
    expect(receiver.got).toHaveLength(1);

    const t1 = new Date(t0.getTime() + backoffMs(1));
    expect(await runDueJobs(jobHandlers, { now: t1 })).toBe(1);
    expect(receiver.got).toHaveLength(2);
    expect((await jobRow()).runAt.getTime()).toBe(t1.getTime() + backoffMs(2));

    expect(await runDueJobs(jobHandlers, { now: new Date(t1.getTime() + backoffMs(2) - 1) })).toBe(0);
    const t2 = new Date(t1.getTime() + backoffMs(2));
    expect(await runDueJobs(jobHandlers, { now: t2 })).toBe(1);
    expect(receiver.got).toHaveLength(3);
    expect(await jobRow()).toMatchObject({ status: "done", attempts: 3, lastError: null });
    expect(await runDueJobs(jobHandlers, { now: new Date(t2.getTime() + 86_400_000) })).toBe(0);

    expect(receiver.got.map((g) => g.answered)).toEqual([500, 500, 200]);
    // One message: the same id (receivers dedupe on it) and body every time, each signed afresh.
    expect(new Set(receiver.got.map((g) => g.headers["webhook-id"]))).toEqual(new Set([messageId]));
    expect(new Set(receiver.got.map((g) => g.raw)).size).toBe(1);
    for (const g of receiver.got) expect(verifyStandardWebhook(secret, g.headers, g.raw)).toBe(true);

    const log = await deliveriesOf(messageId);
    expect(
      log.map((d) => ({ attempt: d.attempt, statusCode: d.statusCode, error: d.error, endpointId: d.endpointId, eventType: d.eventType })),
    ).toEqual([
      { attempt: 1, statusCode: 500, error: "Receiver answered 500", endpointId, eventType: "member.invited" },
      { attempt: 2, statusCode: 500, error: "Receiver answered 500", endpointId, eventType: "member.invited" },
      { attempt: 3, statusCode: 200, error: null, endpointId, eventType: "member.invited" },
    ]);
    expect(log.every((d) => typeof d.durationMs === "number" && d.durationMs >= 0)).toBe(true);
  });

  it("a webhook emitted in a rolled-back change is never queued", async () => {
    await rolledBack(t.db, async (tx) => {
      await emitWebhook(tx, world.a.id, "member.invited", { invitationId: "inv_rolled_back", role: "admin" });
      expect(await tx.select().from(jobs).where(eq(jobs.kind, "webhook"))).toHaveLength(1);
    });
    expect(await jobsOfKind(t.db, "webhook")).toHaveLength(0);
    expect(await runDueJobs(jobHandlers, { now: new Date(Date.now() + 86_400_000) })).toBe(0);
    expect(receiver.got).toHaveLength(0);
  });
});

describe("targets in private address ranges (30)", () => {
  const PRIVATE = [
    "https://10.0.0.1/x",
    "https://127.0.0.1/",
    "https://[::1]/",
    "https://192.168.1.5",
    "https://172.16.0.1/",
    "https://169.254.169.254/latest/meta-data/",
    "https://100.64.0.1/",
    "https://0.0.0.0/",
    "https://[fd00::1]/",
    "https://[fe80::1]/",
    "https://[febf::1]/",
    // IPv4 in other spellings: the URL parser normalizes these, the guard must still see the range.
    "https://2130706433/",
    "https://0x7f000001/",
    "https://127.1/",
    // IPv4-mapped IPv6 (the URL parser writes these in hex: [::ffff:7f00:1]).
    "https://[::ffff:127.0.0.1]/",
    "https://[::ffff:10.0.0.1]/",
    "https://[0:0:0:0:0:ffff:a9fe:a9fe]/",
  ];

  it.each(PRIVATE)("refuses %s when ALLOW_PRIVATE_WEBHOOKS is false", async (url) => {
    await expect(assertPublicTarget(url, false)).rejects.toThrow(/private network/);
  });

  it("refuses plain http:// and allows a public https address", async () => {
    await expect(assertPublicTarget("http://93.184.216.34/", false)).rejects.toThrow(/https/);
    await expect(assertPublicTarget("https://93.184.216.34/hook", false)).resolves.toBeUndefined();
    await expect(assertPublicTarget("https://[2606:4700::1111]/hook", false)).resolves.toBeUndefined();
  });

  it("refuses again at delivery time: nothing reaches the receiver and the log says why", async () => {
    const port = new URL(receiverUrl).port;
    await t.db
      .update(webhookEndpoints)
      .set({ url: `https://127.0.0.1:${port}/hooks/baton` })
      .where(eq(webhookEndpoints.id, endpointId));
    const saved = env();
    setEnvForTests({ ...saved, ALLOW_PRIVATE_WEBHOOKS: false });
    try {
      const job = await invite();
      const { messageId } = job.payload as { messageId: string };
      await runDueJobs(jobHandlers, { now: new Date(Date.now() + 1000) });
      expect(receiver.got).toHaveLength(0);
      const log = await deliveriesOf(messageId);
      expect(log).toHaveLength(1);
      expect(log[0]).toMatchObject({ attempt: 1, statusCode: null });
      expect(log[0].error).toMatch(/private network/);
      const [row] = await t.db.select().from(jobs).where(eq(jobs.id, job.id));
      expect(row).toMatchObject({ status: "pending", attempts: 1 });
    } finally {
      setEnvForTests(saved);
    }
  });
});
