import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  PutObjectCommand,
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
});
