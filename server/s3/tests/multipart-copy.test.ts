import fs from "node:fs";
import path from "node:path";
import {
  CompleteMultipartUploadCommand,
  DeleteObjectCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  PutObjectCommand,
  UploadPartCommand,
  UploadPartCopyCommand,
} from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { bodyBytes, expectS3Error, md5Hex, newBucket, seededBytes, sharedS3TestEngine } from "./helpers";

/** Multipart uploads: UploadPartCopy (ranges of a source object as parts). */

const engine = sharedS3TestEngine();

const MiB = 1024 * 1024;

describe("UploadPartCopy", () => {
  it("copies a byte range of an object into a part", async () => {
    const bucket = await newBucket(engine.client, "mpcopy");
    const source = seededBytes(6 * MiB, "copysrc");
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "src", Body: source }));
    const { UploadId } = await engine.client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: "dst" }));
    const first = await engine.client.send(
      new UploadPartCopyCommand({
        Bucket: bucket,
        Key: "dst",
        UploadId,
        PartNumber: 1,
        CopySource: `${bucket}/src`,
        CopySourceRange: `bytes=0-${5 * MiB - 1}`,
      }),
    );
    expect(first.CopyPartResult?.ETag).toBe(`"${md5Hex(source.subarray(0, 5 * MiB))}"`);
    const second = await engine.client.send(
      new UploadPartCopyCommand({
        Bucket: bucket,
        Key: "dst",
        UploadId,
        PartNumber: 2,
        CopySource: `${bucket}/src`,
        CopySourceRange: "bytes=100-199",
      }),
    );
    await engine.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: "dst",
        UploadId,
        MultipartUpload: {
          Parts: [
            { PartNumber: 1, ETag: first.CopyPartResult?.ETag },
            { PartNumber: 2, ETag: second.CopyPartResult?.ETag },
          ],
        },
      }),
    );
    const got = await bodyBytes((await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "dst" }))).Body);
    expect(got.equals(Buffer.concat([source.subarray(0, 5 * MiB), source.subarray(100, 200)]))).toBe(true);
  });

  it("a whole-object copy, a range beyond the source (InvalidRange) and a failed source condition (412)", async () => {
    const bucket = await newBucket(engine.client, "mpcopy2");
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "src", Body: "0123456789" }));
    const { UploadId } = await engine.client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: "dst" }));
    const whole = await engine.client.send(
      new UploadPartCopyCommand({ Bucket: bucket, Key: "dst", UploadId, PartNumber: 1, CopySource: `${bucket}/src` }),
    );
    expect(whole.CopyPartResult?.ETag).toBe(`"${md5Hex(Buffer.from("0123456789"))}"`);
    await expectS3Error(
      engine.client.send(
        new UploadPartCopyCommand({
          Bucket: bucket,
          Key: "dst",
          UploadId,
          PartNumber: 2,
          CopySource: `${bucket}/src`,
          CopySourceRange: "bytes=5-10",
        }),
      ),
      "InvalidRange",
      416,
    );
    await expectS3Error(
      engine.client.send(
        new UploadPartCopyCommand({
          Bucket: bucket,
          Key: "dst",
          UploadId,
          PartNumber: 2,
          CopySource: `${bucket}/src`,
          CopySourceIfMatch: '"nope"',
        }),
      ),
      "PreconditionFailed",
      412,
    );
  });

  it("shares the source's whole blocks: a copied part writes no block, an unaligned range only its edges", async () => {
    const bucket = await newBucket(engine.client, "mpshare");
    const sourceParts = [seededBytes(9 * MiB, "share1"), seededBytes(3 * MiB, "share2")];
    const sourceEtags = await uploadParts(bucket, "src", sourceParts);
    const source = Buffer.concat(sourceParts);
    const { UploadId } = await engine.client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: "dst" }));
    const copyPart = async (PartNumber: number, range: [number, number]) =>
      (
        await engine.client.send(
          new UploadPartCopyCommand({
            Bucket: bucket,
            Key: "dst",
            UploadId,
            PartNumber,
            CopySource: `${bucket}/src`,
            CopySourceRange: `bytes=${range[0]}-${range[1]}`,
          }),
        )
      ).CopyPartResult?.ETag;
    const blocksBefore = blockFileCount();
    // Exactly the source's first part: its blocks and its MD5 are reused, nothing is written.
    const first = await copyPart(1, [0, 9 * MiB - 1]);
    expect(first).toBe(sourceEtags[0]);
    expect(blockFileCount()).toBe(blocksBefore);
    // Across both source parts, cutting a block at each end: only the edges are written, the 3 MiB - 5 bytes
    // before the first whole block (three 1 MiB blocks) and the 8 bytes after the last; 4 blocks are shared.
    const range: [number, number] = [MiB + 5, 11 * MiB + 7];
    const second = await copyPart(2, range);
    const secondBytes = source.subarray(range[0], range[1] + 1);
    expect(second).toBe(`"${md5Hex(secondBytes)}"`);
    expect(blockFileCount()).toBe(blocksBefore + 4);
    await engine.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: "dst",
        UploadId,
        MultipartUpload: {
          Parts: [
            { PartNumber: 1, ETag: first },
            { PartNumber: 2, ETag: second },
          ],
        },
      }),
    );
    // The copy keeps its shared blocks once the source is gone.
    await engine.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: "src" }));
    const got = await bodyBytes((await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "dst" }))).Body);
    expect(got.equals(Buffer.concat([sourceParts[0], secondBytes]))).toBe(true);
  });
});

/** Uploads `parts` as a multipart object; answers the parts' ETags. */
async function uploadParts(bucket: string, key: string, parts: Buffer[]): Promise<string[]> {
  const { UploadId } = await engine.client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
  const etags: string[] = [];
  for (const [index, Body] of parts.entries()) {
    const sent = await engine.client.send(
      new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: index + 1, Body }),
    );
    etags.push(sent.ETag ?? "");
  }
  await engine.client.send(
    new CompleteMultipartUploadCommand({
      Bucket: bucket,
      Key: key,
      UploadId,
      MultipartUpload: { Parts: etags.map((ETag, index) => ({ PartNumber: index + 1, ETag })) },
    }),
  );
  return etags;
}

/** Block files in the engine's volume. */
function blockFileCount(): number {
  const root = path.join(engine.dataDir, "blocks");
  return fs
    .readdirSync(root)
    .filter((name) => /^[0-9a-f]{2}$/.test(name))
    .reduce((count, directory) => count + fs.readdirSync(path.join(root, directory)).length, 0);
}
