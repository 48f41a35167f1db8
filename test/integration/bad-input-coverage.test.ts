import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * Property 20 asks that every action answers bad input with 400. The bad-input cases live with
 * each capability's tests; this guard fails when a route gains an action that no integration test
 * both imports and expects a 400 from, so a new action cannot ship untested.
 */
const root = fileURLToPath(new URL("../..", import.meta.url));
const routesDir = path.join(root, "app/routes");

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}

const routesWithActions = readdirSync(routesDir)
  .filter((f) => /\.tsx?$/.test(f))
  .filter((f) => /export (async function|const) action\b/.test(readFileSync(path.join(routesDir, f), "utf8")))
  .map((f) => f.replace(/\.tsx?$/, ""));

const testFiles = filesUnder(path.join(root, "test/integration"))
  .filter((f) => /\.tsx?$/.test(f))
  .map((file) => ({ file, src: readFileSync(file, "utf8") }));

/** Files that expect a 400 themselves, or import (one level) a helper module that loads the route. */
function expectsBadInput(route: string): boolean {
  const importers = testFiles.filter((f) => f.src.includes(`~/routes/${route}"`));
  return importers.some((helper) => {
    if (/\b400\b/.test(helper.src)) return true;
    const name = path.basename(helper.file).replace(/\.tsx?$/, "");
    return testFiles.some(
      (t) =>
        t.file !== helper.file &&
        path.dirname(t.file) === path.dirname(helper.file) &&
        t.src.includes(`./${name}"`) &&
        /\b400\b/.test(t.src),
    );
  });
}

describe("every action has a bad-input test", () => {
  it("finds the routes with actions", () => {
    expect(routesWithActions.length).toBeGreaterThan(20);
    expect(routesWithActions).toContain("login");
  });

  it.each(routesWithActions)("%s", (route) => {
    expect(expectsBadInput(route), `no integration test loads ~/routes/${route} and expects a 400`).toBe(true);
  });
});
