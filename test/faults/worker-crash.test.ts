import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { freePort } from "../support/server";

/**
 * The operations drill of issue 13 (point 11), run by CI on PostgreSQL: two web processes with
 * WORKER=off and one `npm run worker`, a burst of invitations (each queues an email and a
 * webhook), the worker killed with SIGKILL while jobs are in flight and started again. The mock
 * email provider and the webhook receiver accept each idempotency key / webhook id once and count
 * repeats: every email and webhook must arrive, none be accepted twice, and a retaken job must
 * carry the id it had (so the unique ids seen equal the jobs queued, however many repeats).
 * Needs PostgreSQL (PGlite is one process); `npm run drill:faults` runs it alone.
 */

const root = path.resolve(__dirname, "../..");
const INVITES = 24;
/** The receivers answer slowly so that the kill lands while deliveries are in flight. */
const RECEIVER_DELAY_MS = 150;

interface Receiver {
  server: Server;
  url: string;
  accepted: Map<string, number>;
  repeats: number;
  requests: number;
}

async function startReceiver(
  idOf: (req: IncomingMessage, body: string) => string | null,
  answer: (id: string) => unknown,
): Promise<Receiver> {
  const port = await freePort();
  const r: Receiver = {
    server: undefined as unknown as Server,
    url: `http://127.0.0.1:${port}`,
    accepted: new Map(),
    repeats: 0,
    requests: 0,
  };
  r.server = createServer((req, res) => {
    r.requests++;
    let body = "";
    req.on("data", (c) => (body += String(c)));
    req.on("end", () => {
      setTimeout(() => {
        const id = idOf(req, body);
        if (!id) {
          res.writeHead(400).end();
          return;
        }
        // Like Resend and a Standard Webhooks consumer: a repeated id is answered as before but not acted on again.
        if (r.accepted.has(id)) r.repeats++;
        r.accepted.set(id, (r.accepted.get(id) ?? 0) + 1);
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer(id)));
      }, RECEIVER_DELAY_MS);
    });
  });
  await new Promise<void>((resolve) => r.server.listen(port, "127.0.0.1", resolve));
  return r;
}

function spawnProcess(script: string, env: Record<string, string>, label: string): { child: ChildProcess; log: () => string } {
  let out = "";
  // node with tsx as a loader, not the tsx binary: SIGKILL must reach the process that runs the jobs
  // (the tsx binary runs the script in a child that would outlive a killed parent).
  const fullEnv: Record<string, string> = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...env };
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: root,
    env: fullEnv as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (out += String(d)));
  child.stderr?.on("data", (d) => (out += String(d)));
  return { child, log: () => `[${label}]\n${out}` };
}

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number, logs: () => string) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}\n${logs()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function cookieOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

const pgOnly = !process.env.BATON_TEST_TEMPLATE_URL;

describe.skipIf(pgOnly)("jobs survive a worker killed mid-run (two web processes, one worker, PostgreSQL)", () => {
  let database: TestDatabase;
  let sql: postgres.Sql;
  let email: Receiver;
  let hooks: Receiver;
  const procs: { child: ChildProcess; log: () => string }[] = [];
  const logs = () => procs.map((p) => p.log()).join("\n");
  let baseEnv: Record<string, string>;
  const apps: { url: string; cookie: string }[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    sql = postgres(database.url!, { max: 2, onnotice: () => {} });
    email = await startReceiver(
      (req) => (req.url === "/emails" ? String(req.headers["idempotency-key"] ?? "") || null : null),
      (id) => ({ id: `email_${id}` }),
    );
    hooks = await startReceiver(
      (req) => String(req.headers["webhook-id"] ?? "") || null,
      () => ({ ok: true }),
    );
    baseEnv = {
      NODE_ENV: "production",
      DATABASE_URL: database.url!,
      APP_SECRET: randomBytes(32).toString("hex"),
      RESEND_API_KEY: "re_drill_key",
      RESEND_BASE_URL: email.url,
      ALLOW_PRIVATE_WEBHOOKS: "true",
      WORKER_POLL_MS: "100",
      DATA_DIR: mkdtempSync(path.join(tmpdir(), "baton-drill-")),
    };
    // One web process at a time on first boot: the first migrates and seeds the demo workspace.
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      const url = `http://localhost:${port}`;
      const p = spawnProcess(
        "server/index.ts",
        { ...baseEnv, PORT: String(port), APP_URL: url, WORKER: "off", SEED_DEMO: i === 0 ? "true" : "false" },
        `web ${i + 1}`,
      );
      procs.push(p);
      await waitFor(`web process ${i + 1}`, () => p.log().includes("Baton is running"), 90_000, logs);
      const login = await fetch(`${url}/login`, {
        method: "POST",
        redirect: "manual",
        headers: { origin: url, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ intent: "password", email: "owner@northwind.test", password: "baton-demo" }),
      });
      expect(login.status, `sign-in on web ${i + 1}`).toBe(302);
      apps.push({ url, cookie: cookieOf(login) });
    }
    const [ws] = await sql`select id from workspaces where slug = 'northwind'`;
    await sql`insert into webhook_endpoints (id, workspace_id, url, description, event_types, secret)
      values (${randomBytes(16).toString("hex")}, ${ws.id}, ${`${hooks.url}/hook`}, 'drill', ${sql.json(["member.invited"])}, ${"whsec_" + randomBytes(24).toString("base64")})`;
  }, 180_000);

  afterAll(async () => {
    for (const p of procs) if (p.child.exitCode === null) p.child.kill("SIGKILL");
    email?.server.close();
    hooks?.server.close();
    await sql?.end();
    await database?.drop();
    if (baseEnv?.DATA_DIR) rmSync(baseEnv.DATA_DIR, { recursive: true, force: true });
  });

  it("delivers every email and webhook once, with the same id when a job is retaken", async () => {
    // The burst: invitations posted to both web processes at once, before any worker runs.
    const posts = Array.from({ length: INVITES }, (_, i) => {
      const app = apps[i % apps.length];
      return fetch(`${app.url}/w/northwind/members`, {
        method: "POST",
        redirect: "manual",
        headers: { origin: app.url, cookie: app.cookie, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          intent: "invite",
          email: `drill-${i}@example.test`,
          role: "coordinator",
          idempotencyKey: `drill-invite-${i}-${randomBytes(6).toString("hex")}`,
        }),
      });
    });
    const answers = await Promise.all(posts);
    expect(
      answers.map((a) => a.status).filter((s) => s >= 400),
      "every invitation accepted",
    ).toEqual([]);

    const queued = await sql<{ id: string; kind: string; message_id: string | null }[]>`
      select id, kind, payload->>'messageId' as message_id from jobs where kind in ('email', 'webhook') and status <> 'done'`;
    const emailIds = queued
      .filter((j) => j.kind === "email")
      .map((j) => j.id)
      .sort();
    const messageIds = queued
      .filter((j) => j.kind === "webhook")
      .map((j) => j.message_id!)
      .sort();
    expect(emailIds.length).toBeGreaterThanOrEqual(INVITES);
    expect(messageIds).toHaveLength(INVITES);

    // First worker: killed with SIGKILL once deliveries are under way and some jobs are still running.
    const first = spawnProcess("server/worker.ts", baseEnv, "worker 1");
    procs.push(first);
    await waitFor("deliveries to start", () => email.requests + hooks.requests >= 4, 60_000, logs);
    const [{ running }] = await sql<{ running: number }[]>`select count(*)::int as running from jobs where status = 'running'`;
    first.child.kill("SIGKILL");
    await new Promise((r) => first.child.once("exit", r));
    const [{ left }] = await sql<
      { left: number }[]
    >`select count(*)::int as left from jobs where kind in ('email','webhook') and status <> 'done'`;
    expect(running, "the kill landed while jobs were running").toBeGreaterThan(0);
    expect(left, "the kill landed before the work was done").toBeGreaterThan(0);
    const sentBeforeKill = email.requests + hooks.requests;
    await new Promise((r) => setTimeout(r, 1000));
    expect(email.requests + hooks.requests, "nothing is delivered once the only worker is dead").toBe(sentBeforeKill);

    // Second worker: takes the rest, including the dead worker's jobs once their lease runs out.
    const second = spawnProcess("server/worker.ts", baseEnv, "worker 2");
    procs.push(second);
    await waitFor(
      "every job to finish",
      async () => {
        const [{ open }] = await sql<
          { open: number }[]
        >`select count(*)::int as open from jobs where kind in ('email','webhook') and status in ('pending','running')`;
        return open === 0;
      },
      150_000,
      logs,
    );

    const [{ failed }] = await sql<{ failed: number }[]>`select count(*)::int as failed from jobs where status = 'failed'`;
    expect(failed, logs()).toBe(0);
    // Every email of the burst arrived under its job's id, and no id the outbox never had: a retaken
    // job kept its id. The worker's own schedules (the 08:00 sign-off digest, the monthly report) may
    // queue more email while the drill runs, depending on the hour: those must be outbox ids too.
    const outboxEmailIds = new Set((await sql<{ id: string }[]>`select id from jobs where kind = 'email'`).map((j) => j.id));
    expect(
      emailIds.filter((id) => !email.accepted.has(id)),
      "every email of the burst delivered",
    ).toEqual([]);
    expect(
      [...email.accepted.keys()].filter((id) => !outboxEmailIds.has(id)),
      "no email id the outbox never had",
    ).toEqual([]);
    expect([...hooks.accepted.keys()].sort()).toEqual(messageIds);
    console.log(
      `drill: ${emailIds.length} emails, ${messageIds.length} webhooks; repeats seen and dropped by the receivers: ${email.repeats} email, ${hooks.repeats} webhook; ${running} jobs running at the kill`,
    );
  }, 240_000);
});
