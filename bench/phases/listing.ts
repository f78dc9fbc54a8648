import type { TargetSpec } from "../loadgen/client";
import { keyName, keysPerWideFolder, type KeyPattern, type ListResult } from "../loadgen/jobs";
import type { Plan } from "../options";
import type { LoadGenerator } from "../processes";
import { type Measurement, type Measurements, median } from "../measurements";
import type { PreloadResult } from "../preload";
import { load } from "./metadata";
import { ensureBucket } from "./objects";

/**
 * ListObjectsV2 over large buckets: the whole tree bucket page by page, one page
 * with a delimiter at the root (100 folders over 100,000 keys) and inside a folder,
 * and every page of a bucket with 10,000 folders at its root. Each figure checks
 * the number of keys or common prefixes it saw, so a fast wrong answer is an error.
 */

export const listKeyPattern: KeyPattern = { style: "tree", prefix: "" };
export const wideKeyPattern: KeyPattern = { style: "wide", prefix: "" };

/** A folder of the tree layout that exists for this many keys (d042/ at 100k keys). */
function prefixFor(keyCount: number): string {
  const top = Math.min(42, Math.max(0, Math.floor(keyCount / 1000) - 1));
  return keyName(listKeyPattern, top * 1000).split("/")[0] + "/";
}

/** Folders at the root of the tree layout for this many keys (100 at 100k keys). */
const rootFolders = (keyCount: number) => Math.min(100, Math.ceil(keyCount / 1000));

export function listFigure(
  result: ListResult,
  unit: "s" | "ms",
  what: { keys?: number; commonPrefixes?: number },
  detail: string,
): Measurement {
  const rounds = Math.max(1, result.elapsedMs.length);
  const seen = { keys: result.keys / rounds, commonPrefixes: result.commonPrefixes / rounds };
  const wrong = (["keys", "commonPrefixes"] as const)
    .filter((name) => what[name] !== undefined && seen[name] !== what[name])
    .map((name) => `listed ${seen[name]} ${name} of ${what[name]}`);
  return {
    value: median(result.elapsedMs) / (unit === "s" ? 1000 : 1),
    unit,
    errors: result.errors + wrong.length,
    firstError: result.firstError ?? wrong[0] ?? null,
    clientCpuPercent: (100 * result.clientCpuMs) / result.elapsedMs.reduce((a, b) => a + b, 0),
    detail: `${detail}; median of ${rounds}, ${result.pages / rounds} pages`,
  };
}

export async function measureList(
  generator: LoadGenerator,
  target: TargetSpec,
  plan: Plan,
  bucket: string,
  preloadedIn: (bucket: string) => PreloadResult | null,
): Promise<Measurements> {
  const loaded = await load(generator, target, bucket, listKeyPattern, plan.listKeys, preloadedIn(bucket));
  const list = { kind: "list", target, bucket, prefix: "", delimiter: "" } as const;
  const whole = await generator.run({ ...list, maxPages: 0, repeat: 3 });
  const root = await generator.run({ ...list, delimiter: "/", maxPages: 1, repeat: 20 });
  const prefix = prefixFor(plan.listKeys);
  const folder = await generator.run({ ...list, prefix, delimiter: "/", maxPages: 1, repeat: 20 });
  const wideBucket = `${bucket}-wide`;
  const wideKeys = plan.wideFolders * keysPerWideFolder;
  await ensureBucket(generator, target, wideBucket);
  await load(generator, target, wideBucket, wideKeyPattern, wideKeys, preloadedIn(wideBucket));
  const wide = await generator.run({ ...list, bucket: wideBucket, delimiter: "/", maxPages: 0, repeat: 3 });
  return {
    "list-load": loaded,
    "list-whole": listFigure(whole, "s", { keys: plan.listKeys }, "1000 keys a page"),
    "list-root-delimiter": listFigure(
      root,
      "ms",
      { commonPrefixes: rootFolders(plan.listKeys) },
      `one page at the root, delimiter /, c1`,
    ),
    "list-prefix-delimiter": listFigure(folder, "ms", {}, `one page of ${prefix}, delimiter /, c1`),
    "list-wide": listFigure(
      wide,
      "s",
      { commonPrefixes: plan.wideFolders },
      `every page at the root, delimiter /, ${wideKeys} keys`,
    ),
  };
}
