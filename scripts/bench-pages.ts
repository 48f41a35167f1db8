// Times the two pages PRODUCT.md §8 says must stay interactive at scale (the calendar month view
// and the "waiting on me" home) through the real server over HTTP, against PostgreSQL, on a
// workspace of 50 brands, 10 agencies, 500 creators, 2,000 campaigns and 100,000 deliverables
// spread over two years. Writes the numbers to docs/benchmarks/pages.md.
//
// Usage: npm run build && npm run bench:pages
//   BENCH_KEEP=1       keep the generated database (to profile queries against it)
//   BENCH_DATABASE_URL  admin connection (default postgres://postgres@127.0.0.1:5432/postgres);
//                       a throwaway database is created on it and dropped afterwards.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { migrate, openDatabase } from "../db/client";
import { DEMO_PASSWORD, seedDemo } from "../db/seed";

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const WARMUP = 3;
const TARGET_P95_MS = 300;
const root = fileURLToPath(new URL("..", import.meta.url));

const VIEWERS = [
  { email: "coordinator@northwind.test", label: "coordinator (sees everything)" },
  { email: "agency@brightline.test", label: "agency member (one agency)" },
  { email: "lead@lumen.test", label: "brand lead (one brand)" },
  { email: "creator@studio.test", label: "creator (own assignments)" },
];
const PAGES = [
  { path: "/w/northwind", label: "home: waiting on me" },
  { path: "/w/northwind/calendar?view=month", label: "calendar: month view" },
];

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** The scale of §8, written with set-based SQL so generating it takes seconds, not minutes. */
async function generateScale(sql: postgres.Sql, workspaceId: string) {
  const rid = "replace(gen_random_uuid()::text, '-', '')";
  await sql.unsafe(`
    INSERT INTO brands (id, workspace_id, name, category, time_zone, color)
      SELECT ${rid}, '${workspaceId}', 'Scale brand ' || g, (ARRAY['skincare','coffee','outdoor','fashion','gaming','pets'])[1 + g % 6],
             (ARRAY['Europe/Berlin','America/New_York','America/Denver','Asia/Tokyo'])[1 + g % 4], '#0ea5e9'
      FROM generate_series(1, 50 - (SELECT count(*)::int FROM brands WHERE workspace_id = '${workspaceId}')) g;
    INSERT INTO agencies (id, workspace_id, name) SELECT ${rid}, '${workspaceId}', 'Scale agency ' || g FROM generate_series(1, 10 - (SELECT count(*)::int FROM agencies WHERE workspace_id = '${workspaceId}')) g;
    INSERT INTO creators (id, workspace_id, name) SELECT ${rid}, '${workspaceId}', 'Scale creator ' || g FROM generate_series(1, 500 - (SELECT count(*)::int FROM creators WHERE workspace_id = '${workspaceId}')) g;
  `);
  // Campaigns: random brand and lead agency, windows of 2 to 8 weeks over two years around today.
  await sql.unsafe(`
    WITH b AS (SELECT array_agg(id) ids FROM brands WHERE workspace_id = '${workspaceId}'),
         a AS (SELECT array_agg(id) ids FROM agencies WHERE workspace_id = '${workspaceId}'),
         s AS (SELECT g, now() - interval '365 days' + (random() * 730) * interval '1 day' AS starts FROM generate_series(1, 2000 - (SELECT count(*)::int FROM campaigns WHERE workspace_id = '${workspaceId}')) g)
    INSERT INTO campaigns (id, workspace_id, brand_id, lead_agency_id, name, status, channels, starts_at, ends_at)
      SELECT ${rid}, '${workspaceId}', b.ids[1 + floor(random() * array_length(b.ids, 1))::int],
             a.ids[1 + floor(random() * array_length(a.ids, 1))::int], 'Scale campaign ' || s.g,
             (ARRAY['planning','briefed','active','completed'])[1 + s.g % 4], '["instagram","tiktok"]'::jsonb,
             s.starts, s.starts + (14 + floor(random() * 42)::int) * interval '1 day'
      FROM s, b, a;
  `);
  // Creators assigned to campaigns (about 3 each), so creator-scoped queries have real work.
  await sql.unsafe(`
    WITH c AS (SELECT array_agg(id) ids FROM creators WHERE workspace_id = '${workspaceId}')
    INSERT INTO campaign_creators (campaign_id, creator_id, workspace_id)
      SELECT DISTINCT p.id, c.ids[1 + floor(random() * array_length(c.ids, 1))::int], '${workspaceId}'
      FROM campaigns p, c, generate_series(1, 3)
      WHERE p.workspace_id = '${workspaceId}'
    ON CONFLICT DO NOTHING;
  `);
  // 100,000 deliverables: each inside its campaign's window, by one of its creators.
  await sql.unsafe(`
    WITH p AS (SELECT row_number() OVER () AS n, id, brand_id, starts_at, ends_at FROM campaigns WHERE workspace_id = '${workspaceId}'),
         cnt AS (SELECT count(*) AS total FROM p),
         d AS (SELECT g, 1 + (g % (SELECT total FROM cnt)) AS n FROM generate_series(1, 100000 - (SELECT count(*)::int FROM deliverables WHERE workspace_id = '${workspaceId}')) g)
    INSERT INTO deliverables (id, workspace_id, campaign_id, brand_id, creator_id, channel, title, publish_at, status, current_version)
      SELECT ${rid}, '${workspaceId}', p.id, p.brand_id,
             (SELECT cc.creator_id FROM campaign_creators cc WHERE cc.campaign_id = p.id LIMIT 1),
             (ARRAY['instagram','tiktok','youtube','facebook'])[1 + d.g % 4], 'Scale post ' || d.g,
             p.starts_at + random() * (p.ends_at - p.starts_at),
             'draft', 0
      FROM d JOIN p ON p.n = d.n;
  `);
  // Statuses as time leaves them: the past is published (a few blocked), the next two days are
  // signed off or scheduled, later posts are spread over the working states.
  await sql.unsafe(`
    UPDATE deliverables SET
      status = CASE
        WHEN publish_at < now() THEN CASE WHEN random() < 0.03 THEN 'blocked' ELSE 'published' END
        WHEN publish_at < now() + interval '48 hours' THEN (ARRAY['signed_off','scheduled'])[1 + floor(random() * 2)::int]
        ELSE (ARRAY['draft','in_review','changes_requested','signed_off','scheduled'])[1 + floor(random() * 5)::int] END
    WHERE workspace_id = '${workspaceId}' AND title LIKE 'Scale post %';
    UPDATE deliverables SET current_version = 1 WHERE workspace_id = '${workspaceId}' AND title LIKE 'Scale post %' AND status <> 'draft';
  `);
  // VACUUM too: otherwise autovacuum wakes up on the fresh rows in the middle of the first timings.
  await sql.unsafe(`VACUUM ANALYZE`);
  const [counts] = await sql.unsafe(`
    SELECT (SELECT count(*) FROM brands WHERE workspace_id = '${workspaceId}') brands,
           (SELECT count(*) FROM agencies WHERE workspace_id = '${workspaceId}') agencies,
           (SELECT count(*) FROM creators WHERE workspace_id = '${workspaceId}') creators,
           (SELECT count(*) FROM campaigns WHERE workspace_id = '${workspaceId}') campaigns,
           (SELECT count(*) FROM deliverables WHERE workspace_id = '${workspaceId}') deliverables`);
  return counts as Record<string, string>;
}

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

async function startServer(databaseUrl: string) {
  const port = await freePort();
  const env = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "/tmp",
    NODE_ENV: "production",
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    DATA_DIR: mkdtempSync(path.join(tmpdir(), "baton-bench-")),
    WORKER: "off",
    SEED_DEMO: "false",
  };
  const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["server/index.ts"], {
    cwd: root,
    env: env as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout.on("data", (d) => (log += String(d)));
  child.stderr.on("data", (d) => (log += String(d)));
  const started = Date.now();
  while (!log.includes("Baton is running")) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${log}`);
    if (Date.now() - started > 90_000) throw new Error(`server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url: `http://localhost:${port}`, stop: () => child.kill("SIGTERM") };
}

async function signIn(base: string, email: string): Promise<string> {
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

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function timePage(base: string, cookie: string, pagePath: string, before?: () => Promise<unknown>) {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < WARMUP + RUNS; i++) {
    await before?.();
    const t0 = performance.now();
    const res = await fetch(`${base}${pagePath}`, { headers: { cookie } });
    const body = await res.text();
    const ms = performance.now() - t0;
    if (res.status !== 200) throw new Error(`${pagePath} answered ${res.status}`);
    if (i >= WARMUP) times.push(ms);
    bytes = body.length;
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: times[times.length - 1], kb: bytes / 1024 };
}

async function main() {
  const name = `baton_bench_${Date.now().toString(36)}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = withDatabase(ADMIN_URL, name);
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  try {
    const open = await openDatabase({ databaseUrl: url, poolSize: 2 });
    await migrate(open);
    const demo = await seedDemo(open.db);
    await open.close();
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    const t0 = performance.now();
    const counts = await generateScale(sql, demo.ws.id);
    console.log(`Generated ${JSON.stringify(counts)} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    await sql.end();

    server = await startServer(url);
    const writer = postgres(url, { max: 1, onnotice: () => {} });
    // A real change to a deliverable before each request: every calendar snapshot is recomputed.
    const touch = () =>
      writer.unsafe(
        `UPDATE deliverables SET updated_at = now() WHERE id = (SELECT id FROM deliverables WHERE workspace_id = '${demo.ws.id}' ORDER BY publish_at DESC LIMIT 1)`,
      );
    const passes = [
      { name: "unchanged", before: undefined, rows: [] as string[], worst: 0 },
      { name: "changed", before: touch, rows: [] as string[], worst: 0 },
    ];
    for (const pass of passes) {
      console.log(`\n${pass.name === "unchanged" ? "Data unchanged between requests" : "A deliverable changed before every request"}:`);
      for (const viewer of VIEWERS) {
        const cookie = await signIn(server.url, viewer.email);
        for (const page of PAGES) {
          const r = await timePage(server.url, cookie, page.path, pass.before);
          pass.worst = Math.max(pass.worst, r.p95);
          const line = `| ${page.label} | ${viewer.label} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.max.toFixed(1)} | ${r.kb.toFixed(0)} |`;
          console.log(line);
          pass.rows.push(line);
        }
      }
    }
    await writer.end();
    const [unchanged, changed] = passes;
    const worst = Math.max(unchanged.worst, changed.worst);
    const header = "| page | viewer | p50 ms | p95 ms | max ms | HTML KB |\n|---|---|---:|---:|---:|---:|";
    const machine = `${availableParallelism()} cores (${cpus()[0]?.model ?? "unknown CPU"}), Node ${process.version}, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" / ")}`;
    const doc = `# Page benchmark: home and calendar month view at scale

\`npm run build && npm run bench:pages\` (scripts/bench-pages.ts) creates a throwaway PostgreSQL
database, seeds the demo workspace, grows it to the scale of PRODUCT.md §8 with set-based SQL
(${counts.brands} brands, ${counts.agencies} agencies, ${counts.creators} creators, ${counts.campaigns} campaigns,
${counts.deliverables} deliverables over two years), starts the real server (\`NODE_ENV=production\`,
worker off) and requests each page over HTTP as each demo viewer: ${WARMUP} warm-up requests, then
${RUNS} sequential ones. Times are the whole request as the browser sees it (session check,
loader queries, server render), measured on ${new Date().toISOString().slice(0, 10)}: ${machine}.

Calendar snapshots (the rows of a window and their conflicts) are cached per instance until the
data under them changes (decision 041), so the benchmark runs twice: once with the data unchanged
between requests, and once with a deliverable updated before every request, which makes every
request recompute its snapshot: the cost of the first view after any change.

Target: p95 well under ${TARGET_P95_MS} ms. Worst p95: ${unchanged.worst.toFixed(1)} ms unchanged, ${changed.worst.toFixed(1)} ms changed.

## Data unchanged between requests

${header}
${unchanged.rows.join("\n")}

## A deliverable changed before every request

${header}
${changed.rows.join("\n")}
`;
    mkdirSync(path.join(root, "docs/benchmarks"), { recursive: true });
    writeFileSync(path.join(root, "docs/benchmarks/pages.md"), doc);
    console.log(`\nWorst p95 ${worst.toFixed(1)} ms (target < ${TARGET_P95_MS} ms). Written to docs/benchmarks/pages.md`);
  } finally {
    server?.stop();
    await new Promise((r) => setTimeout(r, 500));
    if (process.env.BENCH_KEEP) console.log(`Kept the database: ${url}`);
    else await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
