// Writes what `npm run bench:load` measured: docs/benchmarks/load.md in full, and a short summary
// table in the README's "Benchmarks" section between two markers (replaced on every full run, so
// the README's numbers always come from the harness).
import { readFileSync, writeFileSync } from "node:fs";
import type { LoadResult, WriterStats } from "./bench-load-http";
import type { InsightsWrite } from "./bench-load-insights";
import type { PageProfile } from "./bench-load-profile";
import type { ReportTiming } from "./bench-load-report";

export const P95_GOAL_MS = 300;
export const REPORT_GOAL_MS = 60_000;

export interface CaseRow {
  page: string;
  changing: boolean;
  run: number;
  result: LoadResult;
  /** CPU ms per answered request: the server's process tree and the PostgreSQL backends. */
  serverCpuMs: number | null;
  postgresCpuMs: number | null;
  load1: number;
  writer: WriterStats | null;
}

export interface Machine {
  date: string;
  cores: number;
  cpu: string;
  ramGb: number;
  node: string;
  postgres: string;
  loadBefore: number[];
  loadAfter: number[];
}

export interface BenchDoc {
  machine: Machine;
  settings: { scale: number; clients: number; seconds: number; warmup: number; runs: number };
  counts: Record<string, number>;
  timings: { scaleMs: number; historyMs: number; vacuumMs: number; insights: InsightsWrite };
  cases: CaseRow[];
  skipped: string[];
  profiles: PageProfile[];
  report: ReportTiming | null;
}

const n1 = (v: number | null | undefined) => (v === null || v === undefined || Number.isNaN(v) ? "n/a" : v.toFixed(1));
const n0 = (v: number | null | undefined) =>
  v === null || v === undefined || Number.isNaN(v) ? "n/a" : Math.round(v).toLocaleString("en-US");
const s1 = (ms: number | null) => (ms === null || !Number.isFinite(ms) ? "n/a" : `${(ms / 1000).toFixed(1)} s`);

function worstP95(cases: CaseRow[], page: string, changing: boolean): number {
  return Math.max(...cases.filter((c) => c.page === page && c.changing === changing).map((c) => c.result.p95));
}

function verdict(ms: number, goal: number): string {
  return Number.isFinite(ms) ? (ms < goal ? `met (${n0(ms)} ms)` : `NOT met (${n0(ms)} ms)`) : "not measured";
}

function caseTable(cases: CaseRow[]): string {
  const head =
    "| page | data | run | answers | requests/s | p50 ms | p95 ms | p99 ms | max ms | errors | KB on the wire | server CPU ms/req | PostgreSQL CPU ms/req | load (1 min) |\n" +
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";
  const rows = cases.map((c) => {
    const r = c.result;
    return `| ${c.page} | ${c.changing ? "one change a second" : "unchanged"} | ${c.run} | ${r.requests} | ${n1(r.rps)} | ${n0(r.p50)} | ${n0(r.p95)} | ${n0(r.p99)} | ${n0(r.max)} | ${r.errors} | ${n0(r.wireKb)} | ${n1(c.serverCpuMs)} | ${n1(c.postgresCpuMs)} | ${c.load1.toFixed(1)} |`;
  });
  return [head, ...rows].join("\n");
}

/** The writer's own answers, per page it ran beside: a page that holds the event loop delays every other request too. */
function writerLines(cases: CaseRow[]): string {
  const rows = cases
    .filter((c) => c.writer)
    .map((c) => {
      const w = c.writer!;
      const failed = w.failures ? `, ${w.failures} failed (first: ${w.firstFailure})` : "";
      return `| ${c.page} | ${c.run} | ${w.writes}${failed} | ${n0(w.p50)} | ${n0(w.p95)} |`;
    });
  return `The writer's reschedules (one a second), answered while each page was under load:

| beside | run | reschedules | p50 ms | p95 ms |
|---|---:|---:|---:|---:|
${rows.join("\n")}`;
}

function profileSection(profiles: PageProfile[]): string {
  if (profiles.length === 0) return "Not profiled in this run.";
  return profiles
    .map((p) => {
      const top = p.queries
        .slice(0, 6)
        .map(
          (q) =>
            `| ${q.calls} | ${n1(q.ms)} | ${n0(q.rows)} | \`${q.sql.slice(0, 160).replace(/\|/g, "\\|")}${q.sql.length > 160 ? "…" : ""}\` |`,
        );
      return `### ${p.label}

Route loader alone, one request at a time with a change before each (${p.runs} runs): p50 ${n0(p.loaderP50)} ms, p95 ${n0(p.loaderP95)} ms;
${n1(p.queriesPerRequest)} SQL statements per request, ${n0(p.queryMs)} ms when each runs alone (the rest of the loader is JavaScript).

| calls | ms each | rows | statement |
|---:|---:|---:|---|
${top.join("\n")}`;
    })
    .join("\n\n");
}

function reportSection(r: ReportTiming | null): string {
  if (!r) return "| monthly report, all brands | TODO: the monthly report module is not there yet | | |";
  const total = r.jobMs + r.renderMs;
  return `| the job at each zone's send time (figures, claims, outbox) | ${r.brands} brands, ${r.emailsQueued} emails queued | ${s1(r.jobMs)} | |
| the figures alone, every brand in one call | ${r.brands} brands | ${s1(r.figuresMs)} | |
| rendering each email (react-email, HTML and text) | ${r.emailsRendered} emails | ${s1(r.renderMs)} | |
| **all ${r.brands} brands, job and rendering** | month ${r.month} | **${s1(total)}** | goal under ${s1(REPORT_GOAL_MS)}: ${verdict(total, REPORT_GOAL_MS)} |`;
}

export function loadMarkdown(d: BenchDoc, notes: string): string {
  const m = d.machine;
  const c = d.counts;
  const s = d.settings;
  const insightsP95 = Math.max(worstP95(d.cases, "insights", true), worstP95(d.cases, "insights", false));
  const i = d.timings.insights;
  return `# Load benchmark: month view, home and insights with a team on them at once

\`npm run build && npm run bench:load\` (scripts/bench-load.ts and its bench-load-*.ts parts).
Measured ${m.date} on ${m.cores} cores (${m.cpu}), ${m.ramGb} GB RAM, Node ${m.node}, PostgreSQL ${m.postgres}.
Machine load (1, 5, 15 min averages) before the run: ${m.loadBefore.map((l) => l.toFixed(1)).join(" / ")}; after: ${m.loadAfter
    .map((l) => l.toFixed(1))
    .join(" / ")}; the 1-minute load at the end of each case is in the tables. ${
    m.loadBefore[0] > m.cores / 2
      ? "**Other work was running on the machine** (a load above the core count means processes waiting for a CPU): the numbers are pessimistic."
      : "The machine was otherwise quiet."
  }

## Goals (PRODUCT.md §8, issues 16 and 22)

- Insights p95 under ${P95_GOAL_MS} ms for the coordinator with ${s.clients} concurrent viewers and one change a second: **${verdict(worstP95(d.cases, "insights", true), P95_GOAL_MS)}** (worst run; data unchanged: ${verdict(worstP95(d.cases, "insights", false), P95_GOAL_MS)}).
- Month view p95 under ${P95_GOAL_MS} ms, same load: ${verdict(worstP95(d.cases, "calendar: month view", true), P95_GOAL_MS)}. Home: ${verdict(worstP95(d.cases, "home: waiting on me", true), P95_GOAL_MS)}.
- The monthly report for all 50 brands in under a minute: ${d.report ? verdict(d.report.jobMs + d.report.renderMs, REPORT_GOAL_MS) : "TODO (no monthly report module)"}.
${d.skipped.map((line) => `- Skipped: ${line}`).join("\n")}

## What it does

1. Creates a throwaway PostgreSQL database, migrates it, seeds the demo workspace (with its six months of history), and grows it to
   the scale of PRODUCT.md §8 with set-based SQL${s.scale === 1 ? "" : ` **at BENCH_SCALE=${s.scale}**`}: ${n0(c.brands)} brands, ${n0(c.agencies)} agencies, ${n0(c.creators)} creators,
   ${n0(c.campaigns)} campaigns, ${n0(c.deliverables)} deliverables over two years (${s1(d.timings.scaleMs)}).
2. Writes their history (${s1(d.timings.historyMs)}): a reviewer per agency and a lead per brand; ${n0(c.draft_versions)} draft versions and
   ${n0(c.approval_decisions)} route decisions (one to three rounds; each agency slower or faster than the others); sign-offs before the deadline,
   overrides and blocks; ${n0(c.brief_acknowledgments)} brief acknowledgments; ${n0(c.access_steps)} onboarding steps verified over 200 days. Statuses follow
   the pipeline: the past published, the next three weeks in review, later posts mostly unsubmitted drafts.
3. Lets the app write its insights rows: the conflict log by its own sync, ${i.syncs} times (every two weeks over 24 weeks, then now;
   ${s1(i.syncMs)} in all, the slowest ${s1(i.worstSyncMs)}), then ${n0(i.facts)} handoff facts by the insights backfill in ${s1(i.backfillMs)}.
   \`VACUUM ANALYZE\` (${s1(d.timings.vacuumMs)}). Rows now: ${n0(c.handoff_facts)} handoff facts, ${n0(c.conflict_log)} conflict-log rows.
4. Starts the real server (\`NODE_ENV=production\`, the built app, worker off), signs the coordinator in, and for each page runs
   ${s.clients} keep-alive HTTP clients holding that session, ${s.warmup} warm-up requests each, then ${s.seconds} s of requests back to back,
   first with the data unchanged, then with a writer that reschedules one deliverable a second through the deliverable page's real
   action (an audited change that invalidates the calendar's caches as in real use). ${s.runs} runs of everything.
   Times are whole requests as a browser sees them (session, loaders, render, compression; \`accept-encoding: gzip, deflate, br\`).
   CPU per request is read from /proc: the server's process tree, and the PostgreSQL backends of the benchmark's database.
5. Profiles each page's route loader in the benchmark's own process (below), then times the monthly report.

## Results

${caseTable(d.cases)}

${d.cases.some((x) => x.writer) ? writerLines(d.cases) : ""}

Insights page p95 against the ${P95_GOAL_MS} ms goal: ${verdict(insightsP95, P95_GOAL_MS)}, worst of all its runs.

## Monthly accountability report

| what | how many | time | goal |
|---|---|---:|---|
${reportSection(d.report)}

## Where the time goes

${notes}

${profileSection(d.profiles)}

## Not measured here yet (issue 22 extends this harness)

The first month view after a change one request at a time (\`npm run bench:pages\` measures it), the month view's HTML size for the
coordinator (uncompressed; \`bench:pages\` reports it), conflict detection over the stress workspace (\`npm run bench:conflicts\`), and
\`/login\` against a bare Remix v2 app.
`;
}

const NOTES_START = "<!-- notes:start (kept by npm run bench:load: write the reading of the numbers here) -->";
const NOTES_END = "<!-- notes:end -->";

/** The hand-written notes of the previous load.md, kept across runs (the numbers around them are rewritten). */
export function keptNotes(file: string): string {
  let text = "";
  try {
    text = readFileSync(file, "utf8");
  } catch {
    // No earlier file: no notes yet.
  }
  const a = text.indexOf(NOTES_START);
  const b = text.indexOf(NOTES_END);
  const body = a >= 0 && b > a ? text.slice(a + NOTES_START.length, b).trim() : "No notes yet.";
  return `${NOTES_START}\n${body}\n${NOTES_END}`;
}

const START = "<!-- bench:load:start (written by npm run bench:load) -->";
const END = "<!-- bench:load:end -->";

export function readmeSummary(d: BenchDoc): string {
  const pages = [...new Set(d.cases.map((c) => c.page))];
  const p95s = (page: string, changing: boolean) =>
    d.cases
      .filter((c) => c.page === page && c.changing === changing)
      .map((c) => n0(c.result.p95))
      .join(" / ");
  const rps = (page: string, changing: boolean) =>
    d.cases
      .filter((c) => c.page === page && c.changing === changing)
      .map((c) => n1(c.result.rps))
      .join(" / ");
  const cpu = (page: string) =>
    d.cases
      .filter((c) => c.page === page && c.changing)
      .map((c) => (c.serverCpuMs === null ? "n/a" : n0(c.serverCpuMs + (c.postgresCpuMs ?? 0))))
      .join(" / ");
  const rows = pages.map((p) => `| ${p} | ${p95s(p, false)} | ${rps(p, false)} | ${p95s(p, true)} | ${rps(p, true)} | ${cpu(p)} |`);
  const r = d.report;
  const m = d.machine;
  return `${START}
Under load (\`npm run build && npm run bench:load\`, details and the profile of each page in \`docs/benchmarks/load.md\`):
the §8 workspace on PostgreSQL, ${d.settings.clients} keep-alive clients holding the coordinator's session for ${d.settings.seconds} s per page,
two runs (run 1 / run 2). Measured ${m.date} on ${m.cores} cores, ${m.ramGb} GB RAM, Node ${m.node}, PostgreSQL ${m.postgres}, machine load
${m.loadBefore[0].toFixed(1)} at the start${m.loadBefore[0] > m.cores / 2 ? " (other work was running: the times are pessimistic; the CPU per request is the steadier figure)" : ""}.

| page | p95 ms, data unchanged | requests/s | p95 ms, one change a second | requests/s | CPU ms per request (server + PostgreSQL), changing |
|---|---:|---:|---:|---:|---:|
${rows.join("\n")}

Goal p95 under ${P95_GOAL_MS} ms for each with one change a second: insights ${verdict(worstP95(d.cases, "insights", true), P95_GOAL_MS)},
month view ${verdict(worstP95(d.cases, "calendar: month view", true), P95_GOAL_MS)}, home ${verdict(worstP95(d.cases, "home: waiting on me", true), P95_GOAL_MS)}.
Monthly report for all ${r?.brands ?? 50} brands (job and rendering): ${r ? `${s1(r.jobMs + r.renderMs)}, goal under a minute: ${verdict(r.jobMs + r.renderMs, REPORT_GOAL_MS)}` : "TODO"}.
${END}`;
}

/** Replaces the summary between the markers, or adds it at the end of the "## Benchmarks" section. */
export function updateReadme(file: string, d: BenchDoc): void {
  const text = readFileSync(file, "utf8");
  const summary = readmeSummary(d);
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  let next: string;
  if (a >= 0 && b > a) next = text.slice(0, a) + summary + text.slice(b + END.length);
  else {
    const section = text.indexOf("\n## Benchmarks");
    if (section < 0) throw new Error(`${file} has no "## Benchmarks" section`);
    const after = text.indexOf("\n## ", section + 1);
    const at = after < 0 ? text.length : after;
    next = `${text.slice(0, at).trimEnd()}\n\n${summary}\n${text.slice(at)}`;
  }
  writeFileSync(file, next);
}
