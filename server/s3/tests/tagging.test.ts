import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteBucketTaggingCommand,
  DeleteObjectTaggingCommand,
  GetBucketTaggingCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  type Tag,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { expectS3Error, newBucket, sharedS3TestEngine } from "./helpers";

/** Object and bucket tagging: the operations, tags through writes and copies, and AWS's limits with their errors. */

const engine = sharedS3TestEngine();

async function tagsOf(bucket: string, key: string, versionId?: string): Promise<Tag[]> {
  return (
    (await engine.client.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: key, VersionId: versionId })))
      .TagSet ?? []
  );
}

function tags(count: number, prefix = "k"): Tag[] {
  return Array.from({ length: count }, (_, index) => ({ Key: `${prefix}${index}`, Value: `v${index}` }));
}

describe("object tagging", () => {
  it("puts, gets and deletes an object's tags, and counts them on GET and HEAD", async () => {
    const bucket = await newBucket(engine.client, "tags");
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "x" }));
    expect(await tagsOf(bucket, "k")).toEqual([]);
    const set = [
      { Key: "project", Value: "carport" },
      { Key: "empty value", Value: "" },
      { Key: "ünïcode:/+=.-_@", Value: "値 with spaces" },
    ];
    await engine.client.send(new PutObjectTaggingCommand({ Bucket: bucket, Key: "k", Tagging: { TagSet: set } }));
    expect(await tagsOf(bucket, "k")).toEqual(set);
    const got = await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "k" }));
    expect(got.TagCount).toBe(3);
    await got.Body?.transformToByteArray();
    expect((await engine.client.send(new HeadObjectCommand({ Bucket: bucket, Key: "k" }))).TagCount).toBe(3);
    await engine.client.send(new DeleteObjectTaggingCommand({ Bucket: bucket, Key: "k" }));
    expect(await tagsOf(bucket, "k")).toEqual([]);
    expect((await engine.client.send(new HeadObjectCommand({ Bucket: bucket, Key: "k" }))).TagCount).toBeUndefined();
    await expectS3Error(
      engine.client.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: "missing" })),
      "NoSuchKey",
      404,
    );
  });

  it("tags one version without touching the others", async () => {
    const bucket = await newBucket(engine.client, "vtags");
    await engine.client.send(
      new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: "Enabled" } }),
    );
    const first = await engine.client.send(
      new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "1", Tagging: "generation=first" }),
    );
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "2" }));
    const tagged = await engine.client.send(
      new PutObjectTaggingCommand({
        Bucket: bucket,
        Key: "k",
        VersionId: first.VersionId,
        Tagging: { TagSet: [{ Key: "generation", Value: "old" }] },
      }),
    );
    expect(tagged.VersionId).toBe(first.VersionId);
    expect(await tagsOf(bucket, "k", first.VersionId)).toEqual([{ Key: "generation", Value: "old" }]);
    expect(await tagsOf(bucket, "k")).toEqual([]);
  });

  it("takes tags from x-amz-tagging on PutObject and CreateMultipartUpload", async () => {
    const bucket = await newBucket(engine.client, "hdrtags");
    await engine.client.send(
      new PutObjectCommand({ Bucket: bucket, Key: "put", Body: "x", Tagging: "a=1&b=two%20words&c=" }),
    );
    expect(await tagsOf(bucket, "put")).toEqual([
      { Key: "a", Value: "1" },
      { Key: "b", Value: "two words" },
      { Key: "c", Value: "" },
    ]);
    const upload = await engine.client.send(
      new CreateMultipartUploadCommand({ Bucket: bucket, Key: "mpu", Tagging: "kind=multipart" }),
    );
    const part = await engine.client.send(
      new UploadPartCommand({ Bucket: bucket, Key: "mpu", UploadId: upload.UploadId, PartNumber: 1, Body: "body" }),
    );
    await engine.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: "mpu",
        UploadId: upload.UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] },
      }),
    );
    expect(await tagsOf(bucket, "mpu")).toEqual([{ Key: "kind", Value: "multipart" }]);
  });

  it("CopyObject keeps the source's tags (COPY) or takes the request's (REPLACE)", async () => {
    const bucket = await newBucket(engine.client, "cptags");
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "src", Body: "x", Tagging: "from=source" }));
    await engine.client.send(
      new CopyObjectCommand({ Bucket: bucket, Key: "kept", CopySource: `${bucket}/src`, Tagging: "ignored=yes" }),
    );
    expect(await tagsOf(bucket, "kept")).toEqual([{ Key: "from", Value: "source" }]);
    await engine.client.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: "replaced",
        CopySource: `${bucket}/src`,
        TaggingDirective: "REPLACE",
        Tagging: "from=request",
      }),
    );
    expect(await tagsOf(bucket, "replaced")).toEqual([{ Key: "from", Value: "request" }]);
    await engine.client.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: "cleared",
        CopySource: `${bucket}/src`,
        TaggingDirective: "REPLACE",
      }),
    );
    expect(await tagsOf(bucket, "cleared")).toEqual([]);
  });

  it("refuses each of AWS's limits with InvalidTag, and changes nothing", async () => {
    const bucket = await newBucket(engine.client, "limits");
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "x", Tagging: "keep=me" }));
    const refused: Tag[][] = [
      tags(11),
      [{ Key: "k".repeat(129), Value: "v" }],
      [{ Key: "k", Value: "v".repeat(257) }],
      [
        { Key: "same", Value: "1" },
        { Key: "same", Value: "2" },
      ],
      [{ Key: "aws:reserved", Value: "v" }],
      [{ Key: "", Value: "v" }],
      [{ Key: "bad<char>", Value: "v" }],
    ];
    for (const set of refused) {
      await expectS3Error(
        engine.client.send(new PutObjectTaggingCommand({ Bucket: bucket, Key: "k", Tagging: { TagSet: set } })),
        "InvalidTag",
        400,
      );
    }
    await expectS3Error(
      engine.client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: "new",
          Body: "x",
          Tagging: tags(11)
            .map((tag) => `${tag.Key}=${tag.Value}`)
            .join("&"),
        }),
      ),
      "InvalidTag",
      400,
    );
    // The limits themselves are allowed.
    await engine.client.send(
      new PutObjectTaggingCommand({
        Bucket: bucket,
        Key: "k",
        Tagging: { TagSet: [...tags(9), { Key: "k".repeat(128), Value: "v".repeat(256) }] },
      }),
    );
    expect(await tagsOf(bucket, "k")).toHaveLength(10);
  });
});

describe("bucket tagging", () => {
  it("puts, gets and deletes a bucket's tags; none is NoSuchTagSet; more than 50 is InvalidTag", async () => {
    const bucket = await newBucket(engine.client, "btags");
    await expectS3Error(engine.client.send(new GetBucketTaggingCommand({ Bucket: bucket })), "NoSuchTagSet", 404);
    await engine.client.send(new PutBucketTaggingCommand({ Bucket: bucket, Tagging: { TagSet: tags(50) } }));
    expect((await engine.client.send(new GetBucketTaggingCommand({ Bucket: bucket }))).TagSet).toEqual(tags(50));
    await expectS3Error(
      engine.client.send(new PutBucketTaggingCommand({ Bucket: bucket, Tagging: { TagSet: tags(51) } })),
      "InvalidTag",
      400,
    );
    await engine.client.send(new DeleteBucketTaggingCommand({ Bucket: bucket }));
    await expectS3Error(engine.client.send(new GetBucketTaggingCommand({ Bucket: bucket })), "NoSuchTagSet", 404);
  });
});
