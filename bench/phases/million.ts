import type { TargetSpec } from "../loadgen/client";
import type { KeyPattern } from "../loadgen/jobs";
import type { Plan } from "../options";
import { type LoadGenerator, rssBytes } from "../processes";
import { type Measurements, bestOf } from "../measurements";
import type { PreloadResult } from "../preload";
import { mebibyte, sizeLabel } from "../units";
import { listFigure } from "./listing";
import { load } from "./metadata";
import { ensureBucket, opsPerSecond } from "./objects";

/**
 * A bucket that already holds a million objects: listing all of it page by page,
 * small PUTs into it (compared with the same load on an empty bucket, in the same
 * minutes), and the
 * engine's resident memory once it is idle again.
 */

export const millionKeyPattern: KeyPattern = { style: "flat", prefix: "m-" };
/** Idle: no request for this long before RSS is read (shorter in --quick, whose steps are short). */
const maxSettleMs = 2000;

export async function measureMillion(
  generator: LoadGenerator,
  target: TargetSpec,
  plan: Plan,
  bucket: string,
  preloaded: PreloadResult | null,
  enginePid: number,
): Promise<Measurements> {
  const loaded = await load(generator, target, bucket, millionKeyPattern, plan.millionKeys, preloaded);
  const whole = await generator.run({
    kind: "list",
    target,
    bucket,
    prefix: "",
    delimiter: "",
    maxPages: 0,
    repeat: 1,
  });
  const { full, empty, fullOps } = await putIntoBothBuckets(generator, target, plan, bucket);
  const concurrency = Math.max(...plan.smallConcurrencies);
  const id = `${sizeLabel(plan.smallBytes)}-c${concurrency}`;
  const out: Measurements = {
    "million-load": loaded,
    "million-list-whole": listFigure(whole, "s", { keys: plan.millionKeys }, "1000 keys a page"),
    [`million-put-${id}`]: { ...full, detail: `into the bucket of ${plan.millionKeys} keys; ${full.detail}` },
    [`million-empty-put-${id}`]: {
      ...empty,
      detail: `into an empty bucket, alternated with the above; ${empty.detail}`,
    },
  };
  if (enginePid > 0) {
    const settleMs = Math.min(maxSettleMs, plan.stepDurationMs);
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    out["million-rss-idle"] = {
      value: rssBytes(enginePid) / mebibyte,
      unit: "MiB",
      errors: 0,
      detail: `engine resident set ${settleMs / 1000} s after the last request, ${plan.millionKeys + fullOps} objects`,
    };
  }
  return out;
}

/**
 * Small PUTs into the full bucket and into an empty one, alternated (empty, full, empty, ...)
 * so that both see the same minutes of the machine; the best of each counts, as for the ceilings.
 */
async function putIntoBothBuckets(generator: LoadGenerator, target: TargetSpec, plan: Plan, bucket: string) {
  const emptyBucket = `${bucket}-empty`;
  await ensureBucket(generator, target, emptyBucket);
  const concurrency = Math.max(...plan.smallConcurrencies);
  const step = (into: string, round: number) =>
    generator.run({
      kind: "load",
      target,
      bucket: into,
      method: "PUT",
      keyPrefix: `new-${round}-`,
      sizeBytes: plan.smallBytes,
      concurrency,
      durationMs: plan.stepDurationMs,
      maxOps: Number.MAX_SAFE_INTEGER,
      keyCount: 0,
    });
  const full: Measurements[] = [];
  const empty: Measurements[] = [];
  let fullOps = 0;
  for (let round = 0; round < plan.ceilingRepetitions; round++) {
    empty.push({ put: opsPerSecond(await step(emptyBucket, round)) });
    const result = await step(bucket, round);
    fullOps += result.ops;
    full.push({ put: opsPerSecond(result) });
  }
  return { full: bestOf(full).put, empty: bestOf(empty).put, fullOps };
}
