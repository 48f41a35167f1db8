import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { keptNotes, loadMarkdown, updateReadme, type BenchDoc, type CaseRow } from "../../../scripts/bench-load-doc";
import { percentile } from "../../../scripts/bench-load-http";

// npm run bench:load rewrites part of the README on every full run: it must touch only its own block.

const result = (p95: number) => ({ requests: 40, errors: 0, seconds: 15, rps: 2.7, p50: p95 / 2, p95, p99: p95, max: p95, wireKb: 30 });
const row = (page: string, changing: boolean, run: number, p95: number): CaseRow => ({
  page,
  changing,
  run,
  result: result(p95),
  serverCpuMs: 50,
  postgresCpuMs: 5,
  load1: 1,
  writer: null,
});

function doc(insightsP95: number): BenchDoc {
  return {
    machine: {
      date: "2026-12-07",
      cores: 2,
      cpu: "Test CPU",
      ramGb: 8,
      node: "v20",
      postgres: "15",
      loadBefore: [0.5, 0.5, 0.5],
      loadAfter: [1, 1, 1],
    },
    settings: { scale: 1, clients: 8, seconds: 15, warmup: 3, runs: 2 },
    counts: { brands: 50, agencies: 10, creators: 500, campaigns: 2000, deliverables: 100_000 },
    timings: { scaleMs: 1, historyMs: 1, vacuumMs: 1, insights: { syncs: 13, worstSyncMs: 1, syncMs: 1, facts: 1, backfillMs: 1 } },
    cases: [row("insights", false, 1, 100), row("insights", true, 1, insightsP95), row("insights", true, 2, 120)],
    skipped: [],
    profiles: [],
    report: null,
  };
}

function readme(dir: string, text: string): string {
  const file = path.join(dir, "README.md");
  writeFileSync(file, text);
  return file;
}

describe("bench:load documents", () => {
  const before = "# Baton\n\n## Benchmarks\n\nConflict numbers.\n\n## Licence\n\nAGPL.\n";

  it("adds its summary at the end of the Benchmarks section, then replaces only that block", () => {
    const file = readme(mkdtempSync(path.join(tmpdir(), "bench-doc-")), before);
    updateReadme(file, doc(250));
    const first = readFileSync(file, "utf8");
    expect(first.indexOf("Conflict numbers.")).toBeLessThan(first.indexOf("bench:load:start"));
    expect(first.indexOf("bench:load:end")).toBeLessThan(first.indexOf("## Licence"));
    expect(first).toContain("| insights | 100 | 2.7 | 250 / 120 | 2.7 / 2.7 | 55 / 55 |");

    updateReadme(file, doc(450));
    const second = readFileSync(file, "utf8");
    expect(second.match(/bench:load:start/g)).toHaveLength(1);
    expect(second).toContain("| insights | 100 | 2.7 | 450 / 120 | 2.7 / 2.7 | 55 / 55 |");
    expect(second).not.toContain("250 / 120");
    expect(second.startsWith("# Baton\n\n## Benchmarks\n\nConflict numbers.")).toBe(true);
    expect(second.endsWith("## Licence\n\nAGPL.\n")).toBe(true);
  });

  it("judges the insights goal on the worst run with changing data", () => {
    expect(loadMarkdown(doc(250), keptNotes("/nonexistent"))).toContain("one change a second: **met (250 ms)**");
    expect(loadMarkdown(doc(301), keptNotes("/nonexistent"))).toContain("one change a second: **NOT met (301 ms)**");
  });

  it("keeps the hand-written notes of the previous load.md", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "bench-doc-"));
    const file = path.join(dir, "load.md");
    writeFileSync(file, loadMarkdown(doc(250), keptNotes(file)).replace("No notes yet.", "The facts query dominates."));
    const again = loadMarkdown(doc(260), keptNotes(file));
    expect(again).toContain("The facts query dominates.");
    expect(again).not.toContain("No notes yet.");
  });

  it("reads percentiles by nearest rank", () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 95)).toBe(95);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 95)).toBeNaN();
  });
});
