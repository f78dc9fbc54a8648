import {
  DeletePublicAccessBlockCommand,
  GetPublicAccessBlockCommand,
  PutBucketAclCommand,
  PutBucketPolicyCommand,
  PutObjectAclCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
  type PublicAccessBlockConfiguration,
} from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { expectS3Error, newBucket, sharedS3TestEngine } from "./helpers";

/** Put/Get/DeletePublicAccessBlock, each of its four settings refusing or ignoring what AWS says. */

const engine = sharedS3TestEngine();

function anonymous(path: string): Promise<Response> {
  return fetch(`${engine.running.s3Url}${path}`);
}

async function block(bucket: string, settings: PublicAccessBlockConfiguration): Promise<void> {
  await engine.client.send(
    new PutPublicAccessBlockCommand({ Bucket: bucket, PublicAccessBlockConfiguration: settings }),
  );
}

function publicRead(bucket: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `arn:aws:s3:::${bucket}/*` }],
  });
}

describe("public access block", () => {
  it("is read back as set, and is 404 once deleted", async () => {
    const bucket = await newBucket(engine.client, "pab");
    await expectS3Error(
      engine.client.send(new GetPublicAccessBlockCommand({ Bucket: bucket })),
      "NoSuchPublicAccessBlockConfiguration",
      404,
    );
    await block(bucket, { BlockPublicAcls: true, RestrictPublicBuckets: true });
    const read = await engine.client.send(new GetPublicAccessBlockCommand({ Bucket: bucket }));
    expect(read.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: false,
      BlockPublicPolicy: false,
      RestrictPublicBuckets: true,
    });
    await engine.client.send(new DeletePublicAccessBlockCommand({ Bucket: bucket }));
    await expectS3Error(
      engine.client.send(new GetPublicAccessBlockCommand({ Bucket: bucket })),
      "NoSuchPublicAccessBlockConfiguration",
      404,
    );
  });

  it("BlockPublicAcls refuses public ACLs on writes and on Put…Acl", async () => {
    const bucket = await newBucket(engine.client, "block-acls");
    await block(bucket, { BlockPublicAcls: true });
    await expectS3Error(
      engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "x", ACL: "public-read" })),
      "AccessDenied",
      403,
    );
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "x", ACL: "private" }));
    await expectS3Error(
      engine.client.send(new PutObjectAclCommand({ Bucket: bucket, Key: "k", ACL: "public-read" })),
      "AccessDenied",
      403,
    );
    await expectS3Error(
      engine.client.send(new PutBucketAclCommand({ Bucket: bucket, ACL: "public-read-write" })),
      "AccessDenied",
      403,
    );
  });

  it("IgnorePublicAcls makes existing public ACLs count for nothing, until removed", async () => {
    const bucket = await newBucket(engine.client, "ignore-acls");
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "x", ACL: "public-read" }));
    expect((await anonymous(`/${bucket}/k`)).status).toBe(200);
    await block(bucket, { IgnorePublicAcls: true });
    expect((await anonymous(`/${bucket}/k`)).status).toBe(403);
    await engine.client.send(new DeletePublicAccessBlockCommand({ Bucket: bucket }));
    expect((await anonymous(`/${bucket}/k`)).status).toBe(200);
  });

  it("BlockPublicPolicy refuses a public policy and accepts one pinned to addresses", async () => {
    const bucket = await newBucket(engine.client, "block-policy");
    await block(bucket, { BlockPublicPolicy: true });
    await expectS3Error(
      engine.client.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: publicRead(bucket) })),
      "AccessDenied",
      403,
    );
    const pinned = JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: "*",
          Action: "s3:GetObject",
          Resource: `arn:aws:s3:::${bucket}/*`,
          Condition: { IpAddress: { "aws:SourceIp": "127.0.0.0/8" } },
        },
      ],
    });
    await engine.client.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: pinned }));
  });

  it("RestrictPublicBuckets silences a public policy for anonymous callers", async () => {
    const bucket = await newBucket(engine.client, "restrict");
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "x" }));
    await engine.client.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: publicRead(bucket) }));
    expect((await anonymous(`/${bucket}/k`)).status).toBe(200);
    await block(bucket, { RestrictPublicBuckets: true });
    expect((await anonymous(`/${bucket}/k`)).status).toBe(403);
  });
});
