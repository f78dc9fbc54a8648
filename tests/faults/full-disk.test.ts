import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { afterEach, describe, expect, it } from "vitest";
import { startTestEngine, type TestEngine } from "../../server/testing/engine-fixture";
import { type LoopDisk, mountLoopDisk } from "./loop-disk";

/**
 * A full disk, as a volume and as the metadata directory (a small ext4 image,
 * loop-mounted): writes that do not fit get a clear 507 InsufficientStorage, no
 * partial object appears, everything acknowledged still reads back byte-exact,
 * and normal service returns once space is freed. Figure: wrong successes (0).
 */

const mib = 1024 * 1024;
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(place: "volume" | "metadata"): Promise<{ engine: TestEngine; disk: LoopDisk; client: S3Client }> {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "carport-full-"));
  cleanups.push(() => fs.rmSync(parent, { recursive: true, force: true }));
  const disk = mountLoopDisk(parent, place, 48 * mib);
  cleanups.push(() => disk.unmount());
  const onDisk = path.join(disk.mountPoint, "carport");
  const engine = await startTestEngine({
    configure: (config) =>
      place === "volume"
        ? { ...config, volumes: [{ ...config.volumes[0], path: onDisk }] }
        : { ...config, metadataDir: onDisk },
  });
  cleanups.push(() => engine.cleanup());
  const key = await engine.adminJson<{ accessKeyId: string; secretAccessKey: string }>("CreateKey", {
    body: { name: "full", allow: { createBucket: true } },
  });
  const client = engine.s3Client(key.accessKeyId, key.secretAccessKey);
  cleanups.push(() => client.destroy());
  await client.send(new CreateBucketCommand({ Bucket: "full" }));
  return { engine, disk, client };
}

interface Fill {
  acknowledged: Map<string, string>;
  refusals: Array<{ status: number | undefined; code: string }>;
  wrongSuccesses: number;
}

/** PUTs objects of `sizeBytes` until `refusalsWanted` are refused; every 2xx is remembered by its SHA-256. */
async function fill(client: S3Client, sizeBytes: number, refusalsWanted: number, maxObjects: number): Promise<Fill> {
  const result: Fill = { acknowledged: new Map(), refusals: [], wrongSuccesses: 0 };
  for (let index = 0; index < maxObjects && result.refusals.length < refusalsWanted; index += 1) {
    const key = `object-${index}`;
    const body = crypto.randomBytes(sizeBytes);
    try {
      await client.send(new PutObjectCommand({ Bucket: "full", Key: key, Body: body }));
      result.acknowledged.set(key, crypto.createHash("sha256").update(body).digest("hex"));
    } catch (error) {
      if (!(error instanceof S3ServiceException)) throw error;
      result.refusals.push({ status: error.$metadata.httpStatusCode, code: error.name });
      // No partial object: the refused key is absent.
      const there = await client.send(new HeadObjectCommand({ Bucket: "full", Key: key })).then(
        () => true,
        () => false,
      );
      if (there) result.wrongSuccesses += 1;
    }
  }
  return result;
}

/** Every acknowledged object reads back byte-exact, and the listing is exactly them. */
async function checkAcknowledged(client: S3Client, acknowledged: Map<string, string>): Promise<number> {
  let wrong = 0;
  for (const [key, sha256] of acknowledged) {
    const read = await client.send(new GetObjectCommand({ Bucket: "full", Key: key }));
    const bytes = Buffer.from((await read.Body?.transformToByteArray()) ?? new Uint8Array());
    if (crypto.createHash("sha256").update(bytes).digest("hex") !== sha256) wrong += 1;
  }
  const listed = await client.send(new ListObjectsV2Command({ Bucket: "full" }));
  const keys = (listed.Contents ?? []).map((entry) => entry.Key).sort();
  expect(keys).toEqual([...acknowledged.keys()].sort());
  return wrong;
}

function expectClearRefusals(refusals: Fill["refusals"]): void {
  expect(refusals.length).toBeGreaterThan(0);
  for (const refusal of refusals) {
    expect([507, 503], JSON.stringify(refusal)).toContain(refusal.status);
    expect(["InsufficientStorage", "ServiceUnavailable", "SlowDown"]).toContain(refusal.code);
  }
}

describe("a full disk", () => {
  it(
    "as the volume: refused with 507, nothing partial, everything acknowledged readable, and back once freed",
    { timeout: 180_000 },
    async () => {
      const { engine, disk, client } = await setUp("volume");
      const filled = await fill(client, 3 * mib + 17, 3, 40);
      const wrongBytes = await checkAcknowledged(client, filled.acknowledged);
      console.log(
        `disk full (volume): ${filled.acknowledged.size} objects stored, ${filled.refusals.length} refused (${[...new Set(filled.refusals.map((r) => `${r.status} ${r.code}`))].join(", ")}), ${filled.wrongSuccesses + wrongBytes} wrong successes, ${Math.round(disk.availableBytes() / 1024)} KiB left`,
      );
      expectClearRefusals(filled.refusals);
      expect(filled.wrongSuccesses + wrongBytes).toBe(0);
      // The refused writes left no partial file behind to hold space.
      expect(fs.readdirSync(path.join(disk.mountPoint, "carport", "tmp"))).toEqual([]);
      // Free space: delete half, collect at once, and writes are accepted again.
      await engine.adminJson("SetWorkerVariable", {
        body: { variable: "block-gc-delay-secs", value: "0" },
        query: { node: "self" },
      });
      const keys = [...filled.acknowledged.keys()];
      for (const key of keys.slice(0, Math.ceil(keys.length / 2))) {
        await client.send(new DeleteObjectCommand({ Bucket: "full", Key: key }));
        filled.acknowledged.delete(key);
      }
      const before = disk.availableBytes();
      for (let wait = 0; wait < 100 && disk.availableBytes() < 8 * mib; wait += 1)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(disk.availableBytes()).toBeGreaterThan(before);
      const body = crypto.randomBytes(3 * mib);
      await client.send(new PutObjectCommand({ Bucket: "full", Key: "after", Body: body }));
      filled.acknowledged.set("after", crypto.createHash("sha256").update(body).digest("hex"));
      expect(await checkAcknowledged(client, filled.acknowledged)).toBe(0);
    },
  );

  it(
    "as the metadata directory: refused with 507, nothing partial, everything acknowledged readable, and back once freed",
    { timeout: 180_000 },
    async () => {
      const { disk, client } = await setUp("metadata");
      // Ballast leaves a little room, so the database fills within a few hundred small writes.
      const ballast = path.join(disk.mountPoint, "ballast");
      const room = 2 * mib;
      fs.writeFileSync(ballast, Buffer.alloc(Math.max(0, disk.availableBytes() - room)));
      const filled = await fill(client, 12 * 1024, 3, 2000);
      const wrongBytes = await checkAcknowledged(client, filled.acknowledged);
      console.log(
        `disk full (metadata): ${filled.acknowledged.size} objects stored, ${filled.refusals.length} refused (${[...new Set(filled.refusals.map((r) => `${r.status} ${r.code}`))].join(", ")}), ${filled.wrongSuccesses + wrongBytes} wrong successes`,
      );
      expectClearRefusals(filled.refusals);
      expect(filled.wrongSuccesses + wrongBytes).toBe(0);
      fs.rmSync(ballast);
      const body = crypto.randomBytes(12 * 1024);
      await client.send(new PutObjectCommand({ Bucket: "full", Key: "after", Body: body }));
      filled.acknowledged.set("after", crypto.createHash("sha256").update(body).digest("hex"));
      expect(await checkAcknowledged(client, filled.acknowledged)).toBe(0);
    },
  );
});
