import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { bodyBytes, expectS3Error, md5Hex, newBucket, seededBytes, sharedS3TestEngine } from "./helpers";

/** CopyObject: within and across buckets, metadata directives, source conditions, permissions. */

const engine = sharedS3TestEngine();

async function putSource(
  bucket: string,
  key = "src",
  data = seededBytes(40_000, "copy"),
): Promise<{ data: Buffer; etag: string }> {
  const put = await engine.client.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: data,
      ContentType: "text/x-source",
      Metadata: { from: "source" },
    }),
  );
  return { data, etag: put.ETag ?? "" };
}

describe("CopyObject", () => {
  it("copies within a bucket, keeping metadata (COPY), and survives deletion of the source", async () => {
    const bucket = await newBucket(engine.client, "cp");
    const { data, etag } = await putSource(bucket);
    const copied = await engine.client.send(
      new CopyObjectCommand({ Bucket: bucket, Key: "dst", CopySource: `${bucket}/src` }),
    );
    expect(copied.CopyObjectResult?.ETag).toBe(etag);
    expect(copied.CopyObjectResult?.LastModified).toBeInstanceOf(Date);
    await engine.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: "src" }));
    const got = await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "dst" }));
    expect((await bodyBytes(got.Body)).equals(data)).toBe(true);
    expect(got.ContentType).toBe("text/x-source");
    expect(got.Metadata).toEqual({ from: "source" });
  });

  it("copies across buckets, with keys that need encoding", async () => {
    const from = await newBucket(engine.client, "cpfrom");
    const to = await newBucket(engine.client, "cpto");
    const key = "dir/caf\u00e9 & co+1%.txt";
    const { data } = await putSource(from, key);
    await engine.client.send(
      new CopyObjectCommand({ Bucket: to, Key: "copy \u{1F600}", CopySource: `${from}/${encodeURIComponent(key)}` }),
    );
    const got = await engine.client.send(new GetObjectCommand({ Bucket: to, Key: "copy \u{1F600}" }));
    expect((await bodyBytes(got.Body)).equals(data)).toBe(true);
  });

  it("MetadataDirective REPLACE takes the request's metadata", async () => {
    const bucket = await newBucket(engine.client, "cprep");
    await putSource(bucket);
    await engine.client.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: "dst",
        CopySource: `${bucket}/src`,
        MetadataDirective: "REPLACE",
        ContentType: "application/json",
        Metadata: { new: "yes" },
      }),
    );
    const head = await engine.client.send(new HeadObjectCommand({ Bucket: bucket, Key: "dst" }));
    expect(head.ContentType).toBe("application/json");
    expect(head.Metadata).toEqual({ new: "yes" });
  });

  it("copy onto itself: InvalidRequest without REPLACE, allowed with it", async () => {
    const bucket = await newBucket(engine.client, "cpself");
    const { data } = await putSource(bucket);
    await expectS3Error(
      engine.client.send(new CopyObjectCommand({ Bucket: bucket, Key: "src", CopySource: `${bucket}/src` })),
      "InvalidRequest",
      400,
    );
    await engine.client.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: "src",
        CopySource: `${bucket}/src`,
        MetadataDirective: "REPLACE",
        Metadata: { fresh: "1" },
      }),
    );
    const got = await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "src" }));
    expect(got.Metadata).toEqual({ fresh: "1" });
    expect((await bodyBytes(got.Body)).equals(data)).toBe(true);
  });

  it("x-amz-copy-source-if-match / if-none-match: 412 when they fail", async () => {
    const bucket = await newBucket(engine.client, "cpcond");
    const { etag } = await putSource(bucket);
    await engine.client.send(
      new CopyObjectCommand({ Bucket: bucket, Key: "a", CopySource: `${bucket}/src`, CopySourceIfMatch: etag }),
    );
    await expectS3Error(
      engine.client.send(
        new CopyObjectCommand({ Bucket: bucket, Key: "b", CopySource: `${bucket}/src`, CopySourceIfMatch: '"nope"' }),
      ),
      "PreconditionFailed",
      412,
    );
    await expectS3Error(
      engine.client.send(
        new CopyObjectCommand({ Bucket: bucket, Key: "c", CopySource: `${bucket}/src`, CopySourceIfNoneMatch: etag }),
      ),
      "PreconditionFailed",
      412,
    );
    await engine.client.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: "d",
        CopySource: `${bucket}/src`,
        CopySourceIfNoneMatch: '"other"',
      }),
    );
    await expectS3Error(
      engine.client.send(
        new CopyObjectCommand({
          Bucket: bucket,
          Key: "e",
          CopySource: `${bucket}/src`,
          CopySourceIfModifiedSince: new Date(Date.now() + 86_400_000),
        }),
      ),
      "PreconditionFailed",
      412,
    );
    await expectS3Error(
      engine.client.send(
        new CopyObjectCommand({
          Bucket: bucket,
          Key: "f",
          CopySource: `${bucket}/src`,
          CopySourceIfUnmodifiedSince: new Date(Date.now() - 86_400_000),
        }),
      ),
      "PreconditionFailed",
      412,
    );
    await expectS3Error(engine.client.send(new HeadObjectCommand({ Bucket: bucket, Key: "b" })), "NotFound", 404);
  });

  it("a missing source is NoSuchKey; a missing source bucket NoSuchBucket", async () => {
    const bucket = await newBucket(engine.client, "cpmiss");
    await expectS3Error(
      engine.client.send(new CopyObjectCommand({ Bucket: bucket, Key: "dst", CopySource: `${bucket}/absent` })),
      "NoSuchKey",
      404,
    );
    await expectS3Error(
      engine.client.send(new CopyObjectCommand({ Bucket: bucket, Key: "dst", CopySource: `${bucket}-gone/absent` })),
      "NoSuchBucket",
      404,
    );
  });

  it("needs read permission on the source bucket", async () => {
    const secret = await newBucket(engine.client, "cpsecret");
    await putSource(secret);
    const key = await engine.newKey("copier");
    const client = engine.clientFor(key.accessKeyId, key.secretAccessKey);
    const own = await newBucket(client, "cpown");
    await expectS3Error(
      client.send(new CopyObjectCommand({ Bucket: own, Key: "stolen", CopySource: `${secret}/src` })),
      "AccessDenied",
      403,
    );
  });

  it("copies a multipart object with its parts, and conditional writes apply to the target", async () => {
    const bucket = await newBucket(engine.client, "cpmp");
    const parts = [seededBytes(5 * 1024 * 1024, "cpmp1"), Buffer.from("end")];
    const { UploadId } = await engine.client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: "mp" }));
    const etags = [];
    for (const [index, body] of parts.entries())
      etags.push(
        (
          await engine.client.send(
            new UploadPartCommand({ Bucket: bucket, Key: "mp", UploadId, PartNumber: index + 1, Body: body }),
          )
        ).ETag,
      );
    const done = await engine.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: "mp",
        UploadId,
        MultipartUpload: { Parts: etags.map((ETag, index) => ({ PartNumber: index + 1, ETag })) },
      }),
    );
    const copied = await engine.client.send(
      new CopyObjectCommand({ Bucket: bucket, Key: "mp-copy", CopySource: `${bucket}/mp` }),
    );
    expect(copied.CopyObjectResult?.ETag).toBe(done.ETag);
    const second = await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "mp-copy", PartNumber: 2 }));
    expect(await second.Body?.transformToString()).toBe("end");
    const whole = await bodyBytes(
      (await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "mp-copy" }))).Body,
    );
    expect(md5Hex(whole)).toBe(md5Hex(Buffer.concat(parts)));
    await expectS3Error(
      engine.client.send(
        new CopyObjectCommand({ Bucket: bucket, Key: "mp-copy", CopySource: `${bucket}/mp`, IfNoneMatch: "*" }),
      ),
      "PreconditionFailed",
      412,
    );
    // Onto itself with new metadata: the data and the parts stay.
    await engine.client.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: "mp",
        CopySource: `${bucket}/mp`,
        MetadataDirective: "REPLACE",
        Metadata: { re: "placed" },
      }),
    );
    const self = await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "mp", PartNumber: 2 }));
    expect(self.Metadata).toEqual({ re: "placed" });
    expect(await self.Body?.transformToString()).toBe("end");
    expect(
      md5Hex(await bodyBytes((await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "mp" }))).Body)),
    ).toBe(md5Hex(Buffer.concat(parts)));
  });
});
