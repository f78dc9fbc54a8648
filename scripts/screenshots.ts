import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { ensureChromium } from "./lib/chromium";
import { seedDemo } from "./lib/demo-data";
import { repoRoot } from "./lib/paths";

/**
 * `npm run screenshots`: starts the product like `npm start` (production build) on free
 * ports in a temp dir, creates a demo data set through the admin and S3 APIs, and saves
 * 1280×800 screenshots of the main pages to docs/screenshots/. Missing routes are skipped.
 */
const outputDir = path.join(repoRoot, "docs", "screenshots");
const password = "screenshots-password";
const readyTimeoutMs = 240_000;
const viewport = { width: 1280, height: 800 };

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

async function waitFor(url: string): Promise<void> {
  const deadlineMs = Date.now() + readyTimeoutMs;
  while (Date.now() < deadlineMs) {
    const ok = await fetch(url, { signal: AbortSignal.timeout(10_000) }).then((response) => response.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${url} did not answer within ${readyTimeoutMs} ms`);
}

async function shoot(page: Page, name: string, route: string, ready: (page: Page) => Promise<void> = async () => {}): Promise<void> {
  const response = await page.goto(route);
  if (!response || response.status() === 404) {
    console.log(`screenshots: skipping ${name}: ${route} does not exist (yet)`);
    return;
  }
  await ready(page);
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: path.join(outputDir, `${name}.png`) });
  console.log(`screenshots: ${name}.png (${route})`);
}

async function main(): Promise<void> {
  const executablePath = ensureChromium();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "carport-screenshots-"));
  const [consolePort, s3Port, webPort, adminPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PORT: String(consolePort), CARPORT_DATA_DIR: dataDir, CARPORT_CONSOLE_PASSWORD: password, CARPORT_S3_PORT: String(s3Port), CARPORT_WEB_PORT: String(webPort), CARPORT_ADMIN_PORT: String(adminPort) };
  const child = spawn(path.join(repoRoot, "node_modules", ".bin", "tsx"), ["scripts/start.ts"], { cwd: repoRoot, env, stdio: ["ignore", "inherit", "inherit"], detached: true });
  const stop = () => child.pid && process.kill(-child.pid, "SIGTERM");
  try {
    const baseUrl = `http://127.0.0.1:${consolePort}`;
    await waitFor(`${baseUrl}/signin`);
    const adminToken = fs.readFileSync(path.join(dataDir, "meta", "admin_token"), "utf8").trim();
    const { bucketId } = await seedDemo({ adminUrl: `http://127.0.0.1:${adminPort}`, adminToken, s3Url: `http://127.0.0.1:${s3Port}`, region: process.env.CARPORT_S3_REGION ?? "garage", volumesDir: path.join(dataDir, "volumes") });
    fs.mkdirSync(outputDir, { recursive: true });
    const browser = await chromium.launch({ executablePath, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--disable-sync"] });
    const page = await browser.newPage({ viewport, baseURL: baseUrl, colorScheme: "light" });
    await page.goto("/signin");
    await page.getByLabel("User name").fill("admin");
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Overview" }).waitFor();
    await shoot(page, "overview", "/");
    await shoot(page, "cluster", "/cluster");
    await shoot(page, "layout-editor", "/cluster/layout");
    await shoot(page, "keys", "/keys");
    await shoot(page, "permissions", "/keys/permissions");
    await shoot(page, "buckets", "/buckets");
    await shoot(page, "bucket-connect", `/buckets/${bucketId}`);
    await shoot(page, "object-browser", `/browse/${bucketId}`);
    await shoot(page, "tokens", "/tokens");
    await shoot(page, "connections", "/connections");
    await browser.close();
  } finally {
    stop();
    await new Promise((resolve) => child.once("exit", resolve));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`screenshots: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
