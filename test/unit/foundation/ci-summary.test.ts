import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { summarize, TIMEOUT_STATUS } from "../../../scripts/ci-summary";

/** Issue 13 point 12: `.ci/run`'s closing summary, read from real-shaped `npm test` output. */

const NPM_HEADER =
  "\n> baton@0.1.0 test\n> npm run validate && npm run build && vitest run\n\n> baton@0.1.0 validate\n> npm run typecheck && npm run lint\n\n> baton@0.1.0 typecheck\n> tsc --noEmit\n";
const VITEST_START = `${NPM_HEADER}\n> baton@0.1.0 lint\n> eslint --max-warnings 0 .\n\n> baton@0.1.0 build\n> remix build\n\n RUN  v3.2.7 /work/main\n\n ✓ test/unit/a.test.ts (3 tests) 12ms\n`;

const GREEN = `${VITEST_START}
 Test Files  150 passed (150)
      Tests  1652 passed (1652)
   Start at  02:16:38
   Duration  412.75s
`;

// Vitest's own output for two failed files (one did not even import), a failed test, a skipped
// file, skipped and todo tests and an unhandled error, with its colours.
const RED = `${VITEST_START}
 FAIL  test/b.test.ts [ test/b.test.ts ]
Error: Failed to load url ./does-not-exist
\x1b[1m\x1b[31m Test Files \x1b[39m\x1b[22m \x1b[1m\x1b[31m2 failed\x1b[39m\x1b[22m\x1b[2m | \x1b[22m\x1b[33m1 skipped\x1b[39m\x1b[2m (3)\x1b[22m
\x1b[2m      Tests \x1b[22m \x1b[1m\x1b[31m1 failed\x1b[39m\x1b[22m\x1b[2m | \x1b[22m\x1b[1m\x1b[32m2 passed\x1b[39m\x1b[22m\x1b[2m | \x1b[22m\x1b[33m2 skipped\x1b[39m\x1b[2m | \x1b[22m1 todo\x1b[2m (6)\x1b[22m
\x1b[2m     Errors \x1b[22m \x1b[1m\x1b[31m1 error\x1b[39m\x1b[22m
\x1b[2m   Start at \x1b[22m 02:16:38
`;

const TYPECHECK_FAILED = `${NPM_HEADER}\napp/modules/x.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'.\n`;

describe("the CI summary", () => {
  it("a green run: counts, nothing else alarming, and the plain last line", () => {
    const s = summarize(GREEN, 0);
    expect(s.lines).toEqual([
      "Test files: 0 failed, 150 passed, 0 skipped, of 150.",
      "Tests: 0 failed, 1652 passed, 0 skipped, 0 todo, of 1652.",
      "1652 passed, 0 failed",
    ]);
  });

  it("a red run names the failed test files, the skipped ones and the errors outside tests", () => {
    const s = summarize(RED, 1);
    expect(s.files).toEqual({ passed: 0, failed: 2, skipped: 1, todo: 0, total: 3 });
    expect(s.tests).toEqual({ passed: 2, failed: 1, skipped: 2, todo: 1, total: 6 });
    expect(s.errors).toBe(1);
    expect(s.lines).toEqual([
      "Test files: 2 failed, 0 passed, 1 skipped, of 3.",
      "Tests: 1 failed, 2 passed, 2 skipped, 1 todo, of 6.",
      "Errors outside tests: 1 (unhandled errors fail the run even when every test passed; see above).",
      "2 passed, 1 failed",
    ]);
  });

  it("a file that failed to load is reported even when no single test failed", () => {
    const log = `${VITEST_START}\n Test Files  1 failed | 149 passed (150)\n      Tests  1600 passed (1600)\n`;
    expect(summarize(log, 1).lines).toEqual([
      "Test files: 1 failed, 149 passed, 0 skipped, of 150.",
      "Tests: 0 failed, 1600 passed, 0 skipped, 0 todo, of 1600.",
      "1600 passed, 0 failed",
    ]);
  });

  it("says plainly when npm test stopped before any test ran, and which step failed", () => {
    expect(summarize(TYPECHECK_FAILED, 2).lines).toEqual([
      'npm test stopped before any test ran: the "typecheck" step failed (exit status 2); see the output above.',
      "0 passed, 0 failed",
    ]);
    const lintFailed = `${NPM_HEADER}\n> baton@0.1.0 lint\n> eslint --max-warnings 0 .\n\n  1:1  error  'x' is unused\n`;
    expect(summarize(lintFailed, 1).lines[0]).toContain('the "lint" step failed');
  });

  it("a run the 45-minute timeout stopped says so, and a vitest that died says it printed no summary", () => {
    expect(summarize(VITEST_START, TIMEOUT_STATUS).lines).toEqual([
      "npm test was stopped after 45 minutes (timeout); the counts below are what finished before.",
      "vitest started but printed no summary (it crashed or was killed; exit status 124).",
      "0 passed, 0 failed",
    ]);
    expect(summarize(VITEST_START, 137).lines[0]).toBe(
      "vitest started but printed no summary (it crashed or was killed; exit status 137).",
    );
  });

  it("a failing exit status with every test green is not reported as a clean run", () => {
    expect(summarize(GREEN, 1).lines).toContain("npm test failed (exit status 1) although no test failed; see the output above.");
  });

  it("the command line .ci/run calls prints the same lines", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ci-summary-"));
    try {
      const file = path.join(dir, "log.txt");
      writeFileSync(file, RED);
      const root = fileURLToPath(new URL("../../..", import.meta.url));
      const out = execFileSync(path.join(root, "node_modules/.bin/tsx"), [path.join(root, "scripts/ci-summary.ts"), file, "1"], {
        encoding: "utf8",
      });
      expect(out.trim().split("\n")).toEqual(summarize(RED, 1).lines);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
