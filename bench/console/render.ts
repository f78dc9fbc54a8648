import fs from "node:fs";
import path from "node:path";
import { type Browser, chromium } from "@playwright/test";
import { chromiumArgs } from "../../scripts/lib/chromium";
import { startProductProcess } from "../../scripts/lib/product-process";
import { type ConsoleSeed, seedConsole } from "./seed";

/**
 * Render time of console pages with many buckets and keys: the product started as
 * `npm start` does (production build, embedded engine) on a data dir seeded through
 * the engine's services; Debian's Chromium signs in once, then loads each page in a
 * fresh context (no cached scripts) until the network is idle. The time is read from
 * the browser's own clock: from navigation start to the end of the last request or
 * the last long task, whichever is later. Playwright's "networkidle" waits a further
 * 500 ms of quiet to be sure, which is not part of the page's time.
 */

export interface PageRender {
  name: string;
  route: string;
  seed: ConsoleSeed;
  /** The best of the timed loads, ms; null when not measured. */
  durationMs: number | null;
  /** Every timed load, ms. */
  loadsMs?: number[];
  /** Navigation start to the document's last byte (the server's render), in the best load. */
  documentMs?: number;
  /** Requests of the best load (the document, scripts, styles, fetches). */
  requests?: number;
  /** The document's HTML as sent (decoded), bytes, in the best load. */
  documentBytes?: number;
  /** Scripts as sent over the wire (compressed) in the best load: a check on the build's first-load figure. */
  scriptWireBytes?: number;
  note?: string;
}

export type PageToRender = Pick<PageRender, "name" | "route">;

const password = "bench-console-password";

/**
 * Chromium 156 (Debian's) builds its omnibox popup, a WebUI page of its own, for every new
 * window: a trace of one timed load showed that renderer busy for 1.2 s of CPU while the page
 * loaded, more than the page's own renderer (0.5 s), on a machine of two cores shared with the
 * server. It is the browser's window, not the page: without it the figure is the page's.
 */
const renderArgs = [...chromiumArgs, "--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup"];
const timedLoads = 3;

/** Collects long tasks from the very start of each document (a buffered observer may miss early ones). */
const longTaskRecorder = `
  window.__benchLongTaskEndMs = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      window.__benchLongTaskEndMs = Math.max(window.__benchLongTaskEndMs, entry.startTime + entry.duration);
  }).observe({ type: "longtask", buffered: true });
`;

interface LoadTiming {
  durationMs: number;
  documentMs: number;
  requests: number;
  documentBytes: number;
  scriptWireBytes: number;
}

/**
 * Navigation start to the last response end, load event end or long task end, in the page's
 * clock. A string: tsx would wrap a function's inner names in a helper the page does not have.
 */
const readTiming = `(() => {
  const [navigation] = performance.getEntriesByType("navigation");
  const resources = performance.getEntriesByType("resource");
  const lastResponseMs = Math.max(0, ...resources.map((entry) => entry.responseEnd));
  return {
    durationMs: Math.max(navigation.loadEventEnd, navigation.responseEnd, lastResponseMs, window.__benchLongTaskEndMs ?? 0),
    documentMs: navigation.responseEnd,
    requests: resources.length + 1,
    documentBytes: navigation.decodedBodySize,
    scriptWireBytes: resources
      .filter((entry) => new URL(entry.name).pathname.endsWith(".js"))
      .reduce((sum, entry) => sum + entry.encodedBodySize, 0),
  };
})()`;

async function loadOnce(browser: Browser, storageState: string, url: string): Promise<LoadTiming> {
  const context = await browser.newContext({ storageState });
  try {
    const page = await context.newPage();
    await page.addInitScript(longTaskRecorder);
    const response = await page.goto(url, { waitUntil: "networkidle" });
    if (!response?.ok()) throw new Error(`${url}: HTTP ${response?.status() ?? "no response"}`);
    if (new URL(page.url()).pathname !== new URL(url).pathname) throw new Error(`${url}: redirected to ${page.url()}`);
    return (await page.evaluate(readTiming)) as LoadTiming;
  } finally {
    await context.close();
  }
}

async function timePage(browser: Browser, storageState: string, url: string): Promise<PageRender> {
  // One warm-up load: the first request of a route pays for loading its server bundle.
  await loadOnce(browser, storageState, url);
  const loads: LoadTiming[] = [];
  for (let round = 0; round < timedLoads; round++) loads.push(await loadOnce(browser, storageState, url));
  const best = loads.reduce((a, b) => (b.durationMs < a.durationMs ? b : a));
  return {
    name: "",
    route: "",
    seed: { buckets: 0, keys: 0 },
    durationMs: best.durationMs,
    loadsMs: loads.map((load) => Math.round(load.durationMs)),
    documentMs: best.documentMs,
    requests: best.requests,
    documentBytes: best.documentBytes,
    scriptWireBytes: best.scriptWireBytes,
    note: `best of ${timedLoads} cold-cache loads to network idle`,
  };
}

export function chromiumPath(): string | null {
  const candidate = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  return fs.existsSync(candidate) ? candidate : null;
}

export async function renderPages(dataDir: string, pages: PageToRender[], seed: ConsoleSeed): Promise<PageRender[]> {
  const executablePath = chromiumPath();
  if (executablePath === null)
    return pages.map((page) => ({ ...page, seed, durationMs: null, note: "skipped: no Chromium (set CHROMIUM_PATH)" }));
  fs.mkdirSync(dataDir, { recursive: true });
  await seedConsole(dataDir, seed);
  const product = await startProductProcess({
    dataDir,
    consolePassword: password,
    logFile: path.join(dataDir, "product.log"),
  });
  const browser = await chromium.launch({ executablePath, args: renderArgs });
  try {
    const signIn = await browser.newContext();
    const page = await signIn.newPage();
    await page.goto(`${product.consoleUrl}/signin`);
    await page.getByLabel("User name").fill("admin");
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
    const storageState = path.join(dataDir, "session.json");
    await signIn.storageState({ path: storageState });
    await signIn.close();
    const out: PageRender[] = [];
    for (const target of pages)
      out.push({ ...(await timePage(browser, storageState, `${product.consoleUrl}${target.route}`)), ...target, seed });
    return out;
  } finally {
    await browser.close();
    await product.stop();
  }
}
