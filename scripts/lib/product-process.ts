import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { repoRoot } from "./paths";

/**
 * The whole product started as `npm start` starts it (scripts/start.ts: the
 * production build, the embedded engine) on free ports, for the end-to-end tests,
 * the screenshots and the bench's console figures.
 */

export interface ProductProcess {
  consoleUrl: string;
  adminUrl: string;
  s3Url: string;
  /** Stops the start script and Next together (SIGTERM, then SIGKILL after a grace period). */
  stop(): Promise<void>;
}

export interface ProductOptions {
  dataDir: string;
  consolePassword: string;
  /** Where the product's output goes; null: this process's own output. */
  logFile: string | null;
  readyTimeoutMs?: number;
  stopTimeoutMs?: number;
  /** A console port chosen beforehand (e.g. for an OpenID provider's redirect URI); else a free one. */
  consolePort?: number;
  /** More environment for the product (OpenID settings, CARPORT_TRUST_PROXY...). */
  env?: Record<string, string>;
}

export function freePort(): Promise<number> {
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

export async function startProductProcess(options: ProductOptions): Promise<ProductProcess> {
  const [consolePort, s3Port, webPort, adminPort] = [
    options.consolePort ?? (await freePort()),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const env = {
    ...process.env,
    ...options.env,
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(consolePort),
    CARPORT_DATA_DIR: options.dataDir,
    CARPORT_CONSOLE_PASSWORD: options.consolePassword,
    CARPORT_S3_PORT: String(s3Port),
    CARPORT_WEB_PORT: String(webPort),
    CARPORT_ADMIN_PORT: String(adminPort),
  };
  const log = options.logFile === null ? null : fs.openSync(options.logFile, "w");
  const output = log ?? "inherit";
  // detached: its own process group, so stopping it stops the start script and Next together.
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: repoRoot,
    env,
    stdio: ["ignore", output, output],
    detached: true,
  });
  let exited = false;
  const exitedPromise = new Promise<void>((resolve) => child.once("exit", () => ((exited = true), resolve())));
  const stop = async () => {
    if (!exited && child.pid) {
      process.kill(-child.pid, "SIGTERM");
      const timer = setTimeout(
        () => child.pid && !exited && process.kill(-child.pid, "SIGKILL"),
        options.stopTimeoutMs ?? 15_000,
      );
      await exitedPromise;
      clearTimeout(timer);
    }
    if (log !== null) fs.closeSync(log);
  };
  const product = {
    consoleUrl: `http://127.0.0.1:${consolePort}`,
    adminUrl: `http://127.0.0.1:${adminPort}`,
    s3Url: `http://127.0.0.1:${s3Port}`,
    stop,
  };
  try {
    await waitForConsole(product.consoleUrl, () => exited, options.readyTimeoutMs ?? 240_000);
  } catch (error) {
    await stop();
    const where = options.logFile ? `; see ${path.relative(repoRoot, options.logFile)}` : "";
    throw new Error(`${error instanceof Error ? error.message : String(error)}${where}`);
  }
  return product;
}

async function waitForConsole(url: string, exited: () => boolean, readyTimeoutMs: number): Promise<void> {
  const deadlineMs = Date.now() + readyTimeoutMs;
  while (Date.now() < deadlineMs) {
    if (exited()) throw new Error("the product exited before serving");
    const ok = await fetch(`${url}/signin`, { signal: AbortSignal.timeout(10_000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the console did not answer at ${url} within ${readyTimeoutMs} ms`);
}
