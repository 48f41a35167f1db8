import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The closing summary `.ci/run` prints after `npm test`: what vitest counted (test files failed,
 * tests failed and skipped, errors outside tests) and, when no test ran, a plain line saying which
 * step stopped the run. The last line stays "N passed, N failed" for whoever reads only that.
 *
 *   tsx scripts/ci-summary.ts <log file> <exit status of npm test>
 */

export interface VitestCounts {
  passed: number;
  failed: number;
  skipped: number;
  todo: number;
  total: number;
}

export interface RunSummary {
  files: VitestCounts | null;
  tests: VitestCounts | null;
  errors: number;
  lines: string[];
}

/** The exit status `timeout` gives a command it had to stop. */
export const TIMEOUT_STATUS = 124;

const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

function counts(line: string | undefined): VitestCounts | null {
  if (!line) return null;
  const n = (word: string) => Number(new RegExp(`(\\d+) ${word}`).exec(line)?.[1] ?? 0);
  const total = /\((\d+)\)\s*$/.exec(line)?.[1];
  return {
    passed: n("passed"),
    failed: n("failed"),
    skipped: n("skipped"),
    todo: n("todo"),
    total: total === undefined ? n("passed") + n("failed") + n("skipped") + n("todo") : Number(total),
  };
}

function lastMatch(lines: string[], re: RegExp): string | undefined {
  return lines.filter((l) => re.test(l)).pop();
}

/** The npm script that was running last ("> baton@0.1.0 typecheck" names `typecheck`). */
function lastNpmStep(lines: string[]): string | null {
  const header = lastMatch(lines, /^> \S+@\S+ [\w:-]+$/);
  return header ? header.split(" ").pop()! : null;
}

export function summarize(log: string, status: number, timeoutLabel = "45 minutes"): RunSummary {
  const lines = log.replace(ANSI, "").split(/\r?\n/);
  const files = counts(lastMatch(lines, /^\s*Test Files\s+/));
  const tests = counts(lastMatch(lines, /^\s*Tests\s+\d/));
  const errorsLine = lastMatch(lines, /^\s*Errors\s+\d+ errors?/);
  const errors = errorsLine ? Number(/(\d+) errors?/.exec(errorsLine)![1]) : 0;
  const vitestStarted = lines.some((l) => /^\s*RUN\s+v\d/.test(l));
  const out: string[] = [];

  if (status === TIMEOUT_STATUS)
    out.push(`npm test was stopped after ${timeoutLabel} (timeout); the counts below are what finished before.`);
  if (!tests && !files) {
    if (!vitestStarted) {
      const step = lastNpmStep(lines);
      out.push(
        `npm test stopped before any test ran${step && step !== "test" ? `: the "${step}" step failed` : ""} (exit status ${status}); see the output above.`,
      );
    } else if (status !== 0) {
      out.push(`vitest started but printed no summary (it crashed or was killed; exit status ${status}).`);
    }
  }
  if (files) out.push(`Test files: ${files.failed} failed, ${files.passed} passed, ${files.skipped} skipped, of ${files.total}.`);
  if (tests)
    out.push(`Tests: ${tests.failed} failed, ${tests.passed} passed, ${tests.skipped} skipped, ${tests.todo} todo, of ${tests.total}.`);
  if (errors > 0) out.push(`Errors outside tests: ${errors} (unhandled errors fail the run even when every test passed; see above).`);
  if (status !== 0 && status !== TIMEOUT_STATUS && tests && tests.failed === 0 && (files?.failed ?? 0) === 0 && errors === 0) {
    out.push(`npm test failed (exit status ${status}) although no test failed; see the output above.`);
  }
  out.push(`${tests?.passed ?? 0} passed, ${tests?.failed ?? 0} failed`);
  return { files, tests, errors, lines: out };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [file, status] = process.argv.slice(2);
  if (!file || status === undefined) {
    console.error("usage: tsx scripts/ci-summary.ts <log file> <exit status>");
    process.exit(2);
  }
  console.log(summarize(readFileSync(file, "utf8"), Number(status)).lines.join("\n"));
}
