import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { chromiumArgs, ensureChromium } from "./lib/chromium";
import { startProductProcess } from "./lib/product-process";
import { seedDemo } from "./lib/demo-data";
import { repoRoot } from "./lib/paths";

/**
 * `npm run screenshots`: starts the product like `npm start` (production build) on free
 * ports in a temp dir, creates a demo data set through the admin and S3 APIs, and saves
 * screenshots of the main pages to docs/screenshots/ at the desktop width (1280×800,
 * `<page>.png`) and the phone width (390×844, `<page>-phone.png`). Missing routes are skipped.
 */
const outputDir = path.join(repoRoot, "docs", "screenshots");
const password = "screenshots-password";
const widths = [
  { suffix: "", viewport: { width: 1280, height: 800 } },
  { suffix: "-phone", viewport: { width: 390, height: 844 } },
];

async function shoot(
  page: Page,
  name: string,
  route: string,
  ready: (page: Page) => Promise<void> = async () => {},
): Promise<void> {
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

async function signIn(page: Page): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("User name").fill("admin");
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Overview" }).waitFor();
}

async function shootAll(page: Page, bucketId: string, suffix: string): Promise<void> {
  const pages: Array<[string, string]> = [
    ["overview", "/"],
    ["cluster", "/cluster"],
    ["layout-editor", "/cluster/layout"],
    ["keys", "/keys"],
    ["permissions", "/keys/permissions"],
    ["buckets", "/buckets"],
    ["bucket-connect", `/buckets/${bucketId}`],
    ["object-browser", `/browse/${bucketId}`],
    ["tokens", "/tokens"],
    ["connections", "/connections"],
  ];
  for (const [name, route] of pages) await shoot(page, `${name}${suffix}`, route);
}

async function main(): Promise<void> {
  const executablePath = ensureChromium();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "carport-screenshots-"));
  const product = await startProductProcess({ dataDir, consolePassword: password, logFile: null });
  try {
    const baseUrl = product.consoleUrl;
    const adminToken = fs.readFileSync(path.join(dataDir, "meta", "admin_token"), "utf8").trim();
    const { bucketId } = await seedDemo({
      adminUrl: product.adminUrl,
      adminToken,
      s3Url: product.s3Url,
      region: process.env.CARPORT_S3_REGION ?? "garage",
      volumesDir: path.join(dataDir, "volumes"),
    });
    fs.mkdirSync(outputDir, { recursive: true });
    const browser = await chromium.launch({ executablePath, args: chromiumArgs });
    for (const { suffix, viewport } of widths) {
      const page = await browser.newPage({ viewport, baseURL: baseUrl, colorScheme: "light" });
      await signIn(page);
      await shootAll(page, bucketId, suffix);
      await page.close();
    }
    await browser.close();
  } finally {
    await product.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`screenshots: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
