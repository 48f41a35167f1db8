// The real production server for `npm run bench:load` (as scripts/bench-pages.ts starts it), a
// sign-in, and the CPU each side spends: the server's process tree, and the PostgreSQL backends
// serving the benchmark's database (found by the database name in their process titles), so a
// case can say how much of each request is Node and how much is the database.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { DEMO_PASSWORD } from "../db/seed";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export interface RunningServer {
  url: string;
  pid: number;
  /** False once the process has exited (a crash under load, say). */
  alive(): boolean;
  /** The end of what it printed. */
  logTail(): string;
  stop(): Promise<void>;
}

/** `NODE_ENV=production tsx server/index.ts` on a free port, worker off (jobs would compete for the CPU being measured). */
export async function startServer(root: string, databaseUrl: string): Promise<RunningServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "/tmp",
    NODE_ENV: "production",
    // Its own secret: no warning, no secret file (the worker is off, nobody opens its sealed jobs).
    APP_SECRET: randomBytes(32).toString("base64url"),
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    DATA_DIR: mkdtempSync(path.join(tmpdir(), "baton-bench-")),
    WORKER: "off",
    SEED_DEMO: "false",
  };
  const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["server/index.ts"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout.on("data", (d) => (log += String(d)));
  child.stderr.on("data", (d) => (log += String(d)));
  const started = Date.now();
  while (!log.includes("Baton is running")) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${log}`);
    if (Date.now() - started > 120_000) throw new Error(`server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    url: `http://localhost:${port}`,
    pid: child.pid!,
    alive: () => child.exitCode === null && child.signalCode === null,
    logTail: () => log.slice(-2000),
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    },
  };
}

/** Signs in with the demo password; returns the session cookie. */
export async function signIn(base: string, email: string): Promise<string> {
  const res = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: base, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD, intent: "password" }),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  if (res.status !== 302 || !cookie) throw new Error(`sign-in as ${email} failed: ${res.status}`);
  return cookie;
}

/* ---------------------------------------------------------------- CPU accounting (Linux /proc) */

const TICKS = 100; // USER_HZ on Linux

interface Proc {
  pid: number;
  ppid: number;
  ticks: number;
}

function readProcs(): Proc[] {
  let names: string[];
  try {
    names = readdirSync("/proc").filter((n) => /^\d+$/.test(n));
  } catch {
    return [];
  }
  const procs: Proc[] = [];
  for (const name of names) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // The command name is in parentheses and may hold spaces: read the fields after its closing one.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      procs.push({ pid: Number(name), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // The process ended while the list was read.
    }
  }
  return procs;
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
  } catch {
    return "";
  }
}

/** CPU seconds so far of the server's process tree and of the PostgreSQL backends on `database`; null where /proc is not there. */
export function cpuSeconds(serverPid: number, database: string): { server: number; postgres: number } | null {
  const procs = readProcs();
  if (procs.length === 0) return null;
  const tree = new Set([serverPid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of procs)
      if (tree.has(p.ppid) && !tree.has(p.pid)) {
        tree.add(p.pid);
        grew = true;
      }
  }
  let server = 0;
  let postgres = 0;
  for (const p of procs) {
    if (tree.has(p.pid)) server += p.ticks;
    else if (cmdline(p.pid).startsWith(`postgres: `) && cmdline(p.pid).includes(` ${database} `)) postgres += p.ticks;
  }
  return { server: server / TICKS, postgres: postgres / TICKS };
}
