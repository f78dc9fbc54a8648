import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { splitBindAddr } from "../server/config";
import { ensureEngineSecrets } from "../server/secrets";
import { ensureConsoleCredentials } from "./lib/console-credentials";
import { demoSummary, seedDemo, type DemoSummary } from "./lib/demo/seed";
import { loadConfigOrExit } from "./lib/engine-env";
import { consoleDir, consoleUrl, repoRoot } from "./lib/paths";

/**
 * `npm run demo`: the whole product on a demo data directory (./demo-data, or `--dir
 * <path>`), seeded on its first start (or with `--fresh`) through the product's own APIs,
 * then a banner with the console's address and every user's name and password. Later
 * starts reuse the data and print the same banner. Ctrl-C stops everything.
 */
const startedMs = Date.now();
const args = process.argv.slice(2);
const dirAt = args.indexOf("--dir");
const dataDir = path.resolve(dirAt >= 0 && args[dirAt + 1] ? args[dirAt + 1] : path.join(repoRoot, "demo-data"));
const summaryFile = path.join(dataDir, "demo.json");
const readyTimeoutMs = 180_000;

// A directory without the summary is a demo that never finished seeding: start it over.
if (args.includes("--fresh") || !fs.existsSync(summaryFile)) fs.rmSync(dataDir, { recursive: true, force: true });
const seeded = fs.existsSync(summaryFile);

const env: NodeJS.ProcessEnv = { ...process.env, CARPORT_DATA_DIR: dataDir };
const config = loadConfigOrExit(env);
fs.mkdirSync(config.metadataDir, { recursive: true, mode: 0o700 });
const { adminToken } = ensureEngineSecrets(config);
const credentials = ensureConsoleCredentials(consoleDir(env), env);
const url = consoleUrl(env);

async function waitForConsole(exited: () => boolean): Promise<void> {
  const deadlineMs = Date.now() + readyTimeoutMs;
  while (Date.now() < deadlineMs && !exited()) {
    const ok = await fetch(`${url}/signin`, { signal: AbortSignal.timeout(10_000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(exited() ? "the product stopped before serving" : `the console did not answer at ${url}`);
}

function banner(summary: DemoSummary): string {
  const width = Math.max(...summary.users.map((user) => user.name.length));
  const role = (user: DemoSummary["users"][number]) =>
    user.role === "tenant"
      ? `tenant ${user.tenant}`
      : user.role === "admin"
        ? "admin: every tenant, the cluster"
        : "viewer: sees all, changes nothing";
  return [
    "",
    `Carport demo is running: ${url}   (ready in ${((Date.now() - startedMs) / 1000).toFixed(1)} s)`,
    "",
    "Sign in as:",
    ...summary.users.map((user) => `  ${user.name.padEnd(width)}  password ${user.password}  (${role(user)})`),
    "",
    `S3 endpoint: ${config.s3.publicUrl}  (region ${config.s3.region})`,
    ...summary.credentials.map(
      (item) => `Project credential of ${item.user} (${item.tenant}): access ${item.access}  secret ${item.secret}`,
    ),
    `Hikube bucket backup-prod (${summary.hikube.tenant}): S3 name ${summary.hikube.bucketName}, secret ${summary.hikube.secretName}`,
    `Buckets: ${summary.buckets.map((bucket) => `${bucket.name} (${bucket.tenant}, ${bucket.files} ${bucket.files === 1 ? "file" : "files"})`).join(", ")}`,
    `Data: ${dataDir}  (\`npm run demo -- --fresh\` starts over)`,
    "",
  ].join("\n");
}

// `npm start`'s own script runs the product; this one seeds it and prints the banner.
const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
  cwd: repoRoot,
  env,
  stdio: "inherit",
});

async function main(): Promise<void> {
  let exited = false;
  child.on("exit", (code, signal) => {
    exited = true;
    process.exit(code ?? (signal ? 0 : 1));
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  // However this script ends, the product does not outlive it.
  process.on("exit", () => exited || child.kill("SIGTERM"));
  process.on("SIGINT", () => forward("SIGINT"));
  process.on("SIGTERM", () => forward("SIGTERM"));
  await waitForConsole(() => exited);
  let summary: DemoSummary;
  if (seeded) {
    summary = demoSummary.parse(JSON.parse(fs.readFileSync(summaryFile, "utf8")));
  } else {
    summary = await seedDemo({
      consoleUrl: url,
      adminUrl: `http://127.0.0.1:${splitBindAddr(config.admin.bindAddr).port}`,
      adminToken,
      s3Url: `http://127.0.0.1:${splitBindAddr(config.s3.bindAddr).port}`,
      region: config.s3.region,
      admin: { name: credentials.user, password: credentials.password },
      dataDir,
    });
    fs.writeFileSync(summaryFile, `${JSON.stringify(summary, null, 2)}\n`, { mode: 0o600 });
  }
  console.log(banner(summary));
}

main().catch((error: unknown) => {
  console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
  child.kill("SIGTERM");
  process.exitCode = 1;
});
