import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  GetBucketLocationCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { expectS3Error, newBucket, uniqueBucketName, sharedS3TestEngine } from "./helpers";

/** CreateBucket, DeleteBucket, HeadBucket, ListBuckets, GetBucketLocation through the AWS SDK. */

const engine = sharedS3TestEngine();

describe("CreateBucket", () => {
  it("creates a bucket the creator can head, list and locate", async () => {
    const name = uniqueBucketName("create");
    const created = await engine.client.send(new CreateBucketCommand({ Bucket: name }));
    expect(created.Location).toBe(`/${name}`);
    await engine.client.send(new HeadBucketCommand({ Bucket: name }));
    const listed = await engine.client.send(new ListBucketsCommand({}));
    expect(listed.Buckets?.map((bucket) => bucket.Name)).toContain(name);
    expect(listed.Buckets?.find((bucket) => bucket.Name === name)?.CreationDate).toBeInstanceOf(Date);
    const location = await engine.client.send(new GetBucketLocationCommand({ Bucket: name }));
    // The SDK reads an empty LocationConstraint as us-east-1; ours names the region.
    expect(location.LocationConstraint).toBe(engine.running.config.s3.region);
  });

  it.each([
    ["too short", "ab"],
    ["too long", "a".repeat(64)],
    ["uppercase", "Upper-Case-Bucket"],
    ["IP-like", "192.168.5.4"],
    ["adjacent dots", "my..bucket"],
    ["underscore", "my_bucket"],
    ["leading hyphen", "-bucket"],
    ["trailing hyphen", "bucket-"],
    ["xn-- prefix", "xn--bucket"],
  ])("refuses a name that is %s", async (_why, name) => {
    await expectS3Error(engine.client.send(new CreateBucketCommand({ Bucket: name })), "InvalidBucketName", 400);
  });

  it("answers BucketAlreadyOwnedByYou to its owner", async () => {
    const name = await newBucket(engine.client, "owned");
    await expectS3Error(engine.client.send(new CreateBucketCommand({ Bucket: name })), "BucketAlreadyOwnedByYou", 409);
  });

  it("answers BucketAlreadyExists to another key", async () => {
    const name = await newBucket(engine.client, "taken");
    const other = await engine.newKey("other-creator");
    const client = engine.clientFor(other.accessKeyId, other.secretAccessKey);
    await expectS3Error(client.send(new CreateBucketCommand({ Bucket: name })), "BucketAlreadyExists", 409);
  });

  it("refuses a key without the create-bucket right", async () => {
    const key = await engine.newKey("no-create", false);
    const client = engine.clientFor(key.accessKeyId, key.secretAccessKey);
    const name = uniqueBucketName("denied");
    await expectS3Error(client.send(new CreateBucketCommand({ Bucket: name })), "AccessDenied", 403);
    await expectS3Error(engine.client.send(new HeadBucketCommand({ Bucket: name })), "NotFound", 404);
  });

  it("accepts this server's region as LocationConstraint and refuses another", async () => {
    const region = engine.running.config.s3.region;
    const name = uniqueBucketName("loc");
    await engine.client.send(
      new CreateBucketCommand({ Bucket: name, CreateBucketConfiguration: { LocationConstraint: region as "EU" } }),
    );
    await engine.client.send(new HeadBucketCommand({ Bucket: name }));
    const other = uniqueBucketName("loc");
    await expectS3Error(
      engine.client.send(
        new CreateBucketCommand({ Bucket: other, CreateBucketConfiguration: { LocationConstraint: "eu-west-3" } }),
      ),
      "InvalidLocationConstraint",
      400,
    );
  });
});

describe("DeleteBucket", () => {
  it("refuses a bucket with objects (BucketNotEmpty), then deletes it once emptied", async () => {
    const name = await newBucket(engine.client, "del");
    await engine.client.send(new PutObjectCommand({ Bucket: name, Key: "only", Body: "x" }));
    await expectS3Error(engine.client.send(new DeleteBucketCommand({ Bucket: name })), "BucketNotEmpty", 409);
    await engine.client.send(new DeleteObjectCommand({ Bucket: name, Key: "only" }));
    const deleted = await engine.client.send(new DeleteBucketCommand({ Bucket: name }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    await expectS3Error(engine.client.send(new HeadBucketCommand({ Bucket: name })), "NotFound", 404);
    const listed = await engine.client.send(new ListBucketsCommand({}));
    expect(listed.Buckets?.map((bucket) => bucket.Name)).not.toContain(name);
  });

  it("answers NoSuchBucket for a missing bucket", async () => {
    await expectS3Error(
      engine.client.send(new DeleteBucketCommand({ Bucket: uniqueBucketName("missing") })),
      "NoSuchBucket",
      404,
    );
  });

  it("refuses a key that is not the bucket's owner", async () => {
    const name = await newBucket(engine.client, "notowner");
    const key = await engine.newKey("stranger");
    const client = engine.clientFor(key.accessKeyId, key.secretAccessKey);
    await expectS3Error(client.send(new DeleteBucketCommand({ Bucket: name })), "AccessDenied", 403);
    await engine.client.send(new HeadBucketCommand({ Bucket: name }));
  });

  it("lets the name be created again after deletion", async () => {
    const name = await newBucket(engine.client, "again");
    await engine.client.send(new DeleteBucketCommand({ Bucket: name }));
    await engine.client.send(new CreateBucketCommand({ Bucket: name }));
    await engine.client.send(new HeadBucketCommand({ Bucket: name }));
  });
});

describe("HeadBucket and ListBuckets", () => {
  it("HeadBucket: 404 for a missing bucket, 403 for a bucket the key cannot read", async () => {
    await expectS3Error(
      engine.client.send(new HeadBucketCommand({ Bucket: uniqueBucketName("nohead") })),
      "NotFound",
      404,
    );
    const name = await newBucket(engine.client, "head");
    const key = await engine.newKey("head-stranger");
    const client = engine.clientFor(key.accessKeyId, key.secretAccessKey);
    // A HEAD answer has no body, so the SDK names a 403 only by its status.
    const denied = await client.send(new HeadBucketCommand({ Bucket: name })).then(
      () => null,
      (error: unknown) => error,
    );
    expect((denied as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode).toBe(403);
  });

  it("HeadBucket reports the region", async () => {
    const name = await newBucket(engine.client, "region");
    const head = await engine.client.send(new HeadBucketCommand({ Bucket: name }));
    expect(head.BucketRegion).toBe(engine.running.config.s3.region);
  });

  it("ListBuckets shows a key only its own buckets, sorted", async () => {
    const key = await engine.newKey("lister");
    const client = engine.clientFor(key.accessKeyId, key.secretAccessKey);
    const names = [uniqueBucketName("zz"), uniqueBucketName("aa"), uniqueBucketName("mm")];
    for (const name of names) await client.send(new CreateBucketCommand({ Bucket: name }));
    await newBucket(engine.client, "notmine");
    const listed = await client.send(new ListBucketsCommand({}));
    expect(listed.Buckets?.map((bucket) => bucket.Name)).toEqual([...names].sort());
    expect(listed.Owner?.ID).toBe(key.accessKeyId);
  });
});
