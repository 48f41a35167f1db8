import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  resolve: {
    alias: { "~": r("./app"), "@db": r("./db"), "@emails": r("./emails") },
  },
  esbuild: { jsx: "automatic" },
  test: {
    include: ["test/**/*.test.{ts,tsx}"],
    setupFiles: ["test/support/setup.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 120_000,
    fileParallelism: true,
    // Both cores: vitest's default leaves one for the machine, which ran the suite one file at a
    // time on the 2-core machines (15 minutes); browser tests wait on their own server and
    // Chromium processes most of the time, so two files at once roughly halves the run.
    maxWorkers: 2,
    minWorkers: 1,
  },
});
