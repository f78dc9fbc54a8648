import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  UploadPartCommand,
  type ChecksumAlgorithm,
} from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { createChecksummer } from "../../engine/service/checksums";
import { bodyBytes, expectS3Error, newBucket, seededBytes, sharedS3TestEngine } from "./helpers";

/** Whole-object (FULL_OBJECT) CRC checksums of multipart uploads, combined from the parts' CRCs. */

const engine = sharedS3TestEngine();

async function crcOf(algorithm: "CRC32" | "CRC32C" | "CRC64NVME", data: Buffer): Promise<string> {
  const checksummer = createChecksummer(algorithm);
  checksummer.update(data);
  return (await checksummer.digest()).toString("base64");
}

const fieldOf = { CRC32: "ChecksumCRC32", CRC32C: "ChecksumCRC32C", CRC64NVME: "ChecksumCRC64NVME" } as const;

async function uploadInParts(
  bucket: string,
  key: string,
  algorithm: "CRC32" | "CRC32C" | "CRC64NVME",
  parts: Buffer[],
  wholeChecksum?: string,
) {
  const { client } = engine;
  const created = await client.send(
    new CreateMultipartUploadCommand({
      Bucket: bucket,
      Key: key,
      ChecksumAlgorithm: algorithm as ChecksumAlgorithm,
      ChecksumType: "FULL_OBJECT",
    }),
  );
  const completed = [];
  for (const [index, body] of parts.entries()) {
    const part = await client.send(
      new UploadPartCommand({
        Bucket: bucket,
        Key: key,
        UploadId: created.UploadId,
        PartNumber: index + 1,
        Body: body,
        ChecksumAlgorithm: algorithm as ChecksumAlgorithm,
      }),
    );
    completed.push({ PartNumber: index + 1, ETag: part.ETag, [fieldOf[algorithm]]: part[fieldOf[algorithm]] });
  }
  return client.send(
    new CompleteMultipartUploadCommand({
      Bucket: bucket,
      Key: key,
      UploadId: created.UploadId,
      MultipartUpload: { Parts: completed },
      ChecksumType: "FULL_OBJECT",
      ...(wholeChecksum ? { [fieldOf[algorithm]]: wholeChecksum } : {}),
    }),
  );
}

describe("FULL_OBJECT multipart checksums", () => {
  for (const algorithm of ["CRC32", "CRC32C", "CRC64NVME"] as const) {
    it(`${algorithm}: the object's checksum is the CRC of all its bytes`, async () => {
      const bucket = await newBucket(engine.client);
      const parts = [seededBytes(5 * 1024 * 1024, `${algorithm}-1`), seededBytes(1234, `${algorithm}-2`)];
      const whole = await crcOf(algorithm, Buffer.concat(parts));
      const completed = await uploadInParts(bucket, "object", algorithm, parts, whole);
      expect(completed[fieldOf[algorithm]]).toBe(whole);
      const head = await engine.client.send(
        new HeadObjectCommand({ Bucket: bucket, Key: "object", ChecksumMode: "ENABLED" }),
      );
      expect(head[fieldOf[algorithm]]).toBe(whole);
      expect(head.ChecksumType).toBe("FULL_OBJECT");
      // The SDK validates a FULL_OBJECT checksum on download: a wrong one would fail here.
      const got = await engine.client.send(
        new GetObjectCommand({ Bucket: bucket, Key: "object", ChecksumMode: "ENABLED" }),
      );
      expect((await bodyBytes(got.Body)).equals(Buffer.concat(parts))).toBe(true);
    });
  }

  it("refuses a completion whose whole-object checksum does not match, and keeps nothing", async () => {
    const bucket = await newBucket(engine.client);
    const parts = [seededBytes(5 * 1024 * 1024, "bad-1"), seededBytes(10, "bad-2")];
    const wrong = await crcOf("CRC32", Buffer.from("something else"));
    await expectS3Error(uploadInParts(bucket, "object", "CRC32", parts, wrong), "BadDigest", 400);
    await expectS3Error(engine.client.send(new HeadObjectCommand({ Bucket: bucket, Key: "object" })), "NotFound", 404);
  });
});
