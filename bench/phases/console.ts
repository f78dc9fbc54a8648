import fs from "node:fs";
import path from "node:path";
import type { Target } from "../figures";
import { firstLoadJs, type PageWeight } from "../console/first-load";
import { type PageRender, renderPages } from "../console/render";
import type { ConsoleSeed } from "../console/seed";
import { repoRoot } from "../processes";

/**
 * The console's figures: first-load JS of each page from the existing build (the
 * bench never builds), and the render of the overview, the bucket list, the keys and
 * the permission matrix with 1,000 buckets and 1,000 keys. Each figure carries the
 * issue's target when it has one. Pages not in app/ yet are reported as skipped.
 */

export interface ConsoleResult {
  firstLoadJs: Array<PageWeight & { target: Target | null }>;
  render: Array<PageRender & { target: Target | null }>;
  note: string | null;
}

/** Issue 16's targets for the console. */
export const firstLoadTargetKiB = 160;
export const renderTargetMs = 500;

const seed: ConsoleSeed = { buckets: 1000, keys: 1000 };
const timedPages = [
  { name: "overview", route: "/", file: "app/(console)/page.tsx", targeted: false },
  { name: "bucket list", route: "/buckets", file: "app/(console)/buckets/page.tsx", targeted: true },
  { name: "keys", route: "/keys", file: "app/(console)/keys/page.tsx", targeted: false },
  {
    name: "permission matrix",
    route: "/keys/permissions",
    file: "app/(console)/keys/permissions/page.tsx",
    targeted: true,
  },
];

function weightTarget(weight: PageWeight): Target | null {
  if (weight.gzipBytes === null) return null;
  return { text: `≤ ${firstLoadTargetKiB} KiB gzip`, pass: weight.gzipBytes <= firstLoadTargetKiB * 1024 };
}

function renderTarget(render: PageRender): Target | null {
  const page = timedPages.find((item) => item.name === render.name);
  if (!page?.targeted || render.durationMs === null) return null;
  return { text: `≤ ${renderTargetMs} ms`, pass: render.durationMs <= renderTargetMs };
}

const withTargets = (weights: PageWeight[], renders: PageRender[], note: string | null): ConsoleResult => ({
  firstLoadJs: weights.map((weight) => ({ ...weight, target: weightTarget(weight) })),
  render: renders.map((render) => ({ ...render, target: renderTarget(render) })),
  note,
});

const skipped = (pages: typeof timedPages, note: string): PageRender[] =>
  pages.map(({ name, route }) => ({ name, route, seed, durationMs: null, note }));

export async function measureConsole(dataDir: string, render: boolean): Promise<ConsoleResult> {
  const weights = firstLoadJs(repoRoot);
  if (typeof weights === "string") return withTargets([], skipped(timedPages, weights), weights);
  if (!render) return withTargets(weights, skipped(timedPages, "skipped: --quick"), null);
  const present = timedPages.filter((page) => fs.existsSync(path.join(repoRoot, page.file)));
  const missing = skipped(
    timedPages.filter((page) => !present.includes(page)),
    "skipped: page not built yet",
  );
  try {
    const pages = present.map(({ name, route }) => ({ name, route }));
    const rendered = present.length > 0 ? await renderPages(dataDir, pages, seed) : [];
    return withTargets(weights, [...rendered, ...missing], null);
  } catch (error) {
    // The console failing to start must not throw away the engine's figures.
    const note = `render skipped: ${error instanceof Error ? error.message : String(error)}`;
    return withTargets(weights, [...skipped(present, note), ...missing], note);
  }
}

/** The console's targeted figures, for the run's PASS / MISS summary. */
export function consoleTargets(result: ConsoleResult): Array<{ label: string; pass: boolean }> {
  return [
    ...result.firstLoadJs.map((weight) => ({ label: `first-load JS ${weight.route}`, target: weight.target })),
    ...result.render.map((render) => ({ label: `render ${render.name}`, target: render.target })),
  ].flatMap(({ label, target }) => (target ? [{ label, pass: target.pass }] : []));
}
