// Load benchmark (issue 16 "Speed", extended by issue 22): the month view, the "waiting on me" home
// and the insights page for a team on them at once, on the workspace of PRODUCT.md §8 against
// PostgreSQL, with the data unchanged and with one change a second; plus the monthly report for
// every brand. Writes docs/benchmarks/load.md and the README's summary (scripts/bench-load-doc.ts).
//
// Usage: npm run build && npm run bench:load
//   BENCH_SCALE=0.05     a smaller workspace (creators, campaigns, deliverables) to try the harness;
//                        below 1 the results go to /tmp/bench-load.md, not to the docs
//   BENCH_SECONDS=15     measured seconds per case      BENCH_RUNS=2     runs of every case
//   BENCH_CLIENTS=8      concurrent keep-alive clients  BENCH_PAGES=month,home,insights
//   BENCH_PROFILE=0      skip the loader profile        BENCH_REPORT=0   skip the monthly report
//   BENCH_KEEP=1         keep the database (to profile queries against it)
//   BENCH_REUSE=<name>   measure an existing benchmark database (kept before) instead of generating one
//   BENCH_RENDER=1       no measuring: write the documents again from the last run's results (/tmp/bench-load-result.json)
//   BENCH_DATABASE_URL   admin connection (default postgres://postgres@127.0.0.1:5432/postgres)
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, totalmem } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import type { BenchDoc, CaseRow } from "./bench-load-doc";

// The bench process calls app services (insights writers, the monthly report): no secret file in the repository.
process.env.DATA_DIR = "memory://bench-load";
process.env.APP_SECRET ??= randomBytes(32).toString("base64url");

const { migrate, openDatabase } = await import("../db/client");
const { seedDemo } = await import("../db/seed");
const { countsOf, generateScale, sizeFor } = await import("./bench-load-scale");
const { generateHistory } = await import("./bench-load-history");
const { writeInsights } = await import("./bench-load-insights");
const { cpuSeconds, signIn, startServer } = await import("./bench-load-server");
const { runLoad, startWriter } = await import("./bench-load-http");
const { chooseTargets } = await import("./bench-load-targets");
const { profilePages } = await import("./bench-load-profile");
const { timeMonthlyReport } = await import("./bench-load-report");
const { keptNotes, loadMarkdown, updateReadme } = await import("./bench-load-doc");

const root = fileURLToPath(new URL("..", import.meta.url));
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const num = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const settings = {
  scale: num("BENCH_SCALE", 1),
  clients: num("BENCH_CLIENTS", 8),
  seconds: num("BENCH_SECONDS", 15),
  warmup: 3,
  runs: num("BENCH_RUNS", 2),
};
const SLUG = "northwind";
const COORDINATOR = "coordinator@northwind.test";
const ALL_PAGES = [
  { key: "month", label: "calendar: month view", path: `/w/${SLUG}/calendar?view=month`, route: "w.$workspace.calendar.tsx" },
  { key: "home", label: "home: waiting on me", path: `/w/${SLUG}`, route: "w.$workspace._index.tsx" },
  { key: "insights", label: "insights", path: `/w/${SLUG}/insights`, route: "w.$workspace.insights._index.tsx" },
];
const wanted = (process.env.BENCH_PAGES ?? "month,home,insights").split(",");

const withDatabase = (url: string, name: string) => Object.assign(new URL(url), { pathname: `/${name}` }).toString();
const elapsed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const t0 = performance.now();
  const value = await work();
  return [value, performance.now() - t0];
};
const log = (line: string) => console.log(`[bench:load] ${line}`);

/** A fresh database with the §8 workspace, its history and insights rows; returns timings and counts. */
async function generate(url: string) {
  const open = await openDatabase({ databaseUrl: url, poolSize: 2 });
  await migrate(open);
  const demo = await seedDemo(open.db);
  await open.close();
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const size = sizeFor(settings.scale);
  const [, scaleMs] = await elapsed(() => generateScale(sql, demo.ws.id, size));
  log(`workspace grown in ${(scaleMs / 1000).toFixed(1)} s`);
  const [, historyMs] = await elapsed(() => generateHistory(sql, demo.ws.id, Math.max(20, Math.round(300 * settings.scale))));
  log(`history written in ${(historyMs / 1000).toFixed(1)} s`);
  await sql.end();
  const insights = await writeInsights(url, demo.ws.id);
  log(
    `conflict log synced ${insights.syncs} times in ${(insights.syncMs / 1000).toFixed(1)} s; ${insights.facts} facts backfilled in ${(insights.backfillMs / 1000).toFixed(1)} s`,
  );
  return { workspaceId: demo.ws.id, scaleMs, historyMs, insights };
}

/** The raw results of the last run: BENCH_RENDER=1 writes the documents again from them (after editing the notes, say). */
const RESULT_FILE = "/tmp/bench-load-result.json";

/** load.md (keeping its hand-written notes) and, for a full-scale run, the README's summary. */
function writeDocs(full: boolean, doc: BenchDoc) {
  const out = full ? path.join(root, "docs/benchmarks/load.md") : "/tmp/bench-load.md";
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, loadMarkdown(doc, keptNotes(out)));
  if (full) updateReadme(path.join(root, "README.md"), doc);
  log(`written to ${out}${full ? " and the README's Benchmarks section" : " (not the docs: a smaller scale or a reused database)"}`);
}

async function main() {
  if (process.env.BENCH_RENDER) {
    const saved = JSON.parse(readFileSync(RESULT_FILE, "utf8")) as { full: boolean; doc: BenchDoc };
    return writeDocs(saved.full, saved.doc);
  }
  const loadBefore = loadavg();
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  const reuse = process.env.BENCH_REUSE;
  const name = reuse ?? `baton_bench_${Date.now().toString(36)}`;
  if (!reuse) await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = withDatabase(ADMIN_URL, name);
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  try {
    const generated = reuse ? null : await generate(url);
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    const [{ id: workspaceId }] = await sql<{ id: string }[]>`SELECT id FROM workspaces WHERE slug = ${SLUG}`;
    const [, vacuumMs] = await elapsed(() => sql.unsafe(`VACUUM ANALYZE`));
    const counts = await countsOf(sql, workspaceId);
    const [{ server_version: pgVersion }] = await sql<{ server_version: string }[]>`SHOW server_version`;
    log(`counts ${JSON.stringify(counts)}`);

    server = await startServer(root, url);
    let cookie = await signIn(server.url, COORDINATOR);
    const skipped: string[] = [];
    const pages = [];
    for (const page of ALL_PAGES.filter((p) => wanted.includes(p.key))) {
      const probe = await fetch(new URL(page.path, server.url), { headers: { cookie } });
      await probe.text();
      if (probe.status === 200 && existsSync(path.join(root, "app/routes", page.route))) pages.push(page);
      else skipped.push(`${page.label} (${page.path} answered ${probe.status}: the page is not there yet)`);
    }
    skipped.forEach((s) => log(`SKIPPED ${s}`));
    const targets = await chooseTargets(sql, workspaceId, COORDINATOR);
    const cases: CaseRow[] = [];
    for (let run = 1; run <= settings.runs; run++)
      for (const changing of [false, true])
        for (const page of pages) {
          const stopWriter = changing ? startWriter({ base: server.url, slug: SLUG, cookie, targets }) : null;
          const before = cpuSeconds(server.pid, name);
          const result = await runLoad({ base: server.url, path: page.path, cookie, ...settings });
          const after = cpuSeconds(server.pid, name);
          const writer = stopWriter ? await stopWriter() : null;
          const perRequest = (pick: "server" | "postgres") =>
            before && after && result.requests ? ((after[pick] - before[pick]) * 1000) / result.requests : null;
          const row = {
            page: page.label,
            changing,
            run,
            result,
            serverCpuMs: perRequest("server"),
            postgresCpuMs: perRequest("postgres"),
            load1: loadavg()[0],
            writer,
          };
          cases.push(row);
          log(
            `${page.label}, ${changing ? "changing" : "unchanged"}, run ${run}: ${result.rps.toFixed(1)} req/s, p50 ${result.p50.toFixed(0)} ms, p95 ${result.p95.toFixed(0)} ms, p99 ${result.p99.toFixed(0)} ms${writer ? `, writer ${writer.writes} ok / ${writer.failures} failed` : ""}`,
          );
          if (!server.alive()) {
            // A crash under load is a result: say so, and start again for the next case.
            skipped.push(
              `the server exited during ${page.label}, ${changing ? "changing" : "unchanged"}, run ${run}: ${server.logTail().slice(-400)}`,
            );
            log(`SERVER EXITED:\n${server.logTail()}`);
            server = await startServer(root, url);
            cookie = await signIn(server.url, COORDINATOR);
          }
          await new Promise((r) => setTimeout(r, 1000));
        }
    await server.stop();
    server = null;

    // A change before each profiled request: the changing-data case, without the other clients.
    const touch = () =>
      sql.unsafe(
        `UPDATE deliverables SET updated_at = now() WHERE id = (SELECT id FROM deliverables WHERE workspace_id = '${workspaceId}' ORDER BY publish_at DESC LIMIT 1)`,
      );
    const profiles =
      process.env.BENCH_PROFILE === "0"
        ? []
        : await profilePages({ root, url, base: "http://localhost", slug: SLUG, cookie, pages, touch });
    for (const p of profiles)
      log(
        `profile ${p.label}: loader p50 ${p.loaderP50.toFixed(0)} ms, ${p.queriesPerRequest.toFixed(1)} statements, ${p.queryMs.toFixed(0)} ms alone`,
      );
    const report = process.env.BENCH_REPORT === "0" ? null : await timeMonthlyReport(url, workspaceId);
    if (report)
      log(
        `monthly report: ${report.brands} brands, job ${(report.jobMs / 1000).toFixed(1)} s, rendering ${(report.renderMs / 1000).toFixed(1)} s`,
      );
    await sql.end();

    const doc: BenchDoc = {
      machine: {
        date: new Date().toISOString().slice(0, 10),
        cores: availableParallelism(),
        cpu: cpus()[0]?.model ?? "unknown CPU",
        ramGb: Math.round(totalmem() / 2 ** 30),
        node: process.version,
        postgres: pgVersion,
        loadBefore,
        loadAfter: loadavg(),
      },
      settings,
      counts,
      timings: {
        scaleMs: generated?.scaleMs ?? NaN,
        historyMs: generated?.historyMs ?? NaN,
        vacuumMs,
        insights: generated?.insights ?? { syncs: 0, worstSyncMs: NaN, syncMs: NaN, facts: counts.handoff_facts, backfillMs: NaN },
      },
      cases,
      skipped,
      profiles,
      report,
    };
    writeFileSync(RESULT_FILE, JSON.stringify({ full: settings.scale === 1 && !reuse, doc }, null, 1));
    writeDocs(settings.scale === 1 && !reuse, doc);
  } finally {
    await server?.stop();
    if (process.env.BENCH_KEEP || reuse) log(`kept the database: ${url}`);
    else await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
