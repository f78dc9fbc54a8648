import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { describe, expect, it } from "vitest";
import { newBucket, seededBytes, sharedS3TestEngine } from "./helpers";

/** A block corrupted on disk is never served as data: the GET fails (503 or an aborted body). */

const engine = sharedS3TestEngine();

const MiB = 1024 * 1024;

/** Blocks are files named by the SHA-256 of their bytes, under a directory named by its first byte. */
function blockFile(block: Buffer): string {
  const hashHex = crypto.createHash("sha256").update(block).digest("hex");
  return path.join(engine.dataDir, "blocks", hashHex.slice(0, 2), hashHex);
}

function flipByte(file: string, offset: number): void {
  const bytes = fs.readFileSync(file);
  bytes[offset] ^= 0xff;
  fs.writeFileSync(file, bytes);
}

/** What a plain HTTP client sees: a status, and a body that arrives whole or fails. */
async function rawGet(bucket: string, key: string, range?: string): Promise<{ status: number; body: Buffer | null }> {
  const url = await getSignedUrl(engine.client, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: 60 });
  let response: Response;
  try {
    response = await fetch(url, { headers: range ? { range } : {} });
  } catch {
    // Closed before any header: as much a refusal as a 503.
    return { status: 0, body: null };
  }
  try {
    return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
  } catch {
    return { status: response.status, body: null };
  }
}

function expectNoWrongBytes(outcome: { status: number; body: Buffer | null }, expected: Buffer): void {
  if (outcome.status >= 500 || outcome.status === 0) return;
  // A 2xx already sent its headers: the body must then be cut short, never complete with wrong bytes.
  expect(outcome.status).toBeLessThan(300);
  if (outcome.body !== null) expect(outcome.body.length).toBeLessThan(expected.length);
}

describe("corrupted blocks", () => {
  it.each([
    ["the first block", 0],
    ["a later block", 1],
  ])(
    "a flipped byte in %s fails the GET, for the SDK and for plain HTTP, and stays failed",
    async (_label, blockIndex) => {
      const bucket = await newBucket(engine.client, "corrupt");
      const data = seededBytes(2 * MiB + 10, `corrupt-${blockIndex}`);
      // No checksum header, so only the block store's own hash check stands between the disk and the client.
      await engine.client.send(
        new PutObjectCommand({ Bucket: bucket, Key: "k", Body: data, ChecksumAlgorithm: undefined }),
      );
      const block = data.subarray(blockIndex * MiB, (blockIndex + 1) * MiB);
      const file = blockFile(block);
      expect(fs.existsSync(file)).toBe(true);
      flipByte(file, 12345);

      const first = await rawGet(bucket, "k");
      expectNoWrongBytes(first, data);
      // Nothing is sent before the first block is verified: its failure is a clean 503.
      if (blockIndex === 0) expect(first.status).toBe(503);
      const viaSdk = await engine.client
        .send(new GetObjectCommand({ Bucket: bucket, Key: "k" }))
        .then((output) => output.Body?.transformToByteArray())
        .then(
          (bytes) => Buffer.from(bytes ?? new Uint8Array()),
          () => null,
        );
      expect(viaSdk === null || !viaSdk.equals(data) ? "failed" : "served").toBe("failed");
      if (viaSdk !== null) expect(viaSdk.length).toBeLessThan(data.length);
      const ranged = await rawGet(bucket, "k", `bytes=${blockIndex * MiB + 12000}-${blockIndex * MiB + 12999}`);
      expectNoWrongBytes(ranged, Buffer.alloc(1000));
      expect(ranged.status).toBe(503);
    },
  );

  it("an intact object next to a corrupted one still reads back", async () => {
    const bucket = await newBucket(engine.client, "intact");
    const good = seededBytes(MiB + 1, "intact-good");
    const bad = seededBytes(MiB + 1, "intact-bad");
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "good", Body: good }));
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "bad", Body: bad }));
    flipByte(blockFile(bad.subarray(0, MiB)), 0);
    expectNoWrongBytes(await rawGet(bucket, "bad"), bad);
    const outcome = await rawGet(bucket, "good");
    expect(outcome.status).toBe(200);
    expect(outcome.body?.equals(good)).toBe(true);
  });
});
