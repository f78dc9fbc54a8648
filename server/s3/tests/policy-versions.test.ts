import {
  CopyObjectCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectAclCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  PutBucketPolicyCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { expectS3Error, expectStatus, newBucket, sharedS3TestEngine } from "./helpers";
import type { PermissionFlags } from "../../engine/service/access-keys";

/**
 * A request naming a version (`?versionId=`, a copy source's or a DeleteObjects entry's
 * VersionId) is authorised with AWS's versioned actions: s3:GetObjectVersion,
 * s3:DeleteObjectVersion, s3:Get/PutObjectVersionTagging, s3:GetObjectVersionAcl; the
 * unversioned action does not reach older versions, and the versioned one does not
 * reach the current object by its plain name.
 */

const engine = sharedS3TestEngine();

function policy(...statements: object[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

async function putPolicy(bucket: string, ...statements: object[]): Promise<void> {
  await engine.client.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: policy(...statements) }));
}

async function grant(bucket: string, accessKeyId: string, flags: Partial<PermissionFlags>): Promise<void> {
  const core = engine.running.engine;
  const bucketId = core.buckets.resolveName(bucket, null)?.id ?? "";
  await core.buckets.changeKeyPermission(bucketId, accessKeyId, flags, true);
}

/** A versioned bucket with two versions of `doc`: the older tagged public=yes. */
async function twoVersions(prefix: string): Promise<{ bucket: string; older: string; newer: string }> {
  const bucket = await newBucket(engine.client, prefix);
  await engine.client.send(
    new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: "Enabled" } }),
  );
  const first = await engine.client.send(
    new PutObjectCommand({ Bucket: bucket, Key: "doc", Body: "one", Tagging: "public=yes" }),
  );
  const second = await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "doc", Body: "two" }));
  return { bucket, older: first.VersionId ?? "", newer: second.VersionId ?? "" };
}

async function newClient(name: string): Promise<{ accessKeyId: string; client: S3Client }> {
  const key = await engine.newKey(name);
  return { accessKeyId: key.accessKeyId, client: engine.clientFor(key.accessKeyId, key.secretAccessKey) };
}

async function readText(client: S3Client, bucket: string, versionId?: string): Promise<string | undefined> {
  const read = await client.send(new GetObjectCommand({ Bucket: bucket, Key: "doc", VersionId: versionId }));
  return read.Body?.transformToString();
}

describe("reads naming a version", () => {
  it("need s3:GetObjectVersion; s3:GetObject reads only the current object", async () => {
    const { bucket, older } = await twoVersions("pv-get");
    const reader = await newClient("pv-reader");
    const resource = `arn:aws:s3:::${bucket}/*`;
    await putPolicy(bucket, {
      Effect: "Allow",
      Principal: { AWS: reader.accessKeyId },
      Action: "s3:GetObject",
      Resource: resource,
    });
    expect(await readText(reader.client, bucket)).toBe("two");
    await expectS3Error(readText(reader.client, bucket, older), "AccessDenied", 403);
    await expectStatus(
      reader.client.send(new HeadObjectCommand({ Bucket: bucket, Key: "doc", VersionId: older })),
      403,
    );

    await putPolicy(bucket, {
      Effect: "Allow",
      Principal: { AWS: reader.accessKeyId },
      Action: "s3:GetObjectVersion",
      Resource: resource,
    });
    expect(await readText(reader.client, bucket, older)).toBe("one");
    await expectS3Error(readText(reader.client, bucket), "AccessDenied", 403);
  });

  it("a Deny of s3:GetObjectVersion beats a key's read grant for versions only", async () => {
    const { bucket, older } = await twoVersions("pv-deny-get");
    const reader = await newClient("pv-granted");
    await grant(bucket, reader.accessKeyId, { read: true });
    expect(await readText(reader.client, bucket, older)).toBe("one");
    await putPolicy(bucket, {
      Effect: "Deny",
      Principal: "*",
      Action: "s3:GetObjectVersion",
      Resource: `arn:aws:s3:::${bucket}/*`,
    });
    await expectS3Error(readText(reader.client, bucket, older), "AccessDenied", 403);
    expect(await readText(reader.client, bucket)).toBe("two");
    // CopyObject reads its source by version the same way.
    await expectS3Error(
      engine.client.send(
        new CopyObjectCommand({ Bucket: bucket, Key: "copy", CopySource: `${bucket}/doc?versionId=${older}` }),
      ),
      "AccessDenied",
      403,
    );
    await engine.client.send(new CopyObjectCommand({ Bucket: bucket, Key: "copy", CopySource: `${bucket}/doc` }));
  });

  it("s3:ExistingObjectTag reads the tags of the version named", async () => {
    const { bucket, older, newer } = await twoVersions("pv-tags");
    await putPolicy(bucket, {
      Effect: "Allow",
      Principal: "*",
      Action: "s3:GetObjectVersion",
      Resource: `arn:aws:s3:::${bucket}/*`,
      Condition: { StringEquals: { "s3:ExistingObjectTag/public": "yes" } },
    });
    const anonymous = (versionId: string) =>
      fetch(`${engine.running.s3Url}/${bucket}/doc?versionId=${encodeURIComponent(versionId)}`);
    const read = await anonymous(older);
    expect(read.status).toBe(200);
    expect(await read.text()).toBe("one");
    expect((await anonymous(newer)).status).toBe(403);
  });
});

describe("tags and ACLs of a version", () => {
  it("need s3:GetObjectVersionTagging, s3:PutObjectVersionTagging and s3:GetObjectVersionAcl", async () => {
    const { bucket, older } = await twoVersions("pv-tagging");
    const user = await newClient("pv-tagger");
    const resource = `arn:aws:s3:::${bucket}/*`;
    const plain = ["s3:GetObjectTagging", "s3:PutObjectTagging", "s3:GetObjectAcl"];
    await putPolicy(bucket, {
      Effect: "Allow",
      Principal: { AWS: user.accessKeyId },
      Action: plain,
      Resource: resource,
    });
    const getTags = (versionId?: string) =>
      user.client.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: "doc", VersionId: versionId }));
    const putTags = (versionId?: string) =>
      user.client.send(
        new PutObjectTaggingCommand({
          Bucket: bucket,
          Key: "doc",
          VersionId: versionId,
          Tagging: { TagSet: [{ Key: "seen", Value: "1" }] },
        }),
      );
    const getAcl = (versionId?: string) =>
      user.client.send(new GetObjectAclCommand({ Bucket: bucket, Key: "doc", VersionId: versionId }));
    expect((await getTags()).TagSet).toEqual([]);
    await putTags();
    await getAcl();
    await expectS3Error(getTags(older), "AccessDenied", 403);
    await expectS3Error(putTags(older), "AccessDenied", 403);
    await expectS3Error(getAcl(older), "AccessDenied", 403);

    await putPolicy(bucket, {
      Effect: "Allow",
      Principal: { AWS: user.accessKeyId },
      Action: ["s3:GetObjectVersionTagging", "s3:PutObjectVersionTagging", "s3:GetObjectVersionAcl"],
      Resource: resource,
    });
    expect((await getTags(older)).TagSet).toEqual([{ Key: "public", Value: "yes" }]);
    await putTags(older);
    expect((await getTags(older)).TagSet).toEqual([{ Key: "seen", Value: "1" }]);
    await getAcl(older);
    await expectS3Error(getTags(), "AccessDenied", 403);
  });
});

describe("deletes naming a version", () => {
  it("need s3:DeleteObjectVersion, for DeleteObject and for each DeleteObjects entry", async () => {
    const { bucket, older, newer } = await twoVersions("pv-delete");
    const writer = await newClient("pv-writer");
    await grant(bucket, writer.accessKeyId, { read: true, write: true });
    await putPolicy(bucket, {
      Effect: "Deny",
      Principal: { AWS: writer.accessKeyId },
      Action: "s3:DeleteObjectVersion",
      Resource: `arn:aws:s3:::${bucket}/*`,
    });
    await expectS3Error(
      writer.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: "doc", VersionId: older })),
      "AccessDenied",
      403,
    );
    const batch = await writer.client.send(
      new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: [{ Key: "doc", VersionId: newer }] } }),
    );
    expect(batch.Errors?.map((error) => [error.VersionId, error.Code])).toEqual([[newer, "AccessDenied"]]);
    expect(batch.Deleted ?? []).toEqual([]);
    // Without a version id, a delete only adds a delete marker: s3:DeleteObject, still allowed.
    const marker = await writer.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: "doc" }));
    expect(marker.DeleteMarker).toBe(true);
    // Every version is still there for the owner's key.
    expect(await readText(engine.client, bucket, older)).toBe("one");
    expect(await readText(engine.client, bucket, newer)).toBe("two");
  });
});
