// Times conflict detection over a generated workspace the size PRODUCT.md §8 asks Baton to hold
// (50 brands, 10 agencies, 500 creators, 2,000 campaigns, 100,000 deliverables over two years)
// and writes the numbers to docs/benchmarks/conflicts.md. Target: the whole workspace in < 1 s.
// Usage: npm run bench:conflicts
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { detectConflicts } from "../app/modules/calendar/conflicts/detect";
import type { Brand, Campaign, ConflictInput, Deliverable } from "../app/modules/calendar/conflicts/types";
import { prng } from "./prng";

const NOW = new Date("2026-11-21T12:00:00Z");
const RANGE_START = Date.parse("2025-11-21T00:00:00Z"); // one year back, one year ahead
const RANGE_DAYS = 730;
const MINUTE = 60_000;
const DAY = 86_400_000;
const TARGET_MS = 1_000;
const SIZES = [10_000, 50_000, 100_000];
const RUNS = 9;
const CATEGORIES = [
  "skincare",
  "haircare",
  "beverages",
  "snacks",
  "fitness",
  "fashion",
  "gaming",
  "travel",
  "fintech",
  "pets",
  "home",
  "audio",
];
const CHANNELS = ["instagram", "tiktok", "youtube", "linkedin", "facebook"];
const PLATFORMS = ["meta_instagram", "meta_page", "tiktok_ads", "linkedin_page"];

function generateWorkspace(deliverableCount: number, seed = 42): ConflictInput {
  const rand = prng(seed);
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];

  const brands: Brand[] = Array.from({ length: 50 }, (_, i) => ({
    id: `brand-${i}`,
    name: `Brand ${i}`,
    category: CATEGORIES[i % CATEGORIES.length],
    minSpacingMinutesByChannel: i % 5 === 0 ? { tiktok: 120 } : {},
    exclusivityDays: pick([7, 14, 14, 14, 30]),
    blackouts: Array.from({ length: int(4) }, (_, k) => {
      const startsAt = RANGE_START + int(RANGE_DAYS) * DAY;
      return { id: `bo-${i}-${k}`, startsAt: new Date(startsAt), endsAt: new Date(startsAt + (1 + int(5)) * DAY), reason: "Quiet period" };
    }),
  }));
  // Each brand mostly works with one agency and sometimes a second: overlaps happen, but not everywhere.
  const agenciesOf = brands.map(() => [`agency-${int(10)}`, `agency-${int(10)}`]);
  // Creators mostly work for two "home" brands, so exclusivity clashes are the exception.
  const creatorsOf = brands.map((): string[] => []);
  for (let c = 0; c < 500; c++) for (let k = 0; k < 2; k++) creatorsOf[int(50)].push(`creator-${c}`);

  const campaignCount = Math.round(deliverableCount / 50);
  const campaigns: Campaign[] = [];
  const deliverables: Deliverable[] = [];
  for (let i = 0; i < campaignCount; i++) {
    const b = int(50);
    const days = 14 + int(47);
    const startsAt = RANGE_START + int(RANGE_DAYS - days) * DAY;
    const channels = CHANNELS.filter(() => rand() < 0.4);
    if (channels.length === 0) channels.push(pick(CHANNELS));
    const campaign: Campaign = {
      id: `camp-${i}`,
      brandId: `brand-${b}`,
      agencyId: rand() < 0.8 ? agenciesOf[b][0] : agenciesOf[b][1],
      name: `Campaign ${i}`,
      channels,
      startsAt: new Date(startsAt),
      endsAt: new Date(startsAt + days * DAY),
      keyMessage: `Key message ${i}`,
    };
    campaigns.push(campaign);
    const team = Array.from({ length: 5 }, () => (rand() < 0.9 && creatorsOf[b].length ? pick(creatorsOf[b]) : `creator-${int(500)}`));
    for (let k = 0; k < 50 && deliverables.length < deliverableCount; k++) {
      // Working hours on a 15-minute grid, as people actually schedule posts.
      const publishAt = startsAt + int(days) * DAY + (8 * 60 + int(48) * 15) * MINUTE;
      const deadline = publishAt - 2 * DAY;
      const past = publishAt < NOW.getTime();
      deliverables.push({
        id: `del-${deliverables.length}`,
        campaignId: campaign.id,
        brandId: campaign.brandId,
        creatorId: rand() < 0.05 ? null : pick(team),
        channel: pick(channels),
        title: `Deliverable ${deliverables.length}`,
        publishAt: new Date(publishAt),
        signOffDeadline: new Date(deadline),
        signedOff: past || rand() < (deadline < NOW.getTime() ? 0.9 : 0.3),
        status: rand() < 0.03 ? "cancelled" : past ? "published" : pick(["draft", "in_review", "approved", "scheduled"]),
      });
    }
  }
  const verified = brands.flatMap((b) => PLATFORMS.filter(() => rand() < 0.9).map((platform) => ({ brandId: b.id, platform })));
  return { brands, campaigns, deliverables, access: { verified } };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const fmt = (n: number) => n.toLocaleString("en-US");

function measure(deliverableCount: number) {
  const workspace = generateWorkspace(deliverableCount);
  let conflicts = detectConflicts(workspace, NOW); // warm-up: let the JIT settle before timing
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    conflicts = detectConflicts(workspace, NOW);
    wall.push(performance.now() - started);
    const used = process.cpuUsage(cpuBefore);
    cpu.push((used.user + used.system) / 1000);
  }
  const byCode = new Map<string, number>();
  for (const c of conflicts) byCode.set(c.code, (byCode.get(c.code) ?? 0) + 1);
  const deliverableIds = new Set(workspace.deliverables.map((d) => d.id));
  const involved = new Set(conflicts.flatMap((c) => c.objectIds).filter((id) => deliverableIds.has(id)));
  return {
    deliverables: deliverableCount,
    campaigns: workspace.campaigns.length,
    wallMs: median(wall),
    cpuMs: median(cpu),
    conflicts: conflicts.length,
    involvedPercent: Math.round((involved.size / deliverableCount) * 100),
    byCode: [...byCode].map(([code, n]) => `${code} ${fmt(n)}`).join(", "),
  };
}

const loadBefore = loadavg()[0];
const rows = SIZES.map(measure);
const load = `load average ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after`;
const machine = `${availableParallelism()} cores (${cpus()[0]?.model ?? "unknown CPU"}), Node ${process.version}, ${process.platform}/${process.arch}`;
const full = rows[rows.length - 1];
const pass = full.wallMs < TARGET_MS;
const verdict = `${pass ? "PASS" : "FAIL"}: whole ${fmt(full.deliverables)}-deliverable workspace in ${full.wallMs.toFixed(1)} ms (target < ${fmt(TARGET_MS)} ms).`;
const table = [
  "| deliverables | campaigns | median total (ms) | ms per 10,000 items | median CPU (ms) | conflicts found |",
  "|---:|---:|---:|---:|---:|---:|",
  ...rows.map((r) => {
    const perTenK = (r.wallMs / (r.deliverables + r.campaigns)) * 10_000;
    return `| ${[fmt(r.deliverables), fmt(r.campaigns), r.wallMs.toFixed(1), perTenK.toFixed(1), r.cpuMs.toFixed(0), fmt(r.conflicts)].join(" | ")} |`;
  }),
].join("\n");

console.log(
  `\nConflict detection, median of ${RUNS} runs after a warm-up. ${machine}; ${load}.\n\n${table}\n\n${verdict}\nAt 100k: ${full.byCode}\n`,
);

mkdirSync("docs/benchmarks", { recursive: true });
writeFileSync(
  "docs/benchmarks/conflicts.md",
  `# Conflict detection benchmark

Date: 2026-11-21. Machine: ${machine}; ${load}.
Command: \`npm run bench:conflicts\` (\`scripts/bench-conflicts.ts\`).

A seeded, generated workspace as in PRODUCT.md §8: 50 brands (12 categories, repeating),
10 agencies, 500 creators, 2,000 campaigns and 100,000 deliverables over two years; smaller sizes
scale campaigns in proportion. \`detectConflicts\` runs all six rules over the whole workspace;
each size is run ${RUNS} times after a warm-up and the median is reported. Items = deliverables +
campaigns. Generating the data is not timed. "Total" is wall-clock time, which the target is
about; CPU is this process's user + system time (V8's GC threads included), which shows how much
of the wall time was the code itself while other work shared the two cores.

Publish times are random within working hours, as if nobody had checked spacing, so this is a
stress case: at 100,000 deliverables ${full.involvedPercent}% of them are in at least one conflict, and
building ${fmt(full.conflicts)} conflict objects (keys, messages) is a large part of the time.
A workspace kept tidy by its coordinators has far fewer conflicts, so it should run faster.

${table}

**${verdict}**

Conflicts at 100,000 deliverables by rule: ${full.byCode}.
`,
);
if (!pass) process.exitCode = 1;
