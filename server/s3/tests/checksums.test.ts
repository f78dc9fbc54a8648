import crypto from "node:crypto";
import zlib from "node:zlib";
import { Readable } from "node:stream";
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type ChecksumAlgorithm } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { bodyBytes, expectS3Error, newBucket, seededBytes, sharedS3TestEngine } from "./helpers";

/** x-amz-checksum-*: validated, stored and returned (x-amz-checksum-mode); a wrong value stores nothing. */

const engine = sharedS3TestEngine();

const algorithms = ["CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256"] as const;
type Algorithm = (typeof algorithms)[number];

function checksumOf(output: Partial<Record<`Checksum${Algorithm}`, string>>, algorithm: Algorithm): string | undefined {
  return output[`Checksum${algorithm}`];
}

/** Values computed here, apart from the server: CRC32 by zlib, SHA by node:crypto. */
function independentChecksum(algorithm: Algorithm, data: Buffer): string | null {
  if (algorithm === "CRC32") {
    const bytes = Buffer.alloc(4);
    bytes.writeUInt32BE(zlib.crc32(data));
    return bytes.toString("base64");
  }
  if (algorithm === "SHA1" || algorithm === "SHA256")
    return crypto
      .createHash(algorithm === "SHA1" ? "sha1" : "sha256")
      .update(data)
      .digest("base64");
  return null;
}

describe("checksum algorithms", () => {
  it.each(algorithms)("%s: validated, stored, returned with ChecksumMode ENABLED", async (algorithm) => {
    const bucket = await newBucket(engine.client, "ck");
    const data = seededBytes(70_000, `ck-${algorithm}`);
    const put = await engine.client.send(
      new PutObjectCommand({ Bucket: bucket, Key: "k", Body: data, ChecksumAlgorithm: algorithm as ChecksumAlgorithm }),
    );
    const stored = checksumOf(put, algorithm);
    expect(stored).toBeDefined();
    const independent = independentChecksum(algorithm, data);
    if (independent !== null) expect(stored).toBe(independent);
    const got = await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "k", ChecksumMode: "ENABLED" }));
    expect(checksumOf(got, algorithm)).toBe(stored);
    expect(got.ChecksumType).toBe("FULL_OBJECT");
    expect((await bodyBytes(got.Body)).equals(data)).toBe(true);
    const head = await engine.client.send(new HeadObjectCommand({ Bucket: bucket, Key: "k", ChecksumMode: "ENABLED" }));
    expect(checksumOf(head, algorithm)).toBe(stored);
  });

  it.each(algorithms)("%s: streamed (aws-chunked trailer) and stored", async (algorithm) => {
    const bucket = await newBucket(engine.client, "cks");
    const data = seededBytes(100_000, `cks-${algorithm}`);
    const put = await engine.client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: "k",
        Body: Readable.from([data.subarray(0, 5000), data.subarray(5000)]),
        ContentLength: data.length,
        ChecksumAlgorithm: algorithm as ChecksumAlgorithm,
      }),
    );
    const independent = independentChecksum(algorithm, data);
    if (independent !== null) expect(checksumOf(put, algorithm)).toBe(independent);
    const head = await engine.client.send(new HeadObjectCommand({ Bucket: bucket, Key: "k", ChecksumMode: "ENABLED" }));
    expect(checksumOf(head, algorithm)).toBe(checksumOf(put, algorithm));
  });

  it.each(algorithms)("%s: a wrong value is BadDigest and nothing is stored", async (algorithm) => {
    const bucket = await newBucket(engine.client, "ckbad");
    const data = seededBytes(10_000, `bad-${algorithm}`);
    // A well-formed value of the right length, for other bytes.
    const other = await engine.client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: "other",
        Body: Buffer.from("other bytes"),
        ChecksumAlgorithm: algorithm as ChecksumAlgorithm,
      }),
    );
    const wrong = checksumOf(other, algorithm);
    expect(wrong).toBeDefined();
    await expectS3Error(
      engine.client.send(
        new PutObjectCommand({ Bucket: bucket, Key: "k", Body: data, [`Checksum${algorithm}`]: wrong }),
      ),
      "BadDigest",
      400,
    );
    await expectS3Error(engine.client.send(new HeadObjectCommand({ Bucket: bucket, Key: "k" })), "NotFound", 404);
  });

  it("a range GET with ChecksumMode ENABLED gets its bytes and no full-object checksum", async () => {
    const bucket = await newBucket(engine.client, "ckrange");
    const data = seededBytes(20_000, "ckrange");
    await engine.client.send(
      new PutObjectCommand({ Bucket: bucket, Key: "k", Body: data, ChecksumAlgorithm: "CRC32" }),
    );
    const got = await engine.client.send(
      new GetObjectCommand({ Bucket: bucket, Key: "k", Range: "bytes=10-19", ChecksumMode: "ENABLED" }),
    );
    expect(got.ChecksumCRC32).toBeUndefined();
    expect((await bodyBytes(got.Body)).equals(data.subarray(10, 20))).toBe(true);
  });

  it("a malformed checksum value is refused before the body is stored", async () => {
    const bucket = await newBucket(engine.client, "ckmal");
    await expectS3Error(
      engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "x", ChecksumCRC32: "not a crc" })),
      "InvalidRequest",
      400,
    );
    await expectS3Error(engine.client.send(new HeadObjectCommand({ Bucket: bucket, Key: "k" })), "NotFound", 404);
  });

  it("without ChecksumMode the checksum is not returned", async () => {
    const bucket = await newBucket(engine.client, "cknomode");
    await engine.client.send(
      new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "x", ChecksumAlgorithm: "SHA256" }),
    );
    const head = await engine.client.send(new HeadObjectCommand({ Bucket: bucket, Key: "k" }));
    expect(head.ChecksumSHA256).toBeUndefined();
  });
});
