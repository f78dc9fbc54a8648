import crypto from "node:crypto";
import { GetObjectCommand, PutObjectCommand, type S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newBucket } from "../../server/s3/tests/helpers";
import { startTestEngine, type TestEngine } from "../../server/testing/engine-fixture";

/**
 * Many clients on one key. 16 writers race on one key for 100 rounds while readers
 * read it: every read is one whole version some writer sent, never a mix (a torn
 * read), and the key ends as one of the racing bodies. 16 concurrent
 * `If-None-Match: *` PUTs of a new key: exactly one wins, the others get 412 (or
 * 409 for a race lost mid-flight), and the key holds the winner's body.
 * Figures: torn reads (0 of N); winners per key (1).
 */

// Small blocks (the configuration allows 4 KiB and up): objects of several blocks stay cheap to race 1600 times.
const blockSizeBytes = 64 * 1024;
let testEngine: TestEngine;
const engine = { client: null as unknown as S3Client };

beforeAll(async () => {
  testEngine = await startTestEngine({ configure: (config) => ({ ...config, blockSizeBytes }) });
  const key = await testEngine.adminJson<{ accessKeyId: string; secretAccessKey: string }>("CreateKey", {
    body: { name: "one-key", allow: { createBucket: true } },
  });
  engine.client = testEngine.s3Client(key.accessKeyId, key.secretAccessKey);
});
afterAll(async () => {
  engine.client?.destroy();
  await testEngine?.cleanup();
});
const writers = 16;
const readers = 4;
const rounds = 100;
const sha256 = (data: Buffer) => crypto.createHash("sha256").update(data).digest("hex");

async function getBytes(bucket: string, key: string): Promise<Buffer | null> {
  try {
    const response = await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return Buffer.from((await response.Body?.transformToByteArray()) ?? new Uint8Array());
  } catch (error) {
    if (error instanceof S3ServiceException && error.name === "NoSuchKey") return null;
    throw error;
  }
}

describe("16 writers on one key", () => {
  it(`every read is one whole version, over ${rounds} rounds`, { timeout: 600_000 }, async () => {
    const bucket = await newBucket(engine.client, "one-key");
    const sent = new Set<string>();
    let reads = 0;
    let torn = 0;
    let finalNotARacer = 0;
    for (let round = 0; round < rounds; round += 1) {
      // Three blocks and a bit (so a mix of versions is possible), or inline, alternately.
      const sizeBytes = round % 2 === 0 ? 3 * blockSizeBytes + 1000 + round : 1000 + round;
      const bodies = Array.from({ length: writers }, () => crypto.randomBytes(sizeBytes));
      const racing = new Set(bodies.map(sha256));
      for (const hash of racing) sent.add(hash);
      let writing = true;
      const readLoop = async () => {
        while (writing) {
          const bytes = await getBytes(bucket, "contended");
          reads += 1;
          if (bytes !== null && !sent.has(sha256(bytes))) torn += 1;
        }
      };
      const readersDone = Promise.all(Array.from({ length: readers }, readLoop));
      await Promise.all(
        bodies.map((body) =>
          engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "contended", Body: body })),
        ),
      );
      writing = false;
      await readersDone;
      const final = await getBytes(bucket, "contended");
      reads += 1;
      if (final === null || !racing.has(sha256(final))) finalNotARacer += 1;
    }
    console.log(
      `concurrency: ${torn} torn reads of ${reads}; ${finalNotARacer} rounds ending on a body that did not race (of ${rounds})`,
    );
    expect(torn).toBe(0);
    expect(finalNotARacer).toBe(0);
  });
});

describe("16 concurrent If-None-Match: * PUTs", () => {
  it("exactly one wins per key, and the key holds its body", { timeout: 300_000 }, async () => {
    const bucket = await newBucket(engine.client, "create-once");
    const keys = 25;
    const winnersPerKey: number[] = [];
    const wrongLosers: string[] = [];
    for (let index = 0; index < keys; index += 1) {
      const key = `once-${index}`;
      const bodies = Array.from({ length: writers }, () =>
        crypto.randomBytes(index % 2 === 0 ? 2000 : 2 * blockSizeBytes + 7),
      );
      const outcomes = await Promise.all(
        bodies.map((body) =>
          engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, IfNoneMatch: "*" })).then(
            () => ({ won: true, status: 200 }),
            (error: unknown) => ({
              won: false,
              status: error instanceof S3ServiceException ? (error.$metadata.httpStatusCode ?? 0) : 0,
            }),
          ),
        ),
      );
      const winners = outcomes.flatMap((outcome, at) => (outcome.won ? [at] : []));
      winnersPerKey.push(winners.length);
      for (const outcome of outcomes)
        if (!outcome.won && ![412, 409].includes(outcome.status)) wrongLosers.push(`${key}: ${outcome.status}`);
      const stored = await getBytes(bucket, key);
      if (winners.length === 1 && (stored === null || !stored.equals(bodies[winners[0]])))
        wrongLosers.push(`${key}: holds a loser's body`);
    }
    console.log(
      `concurrency: If-None-Match: * winners per key: ${[...new Set(winnersPerKey)].join(", ")} (${keys} keys, ${writers} writers each)`,
    );
    expect(winnersPerKey.every((count) => count === 1)).toBe(true);
    expect(wrongLosers).toEqual([]);
  });
});
