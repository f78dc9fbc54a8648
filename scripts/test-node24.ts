import { spawnSync } from "node:child_process";
import path from "node:path";
import { repoRoot } from "./lib/paths";
import { ensureNode24, node24Version } from "./lib/node24";

/**
 * `npm run test:node24 [suites…]`: vitest under Node 24 (the machine's own Node
 * runs the full pass). By default the suites that exercise what differs between
 * Node versions: the engine (native SQLite, fs and fsync, streams, HTTP, crypto,
 * child processes killed mid-write), the bad-input, fault, volume and crash suites,
 * and the console's SQLite stores and actions. Suites whose subject is a tool
 * rather than the runtime (ESLint, the TypeScript compiler, aws-cli) and pure
 * computation (the layout algorithm, formatting, components, bench) run once,
 * under the machine's Node.
 */
const runtimeSuites = [
  "server/",
  "tests/crash/",
  "tests/bad-input/",
  "tests/faults/",
  "tests/volumes/",
  "tests/rules/",
  "lib/server/",
  "lib/auth/",
  "lib/actions/",
];
const pureSuites = ["server/engine/layout/**"];

const node24 = ensureNode24();
const suites = process.argv.slice(2);
console.log(`vitest under Node ${node24Version}: ${(suites.length > 0 ? suites : runtimeSuites).join(" ")}`);
const result = spawnSync(
  node24.node,
  [
    path.join(repoRoot, "node_modules", "vitest", "vitest.mjs"),
    "run",
    ...(suites.length > 0 ? suites : [...runtimeSuites, ...pureSuites.flatMap((glob) => ["--exclude", glob])]),
  ],
  {
    cwd: repoRoot,
    stdio: "inherit",
    env: {
      ...process.env,
      // Every `node` a test starts (the engine in a child process, tsx) is this Node too.
      PATH: `${node24.binDir}${path.delimiter}${process.env.PATH ?? ""}`,
      CARPORT_SQLITE_BINDING: node24.sqliteBinding,
    },
  },
);
process.exit(result.status ?? 1);
