import type { Engine } from "../server/engine/engine";
import { keyName, type KeyPattern } from "./loadgen/jobs";

/**
 * Loads many tiny objects through the engine's service layer, in this process,
 * before the engine child starts on the same data dir. Through S3 this engine
 * takes ~300 tiny PUTs/s at c64 on this machine (fsync-bound; the bench reports
 * that rate separately), so 100,000 keys would not fit a 5-minute run.
 */

export interface PreloadSpec {
  bucket: string;
  keyPattern: KeyPattern;
  count: number;
}

export interface PreloadResult {
  bucket: string;
  count: number;
  elapsedMs: number;
}

/** Writes in flight at once: the metadata store commits each event-loop turn's writes together. */
const preloadInFlight = 1000;
const tinyBody = Buffer.from("carport-bench-16");

async function* once(body: Buffer): AsyncGenerator<Buffer> {
  yield body;
}

async function createBucket(engine: Engine, name: string, accessKeyId: string): Promise<string> {
  const bucket = await engine.buckets.createOwned(name, accessKeyId);
  return bucket.id;
}

export async function preload(engine: Engine, accessKeyId: string, spec: PreloadSpec): Promise<PreloadResult> {
  const startedMs = performance.now();
  const bucketId = await createBucket(engine, spec.bucket, accessKeyId);
  for (let first = 0; first < spec.count; first += preloadInFlight) {
    const indexes = Array.from(
      { length: Math.min(preloadInFlight, spec.count - first) },
      (_, offset) => first + offset,
    );
    await Promise.all(
      indexes.map((index) =>
        engine.objects.put({
          bucketId,
          key: keyName(spec.keyPattern, index),
          body: once(tinyBody),
          expect: { sizeBytes: tinyBody.length },
          headers: {},
          userMeta: {},
        }),
      ),
    );
  }
  return { bucket: spec.bucket, count: spec.count, elapsedMs: performance.now() - startedMs };
}
