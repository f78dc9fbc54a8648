import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { loadConfig } from "../../server/config";
import { startEngine } from "../../server/start";
import { median } from "../measurements";

/**
 * Render time of console pages with many buckets: the product started as
 * `npm start` does (production build, embedded engine) on a data dir seeded with
 * buckets through the engine's services, then Debian's Chromium signs in and
 * loads each page until the network is idle.
 */

export interface PageRender {
  name: string;
  route: string;
  buckets: number;
  durationMs: number | null;
  note?: string;
}

const password = "bench-console-password";
const readyTimeoutMs = 240_000;
const rounds = 3;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Buckets created in parallel groups so the engine's group commit pays one fsync per group. */
async function seedBuckets(dataDir: string, count: number): Promise<void> {
  const config = loadConfig({ CARPORT_DATA_DIR: dataDir, CARPORT_S3_PORT: "0", CARPORT_WEB_PORT: "0", CARPORT_ADMIN_PORT: "0" }, dataDir);
  const running = await startEngine(config);
  try {
    for (let first = 0; first < count; first += 100) {
      const names = Array.from({ length: Math.min(100, count - first) }, (_, offset) => `bench-bucket-${String(first + offset).padStart(4, "0")}`);
      await Promise.all(names.map((globalAlias) => running.engine.buckets.create({ globalAlias })));
    }
  } finally {
    await running.stop();
  }
}

async function startProduct(repoRoot: string, dataDir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const [s3Port, webPort, adminPort] = [await freePort(), await freePort(), await freePort()];
  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    CARPORT_DATA_DIR: dataDir,
    CARPORT_CONSOLE_PASSWORD: password,
    CARPORT_S3_PORT: String(s3Port),
    CARPORT_WEB_PORT: String(webPort),
    CARPORT_ADMIN_PORT: String(adminPort),
  };
  const log = fs.openSync(path.join(dataDir, "product.log"), "w");
  // detached: its own process group, so stopping it stops the start script and Next together.
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], { cwd: repoRoot, env, stdio: ["ignore", log, log], detached: true });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
    await exited;
    fs.closeSync(log);
  };
  const url = `http://127.0.0.1:${port}`;
  const deadlineMs = Date.now() + readyTimeoutMs;
  while (Date.now() < deadlineMs && child.exitCode === null) {
    const ok = await fetch(`${url}/signin`, { signal: AbortSignal.timeout(5000) }).then((response) => response.ok, () => false);
    if (ok) return { url, stop };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await stop();
  throw new Error(`the console did not start; see ${path.join(dataDir, "product.log")}`);
}

async function timePage(page: Page, url: string): Promise<number> {
  const times: number[] = [];
  // One warm-up load: the first request of a route pays for loading its server bundle.
  for (let round = 0; round <= rounds; round++) {
    const startedMs = performance.now();
    await page.goto(url, { waitUntil: "networkidle" });
    if (round > 0) times.push(performance.now() - startedMs);
  }
  return median(times);
}

export function chromiumPath(): string | null {
  const candidate = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  return fs.existsSync(candidate) ? candidate : null;
}

export async function renderPages(repoRoot: string, dataDir: string, pages: Array<Omit<PageRender, "durationMs">>, bucketCount: number): Promise<PageRender[]> {
  const executablePath = chromiumPath();
  if (executablePath === null) return pages.map((page) => ({ ...page, durationMs: null, note: "skipped: no Chromium (set CHROMIUM_PATH)" }));
  fs.mkdirSync(dataDir, { recursive: true });
  await seedBuckets(dataDir, bucketCount);
  const product = await startProduct(repoRoot, dataDir);
  const browser = await chromium.launch({ executablePath, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"] });
  try {
    const page = await browser.newPage();
    await page.goto(`${product.url}/signin`);
    await page.getByLabel("User name").fill("admin");
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
    const out: PageRender[] = [];
    for (const target of pages) out.push({ ...target, durationMs: await timePage(page, `${product.url}${target.route}`), note: `median of ${rounds} loads to network idle` });
    return out;
  } finally {
    await browser.close();
    await product.stop();
  }
}
