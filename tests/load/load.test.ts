import crypto from "node:crypto";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AccessKey, ChildEngine } from "../../server/testing/child-engine";
import { seededStream } from "../crash/seeded-bytes";
import { loadSeconds, streamBytes } from "../profile";
import { rssBytes, sampleRss, slowSocketPool } from "./probes";
import { streamGet, streamPut } from "./streams";

/**
 * Load and memory, against the engine in its own process (its RSS read from /proc):
 * 64 clients of mixed operations for the profile's duration (60 s in npm test) with
 * 1,000 idle or dripping sockets held open beside them, which the header timeout
 * must close without the load seeing one error; then a large PUT and GET (1 GiB in
 * npm test, 5 GiB in the soak) and a slow reader of it, during which the engine's
 * RSS grows by less than 256 MiB. Figures: errors (0), RSS growth, slow sockets
 * closed by the timeout.
 */

const clients = 64;
const slowSockets = 1000;
const headersTimeoutMs = 10_000;
const rssBudgetBytes = 256 * 1024 * 1024;
const mib = 1024 * 1024;
const bucket = "load";
const seconds = loadSeconds();
const largeBytes = streamBytes();

let engine: ChildEngine;
let key: AccessKey;

beforeAll(async () => {
  engine = await ChildEngine.start({ env: { CARPORT_HTTP_HEADERS_TIMEOUT_MS: String(headersTimeoutMs) } });
  key = await engine.createKey("load", false);
  await engine.createBucketFor(key, bucket);
});
afterAll(async () => {
  await engine?.cleanup();
});

const sha256 = (data: Buffer) => crypto.createHash("sha256").update(data).digest("hex");
const sizes = [0, 1, 1024, 16 * 1024, 100 * 1024, mib + 1, 2 * mib];

interface LoadTally {
  operations: number;
  errors: string[];
  latenciesMs: number[];
}

/** One client: its own keys, mixed operations, every answer checked against what it wrote. */
async function client(index: number, until: number, tally: LoadTally): Promise<void> {
  const s3 = new S3Client({
    endpoint: engine.s3Url,
    region: engine.region,
    forcePathStyle: true,
    credentials: key,
    maxAttempts: 1,
    requestHandler: { requestTimeout: 60_000 },
  });
  const mine = new Map<string, string>();
  const prefix = `c${index}/`;
  let counter = 0;
  try {
    while (performance.now() < until) {
      const roll = Math.random();
      const existing = [...mine.keys()];
      const pick = existing[Math.floor(Math.random() * existing.length)];
      const startedMs = performance.now();
      try {
        if (roll < 0.35 || existing.length === 0) {
          const name = `${prefix}${(counter += 1) % 8}`;
          const body = crypto.randomBytes(sizes[Math.floor(Math.random() * sizes.length)]);
          await s3.send(new PutObjectCommand({ Bucket: bucket, Key: name, Body: body }));
          mine.set(name, sha256(body));
        } else if (roll < 0.7) {
          const response = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: pick }));
          const bytes = Buffer.from((await response.Body?.transformToByteArray()) ?? new Uint8Array());
          if (sha256(bytes) !== mine.get(pick)) tally.errors.push(`GET ${pick}: wrong bytes`);
        } else if (roll < 0.8) {
          await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: pick }));
        } else if (roll < 0.9) {
          const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
          const names = (listed.Contents ?? []).map((entry) => entry.Key).sort();
          if (JSON.stringify(names) !== JSON.stringify([...mine.keys()].sort()))
            tally.errors.push(`LIST ${prefix}: wrong keys`);
        } else {
          await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: pick }));
          mine.delete(pick);
        }
        tally.operations += 1;
        tally.latenciesMs.push(performance.now() - startedMs);
      } catch (error) {
        tally.errors.push(`${String(error)}`.slice(0, 200));
      }
    }
  } finally {
    s3.destroy();
  }
}

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;
}

describe("load and memory", () => {
  it(
    `${clients} clients for ${seconds} s beside ${slowSockets} slow sockets: no error, every slow socket timed out`,
    { timeout: 120_000 + seconds * 3000 },
    async () => {
      const pid = engine.pid as number;
      const rssBefore = rssBytes(pid);
      const rss = sampleRss(pid);
      const slow = slowSocketPool(engine.s3Url, slowSockets);
      const slowOpenedMs = performance.now();
      const tally: LoadTally = { operations: 0, errors: [], latenciesMs: [] };
      const until = performance.now() + seconds * 1000;
      await Promise.all(Array.from({ length: clients }, (_, index) => client(index, until, tally)));
      // A short run (10 s, as the quick profile) still lasts until the first slow sockets were due to time out.
      const dueMs = slowOpenedMs + headersTimeoutMs + 3000 - performance.now();
      if (dueMs > 0) await new Promise((resolve) => setTimeout(resolve, dueMs));
      const stats = slow.stop();
      const rssPeak = rss.stop();
      const lifetimes = stats.closed.map((entry) => entry.livedMs);
      console.log(
        `load: ${tally.operations} operations by ${clients} clients in ${seconds} s (${Math.round(tally.operations / seconds)}/s, p50 ${percentile(tally.latenciesMs, 0.5).toFixed(0)} ms, p99 ${percentile(tally.latenciesMs, 0.99).toFixed(0)} ms), ${tally.errors.length} errors; ` +
          `slow sockets: ${stats.opened} opened, ${stats.closed.length} closed by the server after ${Math.round(Math.min(...lifetimes))}-${Math.round(Math.max(...lifetimes))} ms (${stats.closed.filter((entry) => entry.answered408).length} with 408), header timeout ${headersTimeoutMs} ms; engine RSS ${Math.round(rssBefore / mib)} -> peak ${Math.round(rssPeak / mib)} MiB`,
      );
      for (const error of tally.errors.slice(0, 10)) console.log(`  ${error}`);
      expect(tally.operations).toBeGreaterThan(0);
      expect(tally.errors).toEqual([]);
      // Every slow socket the server closed had lived its timeout, and none outlived it by more than a check period and scheduling.
      expect(stats.closed.length).toBeGreaterThanOrEqual(seconds * 1000 >= headersTimeoutMs * 2 ? slowSockets : 1);
      for (const entry of stats.closed) expect(entry.livedMs).toBeGreaterThanOrEqual(headersTimeoutMs - 100);
      expect(Math.max(...lifetimes, ...stats.openAgesMs)).toBeLessThan(headersTimeoutMs + 15_000);
    },
  );

  it(
    `a ${Math.round(largeBytes / mib)} MiB PUT and GET, and a slow reader of it: the engine's RSS grows by less than 256 MiB`,
    { timeout: 600_000 + (largeBytes / mib) * 200 },
    async () => {
      const pid = engine.pid as number;
      const credentials = {
        endpoint: engine.s3Url,
        region: engine.region,
        accessKeyId: key.accessKeyId,
        secretAccessKey: key.secretAccessKey,
      };
      const label = `large-${largeBytes}`;
      const expected = await new Promise<string>((resolve) => {
        const hash = crypto.createHash("sha256");
        seededStream(label, largeBytes)
          .on("data", (chunk: Buffer) => hash.update(chunk))
          .on("end", () => resolve(hash.digest("hex")));
      });
      const rssBefore = rssBytes(pid);
      const rss = sampleRss(pid);
      const put = await streamPut(credentials, `/${bucket}/large`, seededStream(label, largeBytes), largeBytes);
      expect(put.status, put.text).toBe(200);
      const got = await streamGet(credentials, `/${bucket}/large`);
      const slowRead = await streamGet(credentials, `/${bucket}/large`, {
        slowBytes: 64 * mib,
        pieceBytes: 64 * 1024,
        everyMs: 10,
      });
      const rssPeak = rss.stop();
      const growth = rssPeak - rssBefore;
      console.log(
        `memory: ${Math.round(largeBytes / mib)} MiB PUT, GET and slow GET; engine RSS ${Math.round(rssBefore / mib)} MiB before, peak ${Math.round(rssPeak / mib)} MiB: growth ${Math.round(growth / mib)} MiB (budget 256)`,
      );
      expect(got).toEqual({ status: 200, sizeBytes: largeBytes, sha256: expected });
      expect(slowRead).toEqual({ status: 200, sizeBytes: largeBytes, sha256: expected });
      expect(growth).toBeLessThan(rssBudgetBytes);
    },
  );
});
