import {
  PutBucketAclCommand,
  PutBucketOwnershipControlsCommand,
  PutBucketPolicyCommand,
  PutPublicAccessBlockCommand,
} from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { assertMatchesSpec } from "../../server/admin/testing/spec";
import { newBucket, sharedS3TestEngine } from "../../server/s3/tests/helpers";

/**
 * Policies, ACLs, ownership controls and public access blocks live beside Garage's
 * model: the admin API's GetBucketInfo keeps Garage's shape (no field more, none less)
 * and its keys keep exactly their Garage permissions, whatever S3 set on top.
 */

const engine = sharedS3TestEngine();

interface BucketInfo {
  keys: Array<{ accessKeyId: string; permissions: Record<string, boolean> }>;
}

async function bucketInfo(bucket: string): Promise<Record<string, unknown> & BucketInfo> {
  const response = await fetch(`${engine.running.adminUrl}/v2/GetBucketInfo?globalAlias=${bucket}`, {
    headers: { authorization: `Bearer ${engine.running.adminToken}` },
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as Record<string, unknown> & BucketInfo;
  assertMatchesSpec("GetBucketInfo", body);
  return body;
}

describe("GetBucketInfo beside policies and ACLs", () => {
  it("keeps Garage's fields and the keys' Garage permissions when a policy, an ACL and controls are set", async () => {
    const plain = await newBucket(engine.client, "shape-plain");
    const opened = await newBucket(engine.client, "shape-open");
    const reader = await engine.newKey("shape-reader");
    await engine.client.send(new PutBucketAclCommand({ Bucket: opened, GrantRead: `id=${reader.accessKeyId}` }));
    await engine.client.send(
      new PutBucketPolicyCommand({
        Bucket: opened,
        Policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `arn:aws:s3:::${opened}/*` },
            {
              Effect: "Allow",
              Principal: { AWS: reader.accessKeyId },
              Action: "s3:*",
              Resource: [`arn:aws:s3:::${opened}`, `arn:aws:s3:::${opened}/*`],
            },
          ],
        }),
      }),
    );
    await engine.client.send(
      new PutPublicAccessBlockCommand({ Bucket: opened, PublicAccessBlockConfiguration: { BlockPublicAcls: true } }),
    );
    await engine.client.send(
      new PutBucketOwnershipControlsCommand({
        Bucket: opened,
        OwnershipControls: { Rules: [{ ObjectOwnership: "BucketOwnerPreferred" }] },
      }),
    );

    const [before, after] = [await bucketInfo(plain), await bucketInfo(opened)];
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    // The policy and the ACL grant the reader nothing in Garage's terms: it is not among the bucket's keys.
    expect(after.keys.map((key) => key.accessKeyId)).toEqual([engine.accessKeyId]);
    expect(after.keys[0].permissions).toEqual(before.keys[0].permissions);
  });
});
