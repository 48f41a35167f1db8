import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * The agency-side onboarding services and schemas word their refusals and notices through
 * agencyT (decision 060, "The agency's pages"): a sentence typed into one of these files would
 * reach an agency page in English for good, past the key test. This reads every string literal
 * of the files (comments are not literals) and flags any with two words in a row; the few that
 * are not read by a person are named below with why.
 */

const FILES = [
  "app/modules/onboarding/access-status.ts",
  "app/modules/onboarding/custom-platforms.ts",
  "app/modules/onboarding/custom-platforms.server.ts",
  "app/modules/onboarding/ledger.server.ts",
  "app/modules/onboarding/links.server.ts",
  "app/modules/onboarding/schemas.ts",
  "app/modules/onboarding/step-decisions.server.ts",
  "app/modules/onboarding/steps.server.ts",
  "app/modules/onboarding/access-checks/jobs.server.ts",
];

/** Literals no person reads, by file. */
const NOT_READ: Record<string, RegExp[]> = {
  // The transition table's `label` describes each move for developers; pages word them from agency.json.
  "app/modules/onboarding/access-status.ts": [
    /^(I've granted access|Not applicable|Mark verified|Verified by automatic check|Mark revoked|Request again|Mark lost)$/,
  ],
  // Code run in a sandbox to time a pattern.
  "app/modules/onboarding/custom-platforms.server.ts": [/^const re = new RegExp/],
  // Audit data (where a brand came from), not shown as a sentence.
  "app/modules/onboarding/links.server.ts": [/^onboarding link$/],
  // SQL.
  "app/modules/onboarding/access-checks/jobs.server.ts": [/ is null\)$/],
};

/** The client's forms: their messages are replaced by the link's language at the edge (client-refusals.ts). */
const CLIENT_SCHEMAS = new Set([
  "assetSchema",
  "forwardSchema",
  "contactsSchema",
  "contactsDraftSchema",
  "agreementSchema",
  "brandKitSchema",
]);

const TWO_WORDS = /[A-Za-z]{2,}[,:;]? [A-Za-z]{2,}/;

function englishIn(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && CLIENT_SCHEMAS.has(node.name.text)) return;
    if (ts.isImportDeclaration(node)) return;
    const literal =
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node);
    if (literal && TWO_WORDS.test(node.text) && !(NOT_READ[file] ?? []).some((re) => re.test(node.text))) {
      found.push(`${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${node.text}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("agency-side onboarding modules", () => {
  it.each(FILES)("%s words what a person reads through agencyT", (file) => {
    expect(englishIn(file)).toEqual([]);
  });

  it("the heuristic catches a refusal typed in English", () => {
    const probe = join(tmpdir(), "agency-module-literal-probe.ts");
    const write = (text: string) => ts.sys.writeFile(probe, text);
    write('return conflict("This link is already revoked.");\nreturn conflict(agencyT("errors.linkAlreadyRevoked"));\n');
    expect(englishIn(probe)).toEqual([`${probe}:1: This link is already revoked.`]);
  });
});
