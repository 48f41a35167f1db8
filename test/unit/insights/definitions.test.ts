import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FACT_KINDS } from "~/modules/insights/fact-kinds";
import { METRIC_KEYS, METRICS } from "~/modules/insights/metrics";

/** Each metric is defined once in code and has its line in docs/metrics.md, naming the facts it reads. */
describe("metric definitions", () => {
  const doc = readFileSync(new URL("../../../docs/metrics.md", import.meta.url), "utf8");
  const lineOf = (key: string) => doc.split("\n").find((line) => line.startsWith(`| \`${key}\` |`));

  it.each(METRIC_KEYS)("%s has one line in docs/metrics.md with its label and its source", (key) => {
    const line = lineOf(key);
    expect(line, `docs/metrics.md has no line for ${key}`).toBeDefined();
    expect(line).toContain(METRICS[key].label);
    expect(FACT_KINDS.some((kind) => line!.includes(`\`${kind}\``)) || line!.includes("`conflict_log`")).toBe(true);
  });

  it("names no metric the code does not define", () => {
    const documented = [...doc.matchAll(/^\| `([a-z_0-9]+)` \|/gm)].map((m) => m[1]);
    expect(documented).toEqual([...METRIC_KEYS]);
  });
});
