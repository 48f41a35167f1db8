import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";

/**
 * Decision 051: only the scoping module (app/modules/workspaces/scope.server.ts) branches on a
 * member's scope kind. Flags `ctx.scope.kind` and `scope.kind`. A plugin rule of our own, so it
 * does not replace the options of the shared `no-restricted-syntax` rule above it.
 */
const scopeKindOnlyInScopeModule = {
  meta: {
    type: "problem",
    schema: [],
    messages: {
      only: "Branch on scope only in ~/modules/workspaces/scope.server (campaignScope, mayNameBrand, ...); add a function there.",
    },
  },
  create(context) {
    const isScope = (node) =>
      (node.type === "Identifier" && node.name === "scope") ||
      (node.type === "MemberExpression" && !node.computed && node.property.type === "Identifier" && node.property.name === "scope");
    return {
      MemberExpression(node) {
        if (!node.computed && node.property.type === "Identifier" && node.property.name === "kind" && isScope(node.object)) {
          context.report({ node, messageId: "only" });
        }
      },
    };
  },
};

const MODULES_NEVER_IMPORT_ROUTES = {
  group: ["~/routes/*", "../routes/*", "../../routes/*"],
  message: "Modules never import routes: move the code into the module.",
};
const NO_HOME = { group: ["~/modules/home/*"], message: "No capability imports home: home imports the capabilities (decision 051)." };
const CAMPAIGNS_BELOW_BRIEFS = {
  group: ["~/modules/briefs/*", "../briefs/*"],
  message:
    "Briefs build on campaigns, never the reverse (decision 051): move the shared piece into campaigns/ or let briefs call campaigns.",
};

export default tseslint.config(
  { ignores: ["build/**", "public/build/**", "node_modules/**", ".data/**", "db/migrations/**", ".cache/**", "test-results/**"] },
  ...tseslint.configs.recommended,
  {
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  // One home per definition (decision 050): instants are written through app/utils/time.ts (luxon,
  // one locale), and the id pattern lives in app/utils/ids.ts. Numbers may use Intl.NumberFormat.
  {
    files: ["app/**", "server/**", "db/**", "emails/**"],
    ignores: ["app/utils/time.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "Intl", property: "DateTimeFormat", message: "Format dates with luxon through ~/utils/time (formatIn, inZone)." },
        { property: "toLocaleDateString", message: "Format dates with luxon through ~/utils/time (formatIn, inZone)." },
        { property: "toLocaleTimeString", message: "Format dates with luxon through ~/utils/time (formatIn, inZone)." },
        {
          property: "toLocaleString",
          message: "Dates: ~/utils/time (formatIn). Numbers: formatCount from ~/utils/numbers (Intl.NumberFormat).",
        },
      ],
    },
  },
  {
    files: ["app/**", "server/**", "db/**", "emails/**"],
    ignores: ["app/utils/ids.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "Literal[regex.pattern=/0-9a-f\\]\\{32\\}|a-z0-9\\]\\{1,64\\}/]",
          message: "Ids are checked with ID_PATTERN, isId, idField or idsIn from ~/utils/ids, never a copy of the pattern.",
        },
      ],
    },
  },
  // Import boundaries (decision 051): routes -> modules -> utils, never back; home reads the capabilities, not the reverse.
  {
    files: ["app/modules/**"],
    ignores: ["app/modules/home/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [MODULES_NEVER_IMPORT_ROUTES, NO_HOME] }] },
  },
  {
    files: ["app/modules/campaigns/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [MODULES_NEVER_IMPORT_ROUTES, NO_HOME, CAMPAIGNS_BELOW_BRIEFS] }] },
  },
  {
    files: ["app/utils/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["~/modules/*", "~/routes/*"],
              message: "Utilities are below the capabilities: they import neither modules nor routes.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["app/**"],
    ignores: ["app/modules/workspaces/scope.server.ts"],
    plugins: { baton: { rules: { "scope-kind-only-in-scope-module": scopeKindOnlyInScopeModule } } },
    rules: { "baton/scope-kind-only-in-scope-module": "error" },
  },
  // Test helpers named use* are vitest fixtures, not React hooks.
  { files: ["test/**"], rules: { "react-hooks/rules-of-hooks": "off" } },
);
