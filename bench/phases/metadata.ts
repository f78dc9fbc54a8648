import type { TargetSpec } from "../loadgen/client";
import type { KeyPattern } from "../loadgen/jobs";
import type { Plan } from "../options";
import { type LoadGenerator, rssBytes, sampleRss } from "../processes";
import type { Measurement, Measurements } from "../measurements";
import { mebibyte, sizeLabel } from "../units";
import { opsPerSecond } from "./objects";
import type { PreloadResult } from "../preload";

/** Multipart upload with the engine's RSS, and DeleteObjects; filling a bucket with tiny keys. */

const tinyObjectBytes = 16;
const loadConcurrency = 64;
const rssSampleIntervalMs = 100;

export const deleteKeyPattern: KeyPattern = { style: "flat", prefix: "del-" };

export async function measureMultipart(
  generator: LoadGenerator,
  target: TargetSpec,
  plan: Plan,
  bucket: string,
  enginePid: number,
): Promise<Measurements> {
  const label = sizeLabel(plan.multipartBytes);
  const baselineBytes = enginePid > 0 ? rssBytes(enginePid) : 0;
  const sampler = enginePid > 0 ? sampleRss(enginePid, rssSampleIntervalMs) : null;
  const result = await generator.run({
    kind: "multipart",
    target,
    bucket,
    key: `multipart-${label}`,
    totalBytes: plan.multipartBytes,
    partBytes: plan.partBytes,
    inFlight: plan.partsInFlight,
  });
  const rss = sampler?.stop();
  const out: Measurements = {
    [`multipart-${label}`]: {
      value: plan.multipartBytes / mebibyte / (result.elapsedMs / 1000),
      unit: "MiB/s",
      errors: result.errors,
      firstError: result.firstError,
      clientCpuPercent: (100 * result.clientCpuMs) / result.elapsedMs,
      detail: `${sizeLabel(plan.partBytes)} parts, ${plan.partsInFlight} in flight`,
    },
  };
  if (rss) {
    out[`multipart-${label}-rss`] = {
      value: Math.max(0, rss.peakBytes - baselineBytes) / mebibyte,
      unit: "MiB",
      errors: 0,
      detail: `peak ${(rss.peakBytes / mebibyte).toFixed(0)} MiB over a ${(baselineBytes / mebibyte).toFixed(0)} MiB baseline, ${rss.samples} samples`,
    };
  }
  return out;
}

/** Fills a bucket through S3 unless the engine's service layer already did; reports how. */
export async function load(
  generator: LoadGenerator,
  target: TargetSpec,
  bucket: string,
  keyPattern: KeyPattern,
  count: number,
  preloaded: PreloadResult | null,
): Promise<Measurement> {
  if (preloaded) {
    const seconds = preloaded.elapsedMs / 1000;
    return {
      value: preloaded.count / seconds,
      unit: "keys/s",
      errors: 0,
      detail: `${preloaded.count} keys through the service layer in-process, before the engine child started, in ${seconds.toFixed(1)} s`,
    };
  }
  const result = await generator.run({
    kind: "fill",
    target,
    bucket,
    keyPattern,
    count,
    sizeBytes: tinyObjectBytes,
    concurrency: loadConcurrency,
  });
  if (result.errors > 0) throw new Error(`loading ${count} keys into ${bucket} failed: ${result.firstError}`);
  const seconds = result.elapsedMs / 1000;
  return {
    ...opsPerSecond(result),
    unit: "keys/s",
    detail: `${count} PUTs of ${tinyObjectBytes} B through S3 at c${loadConcurrency} in ${seconds.toFixed(1)} s`,
  };
}

export async function measureDelete(
  generator: LoadGenerator,
  target: TargetSpec,
  plan: Plan,
  bucket: string,
  preloaded: PreloadResult | null,
): Promise<Measurements> {
  await load(generator, target, bucket, deleteKeyPattern, plan.deleteKeys, preloaded);
  const result = await generator.run({
    kind: "delete",
    target,
    bucket,
    keyPattern: deleteKeyPattern,
    count: plan.deleteKeys,
    batchSize: plan.deleteBatch,
  });
  return {
    "delete-objects": {
      value: result.bytes / (result.elapsedMs / 1000),
      unit: "keys/s",
      errors: result.errors,
      firstError: result.firstError,
      detail: `${plan.deleteKeys} keys in batches of ${plan.deleteBatch}, p50 ${result.p50Ms.toFixed(0)} ms per batch`,
    },
  };
}
