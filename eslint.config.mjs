import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import tseslint from "typescript-eslint";
import consoleRules from "./eslint-rules/console.mjs";

/**
 * Import boundaries from DESIGN.md, one block per folder. In flat config a later block
 * replaces a rule's options instead of merging them, so the `files` globs below never
 * overlap for `no-restricted-imports`.
 */
const relativeInto = (folders) => `^(\\./|(\\.\\./)+)(${folders.join("|")})(/|$)`;
const aliasInto = (folders) => `^@/(${folders.join("|")})(/|$)`;

const serverRule = {
  patterns: [
    {
      regex: aliasInto(["app", "components", "lib", "server"]),
      message: "server/ uses relative imports and knows nothing of the console.",
    },
    { regex: relativeInto(["app", "components", "lib"]), message: "server/ knows nothing of the console." },
    {
      regex: "^(next|next-auth|react|react-dom|@tanstack/react-query|server-only)(/|$)",
      message: "server/ runs without Next or React.",
    },
  ],
};

/**
 * Inside server/, imports point downward only: util <- engine <- s3, admin <- start, main.
 * Checked on resolved paths (import/no-restricted-paths), so `../..` spellings cannot slip by.
 */
const aboveEngine = ["s3", "admin", "http", "testing", "config.ts", "secrets.ts", "start.ts", "main.ts"];
const serverLayers = {
  basePath: import.meta.dirname,
  zones: [
    {
      target: "./server/engine",
      from: aboveEngine.map((name) => `./server/${name}`),
      message: "server/engine knows nothing above it: define the shape it needs in the engine and map to it there.",
    },
    {
      target: "./server/s3",
      from: "./server/admin",
      message: "server/s3 and server/admin are siblings: share through the engine or util, never each other.",
    },
    {
      target: "./server/admin",
      from: "./server/s3",
      message: "server/s3 and server/admin are siblings: share through the engine or util, never each other.",
    },
    {
      target: "./server/util",
      from: ["engine", ...aboveEngine].map((name) => `./server/${name}`),
      message: "server/util is the bottom layer: it imports nothing else from server/.",
    },
  ],
};

/**
 * Where console code may run is said by its folder: lib/server/** is server-only (every
 * module imports `server-only`, see eslint-rules/console.mjs); the rest of lib/ is
 * universal. lib/actions/ holds "use server" modules, which the browser calls by reference.
 */
const serverOnlyLib = ["^@/lib/server(/|$)", "^server-only$"];
const serverOnlyMessage = "pass its results in as props (a page prefetches), or callbacks for actions.";

const componentsRule = {
  patterns: [
    {
      regex: aliasInto(["server", "app"]),
      message: "components/ receives data as props; it never reaches server/ or app/.",
    },
    {
      regex: relativeInto(["server", "app"]),
      message: "components/ receives data as props; it never reaches server/ or app/.",
    },
    ...serverOnlyLib.map((regex) => ({ regex, message: `server-only code: ${serverOnlyMessage}` })),
    { regex: "^@/lib/actions(/|$)", message: "components/ gets server actions as callbacks, from the page." },
  ],
};

const libBelowConsole = [
  {
    regex: aliasInto(["app", "components", "server"]),
    message: "lib/ sits below app/ and components/ and reaches the engine only over HTTP.",
  },
  {
    regex: relativeInto(["app", "components", "server"]),
    message: "lib/ sits below app/ and components/ and reaches the engine only over HTTP.",
  },
];

/** lib/server/, lib/actions/ and tests run on the server. */
const libRule = { patterns: libBelowConsole };

/** Universal lib/ modules are bundled for the browser too. */
const universalLibRule = {
  patterns: [
    ...libBelowConsole,
    ...serverOnlyLib.map((regex) => ({ regex, message: "a universal lib/ module runs in the browser too." })),
  ],
};

const consoleRule = {
  patterns: [
    {
      regex: aliasInto(["server"]),
      message: "The console reaches the engine only through the admin API; only instrumentation.ts starts it.",
    },
    {
      regex: relativeInto(["server"]),
      message: "The console reaches the engine only through the admin API; only instrumentation.ts starts it.",
    },
  ],
};

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  ...tseslint.configs.strict,
  globalIgnores([
    ".next/**",
    "out/**",
    "build/**",
    "next-env.d.ts",
    "node_modules/**",
    ".cache/**",
    "contracts/garage-admin-v2.gen.ts",
    "lib/admin-api/schema-v1.gen.ts",
    "e2e/.artifacts/**",
    "test-results/**",
    "playwright-report/**",
    "bench/results/**",
    "data/**",
  ]),
  {
    // No inline eslint-disable comments anywhere: fix the code or the rule.
    linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/ban-ts-comment": [
        "error",
        { "ts-expect-error": true, "ts-ignore": true, "ts-nocheck": true },
      ],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Maps keyed by data (limits, layouts) legitimately delete computed keys.
      "@typescript-eslint/no-dynamic-delete": "off",
    },
  },
  {
    files: ["server/**"],
    rules: { "no-restricted-imports": ["error", serverRule], "import/no-restricted-paths": ["error", serverLayers] },
  },
  { files: ["components/**"], rules: { "no-restricted-imports": ["error", componentsRule] } },
  {
    files: ["lib/**"],
    ignores: ["lib/server/**", "lib/actions/**", "lib/**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", universalLibRule] },
  },
  {
    files: ["lib/server/**", "lib/actions/**", "lib/**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", libRule] },
  },
  { files: ["app/**", "proxy.ts"], rules: { "no-restricted-imports": ["error", consoleRule] } },
  {
    files: ["app/**"],
    plugins: { carport: consoleRules },
    rules: { "carport/client-imports": ["error", { patterns: serverOnlyLib, message: serverOnlyMessage }] },
  },
  {
    files: ["lib/server/**"],
    ignores: ["**/*.test.ts"],
    plugins: { carport: consoleRules },
    rules: { "carport/server-only-marker": "error" },
  },
]);
