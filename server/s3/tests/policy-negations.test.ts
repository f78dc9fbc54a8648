import { GetObjectCommand, PutBucketPolicyCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { expectS3Error, newBucket, sharedS3TestEngine } from "./helpers";

/** NotPrincipal and NotAction through real requests: they speak for everyone and everything they do not name. */

const engine = sharedS3TestEngine();

async function putPolicy(bucket: string, statement: object): Promise<void> {
  await engine.client.send(
    new PutBucketPolicyCommand({
      Bucket: bucket,
      Policy: JSON.stringify({ Version: "2012-10-17", Statement: [statement] }),
    }),
  );
}

async function grantRead(bucket: string, accessKeyId: string): Promise<void> {
  const core = engine.running.engine;
  const bucketId = core.buckets.resolveName(bucket, null)?.id ?? "";
  await core.buckets.changeKeyPermission(bucketId, accessKeyId, { read: true }, true);
}

describe("policy negations", () => {
  it("a Deny with NotPrincipal refuses every key but the one it names, grants notwithstanding", async () => {
    const bucket = await newBucket(engine.client, "not-principal");
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "x" }));
    const other = await engine.newKey("not-principal-reader");
    await grantRead(bucket, other.accessKeyId);
    const client = engine.clientFor(other.accessKeyId, other.secretAccessKey);
    await putPolicy(bucket, {
      Effect: "Deny",
      NotPrincipal: { AWS: engine.accessKeyId },
      Action: "s3:GetObject",
      Resource: `arn:aws:s3:::${bucket}/*`,
    });
    await expectS3Error(client.send(new GetObjectCommand({ Bucket: bucket, Key: "k" })), "AccessDenied", 403);
    const read = await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "k" }));
    expect(await read.Body?.transformToString()).toBe("x");
    expect((await fetch(`${engine.running.s3Url}/${bucket}/k`)).status).toBe(403);
  });

  it("an Allow with NotAction lets anyone do all but what it names", async () => {
    const bucket = await newBucket(engine.client, "not-action");
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "x" }));
    await putPolicy(bucket, {
      Effect: "Allow",
      Principal: "*",
      NotAction: ["s3:PutObject", "s3:DeleteObject"],
      Resource: `arn:aws:s3:::${bucket}/*`,
    });
    const read = await fetch(`${engine.running.s3Url}/${bucket}/k`);
    expect(read.status).toBe(200);
    expect(await read.text()).toBe("x");
    expect((await fetch(`${engine.running.s3Url}/${bucket}/k`, { method: "PUT", body: "y" })).status).toBe(403);
    expect((await fetch(`${engine.running.s3Url}/${bucket}/k`, { method: "DELETE" })).status).toBe(403);
    // The Resource names objects: the listing stays closed.
    expect((await fetch(`${engine.running.s3Url}/${bucket}?list-type=2`)).status).toBe(403);
  });
});
