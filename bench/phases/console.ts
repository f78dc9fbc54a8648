import fs from "node:fs";
import path from "node:path";
import { firstLoadJs, type PageWeight } from "../console/first-load";
import { type PageRender, renderPages } from "../console/render";
import { repoRoot } from "../processes";

/**
 * The console's figures: first-load JS of each page from the existing build (the
 * bench never builds), and render time of the overview and the bucket list with
 * 1,000 buckets. Pages not in app/ yet are reported as skipped.
 */

export interface ConsoleResult {
  firstLoadJs: PageWeight[];
  render: PageRender[];
  note: string | null;
}

const bucketCount = 1000;
const timedPages = [
  { name: "overview", route: "/", file: "app/(console)/page.tsx" },
  { name: "bucket list", route: "/buckets", file: "app/(console)/buckets/page.tsx" },
];

const skipped = (note: string): PageRender[] =>
  timedPages.map(({ name, route }) => ({ name, route, buckets: bucketCount, durationMs: null, note }));

export async function measureConsole(dataDir: string, render: boolean): Promise<ConsoleResult> {
  const weights = firstLoadJs(repoRoot);
  if (typeof weights === "string") return { firstLoadJs: [], render: skipped(weights), note: weights };
  if (!render) return { firstLoadJs: weights, render: skipped("skipped: --quick"), note: null };
  const present = timedPages.filter((page) => fs.existsSync(path.join(repoRoot, page.file)));
  const missing: PageRender[] = timedPages
    .filter((page) => !present.includes(page))
    .map(({ name, route }) => ({
      name,
      route,
      buckets: bucketCount,
      durationMs: null,
      note: "skipped: page not built yet",
    }));
  try {
    const rendered =
      present.length > 0
        ? await renderPages(
            dataDir,
            present.map(({ name, route }) => ({ name, route, buckets: bucketCount })),
            bucketCount,
          )
        : [];
    return { firstLoadJs: weights, render: [...rendered, ...missing], note: null };
  } catch (error) {
    // The console failing to start must not throw away the engine's figures.
    const note = `render skipped: ${error instanceof Error ? error.message : String(error)}`;
    return {
      firstLoadJs: weights,
      render: [
        ...present.map(({ name, route }) => ({ name, route, buckets: bucketCount, durationMs: null, note })),
        ...missing,
      ],
      note,
    };
  }
}
