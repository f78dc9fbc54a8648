import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { z } from "zod";
import { type AccessKey, ChildEngine } from "../../server/testing/child-engine";
import { limits } from "../../server/util/limits";
import { blockBytesFor } from "../../server/engine/service/ingest";

/**
 * An engine in its own process over several volume directories (one per zone),
 * and what the disk-failure tests need around it: seeded objects whose blocks the
 * test can compute, a scan of every copy on disk, and polling of admin figures.
 */

export const mib = 1024 * 1024;

export interface VolumeClusterOptions {
  zones: string[];
  replicationFactor: number;
  consistencyMode?: "consistent" | "degraded" | "dangerous";
  blockSizeBytes?: number;
}

export interface VolumeCluster {
  engine: ChildEngine;
  volumeDirs: string[];
  key: AccessKey;
  client: S3Client;
  bucket: string;
  blockSizeBytes: number;
}

export async function startVolumeCluster(options: VolumeClusterOptions): Promise<VolumeCluster> {
  const blockSizeBytes = options.blockSizeBytes ?? mib;
  const engine = await ChildEngine.start({
    configToml: (rootDir) =>
      [
        `replication_factor = ${options.replicationFactor}`,
        `consistency_mode = "${options.consistencyMode ?? "consistent"}"`,
        `block_size = ${blockSizeBytes}`,
        ...options.zones.flatMap((zone, index) => [
          "[[data_dir]]",
          `path = "${path.join(rootDir, `volume-${index}`)}"`,
          `zone = "${zone}"`,
          `capacity = "10G"`,
        ]),
      ].join("\n"),
  });
  const volumeDirs = options.zones.map((_, index) => path.join(engine.rootDir, `volume-${index}`));
  const key = await engine.createKey("volumes");
  const bucket = "volumes";
  await engine.createBucketFor(key, bucket);
  return { engine, volumeDirs, key, client: clientFor(engine, key), bucket, blockSizeBytes };
}

/** One attempt per request: a retried PUT would hide which request was refused. */
export function clientFor(engine: ChildEngine, key: AccessKey): S3Client {
  return new S3Client({
    endpoint: engine.s3Url,
    region: engine.region,
    forcePathStyle: true,
    credentials: key,
    maxAttempts: 1,
    requestHandler: { requestTimeout: 120_000, connectionTimeout: 10_000 },
  });
}

/** Deterministic bytes for a label (AES-CTR keystream): regenerated, never stored. */
export function bodyOf(label: string, sizeBytes: number): Buffer {
  const key = crypto.createHash("sha256").update(`carport-volumes:${label}`).digest();
  return crypto.createCipheriv("aes-256-ctr", key, Buffer.alloc(16)).update(Buffer.alloc(sizeBytes));
}

export function sha256Hex(data: Buffer): string {
  return crypto.createHash("sha256").update(data).digest("hex");
}

/** The block hashes the engine stores for a single-PUT body (none when it is small enough to be inline). */
/** The hashes of the blocks the engine cuts a body of declared length into (larger blocks for large bodies). */
export function blockHashesOf(body: Buffer, configuredBlockBytes: number): string[] {
  if (body.length <= limits.inlineThresholdBytes) return [];
  const blockSizeBytes = blockBytesFor(body.length, configuredBlockBytes);
  const hashes: string[] = [];
  for (let offset = 0; offset < body.length; offset += blockSizeBytes)
    hashes.push(sha256Hex(body.subarray(offset, offset + blockSizeBytes)));
  return hashes;
}

export interface StoredObject {
  key: string;
  sizeBytes: number;
  sha256: string;
  blocks: string[];
}

export async function putObject(cluster: VolumeCluster, key: string, body: Buffer): Promise<StoredObject> {
  await cluster.client.send(new PutObjectCommand({ Bucket: cluster.bucket, Key: key, Body: body }));
  return { key, sizeBytes: body.length, sha256: sha256Hex(body), blocks: blockHashesOf(body, cluster.blockSizeBytes) };
}

export async function readObject(cluster: VolumeCluster, key: string): Promise<Buffer> {
  const response = await cluster.client.send(new GetObjectCommand({ Bucket: cluster.bucket, Key: key }));
  return Buffer.from((await response.Body?.transformToByteArray()) ?? new Uint8Array());
}

/** Runs `task` over `items` with at most `concurrency` at once, in order of start. */
export async function inParallel<T, R>(items: T[], concurrency: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

/** Every block file under a volume directory (the `??` sub-directories only), by hash. */
export function blockFilesOf(volumeDir: string): Map<string, string> {
  const files = new Map<string, string>();
  if (!fs.existsSync(volumeDir)) return files;
  for (const directory of fs.readdirSync(volumeDir).filter((name) => /^[0-9a-f]{2}$/.test(name))) {
    for (const name of fs.readdirSync(path.join(volumeDir, directory)))
      if (/^[0-9a-f]{64}$/.test(name)) files.set(name, path.join(volumeDir, directory, name));
  }
  return files;
}

/** For each wanted block, how many volumes hold a copy whose bytes match its hash. */
export function goodCopies(volumeDirs: string[], wanted: Iterable<string>): Map<string, number> {
  const perVolume = volumeDirs.map((dir) => blockFilesOf(dir));
  const counts = new Map<string, number>();
  for (const hash of wanted) {
    let good = 0;
    for (const files of perVolume) {
      const file = files.get(hash);
      if (file && sha256Hex(fs.readFileSync(file)) === hash) good += 1;
    }
    counts.set(hash, good);
  }
  return counts;
}

/** Polls `probe` until it returns a value (not undefined); the test's own timeout bounds the wait. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, pauseMs = 250): Promise<T> {
  let last: unknown = null;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
    if (process.env.CARPORT_TEST_DEBUG) console.log(`waiting for ${what}`, last);
  }
}

const healthSchema = z.object({
  status: z.enum(["healthy", "degraded", "unavailable"]),
  partitionsQuorum: z.number(),
  partitionsAllOk: z.number(),
  storageNodesUp: z.number(),
});

export async function clusterHealth(engine: ChildEngine): Promise<z.infer<typeof healthSchema>> {
  return healthSchema.parse(await engine.admin("GetClusterHealth"));
}

const statusSchema = z.object({
  nodes: z.array(
    z.object({
      id: z.string(),
      addr: z.string().nullable(),
      isUp: z.boolean(),
      lastSeenSecsAgo: z.number().nullable(),
    }),
  ),
});

export async function clusterNodes(engine: ChildEngine): Promise<z.infer<typeof statusSchema>["nodes"]> {
  return statusSchema.parse(await engine.admin("GetClusterStatus")).nodes;
}

/** The /metrics text (the admin token may read it). */
export async function metricsText(engine: ChildEngine): Promise<string> {
  const response = await fetch(new URL("/metrics", engine.adminUrl), {
    headers: { authorization: `Bearer ${engine.adminToken}` },
  });
  if (!response.ok) throw new Error(`/metrics: HTTP ${response.status}`);
  return response.text();
}

/** The value of one sample of a metric (labels as a substring of the sample's label set), or null. */
export function metricValue(text: string, name: string, labelPart = ""): number | null {
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (!line.includes(labelPart)) continue;
    return Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return null;
}
