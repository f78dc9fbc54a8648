import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { resolveProduct, type ResolvedProduct } from "./lib/engine-env";
import { consoleUrl, nextBin, repoRoot } from "./lib/paths";

/**
 * `npm start` (and `npm run dev` with --dev): one Next.js process that serves the
 * console and, through instrumentation.ts, the embedded engine. This script prepares
 * the data dir and credentials, builds when needed, then supervises that process.
 */
const devMode = process.argv.includes("--dev");
const readyTimeoutMs = 180_000;
const readyPollMs = 500;
const forcedStopMs = 10_000;

function buildIfNeeded(env: NodeJS.ProcessEnv): void {
  if (devMode || fs.existsSync(path.join(repoRoot, ".next", "BUILD_ID"))) return;
  console.log("carport: no production build yet; running `next build` (about a minute)…");
  const result = spawnSync(process.execPath, [nextBin, "build"], { cwd: repoRoot, env, stdio: "inherit" });
  if (result.status !== 0) {
    console.error("carport: `next build` failed; see the output above.");
    process.exit(result.status ?? 1);
  }
}

async function waitUntilServing(url: string, child: ChildProcess): Promise<boolean> {
  const deadlineMs = Date.now() + readyTimeoutMs;
  while (Date.now() < deadlineMs && child.exitCode === null) {
    try {
      await fetch(`${url}/signin`, { redirect: "manual", signal: AbortSignal.timeout(readyPollMs * 20) });
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, readyPollMs));
    }
  }
  return false;
}

function printBanner(product: ResolvedProduct): void {
  const url = consoleUrl(product.childEnv);
  const { credentials, ports } = product;
  const lines = [`Carport is running. Console: ${url}`];
  if (credentials.firstRun) {
    lines.push(
      `    user:     ${credentials.user}`,
      `    password: ${credentials.passwordFromEnv ? "(from CARPORT_CONSOLE_PASSWORD)" : credentials.password}`,
      `    S3 API:   http://127.0.0.1:${ports.s3}  (region ${product.config.s3.region})`,
      `    web:      http://127.0.0.1:${ports.web}`,
      `    admin:    http://127.0.0.1:${ports.admin}  (token: npm run credentials)`,
      "This is shown once; `npm run credentials` shows it again.",
    );
  } else {
    lines.push("`npm run credentials` shows the password.");
  }
  console.log(`\n${lines.join("\n")}\n`);
}

function supervise(child: ChildProcess): void {
  let stopping = false;
  const forward = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    child.kill(signal);
    // A child that ignores the signal must not keep the terminal hostage.
    setTimeout(() => child.kill("SIGKILL"), forcedStopMs).unref();
  };
  process.on("SIGINT", () => forward("SIGINT"));
  process.on("SIGTERM", () => forward("SIGTERM"));
  child.on("exit", (code, signal) => {
    if (stopping) {
      console.log("carport: stopped.");
      process.exit(0);
    }
    console.error(`carport: the console process exited (${signal ?? `code ${code}`}).`);
    process.exit(code ?? 1);
  });
}

async function main(): Promise<void> {
  const product = resolveProduct(process.env);
  buildIfNeeded(product.childEnv);
  // Next behind our own listener (scripts/console-server.ts), so requests carry the socket's address.
  const args = ["--import", "tsx", "scripts/console-server.ts", ...(devMode ? ["--dev"] : [])];
  const env: NodeJS.ProcessEnv = { ...product.childEnv, NODE_ENV: devMode ? "development" : "production" };
  const child = spawn(process.execPath, args, { cwd: repoRoot, env, stdio: "inherit" });
  supervise(child);
  if (await waitUntilServing(consoleUrl(product.childEnv), child)) printBanner(product);
}

main().catch((error: unknown) => {
  console.error(`carport: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
