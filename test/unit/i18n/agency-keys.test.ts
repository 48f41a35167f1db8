import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import enAgency from "~/locales/en/agency.json";
import { agencyT } from "~/modules/i18n/agency";
import { resources } from "~/modules/i18n/resources";
import { accessStatuses } from "~/modules/onboarding/access-status";
import { LANGUAGES } from "~/modules/onboarding/custom-platforms";
import type { LinkState } from "~/modules/onboarding/link-model";
import { serviceTypes } from "~/modules/onboarding/presets";

/**
 * The agency's words (decision 060, "The agency's pages"): every key the code asks for exists in
 * app/locales/en/agency.json, and every key there is asked for somewhere. The code is read as text:
 * a file speaks the agency namespace when it calls `useTranslation("agency")` or `agencyT`, and each
 * `t(...)` / `agencyT(...)` there names its key in its first argument: a literal ("links.title"),
 * either side of a condition (`t(x ? "a.b" : "a.c")`), or a template whose fixed head is a prefix
 * (`t(\`linkState.${state}\`)`: every key under `linkState.` counts as used, and the test below
 * checks each state has its key). Plural forms (`_one`, `_other`) belong to their base key.
 *
 * Why it fails: delete `links.search` from agency.json and the used key has no leaf ("missing
 * links.search"); add a key nothing reads and it is "unused ...". The last test runs the checker
 * on a made-up file and catalogue with one of each, so the checker itself is shown to catch both.
 */

const APP = join(process.cwd(), "app");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

const SPEAKS_AGENCY = /useTranslation\(\s*["']agency["']\s*\)|\bagencyT\b/;
const OTHER_NAMESPACE = /useTranslation\(\s*["'](?!agency["'])\w+["']\s*\)/;

/** The files that speak the agency namespace (not the one that defines `agencyT`). */
const agencyFiles = sourceFiles(APP)
  .filter((f) => !f.endsWith(join("modules", "i18n", "agency.ts")))
  .map((f) => ({ path: relative(process.cwd(), f), text: readFileSync(f, "utf8") }))
  .filter((f) => SPEAKS_AGENCY.test(f.text));

interface Used {
  keys: Map<string, string[]>;
  prefixes: Map<string, string[]>;
  unreadable: string[];
}

/** Every key the calls in these sources name, with where. */
function usedKeys(files: { path: string; text: string }[]): Used {
  const used: Used = { keys: new Map(), prefixes: new Map(), unreadable: [] };
  const note = (map: Map<string, string[]>, key: string, where: string) => map.set(key, [...(map.get(key) ?? []), where]);
  for (const file of files) {
    const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && ["t", "agencyT"].includes(node.expression.text)) {
        const where = `${file.path}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
        const first = node.arguments[0];
        const names = first ? keyNames(first) : null;
        if (!names) used.unreadable.push(`${where} ${node.getText().slice(0, 60)}`);
        else for (const n of names) note(n.endsWith(".") ? used.prefixes : used.keys, n, where);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return used;
}

/** The keys a first argument can be: literals, both sides of a condition, a template's fixed head (a prefix, ending in "."). */
function keyNames(node: ts.Expression): string[] | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isParenthesizedExpression(node)) return keyNames(node.expression);
  if (ts.isConditionalExpression(node)) {
    const a = keyNames(node.whenTrue);
    const b = keyNames(node.whenFalse);
    return a && b ? [...a, ...b] : null;
  }
  if (ts.isTemplateExpression(node) && node.head.text.endsWith(".")) return [node.head.text];
  return null;
}

type Leaves = Map<string, string>;
function leaves(value: unknown, prefix = "", out: Leaves = new Map()): Leaves {
  if (typeof value === "string") out.set(prefix, value);
  else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (prefix === "" && key === "_note") continue;
      leaves(item, prefix ? `${prefix}.${key}` : key, out);
    }
  } else out.set(prefix, `<not a string: ${String(value)}>`);
  return out;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
const base = (key: string) => key.replace(PLURAL, "");

/** What is wrong between the keys the code names and the catalogue: missing, unused, unreadable calls. */
function problems(used: Used, catalogue: unknown): string[] {
  const keys = [...leaves(catalogue).keys()];
  const bases = new Set(keys.map(base));
  const found: string[] = [];
  for (const [key, where] of used.keys) if (!bases.has(key)) found.push(`missing ${key} (${where.join(", ")})`);
  for (const [prefix, where] of used.prefixes) {
    if (!keys.some((k) => k.startsWith(prefix))) found.push(`missing ${prefix}* (${where.join(", ")})`);
  }
  for (const key of keys) {
    const b = base(key);
    if (!used.keys.has(b) && ![...used.prefixes.keys()].some((p) => key.startsWith(p))) found.push(`unused ${key}`);
  }
  for (const key of keys) {
    if (key.endsWith("_one") && !keys.includes(key.replace(/_one$/, "_other"))) found.push(`no _other for ${key}`);
  }
  for (const call of used.unreadable) found.push(`key not readable from the code: ${call}`);
  return found;
}

describe("the agency's words (decision 060)", () => {
  it("finds the agency's pages and components", () => {
    const paths = agencyFiles.map((f) => f.path);
    for (const expected of [
      "app/routes/w.$workspace.onboarding._index.tsx",
      "app/routes/w.$workspace.onboarding.new.tsx",
      "app/routes/w.$workspace.onboarding.$linkId.tsx",
      "app/routes/w.$workspace.brands.$brandId.access.tsx",
      "app/routes/w.$workspace.settings_.platforms._index.tsx",
      "app/routes/w.$workspace.settings_.platforms.new.tsx",
      "app/routes/w.$workspace.settings_.platforms.$platformId.tsx",
      "app/components/onboarding/platform-access-card.tsx",
      "app/components/onboarding/custom-platform-form.tsx",
    ]) {
      expect(paths).toContain(expected);
    }
  });

  it("every key the code names is in en/agency.json, and every key there is used", () => {
    expect(problems(usedKeys(agencyFiles), enAgency)).toEqual([]);
  });

  it("a file speaking the agency namespace speaks no other (its t() calls are all agency keys)", () => {
    expect(agencyFiles.filter((f) => OTHER_NAMESPACE.test(f.text)).map((f) => f.path)).toEqual([]);
  });

  it("has a word for every state, service type and language the pages name by key", () => {
    const linkStates: LinkState[] = ["active", "completed", "verified", "expired", "revoked", "replaced"];
    const named = [
      ...linkStates.map((s) => `linkState.${s}`),
      ...accessStatuses.map((s) => `accessStatus.${s}`),
      ...serviceTypes.map((s) => `serviceType.${s}`),
      ...LANGUAGES.map((l) => `language.${l}`),
    ];
    // Under test a missing key throws (no fallback, decision 060), so each call proves its key.
    for (const key of named) expect(agencyT(key), key).toMatch(/\S/);
    expect(() => agencyT("linkState.nosuch")).toThrow(/Missing translation/);
  });

  it("stays English only: no other language carries the agency namespace", () => {
    for (const [lng, namespaces] of Object.entries(resources)) {
      if (lng !== "en") expect(Object.keys(namespaces), lng).not.toContain("agency");
    }
    expect(resources.en.agency).toBe(enAgency);
  });

  it("the checker reports a missing key, an unused key and a call whose key it cannot read", () => {
    const file = {
      path: "made-up.tsx",
      text: [
        'const { t } = useTranslation("agency");',
        't("a.kept"); t(x ? "a.gone" : "a.kept"); t(`state.${s}`); t(`${dynamic}`);',
        'agencyT("b.count", { count: 2 });',
      ].join("\n"),
    };
    const catalogue = { a: { kept: "Kept", spare: "Nobody reads me" }, state: { on: "On" }, b: { count_one: "one", count_other: "many" } };
    expect(problems(usedKeys([file]), catalogue)).toEqual([
      "missing a.gone (made-up.tsx:2)",
      "unused a.spare",
      "key not readable from the code: made-up.tsx:2 t(`${dynamic}`)",
    ]);
  });
});
