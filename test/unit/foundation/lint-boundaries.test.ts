import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

/**
 * The import boundaries and the scope rule (decision 051) are lint rules; these probes prove they
 * fire. Each probe is linted as if it were a file at that path, with the project's own config.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function rulesFiredFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.severity === 2).map((m) => m.ruleId ?? "parse-error");
}

describe("lint probes (decision 051)", () => {
  it("refuses a module importing a route, home, or (for campaigns) briefs", async () => {
    expect(
      await rulesFiredFor("app/modules/approvals/probe.ts", 'import { x } from "~/routes/w.$workspace";\nexport const y = x;\n'),
    ).toContain("no-restricted-imports");
    expect(
      await rulesFiredFor("app/modules/approvals/probe.ts", 'import { x } from "~/modules/home/home.server";\nexport const y = x;\n'),
    ).toContain("no-restricted-imports");
    expect(
      await rulesFiredFor("app/modules/campaigns/probe.ts", 'import { x } from "~/modules/briefs/brief-schema";\nexport const y = x;\n'),
    ).toContain("no-restricted-imports");
  });

  it("refuses a utility importing a capability", async () => {
    expect(await rulesFiredFor("app/utils/probe.ts", 'import { x } from "~/modules/approvals/route";\nexport const y = x;\n')).toContain(
      "no-restricted-imports",
    );
  });

  it("refuses branching on a scope's kind outside the scoping module, and allows it there", async () => {
    const branch = 'export function probe(ctx: { scope: { kind: string } }) {\n  return ctx.scope.kind === "brand";\n}\n';
    expect(await rulesFiredFor("app/modules/approvals/probe.ts", branch)).toContain("baton/scope-kind-only-in-scope-module");
    expect(await rulesFiredFor("app/modules/workspaces/scope.server.ts", branch)).not.toContain("baton/scope-kind-only-in-scope-module");
  });

  it("lets the allowed directions through (so the probes above fail for the right reason)", async () => {
    expect(
      await rulesFiredFor("app/modules/briefs/probe.ts", 'import { x } from "~/modules/campaigns/list.server";\nexport const y = x;\n'),
    ).toEqual([]);
    expect(await rulesFiredFor("app/routes/probe.tsx", 'import { x } from "~/modules/home/home.server";\nexport const y = x;\n')).toEqual(
      [],
    );
  });
});
