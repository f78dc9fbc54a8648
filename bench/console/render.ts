import fs from "node:fs";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { loadConfig } from "../../server/config";
import { startEngine } from "../../server/start";
import { median } from "../measurements";
import { chromiumArgs } from "../../scripts/lib/chromium";
import { startProductProcess } from "../../scripts/lib/product-process";

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
const rounds = 3;

/** Buckets created in parallel groups so the engine's group commit pays one fsync per group. */
async function seedBuckets(dataDir: string, count: number): Promise<void> {
  const config = loadConfig(
    { CARPORT_DATA_DIR: dataDir, CARPORT_S3_PORT: "0", CARPORT_WEB_PORT: "0", CARPORT_ADMIN_PORT: "0" },
    dataDir,
  );
  const running = await startEngine(config);
  try {
    for (let first = 0; first < count; first += 100) {
      const names = Array.from(
        { length: Math.min(100, count - first) },
        (_, offset) => `bench-bucket-${String(first + offset).padStart(4, "0")}`,
      );
      await Promise.all(names.map((globalAlias) => running.engine.buckets.create({ globalAlias })));
    }
  } finally {
    await running.stop();
  }
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

export async function renderPages(
  dataDir: string,
  pages: Array<Omit<PageRender, "durationMs">>,
  bucketCount: number,
): Promise<PageRender[]> {
  const executablePath = chromiumPath();
  if (executablePath === null)
    return pages.map((page) => ({ ...page, durationMs: null, note: "skipped: no Chromium (set CHROMIUM_PATH)" }));
  fs.mkdirSync(dataDir, { recursive: true });
  await seedBuckets(dataDir, bucketCount);
  const product = await startProductProcess({
    dataDir,
    consolePassword: password,
    logFile: path.join(dataDir, "product.log"),
  });
  const browser = await chromium.launch({ executablePath, args: chromiumArgs });
  try {
    const page = await browser.newPage();
    await page.goto(`${product.consoleUrl}/signin`);
    await page.getByLabel("User name").fill("admin");
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
    const out: PageRender[] = [];
    for (const target of pages)
      out.push({
        ...target,
        durationMs: await timePage(page, `${product.consoleUrl}${target.route}`),
        note: `median of ${rounds} loads to network idle`,
      });
    return out;
  } finally {
    await browser.close();
    await product.stop();
  }
}
