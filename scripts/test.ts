import { spawnSync } from "node:child_process";
import path from "node:path";
import { nextBin, repoRoot } from "./lib/paths";
import { ensureDebianAwsCli } from "./lib/system-deps";

/**
 * `npm test`: every check, in the order that fails cheapest first, stopping at the
 * first failure, with a summary of what ran.
 */
interface Step {
  name: string;
  command: string[];
}

const npmCli = process.env.npm_execpath;
const npmRun = (script: string): string[] =>
  npmCli ? [process.execPath, npmCli, "run", "--silent", script] : ["npm", "run", "--silent", script];

const steps: Step[] = [
  { name: "format", command: npmRun("format:check") },
  { name: "lint", command: npmRun("lint") },
  { name: "typecheck", command: npmRun("typecheck") },
  { name: "vitest", command: [process.execPath, path.join(repoRoot, "node_modules", "vitest", "vitest.mjs"), "run"] },
  // The runtime suites again under Node 24 (see scripts/test-node24.ts).
  { name: "vitest 24", command: npmRun("test:node24") },
  { name: "next build", command: [process.execPath, nextBin, "build"] },
  { name: "e2e", command: npmRun("test:e2e") },
];

const results: { name: string; seconds: number; ok: boolean }[] = [];

function summary(): string {
  return results
    .map((result) => `  ${result.ok ? "ok  " : "FAIL"}  ${result.name.padEnd(11)} ${result.seconds.toFixed(1)} s`)
    .join("\n");
}

// Before vitest: the awscli scenario must run in CI against Debian's aws-cli, and
// must not skip once we know an aws-cli is there (tests/cli/awscli.test.ts).
const requireAwsCli: Record<string, string> = {};
try {
  if (ensureDebianAwsCli() !== "not-root-or-not-debian") requireAwsCli.CARPORT_REQUIRE_AWSCLI = "1";
} catch (error) {
  console.error(`npm test: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

for (const step of steps) {
  console.log(`\n=== ${step.name} ===`);
  const startedMs = Date.now();
  const [program, ...args] = step.command;
  const run = spawnSync(program, args, {
    cwd: repoRoot,
    stdio: "inherit",
    // The reliability suite's CI form (tests/profile.ts): 20 crash rounds, 60 s of load, 1 GiB streams.
    env: {
      ...process.env,
      ...requireAwsCli,
      NEXT_TELEMETRY_DISABLED: "1",
      CARPORT_SUITE: process.env.CARPORT_SUITE ?? "ci",
    },
  });
  const ok = run.status === 0;
  results.push({ name: step.name, seconds: (Date.now() - startedMs) / 1000, ok });
  if (!ok) {
    console.error(`\nnpm test: ${step.name} failed.\n${summary()}`);
    process.exit(run.status ?? 1);
  }
}
console.log(`\nnpm test: all passed.\n${summary()}`);
