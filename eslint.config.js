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
    // TODO(capability helpers: approvals, onboarding, calendar, briefs+campaigns): each waiting.server.ts moves beside home or home
    // asks the capability through a shared interface; then delete this exception.
    files: ["app/modules/{approvals,onboarding,calendar,briefs}/waiting.server.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [MODULES_NEVER_IMPORT_ROUTES] }] },
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
    ignores: [
      "app/modules/workspaces/scope.server.ts",
      // TODO(approvals helper): use deliverableScope / a scope.server function instead.
      "app/modules/approvals/queries.server.ts",
      "app/modules/approvals/workflow.server.ts",
      // TODO(briefs+campaigns helper)
      "app/modules/campaigns/campaigns.server.ts",
      "app/routes/w.$workspace.campaigns._index.tsx",
      // TODO(onboarding helper)
      "app/modules/onboarding/ledger.server.ts",
      "app/modules/onboarding/links.server.ts",
      // TODO(calendar helper): conflictVisibleTo, scopeKey, ownCreatorId, seesWholeWorkspace are in scope.server already.
      "app/modules/calendar/calendar.server.ts",
      "app/modules/calendar/view.server.ts",
      "app/modules/calendar/waiting.server.ts",
      // TODO(workspaces/home helper): requireVisibleBrand -> brandScope; members page scope labels.
      "app/modules/workspaces/directory.server.ts",
      "app/routes/w.$workspace.members.tsx",
    ],
    plugins: { baton: { rules: { "scope-kind-only-in-scope-module": scopeKindOnlyInScopeModule } } },
    rules: { "baton/scope-kind-only-in-scope-module": "error" },
  },
  // Test helpers named use* are vitest fixtures, not React hooks.
  { files: ["test/**"], rules: { "react-hooks/rules-of-hooks": "off" } },
);
