import type { TargetSpec } from "../loadgen/client";
import type { LoadResult } from "../loadgen/jobs";
import type { Plan } from "../options";
import type { LoadGenerator } from "../processes";
import { type Measurement, type Measurements, bestOf } from "../measurements";
import { mebibyte, sizeLabel } from "../units";

/**
 * Object throughput through the load generator, for any target (ceiling server,
 * engine, peer): small objects at each concurrency, large objects, the mixed load.
 */

/** Each large size one and four in flight: a single stream's speed, and the machine's with both cores busy. */
export const largeConcurrencies = [1, 4];
const largeStepTimeoutMs = 120_000;

export function opsPerSecond(result: LoadResult): Measurement {
  return {
    value: result.ops / (result.elapsedMs / 1000),
    unit: "ops/s",
    p50Ms: result.p50Ms,
    p99Ms: result.p99Ms,
    errors: result.errors,
    firstError: result.firstError,
    clientCpuPercent: (100 * result.clientCpuMs) / result.elapsedMs,
  };
}

export function mebibytesPerSecond(result: LoadResult): Measurement {
  return { ...opsPerSecond(result), value: result.bytes / mebibyte / (result.elapsedMs / 1000), unit: "MiB/s" };
}

export async function ensureBucket(generator: LoadGenerator, target: TargetSpec, bucket: string): Promise<void> {
  const result = await generator.run({ kind: "bucket", target, bucket });
  if (result.errors > 0) throw new Error(`cannot create bucket ${bucket} on ${target.url}: ${result.firstError}`);
}

export async function measureSmall(
  generator: LoadGenerator,
  target: TargetSpec,
  plan: Plan,
  bucket: string,
): Promise<Measurements> {
  const out: Measurements = {};
  const label = sizeLabel(plan.smallBytes);
  const readKeys = plan.smallReadKeys;
  const base = {
    kind: "load",
    target,
    bucket,
    sizeBytes: plan.smallBytes,
    durationMs: plan.stepDurationMs,
    maxOps: Number.MAX_SAFE_INTEGER,
  } as const;
  for (const concurrency of plan.smallConcurrencies) {
    const result = await generator.run({
      ...base,
      method: "PUT",
      keyPrefix: `put-c${concurrency}-`,
      concurrency,
      keyCount: 0,
    });
    out[`put-${label}-c${concurrency}`] = opsPerSecond(result);
  }
  await generator.run({
    kind: "fill",
    target,
    bucket,
    keyPattern: { style: "flat", prefix: "read-" },
    count: readKeys,
    sizeBytes: plan.smallBytes,
    concurrency: 16,
  });
  for (const concurrency of plan.smallConcurrencies) {
    const result = await generator.run({ ...base, method: "GET", keyPrefix: "read-", concurrency, keyCount: readKeys });
    out[`get-${label}-c${concurrency}`] = opsPerSecond(result);
  }
  return out;
}

/**
 * Large PUTs then GETs of the same objects, per size and concurrency; the best of `repetitions`
 * (the engine's and a peer's: the plan's, as for the ceilings, since one run of four 64 MiB objects
 * lasts a fraction of a second). Each repetition writes its own keys, as each ceiling repetition
 * writes its own files.
 */
export async function measureLarge(
  generator: LoadGenerator,
  target: TargetSpec,
  plan: Plan,
  bucket: string,
  repetitions: number,
): Promise<Measurements> {
  const runs: Measurements[] = [];
  for (let round = 0; round < repetitions; round++) {
    const out: Measurements = {};
    for (const sizeBytes of plan.largeSizesBytes) {
      const label = sizeLabel(sizeBytes);
      const maxOps = Math.max(plan.minLargeOps, Math.floor(plan.largeBudgetBytes / sizeBytes));
      for (const concurrency of largeConcurrencies) {
        const base = {
          kind: "load",
          target,
          bucket,
          sizeBytes,
          concurrency,
          durationMs: largeStepTimeoutMs,
          maxOps,
          keyPrefix: `large-${label}-c${concurrency}-r${round}-`,
        } as const;
        const id = `${label}-c${concurrency}`;
        const put = await generator.run({ ...base, method: "PUT", keyCount: 0 });
        out[`put-${id}`] = { ...mebibytesPerSecond(put), detail: `${put.ops} objects, ${concurrency} in flight` };
        const get = await generator.run({ ...base, method: "GET", keyCount: Math.max(1, put.ops) });
        out[`get-${id}`] = { ...mebibytesPerSecond(get), detail: `${get.ops} objects, ${concurrency} in flight` };
      }
    }
    runs.push(out);
  }
  return runs.length === 1 ? runs[0] : bestOf(runs);
}

export async function measureMixed(
  generator: LoadGenerator,
  target: TargetSpec,
  plan: Plan,
  bucket: string,
  durationMs: number,
): Promise<Measurements> {
  const result = await generator.run({
    kind: "mixed",
    target,
    bucket,
    keyPrefix: "mixed/",
    sizeBytes: plan.smallBytes,
    concurrency: plan.mixedConcurrency,
    durationMs,
    keysPerWorker: plan.mixedKeysPerWorker,
  });
  const { GET, PUT, DELETE } = result.opsByMethod;
  return {
    mixed: {
      ...opsPerSecond(result),
      detail: `${GET} GET, ${PUT} PUT, ${DELETE} DELETE in ${(result.elapsedMs / 1000).toFixed(1)} s`,
    },
  };
}
