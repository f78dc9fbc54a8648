import {
  type BucketCannedACL,
  CopyObjectCommand,
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteBucketOwnershipControlsCommand,
  GetBucketAclCommand,
  GetBucketOwnershipControlsCommand,
  GetObjectAclCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  type ObjectCannedACL,
  PutBucketAclCommand,
  PutBucketOwnershipControlsCommand,
  PutObjectAclCommand,
  PutObjectCommand,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { expectS3Error, newBucket, sharedS3TestEngine, uniqueBucketName } from "./helpers";
import type { PermissionFlags } from "../../engine/service/access-keys";

/** ACLs over S3: every canned ACL on buckets and objects, explicit grants, and BucketOwnerEnforced. */

const engine = sharedS3TestEngine();
const allUsers = "http://acs.amazonaws.com/groups/global/AllUsers";

async function grant(bucket: string, accessKeyId: string, flags: Partial<PermissionFlags>): Promise<void> {
  const core = engine.running.engine;
  const bucketId = core.buckets.resolveName(bucket, null)?.id ?? "";
  await core.buckets.changeKeyPermission(bucketId, accessKeyId, flags, true);
}

function anonymous(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${engine.running.s3Url}${path}`, init);
}

async function outsider(name: string) {
  const key = await engine.newKey(name, false);
  return { ...key, client: engine.clientFor(key.accessKeyId, key.secretAccessKey) };
}

describe("canned ACLs on buckets", () => {
  it.each<[BucketCannedACL, { anonymousList: number; anonymousPut: number; otherKeyList: boolean }]>([
    ["private", { anonymousList: 403, anonymousPut: 403, otherKeyList: false }],
    ["public-read", { anonymousList: 200, anonymousPut: 403, otherKeyList: true }],
    ["public-read-write", { anonymousList: 200, anonymousPut: 200, otherKeyList: true }],
    ["authenticated-read", { anonymousList: 403, anonymousPut: 403, otherKeyList: true }],
  ])("%s at creation: anonymous list %s, put %s", async (acl, expected) => {
    const bucket = uniqueBucketName(`bucket-${acl}`);
    await engine.client.send(new CreateBucketCommand({ Bucket: bucket, ACL: acl }));
    expect((await anonymous(`/${bucket}?list-type=2`)).status).toBe(expected.anonymousList);
    expect((await anonymous(`/${bucket}/anon.txt`, { method: "PUT", body: "hi" })).status).toBe(expected.anonymousPut);
    const other = await outsider(`bucket-acl-${acl}`);
    const listed = await other.client.send(new ListObjectsV2Command({ Bucket: bucket })).then(
      () => true,
      () => false,
    );
    expect(listed).toBe(expected.otherKeyList);
    const read = await engine.client.send(new GetBucketAclCommand({ Bucket: bucket }));
    expect(read.Owner?.ID).toBe(engine.accessKeyId);
    expect(read.Grants?.[0]).toMatchObject({ Grantee: { ID: engine.accessKeyId }, Permission: "FULL_CONTROL" });
  });

  it("PutBucketAcl changes it; bucket-owner-* mean private on a bucket; a bad name is 400", async () => {
    const bucket = await newBucket(engine.client, "put-bucket-acl");
    await engine.client.send(new PutBucketAclCommand({ Bucket: bucket, ACL: "public-read" }));
    expect((await anonymous(`/${bucket}?list-type=2`)).status).toBe(200);
    const read = await engine.client.send(new GetBucketAclCommand({ Bucket: bucket }));
    expect(read.Grants?.map((item) => [item.Grantee?.URI ?? item.Grantee?.ID, item.Permission])).toEqual([
      [engine.accessKeyId, "FULL_CONTROL"],
      [allUsers, "READ"],
    ]);
    await engine.client.send(
      new PutBucketAclCommand({ Bucket: bucket, ACL: "bucket-owner-full-control" as BucketCannedACL }),
    );
    expect((await anonymous(`/${bucket}?list-type=2`)).status).toBe(403);
    await expectS3Error(
      engine.client.send(new PutBucketAclCommand({ Bucket: bucket, ACL: "public" as BucketCannedACL })),
      "InvalidArgument",
      400,
    );
    await expectS3Error(
      engine.client.send(
        new CreateBucketCommand({ Bucket: uniqueBucketName("bad-acl"), ACL: "world" as BucketCannedACL }),
      ),
      "InvalidArgument",
      400,
    );
  });

  it("an AccessControlPolicy body grants a key; e-mail grantees are unresolvable", async () => {
    const bucket = await newBucket(engine.client, "acl-body");
    const other = await outsider("acl-body-reader");
    await engine.client.send(
      new PutBucketAclCommand({
        Bucket: bucket,
        AccessControlPolicy: {
          Owner: { ID: engine.accessKeyId },
          Grants: [
            { Grantee: { Type: "CanonicalUser", ID: engine.accessKeyId }, Permission: "FULL_CONTROL" },
            { Grantee: { Type: "CanonicalUser", ID: other.accessKeyId }, Permission: "READ" },
          ],
        },
      }),
    );
    await other.client.send(new ListObjectsV2Command({ Bucket: bucket }));
    expect((await anonymous(`/${bucket}?list-type=2`)).status).toBe(403);
    await expectS3Error(
      engine.client.send(new PutBucketAclCommand({ Bucket: bucket, GrantRead: 'emailAddress="x@example.com"' })),
      "UnresolvableGrantByEmailAddress",
      400,
    );
  });
});

describe("canned ACLs on objects", () => {
  it.each<[ObjectCannedACL, { anonymous: number; otherKey: boolean }]>([
    ["private", { anonymous: 403, otherKey: false }],
    ["public-read", { anonymous: 200, otherKey: true }],
    ["public-read-write", { anonymous: 200, otherKey: true }],
    ["authenticated-read", { anonymous: 403, otherKey: true }],
  ])("%s on PutObject: anonymous %s", async (acl, expected) => {
    const bucket = await newBucket(engine.client, `object-${acl}`);
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "data", ACL: acl }));
    expect((await anonymous(`/${bucket}/k`)).status).toBe(expected.anonymous);
    const other = await outsider(`object-acl-${acl}`);
    const read = await other.client.send(new GetObjectCommand({ Bucket: bucket, Key: "k" })).then(
      () => true,
      () => false,
    );
    expect(read).toBe(expected.otherKey);
  });

  it.each<["bucket-owner-read" | "bucket-owner-full-control", string]>([
    ["bucket-owner-read", "READ"],
    ["bucket-owner-full-control", "FULL_CONTROL"],
  ])("%s lets the bucket's owner read what another key wrote", async (acl, permission) => {
    const bucket = await newBucket(engine.client, acl);
    const owner = await outsider(`${acl}-owner`);
    await grant(bucket, owner.accessKeyId, { owner: true });
    const writer = await outsider(`${acl}-writer`);
    await grant(bucket, writer.accessKeyId, { write: true });
    await writer.client.send(new PutObjectCommand({ Bucket: bucket, Key: "plain", Body: "p" }));
    await writer.client.send(new PutObjectCommand({ Bucket: bucket, Key: "shared", Body: "s", ACL: acl }));
    await expectS3Error(owner.client.send(new GetObjectCommand({ Bucket: bucket, Key: "plain" })), "AccessDenied", 403);
    const read = await owner.client.send(new GetObjectCommand({ Bucket: bucket, Key: "shared" }));
    expect(await read.Body?.transformToString()).toBe("s");
    const acls = await engine.client.send(new GetObjectAclCommand({ Bucket: bucket, Key: "shared" }));
    expect(acls.Owner?.ID).toBe(writer.accessKeyId);
    expect(acls.Grants?.map((item) => item.Permission)).toEqual(["FULL_CONTROL", permission]);
  });

  it("CopyObject and CreateMultipartUpload take an ACL; a copy never inherits the source's", async () => {
    const bucket = await newBucket(engine.client, "acl-writes");
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "src", Body: "x", ACL: "public-read" }));
    await engine.client.send(new CopyObjectCommand({ Bucket: bucket, Key: "copy", CopySource: `${bucket}/src` }));
    await engine.client.send(
      new CopyObjectCommand({ Bucket: bucket, Key: "public-copy", CopySource: `${bucket}/src`, ACL: "public-read" }),
    );
    expect((await anonymous(`/${bucket}/copy`)).status).toBe(403);
    expect((await anonymous(`/${bucket}/public-copy`)).status).toBe(200);
    const upload = await engine.client.send(
      new CreateMultipartUploadCommand({ Bucket: bucket, Key: "mpu", ACL: "public-read" }),
    );
    const part = await engine.client.send(
      new UploadPartCommand({ Bucket: bucket, Key: "mpu", UploadId: upload.UploadId, PartNumber: 1, Body: "part" }),
    );
    await engine.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: "mpu",
        UploadId: upload.UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] },
      }),
    );
    const read = await anonymous(`/${bucket}/mpu`);
    expect(read.status).toBe(200);
    expect(await read.text()).toBe("part");
  });

  it("PutObjectAcl grants by header and by body; GetObjectAcl reads it back", async () => {
    const bucket = await newBucket(engine.client, "put-object-acl");
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "x" }));
    const other = await outsider("object-grantee");
    await engine.client.send(
      new PutObjectAclCommand({ Bucket: bucket, Key: "k", GrantRead: `id="${other.accessKeyId}"` }),
    );
    await other.client.send(new GetObjectCommand({ Bucket: bucket, Key: "k" }));
    expect((await anonymous(`/${bucket}/k`)).status).toBe(403);
    await engine.client.send(
      new PutObjectAclCommand({
        Bucket: bucket,
        Key: "k",
        AccessControlPolicy: {
          Owner: { ID: engine.accessKeyId },
          Grants: [{ Grantee: { Type: "Group", URI: allUsers }, Permission: "READ" }],
        },
      }),
    );
    expect((await anonymous(`/${bucket}/k`)).status).toBe(200);
    await expectS3Error(other.client.send(new GetObjectAclCommand({ Bucket: bucket, Key: "k" })), "AccessDenied", 403);
    const acls = await engine.client.send(new GetObjectAclCommand({ Bucket: bucket, Key: "k" }));
    expect(acls.Grants?.map((item) => item.Grantee?.URI ?? item.Grantee?.ID)).toEqual([engine.accessKeyId, allUsers]);
    await expectS3Error(
      engine.client.send(new PutObjectAclCommand({ Bucket: bucket, Key: "absent", ACL: "private" })),
      "NoSuchKey",
      404,
    );
  });
});

describe("object ownership", () => {
  it("BucketOwnerEnforced disables ACLs as AWS does", async () => {
    const bucket = await newBucket(engine.client, "enforced");
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "old", Body: "x", ACL: "public-read" }));
    expect((await anonymous(`/${bucket}/old`)).status).toBe(200);
    await expectS3Error(
      engine.client.send(new GetBucketOwnershipControlsCommand({ Bucket: bucket })),
      "OwnershipControlsNotFoundError",
      404,
    );
    await engine.client.send(
      new PutBucketOwnershipControlsCommand({
        Bucket: bucket,
        OwnershipControls: { Rules: [{ ObjectOwnership: "BucketOwnerEnforced" }] },
      }),
    );
    const controls = await engine.client.send(new GetBucketOwnershipControlsCommand({ Bucket: bucket }));
    expect(controls.OwnershipControls?.Rules?.[0]?.ObjectOwnership).toBe("BucketOwnerEnforced");
    // Existing ACLs no longer count; new ones other than bucket-owner-full-control are refused.
    expect((await anonymous(`/${bucket}/old`)).status).toBe(403);
    await expectS3Error(
      engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "x", ACL: "public-read" })),
      "AccessControlListNotSupported",
      400,
    );
    await expectS3Error(
      engine.client.send(new PutBucketAclCommand({ Bucket: bucket, ACL: "public-read" })),
      "AccessControlListNotSupported",
      400,
    );
    await engine.client.send(
      new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "x", ACL: "bucket-owner-full-control" }),
    );
    await engine.client.send(new DeleteBucketOwnershipControlsCommand({ Bucket: bucket }));
    expect((await anonymous(`/${bucket}/old`)).status).toBe(200);
  });

  it("refuses BucketOwnerEnforced while the bucket's ACL grants others, and at creation with a public ACL", async () => {
    const bucket = await newBucket(engine.client, "enforce-conflict");
    await engine.client.send(new PutBucketAclCommand({ Bucket: bucket, ACL: "public-read" }));
    await expectS3Error(
      engine.client.send(
        new PutBucketOwnershipControlsCommand({
          Bucket: bucket,
          OwnershipControls: { Rules: [{ ObjectOwnership: "BucketOwnerEnforced" }] },
        }),
      ),
      "InvalidBucketAclWithObjectOwnership",
      400,
    );
    const name = uniqueBucketName("enforced-at-creation");
    await expectS3Error(
      engine.client.send(
        new CreateBucketCommand({ Bucket: name, ACL: "public-read", ObjectOwnership: "BucketOwnerEnforced" }),
      ),
      "InvalidBucketAclWithObjectOwnership",
      400,
    );
    await engine.client.send(new CreateBucketCommand({ Bucket: name, ObjectOwnership: "BucketOwnerEnforced" }));
    const controls = await engine.client.send(new GetBucketOwnershipControlsCommand({ Bucket: name }));
    expect(controls.OwnershipControls?.Rules?.[0]?.ObjectOwnership).toBe("BucketOwnerEnforced");
  });
});
