import { readFileSync } from "node:fs";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * No English typed into the agency's onboarding pages (decision 060, "The agency's pages"): their
 * words come from app/locales/en/agency.json through t(), so a sentence written straight into the
 * JSX would slip past the key test and stay English for good. The heuristic reads each file's JSX:
 * a text node, a string given to a prop a person reads (label, title, hint...), a string child
 * (`{"Not yet"}`, either side of `{x ? "Yes" : "No"}`), or a `label`/`title`/`description` in an
 * object literal (breadcrumbs, options) is English if it has a word of two letters or more. Keys
 * passed to t(), class names and code-like props (to, href, name, className...) are not read.
 */

const FILES = [
  "app/routes/w.$workspace.onboarding._index.tsx",
  "app/routes/w.$workspace.onboarding.new.tsx",
  "app/routes/w.$workspace.onboarding.$linkId.tsx",
  "app/routes/w.$workspace.brands.$brandId.access.tsx",
  "app/routes/w.$workspace.settings_.platforms._index.tsx",
  "app/routes/w.$workspace.settings_.platforms.new.tsx",
  "app/routes/w.$workspace.settings_.platforms.$platformId.tsx",
  "app/components/onboarding/link-created.tsx",
  "app/components/onboarding/link-detail-cards.tsx",
  "app/components/onboarding/link-state-badge.tsx",
  "app/components/onboarding/new-link-platforms.tsx",
  "app/components/onboarding/platform-access-card.tsx",
  "app/components/onboarding/custom-platform-form.tsx",
  "app/components/onboarding/access-status-badge.tsx",
];

/** Props whose string a person reads or hears. */
const VISIBLE_PROPS = new Set([
  "label",
  "title",
  "description",
  "hint",
  "placeholder",
  "aria-label",
  "caption",
  "any",
  "valueText",
  "submitLabel",
  "reasonLabel",
  "alt",
  "notice",
]);

const WORDY = /[A-Za-z]{2,}/;

function isT(node: ts.Node): boolean {
  return ts.isCallExpression(node) && ts.isIdentifier(node.expression) && ["t", "agencyT"].includes(node.expression.text);
}

/** The string literals an expression may evaluate to (through conditions, `??`, `||` and parentheses), t() calls excluded. */
function strings(node: ts.Node): ts.Node[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node];
  if (ts.isTemplateExpression(node)) return [node.head, ...node.templateSpans.map((s) => s.literal)];
  if (ts.isParenthesizedExpression(node)) return strings(node.expression);
  if (ts.isConditionalExpression(node)) return [...strings(node.whenTrue), ...strings(node.whenFalse)];
  if (ts.isBinaryExpression(node) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(node.operatorToken.kind)) {
    return [...strings(node.left), ...strings(node.right)];
  }
  return [];
}

const textOf = (node: ts.Node) => (ts.isJsxText(node) ? node.text : (node as ts.LiteralLikeNode).text);

/** English left in a file's JSX, as "line: text". */
function englishLiterals(path: string, text: string): string[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const report = (node: ts.Node) => {
    // HTML entities (&lt; &gt; &apos;) are punctuation, not words.
    const value = textOf(node)
      .replace(/&[a-z]+;/g, "")
      .trim();
    if (WORDY.test(value)) found.push(`${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${value}`);
  };
  const inJsx = (node: ts.Node): boolean => {
    for (let p = node.parent; p; p = p.parent) if (ts.isJsxElement(p) || ts.isJsxSelfClosingElement(p) || ts.isJsxFragment(p)) return true;
    return false;
  };
  const visit = (node: ts.Node) => {
    if (isT(node)) return;
    if (ts.isJsxText(node)) report(node);
    else if (ts.isJsxExpression(node) && node.expression && !ts.isJsxAttribute(node.parent)) strings(node.expression).forEach(report);
    else if (ts.isJsxAttribute(node) && VISIBLE_PROPS.has(node.name.getText()) && node.initializer) {
      const init = node.initializer;
      if (ts.isStringLiteral(init)) report(init);
      else if (ts.isJsxExpression(init) && init.expression) strings(init.expression).forEach(report);
    } else if (ts.isPropertyAssignment(node) && VISIBLE_PROPS.has(node.name.getText()) && inJsx(node)) {
      strings(node.initializer).forEach(report);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("no English typed into the agency's onboarding pages", () => {
  for (const path of FILES) {
    it(path, () => {
      expect(englishLiterals(path, readFileSync(path, "utf8"))).toEqual([]);
    });
  }

  it("the heuristic catches text, props, string children and breadcrumbs, and lets keys, classes and codes through", () => {
    const sample = [
      "export const A = () => (",
      '  <Card title="Grants" className="text-sm font-medium" to="/w/x">',
      "    <p>Mark done</p>",
      '    <Badge>{x ? "Yes" : t("common.no")}</Badge>',
      '    <PageHeader breadcrumbs={[{ label: "Settings", to: "/w/x/settings" }]} />',
      '    <TextField label={t("a.b")} placeholder="\\d{12}" name="idPattern" /> · {count} ·{" "}',
      "  </Card>",
      ");",
    ].join("\n");
    expect(englishLiterals("sample.tsx", sample)).toEqual(["2: Grants", "3: Mark done", "4: Yes", "5: Settings"]);
  });
});
