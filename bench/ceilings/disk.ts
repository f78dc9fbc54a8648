import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * The disk's own limits on the data directory's filesystem, measured from this
 * process with node's fs (the same libuv thread pool the engine uses): sequential
 * write + fsync of whole objects, and small-file create + write + fsync at a
 * concurrency.
 */

const chunkBytes = 1024 * 1024;

async function writeAndSync(file: string, body: Buffer): Promise<void> {
  const handle = await fs.promises.open(file, "w");
  try {
    for (let offset = 0; offset < body.length; offset += chunkBytes)
      await handle.write(body, offset, Math.min(chunkBytes, body.length - offset));
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** MiB/s writing `count` files of sizeBytes one after another, each fsynced. */
export async function sequentialWriteMiBps(dir: string, sizeBytes: number, count: number): Promise<number> {
  await fs.promises.mkdir(dir, { recursive: true });
  const body = crypto.randomBytes(sizeBytes);
  const startedMs = performance.now();
  for (let index = 0; index < count; index++) await writeAndSync(path.join(dir, `seq-${sizeBytes}-${index}`), body);
  const elapsedMs = performance.now() - startedMs;
  await fs.promises.rm(dir, { recursive: true, force: true });
  return (sizeBytes * count) / (1024 * 1024) / (elapsedMs / 1000);
}

/** Files/s creating, writing and fsyncing small files from `concurrency` loops for durationMs. */
export async function smallFileFsyncPerSecond(
  dir: string,
  sizeBytes: number,
  concurrency: number,
  durationMs: number,
): Promise<number> {
  await fs.promises.mkdir(dir, { recursive: true });
  const body = crypto.randomBytes(sizeBytes);
  let created = 0;
  const startedMs = performance.now();
  const deadlineMs = startedMs + durationMs;
  const loop = async (worker: number) => {
    for (let index = 0; performance.now() < deadlineMs; index++) {
      await writeAndSync(path.join(dir, `small-${worker}-${index}`), body);
      created += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, worker) => loop(worker)));
  const elapsedMs = performance.now() - startedMs;
  await fs.promises.rm(dir, { recursive: true, force: true });
  return created / (elapsedMs / 1000);
}

/** MiB/s of one hash over sizeBytes fed in 1 MiB updates, on this (one) core. */
export function hashMiBps(algorithm: "md5" | "sha256", sizeBytes: number): number {
  const body = crypto.randomBytes(Math.min(sizeBytes, chunkBytes));
  const rounds = Math.max(1, Math.floor(sizeBytes / body.length));
  const hash = crypto.createHash(algorithm);
  const startedMs = performance.now();
  for (let round = 0; round < rounds; round++) hash.update(body);
  hash.digest();
  const elapsedMs = performance.now() - startedMs;
  return (rounds * body.length) / (1024 * 1024) / (elapsedMs / 1000);
}
