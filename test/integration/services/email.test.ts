import { eq, sql } from "drizzle-orm";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Database, type OpenDatabase } from "@db/client";
import { jobs, localEmails } from "@db/schema";
import { queueEmail } from "~/modules/email/send.server";
import { backoffMs, claimJobs, completeJob, failJob } from "~/modules/jobs/queue.server";
import { jobHandlers } from "~/modules/jobs/handlers.server";
import { runDueJobs } from "~/modules/jobs/worker.server";
import { env, setEnvForTests } from "~/utils/env.server";
import { TEST_APP_URL, useTestDatabase } from "../../support/db";
import { drain, jobsOfKind, rolledBack } from "./helpers";

/**
 * Items 24, 28 and 29: the outbox, retries with backoff and the idempotency key against the real
 * Resend driver (the resend SDK) with the Resend API intercepted by MSW; then two workers sharing
 * the queue against the local driver.
 */
const API_KEY = "re_test_123";
const t = useTestDatabase({ RESEND_API_KEY: API_KEY });

interface SeenRequest {
  idempotencyKey: string | null;
  authorization: string | null;
  contentType: string | null;
  body: { from: string; to: string[]; subject: string; html: string; text: string };
  status: number;
}

/** What the fake Resend saw, and how it should answer the next requests. */
const resend = {
  seen: [] as SeenRequest[],
  /** Answer 500 to this many requests before accepting. */
  failNext: 0,
  /** Emails the provider accepted, by idempotency key (a repeated key is not a new email). */
  accepted: new Map<string, string>(),
};

const server = setupServer(
  http.post("https://api.resend.com/emails", async ({ request }) => {
    const body = (await request.json()) as SeenRequest["body"];
    const key = request.headers.get("idempotency-key");
    const fail = resend.failNext > 0;
    if (fail) resend.failNext -= 1;
    resend.seen.push({
      idempotencyKey: key,
      authorization: request.headers.get("authorization"),
      contentType: request.headers.get("content-type"),
      body,
      status: fail ? 500 : 200,
    });
    if (fail) {
      return HttpResponse.json({ statusCode: 500, name: "internal_server_error", message: "Something went wrong" }, { status: 500 });
    }
    // Like Resend: a repeated idempotency key answers the first email's id and sends nothing new.
    const id = (key && resend.accepted.get(key)) ?? `email_${resend.accepted.size + 1}`;
    if (key && !resend.accepted.has(key)) resend.accepted.set(key, id);
    return HttpResponse.json({ id });
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

beforeEach(async () => {
  resend.seen = [];
  resend.failNext = 0;
  resend.accepted.clear();
  await t.db.delete(jobs);
});

const signInProps = (token: string) => ({ url: `${TEST_APP_URL}/magic/${token}`, expiresInMinutes: 15 });

/** A moment safely after the jobs queued so far became due. */
const soon = () => new Date(Date.now() + 1000);

describe("transactional outbox (28)", () => {
  it("a change rolled back after queuing sends nothing", async () => {
    await rolledBack(t.db, async (tx) => {
      await queueEmail(tx, { to: "rolled-back@example.test", template: "sign-in-link", props: signInProps("rb") });
      // Inside the transaction the outbox row exists ...
      expect(await tx.select().from(jobs)).toHaveLength(1);
    });
    // ... after the rollback it never existed, and the worker has nothing to send.
    expect(await jobsOfKind(t.db, "email")).toHaveLength(0);
    expect(await runDueJobs(jobHandlers, { now: new Date(Date.now() + 86_400_000) })).toBe(0);
    expect(resend.seen).toHaveLength(0);
  });

  it("a committed change sends its email once the worker runs", async () => {
    await t.db.transaction(async (tx) => {
      await queueEmail(tx, { to: "committed@example.test", template: "sign-in-link", props: signInProps("ok") });
    });
    expect(resend.seen).toHaveLength(0); // queuing never calls the provider
    await drain(soon());
    expect(resend.seen).toHaveLength(1);
    expect(resend.seen[0].body.to).toEqual(["committed@example.test"]);
    // The Resend driver is the one in use: nothing went to the local mailbox.
    expect(await t.db.select().from(localEmails)).toHaveLength(0);
  });
});

describe("the Resend request (29)", () => {
  it("carries the rendered template, the API key and the job id as Idempotency-Key", async () => {
    const url = `${TEST_APP_URL}/magic/tok_render_123`;
    await t.db.transaction(async (tx) => {
      await queueEmail(tx, { to: "render@example.test", template: "sign-in-link", props: { url, expiresInMinutes: 15 } });
    });
    const [job] = await jobsOfKind(t.db, "email");
    await drain(soon());

    expect(resend.seen).toHaveLength(1);
    const [req] = resend.seen;
    expect(req.idempotencyKey).toBe(job.id);
    expect(req.authorization).toBe(`Bearer ${API_KEY}`);
    expect(req.contentType).toMatch(/^application\/json/);
    expect(req.body.from).toBe("Baton <notifications@baton.local>");
    expect(req.body.to).toEqual(["render@example.test"]);
    expect(req.body.subject).toBe("Your Baton sign-in link");
    expect(req.body.html).toMatch(/^<!DOCTYPE html/i);
    expect(req.body.html).toContain(`href="${url}"`);
    expect(req.body.html).toContain("Sign in to Baton");
    expect(req.body.html).toContain("15 minutes");
    expect(req.body.text).toContain(url);
    expect(req.body.text).toMatch(/sign in to baton/i); // the plain-text heading is upper-cased
    expect(req.body.text).toContain("expires in 15 minutes");
    expect(req.body.text).not.toContain("<");

    const [done] = await t.db.select().from(jobs).where(eq(jobs.id, job.id));
    expect(done).toMatchObject({ status: "done", attempts: 1, lastError: null });
  });

  it("keeps user-typed text out of headers and escapes it in the body (24)", async () => {
    await t.db.transaction(async (tx) => {
      await queueEmail(tx, {
        to: "victim@example.test\r\nBcc: spy@evil.test",
        template: "invitation",
        props: {
          workspace: { name: "Acme\r\nBcc: spy@evil.test", logoUrl: null, accentColor: "#4f46e5" },
          inviterName: "<script>alert(1)</script>",
          roleLabel: "Coordinator",
          scopeLabel: null,
          url: `${TEST_APP_URL}/invite/tok`,
          expiresAt: "Mon, 01 Jan 2030",
        },
      });
    });
    await drain(soon());
    expect(resend.seen).toHaveLength(1);
    const { body } = resend.seen[0];
    expect(body.subject).not.toMatch(/[\r\n]/);
    expect(body.to.join()).not.toMatch(/[\r\n]/);
    expect(body.html).not.toContain("<script>alert(1)</script>");
    expect(body.html).toContain("&lt;script&gt;");
  });
});

describe("retries with backoff (29)", () => {
  it("the API failing twice then succeeding gives three attempts and one email", async () => {
    resend.failNext = 2;
    await t.db.transaction(async (tx) => {
      await queueEmail(tx, { to: "retry@example.test", template: "sign-in-link", props: signInProps("retry") });
    });
    const [job] = await jobsOfKind(t.db, "email");
    const jobNow = async () => (await t.db.select().from(jobs).where(eq(jobs.id, job.id)))[0];

    const t0 = soon();
    expect(await runDueJobs(jobHandlers, { now: t0 })).toBe(1);
    let row = await jobNow();
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row.lastError).toMatch(/Resend refused the email/);
    expect(row.runAt.getTime()).toBe(t0.getTime() + backoffMs(1));

    // Not before the backoff has passed.
    expect(await runDueJobs(jobHandlers, { now: new Date(t0.getTime() + backoffMs(1) - 1) })).toBe(0);
    expect(resend.seen).toHaveLength(1);

    const t1 = new Date(t0.getTime() + backoffMs(1));
    expect(await runDueJobs(jobHandlers, { now: t1 })).toBe(1);
    row = await jobNow();
    expect(row).toMatchObject({ status: "pending", attempts: 2 });
    expect(row.runAt.getTime()).toBe(t1.getTime() + backoffMs(2));
    expect(backoffMs(2)).toBeGreaterThan(backoffMs(1));

    expect(await runDueJobs(jobHandlers, { now: new Date(t1.getTime() + backoffMs(2) - 1) })).toBe(0);
    const t2 = new Date(t1.getTime() + backoffMs(2));
    expect(await runDueJobs(jobHandlers, { now: t2 })).toBe(1);
    row = await jobNow();
    expect(row).toMatchObject({ status: "done", attempts: 3, lastError: null });

    // Nothing further, however long we wait.
    expect(await runDueJobs(jobHandlers, { now: new Date(t2.getTime() + 7 * 86_400_000) })).toBe(0);
    expect(resend.seen.map((s) => s.status)).toEqual([500, 500, 200]);
    expect(new Set(resend.seen.map((s) => s.idempotencyKey))).toEqual(new Set([job.id]));
    expect(resend.accepted.size).toBe(1);
  });

  it("a job whose completion was lost is sent again with the same Idempotency-Key", async () => {
    await t.db.transaction(async (tx) => {
      await queueEmail(tx, { to: "lost@example.test", template: "sign-in-link", props: signInProps("lost") });
    });
    const [job] = await jobsOfKind(t.db, "email");
    const t0 = soon();
    await drain(t0);
    expect(resend.seen).toHaveLength(1);

    // The worker delivered but died before recording it: the row is still "running" (with its
    // sealed payload, which completing drops) and its lease ran out.
    await t.db
      .update(jobs)
      .set({ status: "running", finishedAt: null, lockedUntil: new Date(t0.getTime() + 1000), payload: job.payload })
      .where(eq(jobs.id, job.id));
    // While the lease holds, no other worker takes it.
    expect(await runDueJobs(jobHandlers, { now: new Date(t0.getTime() + 500) })).toBe(0);
    expect(await runDueJobs(jobHandlers, { now: new Date(t0.getTime() + 1000) })).toBe(1);

    expect(resend.seen).toHaveLength(2);
    expect(resend.seen[0].idempotencyKey).toBe(job.id);
    expect(resend.seen[1].idempotencyKey).toBe(job.id);
    expect(resend.seen[1].body).toEqual(resend.seen[0].body);
    expect(resend.accepted.size).toBe(1); // the provider sent one email
    const [row] = await t.db.select().from(jobs).where(eq(jobs.id, job.id));
    expect(row).toMatchObject({ status: "done", attempts: 2 });
  });

  it("gives up after maxAttempts and marks the job failed", async () => {
    resend.failNext = 100;
    await t.db.transaction(async (tx) => {
      await queueEmail(tx, { to: "down@example.test", template: "sign-in-link", props: signInProps("down") });
    });
    const [job] = await jobsOfKind(t.db, "email");
    let now = soon();
    for (let attempt = 1; attempt <= job.maxAttempts; attempt++) {
      expect(await runDueJobs(jobHandlers, { now })).toBe(1);
      now = new Date(now.getTime() + backoffMs(attempt));
    }
    expect(await runDueJobs(jobHandlers, { now: new Date(now.getTime() + 86_400_000) })).toBe(0);
    const [row] = await t.db.select().from(jobs).where(eq(jobs.id, job.id));
    expect(row).toMatchObject({ status: "failed", attempts: job.maxAttempts });
    expect(resend.seen).toHaveLength(job.maxAttempts);
    expect(resend.accepted.size).toBe(0);
  });
});

/**
 * Two claim/deliver loops over one queue. On PostgreSQL each worker has its own connection, so
 * FOR UPDATE SKIP LOCKED is exercised across sessions; on PGlite (one connection) they share it.
 */
describe("two workers over one queue (29)", () => {
  const COUNT = 100;
  // The local driver (no RESEND_API_KEY): every delivery is a row in local_emails.
  let saved: ReturnType<typeof env>;
  beforeAll(() => {
    saved = env();
    setEnvForTests({ ...saved, RESEND_API_KEY: undefined });
  });
  afterAll(() => setEnvForTests(saved));
  const extra: OpenDatabase[] = [];
  afterAll(async () => {
    for (const open of extra) await open.close();
  });

  it(`deliver each of ${COUNT} queued emails exactly once`, async () => {
    await t.db.transaction(async (tx) => {
      for (let i = 0; i < COUNT; i++) {
        await queueEmail(tx, {
          to: `r${i}@example.test`,
          template: "sign-in-link",
          props: { url: `${TEST_APP_URL}/magic/t${i}`, expiresInMinutes: 15 },
        });
      }
    });

    let second: Database = t.db;
    if (t.url) {
      const open = await openDatabase({ databaseUrl: t.url, poolSize: 2 });
      extra.push(open);
      second = open.db;
    }

    const now = new Date(Date.now() + 1000);
    const sends = new Map<string, number>();
    async function worker(conn: Database): Promise<number> {
      let handled = 0;
      for (;;) {
        const claimed = await claimJobs(conn, { lane: "email", now, limit: 10 });
        if (claimed.length === 0) return handled;
        for (const job of claimed) {
          sends.set(job.id, (sends.get(job.id) ?? 0) + 1);
          try {
            await jobHandlers[job.kind](job, now);
            await completeJob(conn, job, now);
          } catch (error) {
            await failJob(conn, job, error, now);
          }
          handled += 1;
        }
      }
    }
    const [a, b] = await Promise.all([worker(t.db), worker(second)]);

    expect(resend.seen).toHaveLength(0); // the local driver was in use
    // Both workers took part, and between them handled every job once.
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    expect(a + b).toBe(COUNT);
    expect(sends.size).toBe(COUNT);
    expect([...sends.values()].every((n) => n === 1)).toBe(true);

    const rows = await t.db.select().from(jobs).where(eq(jobs.kind, "email"));
    expect(rows).toHaveLength(COUNT);
    expect(rows.every((j) => j.status === "done" && j.attempts === 1 && j.lockedUntil === null)).toBe(true);

    // The mailbox has one email per job, keyed by the job id, each to its own recipient.
    const [{ total, keys }] = await t.db
      .select({ total: sql<number>`count(*)::int`, keys: sql<number>`count(distinct ${localEmails.idempotencyKey})::int` })
      .from(localEmails);
    expect(total).toBe(COUNT);
    expect(keys).toBe(COUNT);
    const mails = await t.db.select().from(localEmails);
    const byId = new Map(rows.map((j) => [j.id, j]));
    for (const mail of mails) {
      const job = byId.get(mail.idempotencyKey);
      expect(job).toBeDefined();
      expect(mail.to).toBe((job!.payload as { to: string }).to);
      expect(mail.text).toContain(`${TEST_APP_URL}/magic/t${mail.to.match(/^r(\d+)@/)![1]}`);
    }
  });
});
