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

/**
 * MiB/s copying one file of sizeBytes to a new file and fsyncing the copy (best of
 * `repetitions`): what a copy that rewrites every byte costs at least.
 */
export async function fileCopyMiBps(dir: string, sizeBytes: number, repetitions: number): Promise<number> {
  await fs.promises.mkdir(dir, { recursive: true });
  const source = path.join(dir, "copy-source");
  const chunk = crypto.randomBytes(Math.min(sizeBytes, chunkBytes * 8));
  const handle = await fs.promises.open(source, "w");
  for (let offset = 0; offset < sizeBytes; offset += chunk.length)
    await handle.write(chunk, 0, Math.min(chunk.length, sizeBytes - offset));
  await handle.sync();
  await handle.close();
  let best = 0;
  for (let round = 0; round < repetitions; round++) {
    const copy = path.join(dir, `copy-${round}`);
    const startedMs = performance.now();
    await fs.promises.copyFile(source, copy);
    const copied = await fs.promises.open(copy, "r+");
    await copied.sync();
    await copied.close();
    best = Math.max(best, sizeBytes / (1024 * 1024) / ((performance.now() - startedMs) / 1000));
  }
  await fs.promises.rm(dir, { recursive: true, force: true });
  return best;
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
