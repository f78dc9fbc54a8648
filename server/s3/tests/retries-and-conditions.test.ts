import http from "node:http";
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { bodyBytes, expectS3Error, md5Hex, newBucket, seededBytes, sharedS3TestEngine, signRaw } from "./helpers";

/** What clients retry and race: repeated completions, parts uploaded twice, conditional writes, checksums. */

const engine = sharedS3TestEngine();
const partBytes = 5 * 1024 * 1024;

async function startUpload(bucket: string, key: string): Promise<string> {
  return (await engine.client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }))).UploadId ?? "";
}

async function uploadPart(bucket: string, key: string, uploadId: string, partNumber: number, body: Buffer) {
  const part = await engine.client.send(
    new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumber: partNumber, Body: body }),
  );
  return { PartNumber: partNumber, ETag: part.ETag };
}

function complete(bucket: string, key: string, uploadId: string, parts: Array<{ PartNumber: number; ETag?: string }>) {
  return engine.client.send(
    new CompleteMultipartUploadCommand({
      Bucket: bucket,
      Key: key,
      UploadId: uploadId,
      MultipartUpload: { Parts: parts },
    }),
  );
}

/** Starts an UploadPart whose body is held back until `release()`; resolves with the part's ETag. */
async function slowPart(bucket: string, key: string, uploadId: string, body: Buffer) {
  const signed = await signRaw(
    {
      endpoint: engine.running.s3Url,
      region: engine.running.config.s3.region,
      accessKeyId: engine.accessKeyId,
      secretAccessKey: engine.secretAccessKey,
    },
    {
      method: "PUT",
      path: `/${bucket}/${key}`,
      query: { partNumber: "1", uploadId },
      headers: { "content-length": String(body.length) },
      payloadHash: "UNSIGNED-PAYLOAD",
    },
  );
  const request = http.request(signed.url, { method: "PUT", headers: signed.headers });
  const answered = new Promise<string>((resolve, reject) => {
    request.on("response", (response) => {
      response.resume();
      if (response.statusCode !== 200) reject(new Error(`slow part: HTTP ${response.statusCode}`));
      else resolve(String(response.headers.etag));
    });
    request.on("error", reject);
  });
  request.write(body.subarray(0, 1024));
  return { answered, release: () => request.end(body.subarray(1024)) };
}

describe("retried and raced multipart uploads", () => {
  it("a repeated completion with the same parts answers the same object again", async () => {
    const bucket = await newBucket(engine.client, "again");
    await engine.client.send(
      new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: "Enabled" } }),
    );
    const uploadId = await startUpload(bucket, "k");
    const parts = [
      await uploadPart(bucket, "k", uploadId, 1, seededBytes(partBytes, "p1")),
      await uploadPart(bucket, "k", uploadId, 2, seededBytes(10, "p2")),
    ];
    const first = await complete(bucket, "k", uploadId, parts);
    const second = await complete(bucket, "k", uploadId, parts);
    expect(second.ETag).toBe(first.ETag);
    expect(second.VersionId).toBe(first.VersionId);
    expect(second.Location).toBe(first.Location);
    await expectS3Error(complete(bucket, "k", uploadId, parts.slice(0, 1)), "NoSuchUpload", 404);
    const got = await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "k" }));
    expect((await bodyBytes(got.Body)).length).toBe(partBytes + 10);
    // Once the object it made is gone, the upload is gone too.
    await engine.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: "k", VersionId: first.VersionId }));
    await expectS3Error(complete(bucket, "k", uploadId, parts), "NoSuchUpload", 404);
  });

  it("a part uploaded twice keeps the one acknowledged last, even when it started first", async () => {
    const bucket = await newBucket(engine.client, "race");
    const uploadId = await startUpload(bucket, "k");
    const early = seededBytes(partBytes, "started first");
    const late = seededBytes(partBytes, "started second");
    const slow = await slowPart(bucket, "k", uploadId, early);
    const fast = await uploadPart(bucket, "k", uploadId, 1, late);
    slow.release();
    const lastEtag = await slow.answered;
    expect(lastEtag).toBe(`"${md5Hex(early)}"`);
    expect(fast.ETag).toBe(`"${md5Hex(late)}"`);
    await expectS3Error(complete(bucket, "k", uploadId, [fast]), "InvalidPart", 400);
    await complete(bucket, "k", uploadId, [{ PartNumber: 1, ETag: lastEtag }]);
    const got = await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "k" }));
    expect((await bodyBytes(got.Body)).equals(early)).toBe(true);
  });

  it("a part whose checksum does not match its body is BadDigest", async () => {
    const bucket = await newBucket(engine.client, "partdigest");
    const uploadId = await startUpload(bucket, "k");
    await expectS3Error(
      engine.client.send(
        new UploadPartCommand({
          Bucket: bucket,
          Key: "k",
          UploadId: uploadId,
          PartNumber: 1,
          Body: "body",
          ChecksumCRC32: "AAAAAA==",
        }),
      ),
      "BadDigest",
      400,
    );
  });
});

describe("conditional writes", () => {
  it("If-Match and If-None-Match with an ETag on PutObject: 412 when they do not hold", async () => {
    const bucket = await newBucket(engine.client, "ifmatch");
    const put = await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "one" }));
    await expectS3Error(
      engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "two", IfMatch: '"0123"' })),
      "PreconditionFailed",
      412,
    );
    await expectS3Error(
      engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "two", IfNoneMatch: put.ETag })),
      "PreconditionFailed",
      412,
    );
    const replaced = await engine.client.send(
      new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "two", IfMatch: put.ETag }),
    );
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "three", IfNoneMatch: put.ETag }));
    expect(replaced.ETag).not.toBe(put.ETag);
  });

  it("If-Match on CompleteMultipartUpload: 412 when it does not hold, the upload kept", async () => {
    const bucket = await newBucket(engine.client, "mpuifmatch");
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "current" }));
    const uploadId = await startUpload(bucket, "k");
    const parts = [await uploadPart(bucket, "k", uploadId, 1, Buffer.from("new"))];
    const withCondition = (condition: { IfMatch?: string; IfNoneMatch?: string }) =>
      engine.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: bucket,
          Key: "k",
          UploadId: uploadId,
          MultipartUpload: { Parts: parts },
          ...condition,
        }),
      );
    await expectS3Error(withCondition({ IfMatch: '"ffff"' }), "PreconditionFailed", 412);
    await expectS3Error(withCondition({ IfNoneMatch: "*" }), "PreconditionFailed", 412);
    const current = await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "k" }));
    await bodyBytes(current.Body);
    await withCondition({ IfMatch: current.ETag });
  });

  it("in a versioned bucket the conditions hold against the current version; a delete marker is no object", async () => {
    const bucket = await newBucket(engine.client, "ifver");
    await engine.client.send(
      new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: "Enabled" } }),
    );
    const old = await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "old" }));
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "new" }));
    await expectS3Error(
      engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "x", IfMatch: old.ETag })),
      "PreconditionFailed",
      412,
    );
    await engine.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: "k" }));
    await expectS3Error(
      engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "x", IfMatch: old.ETag })),
      "NoSuchKey",
      404,
    );
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "x", IfNoneMatch: "*" }));
  });
});
