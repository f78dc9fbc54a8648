import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/**
 * Starts the whole product as `npm start` does (scripts/start.ts: production build,
 * embedded engine) on free ports in a temp data dir with a known console password.
 * Tests read the address and password from the environment set here.
 */
const repoRoot = path.resolve(import.meta.dirname, "..");
const artifactsDir = path.join(repoRoot, "e2e", ".artifacts");
const readyTimeoutMs = 240_000;
const stopTimeoutMs = 15_000;
export const e2ePassword = "e2e-console-password";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForConsole(url: string, exited: () => boolean): Promise<void> {
  const deadlineMs = Date.now() + readyTimeoutMs;
  while (Date.now() < deadlineMs) {
    if (exited()) throw new Error("the product exited before serving; see e2e/.artifacts/server.log");
    try {
      const response = await fetch(`${url}/signin`, { signal: AbortSignal.timeout(10_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the console did not answer at ${url} within ${readyTimeoutMs} ms; see e2e/.artifacts/server.log`);
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  fs.mkdirSync(artifactsDir, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "carport-e2e-"));
  const [consolePort, s3Port, webPort, adminPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const log = fs.openSync(path.join(artifactsDir, "server.log"), "w");
  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(consolePort),
    CARPORT_DATA_DIR: dataDir,
    CARPORT_CONSOLE_PASSWORD: e2ePassword,
    CARPORT_S3_PORT: String(s3Port),
    CARPORT_WEB_PORT: String(webPort),
    CARPORT_ADMIN_PORT: String(adminPort),
  };
  // detached: its own process group, so teardown stops tsx, the start script and Next together.
  const child = spawn(path.join(repoRoot, "node_modules", ".bin", "tsx"), ["scripts/start.ts"], { cwd: repoRoot, env, stdio: ["ignore", log, log], detached: true });
  let exited = false;
  const exitedPromise = new Promise<void>((resolve) => child.once("exit", () => ((exited = true), resolve())));

  const baseUrl = `http://127.0.0.1:${consolePort}`;
  process.env.CARPORT_E2E_BASE_URL = baseUrl;
  process.env.CARPORT_E2E_PASSWORD = e2ePassword;
  process.env.CARPORT_E2E_ADMIN_URL = `http://127.0.0.1:${adminPort}`;
  process.env.CARPORT_E2E_S3_URL = `http://127.0.0.1:${s3Port}`;
  process.env.CARPORT_E2E_DATA_DIR = dataDir;

  const stop = async () => {
    if (!exited && child.pid) {
      process.kill(-child.pid, "SIGTERM");
      const timer = setTimeout(() => child.pid && !exited && process.kill(-child.pid, "SIGKILL"), stopTimeoutMs);
      await exitedPromise;
      clearTimeout(timer);
    }
    fs.closeSync(log);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForConsole(baseUrl, () => exited);
  } catch (error) {
    await stop();
    throw error;
  }
  return stop;
}
