import { spawnSync } from "node:child_process";
import path from "node:path";
import { repoRoot } from "./lib/paths";
import { ensureNode24, node24Version } from "./lib/node24";

/**
 * `npm run test:node24 [suites…]`: vitest under Node 24; the machine's own Node
 * runs every suite first. By default, the suites that exercise what differs
 * between Node versions: the native SQLite binding (the engine's metadata, the
 * console's stores), fs and fsync (blocks, volumes' health, the durability audit
 * under strace), HTTP framing and streams (the S3 and admin APIs, bad heads and
 * slow clients), crypto (SigV4, checksums) and child processes killed mid-write
 * (the crash suite). Left to the first pass, to keep this one to a few minutes:
 * pure computation (the layout algorithm, listing order, JSON and XML fuzzing,
 * formatting, components, bench), tools (ESLint, the TypeScript compiler,
 * aws-cli) and the long volume-loss scenarios (about 3.5 minutes by themselves).
 * A new suite joins this pass when it is listed here.
 */
const runtimeSuites = [
  "server/",
  "tests/crash/",
  "tests/durability/",
  "tests/faults/",
  "tests/auth/",
  "tests/rules/",
  "tests/bad-input/http.test.ts",
  "tests/bad-input/slow-headers.test.ts",
  "lib/auth/",
  "lib/server/",
  "lib/actions/",
  "tests/console/",
];
const leftToFirstPass = ["server/engine/layout/**", "server/s3/tests/listing.test.ts"];

const node24 = ensureNode24();
const suites = process.argv.slice(2);
const selection =
  suites.length > 0 ? suites : [...runtimeSuites, ...leftToFirstPass.flatMap((glob) => ["--exclude", glob])];
console.log(`vitest under Node ${node24Version}: ${selection.join(" ")}`);
const result = spawnSync(
  node24.node,
  [path.join(repoRoot, "node_modules", "vitest", "vitest.mjs"), "run", ...selection],
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
