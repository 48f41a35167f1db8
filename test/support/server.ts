import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestDatabase, type TestDatabase } from "./db";

export interface RunningServer {
  url: string;
  port: number;
  output: () => string;
  stop(): Promise<void>;
  /** The server's database, for assertions (PostgreSQL only; null on PGlite). */
  database: TestDatabase | null;
  dataDir: string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

const root = path.resolve(__dirname, "../..");

/**
 * Starts the real server (server/index.ts over the built app) as `npm start` does, on its own
 * database: a PostgreSQL clone when the suite runs against PostgreSQL, else PGlite in a temp dir.
 */
export async function startServer(
  opts: { env?: Record<string, string>; dataDir?: string; keepDataDir?: boolean; usePglite?: boolean } = {},
): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), "baton-e2e-"));
  const database = !opts.usePglite && process.env.BATON_TEST_TEMPLATE_URL ? await createTestDatabase() : null;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "/tmp",
    NODE_ENV: "production",
    PORT: String(port),
    DATA_DIR: dataDir,
    WORKER_POLL_MS: "100",
    ...(database?.url ? { DATABASE_URL: database.url } : {}),
    ...opts.env,
  };
  let log = "";
  const child: ChildProcess = spawn(path.join(root, "node_modules/.bin/tsx"), ["server/index.ts"], {
    cwd: root,
    env: env as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (log += String(d)));
  child.stderr?.on("data", (d) => (log += String(d)));
  const started = Date.now();
  while (!log.includes("Baton is running")) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${log}`);
    if (Date.now() - started > 90_000) throw new Error(`server did not start in 90 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `http://localhost:${port}`,
    port,
    output: () => log,
    database,
    dataDir,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      if (database) await database.drop();
      if (!opts.keepDataDir && !opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
