import type { TargetSpec } from "./loadgen/client";
import { type Measurements, bestOf } from "./measurements";
import type { PhaseName, Plan } from "./options";
import type { LoadGenerator } from "./processes";
import type { PreloadResult, PreloadSpec } from "./preload";
import { ensureBucket, measureLarge, measureMixed, measureSmall } from "./phases/objects";
import { deleteKeyPattern, measureDelete, measureMultipart } from "./phases/metadata";
import { measureCopy } from "./phases/copy";
import { listKeyPattern, measureList, wideKeyPattern } from "./phases/listing";
import { measureMillion, millionKeyPattern } from "./phases/million";
import { keysPerWideFolder } from "./loadgen/jobs";

/**
 * Runs the selected S3 phases against one store, one bucket per phase so each
 * starts from a known state (the list bucket holds exactly its keys).
 */

export interface StoreRun {
  name: string;
  target: TargetSpec;
  /** The process whose RSS is sampled during the multipart upload; 0 when remote. */
  pid: number;
  bucketPrefix: string;
  /** Buckets already filled through the engine's service layer (engine only). */
  preloaded: PreloadResult[];
}

type Step = (generator: LoadGenerator, store: StoreRun, plan: Plan, bucket: string) => Promise<Measurements>;

const preloadedIn = (store: StoreRun, bucket: string) =>
  store.preloaded.find((entry) => entry.bucket === bucket) ?? null;

const steps: Array<[PhaseName, Step]> = [
  ["small", (generator, store, plan, bucket) => measureSmall(generator, store.target, plan, bucket)],
  [
    "large",
    (generator, store, plan, bucket) => measureLarge(generator, store.target, plan, bucket, plan.ceilingRepetitions),
  ],
  ["multipart", (generator, store, plan, bucket) => measureMultipart(generator, store.target, plan, bucket, store.pid)],
  ["copy", (generator, store, plan, bucket) => measureCopy(generator, store.target, plan, bucket)],
  [
    "list",
    (generator, store, plan, bucket) =>
      measureList(generator, store.target, plan, bucket, (name) => preloadedIn(store, name)),
  ],
  [
    "delete",
    (generator, store, plan, bucket) =>
      measureDelete(generator, store.target, plan, bucket, preloadedIn(store, bucket)),
  ],
  [
    "million",
    (generator, store, plan, bucket) =>
      measureMillion(generator, store.target, plan, bucket, preloadedIn(store, bucket), store.pid),
  ],
  [
    "mixed",
    (generator, store, plan, bucket) => measureMixed(generator, store.target, plan, bucket, plan.mixedDurationMs),
  ],
];

/** The buckets the engine fills in-process before it starts: the keys for listing and deleting. */
export function preloadSpecs(bucketPrefix: string, plan: Plan, phases: Set<PhaseName>): PreloadSpec[] {
  const specs: PreloadSpec[] = [];
  if (phases.has("list")) {
    specs.push({ bucket: `${bucketPrefix}-list`, keyPattern: listKeyPattern, count: plan.listKeys });
    const wideKeys = plan.wideFolders * keysPerWideFolder;
    specs.push({ bucket: `${bucketPrefix}-list-wide`, keyPattern: wideKeyPattern, count: wideKeys });
  }
  if (phases.has("million"))
    specs.push({ bucket: `${bucketPrefix}-million`, keyPattern: millionKeyPattern, count: plan.millionKeys });
  if (phases.has("delete"))
    specs.push({ bucket: `${bucketPrefix}-delete`, keyPattern: deleteKeyPattern, count: plan.deleteKeys });
  return specs;
}

export function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

export async function runStore(
  generator: LoadGenerator,
  store: StoreRun,
  plan: Plan,
  phases: Set<PhaseName>,
): Promise<Measurements> {
  const out: Measurements = {};
  for (const [phase, step] of steps) {
    if (!phases.has(phase)) continue;
    const startedMs = performance.now();
    const bucket = `${store.bucketPrefix}-${phase}`;
    await ensureBucket(generator, store.target, bucket);
    Object.assign(out, await step(generator, store, plan, bucket));
    log(`${store.name}: ${phase} done in ${((performance.now() - startedMs) / 1000).toFixed(1)} s`);
  }
  return out;
}

/** The object phases a plain server answers (no listing, no multipart): small, large and the mixed load. */
async function runObjectPhases(
  generator: LoadGenerator,
  target: TargetSpec,
  plan: Plan,
  phases: Set<PhaseName>,
  bucket: string,
): Promise<Measurements> {
  const out: Measurements = {};
  await ensureBucket(generator, target, bucket);
  if (phases.has("small")) Object.assign(out, await measureSmall(generator, target, plan, bucket));
  // Once per call: runPlainServer repeats the whole set and keeps the best.
  if (phases.has("large")) Object.assign(out, await measureLarge(generator, target, plan, bucket, 1));
  // A shorter run is enough for a rate; the engine's mixed run is the long one.
  if (phases.has("mixed"))
    Object.assign(out, await measureMixed(generator, target, plan, bucket, Math.min(plan.mixedDurationMs, 5_000)));
  return out;
}

const prefixed = (prefix: string, measurements: Measurements): Measurements =>
  Object.fromEntries(Object.entries(measurements).map(([id, measured]) => [`${prefix}:${id}`, measured]));

/** Best of `repetitions` runs of the object phases against a plain server, each figure named `${prefix}:${id}`. */
export async function runPlainServer(
  generator: LoadGenerator,
  target: TargetSpec,
  plan: Plan,
  phases: Set<PhaseName>,
  repetitions: number,
  prefix: "raw" | "sink",
): Promise<Measurements> {
  const runs: Measurements[] = [];
  // A bucket per repetition: every repetition creates its files, as the engine's single run creates
  // its keys (reusing one bucket made the second and third overwrite the first's files, a different cost).
  for (let round = 0; round < repetitions; round++)
    runs.push(await runObjectPhases(generator, target, plan, phases, `ceiling-${round + 1}`));
  return prefixed(prefix, bestOf(runs));
}
