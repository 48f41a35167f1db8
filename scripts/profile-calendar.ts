// Where the month view's time goes, in one process and one run (decision 068), so that before and
// after compare on the same machine load: the route loader with the cache cold (the whole window
// computed), warm (nothing changed), and right after a real reschedule through the deliverable
// page's action (the first view after a change), each with the SQL statements it sent.
// Wall times on a busy machine mostly measure the wait for a core: the node CPU column (this
// process's user + system time per request; PostgreSQL's work is not in it) is the steadier figure.
// Prints a table; writes nothing in the repository.
//
// Usage: npx tsx scripts/profile-calendar.ts
//   PROFILE_DB=<name>  reuse a database generated before (kept by default: dropdb it when done)
//   PROFILE_RUNS=10    requests per case      PROFILE_PAGE=month|home|insights
//   PROFILE_CASES=change  only the first view after a change (to run under node --cpu-prof)
//   BENCH_DATABASE_URL admin connection (default postgres://postgres@127.0.0.1:5432/postgres)
import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";

process.env.DATA_DIR = "memory://profile-calendar";
process.env.APP_SECRET ??= randomBytes(32).toString("base64url");
process.env.NODE_ENV ??= "production";

const schema = await import("../db/schema");
const { migrate, openDatabase } = await import("../db/client");
const { seedDemo } = await import("../db/seed");
const { generateScale, sizeFor } = await import("./bench-load-scale");
const { chooseTargets } = await import("./bench-load-targets");
const { percentile } = await import("./bench-load-http");
const { installDb } = await import("../app/utils/db.server");
const { lucia } = await import("../app/modules/auth/lucia.server");
const { clearSnapshotCache, snapshotCacheStats } = await import("../app/modules/calendar/snapshot-cache.server");

const root = fileURLToPath(new URL("..", import.meta.url));
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const RUNS = Number(process.env.PROFILE_RUNS ?? 10);
const SLUG = "northwind";
const PAGES: Record<string, { path: string; route: string }> = {
  month: { path: `/w/${SLUG}/calendar?view=month`, route: "w.$workspace.calendar.tsx" },
  home: { path: `/w/${SLUG}`, route: "w.$workspace._index.tsx" },
  insights: { path: `/w/${SLUG}/insights`, route: "w.$workspace.insights._index.tsx" },
};
const page = PAGES[process.env.PROFILE_PAGE ?? "month"];
const withDatabase = (url: string, name: string) => Object.assign(new URL(url), { pathname: `/${name}` }).toString();

type RouteFn = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<unknown>;

async function main() {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  const name = process.env.PROFILE_DB ?? `baton_profile_${Date.now().toString(36)}`;
  const url = withDatabase(ADMIN_URL, name);
  if (!process.env.PROFILE_DB) {
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const open = await openDatabase({ databaseUrl: url, poolSize: 2 });
    await migrate(open);
    const demo = await seedDemo(open.db);
    await open.close();
    const gen = postgres(url, { max: 1, onnotice: () => {} });
    await generateScale(gen, demo.ws.id, sizeFor(1));
    await gen.unsafe("VACUUM ANALYZE");
    await gen.end();
    console.log(`generated ${name} (kept: PROFILE_DB=${name} to reuse, dropdb -h 127.0.0.1 -U postgres ${name} when done)`);
  }
  await admin.end();

  let statements = 0;
  const client = postgres(url, { max: 10, onnotice: () => {}, debug: () => void statements++ });
  installDb(drizzle(client, { schema }) as never);
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const [{ id: workspaceId }] = await sql<{ id: string }[]>`SELECT id FROM workspaces WHERE slug = ${SLUG}`;
  const [{ id: userId }] = await sql<{ id: string }[]>`SELECT id FROM users WHERE email = 'coordinator@northwind.test'`;
  const session = await lucia().createSession(userId, { createdAt: new Date() });
  const cookie = lucia().createSessionCookie(session.id).serialize().split(";")[0];
  const targets = await chooseTargets(sql, workspaceId, "coordinator@northwind.test");

  const view = (await import(path.join(root, "app/routes", page.route))) as { loader: RouteFn };
  const deliverable = (await import(path.join(root, "app/routes/w.$workspace.deliverables.$deliverableId.tsx"))) as { action: RouteFn };
  const base = "http://localhost";
  const load = async () => {
    const res = (await view.loader({
      request: new Request(new URL(page.path, base), { headers: { cookie } }),
      params: { workspace: SLUG },
      context: { cspNonce: "" },
    })) as Response;
    await res.text();
  };
  let writes = 0;
  const reschedule = async () => {
    const target = targets[writes % targets.length];
    const forward = Math.floor(writes / targets.length) % 2 === 0;
    writes++;
    const body = new URLSearchParams({ intent: "reschedule", publishAt: forward ? target.later : target.local });
    const request = new Request(new URL(`/w/${SLUG}/deliverables/${target.id}`, base), {
      method: "POST",
      headers: { cookie, origin: base, "content-type": "application/x-www-form-urlencoded" },
      body,
    });
    try {
      const res = (await deliverable.action({ request, params: { workspace: SLUG, deliverableId: target.id }, context: {} })) as Response;
      if (res instanceof Response && res.status >= 400) throw new Error(`reschedule answered ${res.status}`);
    } catch (thrown) {
      if (thrown instanceof Response && thrown.status < 400) return;
      throw thrown;
    }
  };

  const measure = async (label: string, before: () => Promise<void>) => {
    const times: number[] = [];
    const cpu: number[] = [];
    const stats = { ...snapshotCacheStats };
    let sent = 0;
    for (let i = 0; i < RUNS; i++) {
      await before();
      const s0 = statements;
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      await load();
      const used = process.cpuUsage(c0);
      cpu.push((used.user + used.system) / 1000);
      times.push(performance.now() - t0);
      sent += statements - s0;
    }
    times.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    console.log(
      `${label.padEnd(34)} p50 ${percentile(times, 50).toFixed(0).padStart(5)} ms  p95 ${percentile(times, 95).toFixed(0).padStart(5)} ms  ` +
        `node CPU p50 ${percentile(cpu, 50).toFixed(0).padStart(4)} ms  ` +
        `${(sent / RUNS).toFixed(1)} statements  bases: ${snapshotCacheStats.full - stats.full} full, ${snapshotCacheStats.refreshed - stats.refreshed} refreshed`,
    );
  };

  await load();
  await load();
  console.log(
    `page ${page.path}, ${RUNS} requests per case, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" / ")}`,
  );
  // PROFILE_CASES=change: only the first view after a change (e.g. under node --cpu-prof).
  const only = process.env.PROFILE_CASES;
  if (!only) await measure("cache cold (whole window)", async () => clearSnapshotCache());
  if (!only) await measure("cache warm (nothing changed)", async () => {});
  await measure("first view after a reschedule", reschedule);
  if (!only) await measure("cache cold again (whole window)", async () => clearSnapshotCache());
  await measure("first view after a reschedule again", reschedule);
  console.log(
    `load after ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" / ")}`,
  );
  await sql.end();
  installDb(undefined);
  await client.end();
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
