import {
  DeleteBucketPolicyCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutBucketPolicyCommand,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { policyFromTemplate } from "@/lib/s3/bucket-access";
import { expectS3Error, newBucket, sharedS3TestEngine } from "../../server/s3/tests/helpers";

/** The console's policy templates, put on a real bucket over S3: each is accepted and does what its name says. */

const engine = sharedS3TestEngine();

async function bucketWithObject(prefix: string): Promise<string> {
  const bucket = await newBucket(engine.client, prefix);
  await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "x" }));
  return bucket;
}

function anonymous(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${engine.running.s3Url}${path}`, init);
}

describe("the console's policy templates", () => {
  it("public read: anyone reads objects, nobody anonymous lists or writes", async () => {
    const bucket = await bucketWithObject("tpl-public");
    const policy = policyFromTemplate("public-read", bucket, "");
    await engine.client.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: policy }));
    expect((await anonymous(`/${bucket}/k`)).status).toBe(200);
    expect((await anonymous(`/${bucket}?list-type=2`)).status).toBe(403);
    expect((await anonymous(`/${bucket}/new`, { method: "PUT", body: "y" })).status).toBe(403);
  });

  it("one read-only key: that key lists and reads without a grant, and cannot write", async () => {
    const bucket = await bucketWithObject("tpl-reader");
    const reader = await engine.newKey("tpl-reader");
    const client = engine.clientFor(reader.accessKeyId, reader.secretAccessKey);
    const policy = policyFromTemplate("read-only-key", bucket, reader.accessKeyId);
    await engine.client.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: policy }));
    const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket }));
    expect(listed.Contents?.map((entry) => entry.Key)).toEqual(["k"]);
    const read = await client.send(new GetObjectCommand({ Bucket: bucket, Key: "k" }));
    expect(await read.Body?.transformToString()).toBe("x");
    await expectS3Error(client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "y" })), "AccessDenied");
    expect((await anonymous(`/${bucket}/k`)).status).toBe(403);
  });

  it("refuse plain HTTP: even the owner's key is refused over HTTP, and can still delete the policy", async () => {
    const bucket = await bucketWithObject("tpl-tls");
    const policy = policyFromTemplate("deny-insecure-transport", bucket, "");
    await engine.client.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: policy }));
    await expectS3Error(engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "k" })), "AccessDenied", 403);
    await engine.client.send(new DeleteBucketPolicyCommand({ Bucket: bucket }));
    const read = await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "k" }));
    expect(await read.Body?.transformToString()).toBe("x");
  });
});
