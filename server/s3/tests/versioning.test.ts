import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  type ListObjectVersionsCommandOutput,
  ListObjectsV2Command,
  PutBucketVersioningCommand,
  PutObjectCommand,
  UploadPartCopyCommand,
} from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import {
  bodyBytes,
  expectS3Error,
  expectStatus,
  newBucket,
  seededBytes,
  sharedS3TestEngine,
  signedFetch,
} from "./helpers";

/** S3 versioning as AWS documents it: versions, delete markers, the null version, listings, copies. */

const engine = sharedS3TestEngine();

async function versionedBucket(prefix = "ver"): Promise<string> {
  const bucket = await newBucket(engine.client, prefix);
  await engine.client.send(
    new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: "Enabled" } }),
  );
  return bucket;
}

async function put(bucket: string, key: string, body: string): Promise<string> {
  const response = await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  return response.VersionId ?? "";
}

async function read(bucket: string, key: string, versionId?: string): Promise<string> {
  const response = await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }));
  return (await bodyBytes(response.Body)).toString();
}

/** Every version, one per page, so the order across Version and DeleteMarker lists is the listing's own. */
async function allVersions(bucket: string, extra: { Prefix?: string; Delimiter?: string } = {}) {
  const versions: Array<{ key: string; id: string; latest: boolean; marker: boolean }> = [];
  const prefixes: string[] = [];
  let markers: { KeyMarker?: string; VersionIdMarker?: string } = {};
  for (let page = 0; page < 100; page += 1) {
    const response: ListObjectVersionsCommandOutput = await engine.client.send(
      new ListObjectVersionsCommand({ Bucket: bucket, MaxKeys: 1, ...extra, ...markers }),
    );
    const entries = [
      ...(response.Versions ?? []).map((entry) => ({ entry, marker: false })),
      ...(response.DeleteMarkers ?? []).map((entry) => ({ entry, marker: true })),
    ];
    for (const { entry, marker } of entries)
      versions.push({ key: entry.Key ?? "", id: entry.VersionId ?? "", latest: entry.IsLatest ?? false, marker });
    prefixes.push(...(response.CommonPrefixes ?? []).map((prefix) => prefix.Prefix ?? ""));
    if (!response.IsTruncated) return { versions, prefixes };
    markers = { KeyMarker: response.NextKeyMarker, VersionIdMarker: response.NextVersionIdMarker };
  }
  throw new Error("the version listing did not end");
}

describe("versioning", () => {
  it("reports the bucket's state: none, Enabled, Suspended", async () => {
    const bucket = await newBucket(engine.client, "state");
    const state = async () => (await engine.client.send(new GetBucketVersioningCommand({ Bucket: bucket }))).Status;
    expect(await state()).toBeUndefined();
    await engine.client.send(
      new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: "Enabled" } }),
    );
    expect(await state()).toBe("Enabled");
    await engine.client.send(
      new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: "Suspended" } }),
    );
    expect(await state()).toBe("Suspended");
  });

  it("keeps every overwrite, hides a deleted key behind a delete marker, and brings it back when the marker goes", async () => {
    const bucket = await versionedBucket();
    const first = await put(bucket, "doc", "one");
    const second = await put(bucket, "doc", "two");
    expect(first).not.toBe(second);
    expect(first).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(await read(bucket, "doc")).toBe("two");
    expect(await read(bucket, "doc", first)).toBe("one");

    const deleted = await engine.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: "doc" }));
    expect(deleted.DeleteMarker).toBe(true);
    const markerId = deleted.VersionId ?? "";
    expect(markerId).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const hidden = await expectS3Error(
      engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "doc" })),
      "NoSuchKey",
      404,
    );
    expect(hidden.$response?.headers["x-amz-delete-marker"]).toBe("true");
    expect(hidden.$response?.headers["x-amz-version-id"]).toBe(markerId);
    // Reading the marker itself by its id is 405, as AWS answers.
    await expectStatus(
      engine.client.send(new HeadObjectCommand({ Bucket: bucket, Key: "doc", VersionId: markerId })),
      405,
    );
    expect((await engine.client.send(new ListObjectsV2Command({ Bucket: bucket }))).KeyCount).toBe(0);
    expect(await read(bucket, "doc", second)).toBe("two");

    const listed = await allVersions(bucket);
    expect(listed.versions).toEqual([
      { key: "doc", id: markerId, latest: true, marker: true },
      { key: "doc", id: second, latest: false, marker: false },
      { key: "doc", id: first, latest: false, marker: false },
    ]);

    const undone = await engine.client.send(
      new DeleteObjectCommand({ Bucket: bucket, Key: "doc", VersionId: markerId }),
    );
    expect(undone.DeleteMarker).toBe(true);
    expect(undone.VersionId).toBe(markerId);
    expect(await read(bucket, "doc")).toBe("two");
    const head = await engine.client.send(new HeadObjectCommand({ Bucket: bucket, Key: "doc" }));
    expect(head.VersionId).toBe(second);
  });

  it("deletes one version permanently; the one below becomes current", async () => {
    const bucket = await versionedBucket();
    const first = await put(bucket, "k", "one");
    const second = await put(bucket, "k", "two");
    const removed = await engine.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: "k", VersionId: second }));
    expect(removed.VersionId).toBe(second);
    expect(removed.DeleteMarker).toBeFalsy();
    expect(await read(bucket, "k")).toBe("one");
    await expectS3Error(
      engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "k", VersionId: second })),
      "NoSuchVersion",
      404,
    );
    expect((await allVersions(bucket)).versions).toEqual([{ key: "k", id: first, latest: true, marker: false }]);
  });

  it("suspended versioning overwrites the null version only, keeping the versions made while enabled", async () => {
    const bucket = await newBucket(engine.client, "susp");
    await put(bucket, "k", "before versioning");
    await engine.client.send(
      new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: "Enabled" } }),
    );
    const enabled = await put(bucket, "k", "while enabled");
    expect(await read(bucket, "k", "null")).toBe("before versioning");
    await engine.client.send(
      new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: "Suspended" } }),
    );
    expect(await put(bucket, "k", "suspended one")).toBe("null");
    expect(await put(bucket, "k", "suspended two")).toBe("null");
    expect(await read(bucket, "k")).toBe("suspended two");
    expect(await read(bucket, "k", "null")).toBe("suspended two");
    expect(await read(bucket, "k", enabled)).toBe("while enabled");
    expect((await allVersions(bucket)).versions.map((entry) => entry.id)).toEqual(["null", enabled]);

    // A delete while suspended replaces the null version with a null delete marker.
    const deleted = await engine.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: "k" }));
    expect(deleted).toMatchObject({ DeleteMarker: true, VersionId: "null" });
    expect((await allVersions(bucket)).versions).toEqual([
      { key: "k", id: "null", latest: true, marker: true },
      { key: "k", id: enabled, latest: false, marker: false },
    ]);
  });

  it("lists versions with prefix, delimiter, key-marker, version-id-marker and max-keys", async () => {
    const bucket = await versionedBucket("list");
    const ids: Record<string, string[]> = {};
    for (const key of ["a/1", "a/2", "b", "c"]) {
      ids[key] = [];
      for (const body of ["x", "y"]) ids[key].unshift(await put(bucket, key, body));
    }
    const paged = await allVersions(bucket);
    expect(paged.versions.map((entry) => `${entry.key}:${entry.id}:${entry.latest}`)).toEqual(
      ["a/1", "a/2", "b", "c"].flatMap((key) => [`${key}:${ids[key][0]}:true`, `${key}:${ids[key][1]}:false`]),
    );
    const grouped = await allVersions(bucket, { Delimiter: "/" });
    expect(grouped.prefixes).toEqual(["a/"]);
    expect(grouped.versions.map((entry) => entry.key)).toEqual(["b", "b", "c", "c"]);
    const prefixed = await allVersions(bucket, { Prefix: "a/" });
    expect(prefixed.versions.map((entry) => entry.key)).toEqual(["a/1", "a/1", "a/2", "a/2"]);
    const afterKey = await engine.client.send(new ListObjectVersionsCommand({ Bucket: bucket, KeyMarker: "b" }));
    expect(afterKey.Versions?.map((entry) => entry.Key)).toEqual(["c", "c"]);
    const afterVersion = await engine.client.send(
      new ListObjectVersionsCommand({ Bucket: bucket, KeyMarker: "b", VersionIdMarker: ids.b[0] }),
    );
    expect(afterVersion.Versions?.map((entry) => entry.VersionId)).toEqual([ids.b[1], ...ids.c]);
    await expectS3Error(
      engine.client.send(new ListObjectVersionsCommand({ Bucket: bucket, VersionIdMarker: ids.b[0] })),
      "InvalidArgument",
      400,
    );
    const none = await engine.client.send(new ListObjectVersionsCommand({ Bucket: bucket, MaxKeys: 0 }));
    expect(none.IsTruncated).toBe(false);
    expect(none.Versions ?? []).toEqual([]);
  });

  it("copies from a specific version, also onto its own key to restore it", async () => {
    const bucket = await versionedBucket("copyver");
    const first = await put(bucket, "src", "first");
    await put(bucket, "src", "second");
    const copied = await engine.client.send(
      new CopyObjectCommand({ Bucket: bucket, Key: "dst", CopySource: `${bucket}/src?versionId=${first}` }),
    );
    expect(copied.CopySourceVersionId).toBe(first);
    expect(copied.VersionId).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(await read(bucket, "dst")).toBe("first");
    const restored = await engine.client.send(
      new CopyObjectCommand({ Bucket: bucket, Key: "src", CopySource: `${bucket}/src?versionId=${first}` }),
    );
    expect(await read(bucket, "src")).toBe("first");
    expect((await allVersions(bucket, { Prefix: "src" })).versions).toHaveLength(3);
    expect(restored.VersionId).not.toBe(first);
    const marker = (await engine.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: "src" }))).VersionId;
    await expectS3Error(
      engine.client.send(
        new CopyObjectCommand({ Bucket: bucket, Key: "x", CopySource: `${bucket}/src?versionId=${marker}` }),
      ),
      "InvalidRequest",
      400,
    );
    await expectS3Error(
      engine.client.send(new CopyObjectCommand({ Bucket: bucket, Key: "x", CopySource: `${bucket}/src` })),
      "NoSuchKey",
      404,
    );
  });

  it("UploadPartCopy reads a named version; completion answers the new version's id", async () => {
    const bucket = await versionedBucket("mpuver");
    const old = seededBytes(6 * 1024 * 1024, "old version");
    const first = (await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "src", Body: old }))).VersionId;
    await put(bucket, "src", "newer and small");
    const upload = await engine.client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: "dst" }));
    const part = await engine.client.send(
      new UploadPartCopyCommand({
        Bucket: bucket,
        Key: "dst",
        UploadId: upload.UploadId,
        PartNumber: 1,
        CopySource: `${bucket}/src?versionId=${first}`,
      }),
    );
    expect(part.CopySourceVersionId).toBe(first);
    const completed = await engine.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: "dst",
        UploadId: upload.UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.CopyPartResult?.ETag }] },
      }),
    );
    expect(completed.VersionId).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const got = await engine.client.send(
      new GetObjectCommand({ Bucket: bucket, Key: "dst", VersionId: completed.VersionId }),
    );
    expect((await bodyBytes(got.Body)).equals(old)).toBe(true);
  });

  it("DeleteObjects removes named versions and makes delete markers, reporting each", async () => {
    const bucket = await versionedBucket("delmany");
    const first = await put(bucket, "a", "1");
    await put(bucket, "a", "2");
    await put(bucket, "b", "1");
    const result = await engine.client.send(
      new DeleteObjectsCommand({
        Bucket: bucket,
        Delete: { Objects: [{ Key: "a", VersionId: first }, { Key: "b" }, { Key: "c", VersionId: "not-a-version" }] },
      }),
    );
    const byKey = new Map((result.Deleted ?? []).map((entry) => [entry.Key, entry]));
    expect(byKey.get("a")).toMatchObject({ Key: "a", VersionId: first });
    expect(byKey.get("a")?.DeleteMarker).toBeFalsy();
    expect(byKey.get("b")).toMatchObject({ Key: "b", DeleteMarker: true });
    expect(byKey.get("b")?.DeleteMarkerVersionId).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(result.Errors).toEqual([expect.objectContaining({ Key: "c", Code: "InvalidArgument" })]);
    expect(await read(bucket, "a")).toBe("2");
    await expectS3Error(engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "b" })), "NoSuchKey", 404);
  });

  it("refuses a malformed version id, and a bucket holding only older versions is not empty", async () => {
    const bucket = await versionedBucket("notempty");
    await put(bucket, "k", "v");
    await expectS3Error(
      engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "k", VersionId: "bogus" })),
      "InvalidArgument",
      400,
    );
    await engine.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: "k" }));
    await expectS3Error(engine.client.send(new DeleteBucketCommand({ Bucket: bucket })), "BucketNotEmpty", 409);
    for (const version of (await allVersions(bucket)).versions)
      await engine.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: version.key, VersionId: version.id }));
    await engine.client.send(new DeleteBucketCommand({ Bucket: bucket }));
  });

  it("an unversioned bucket names no versions, answers versionId=null, and says a DELETE made no marker", async () => {
    const bucket = await newBucket(engine.client, "plain");
    const putResponse = await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "v" }));
    expect(putResponse.VersionId).toBeUndefined();
    expect((await engine.client.send(new HeadObjectCommand({ Bucket: bucket, Key: "k" }))).VersionId).toBeUndefined();
    expect(await read(bucket, "k", "null")).toBe("v");
    const raw = await signedFetch(
      {
        endpoint: engine.running.s3Url,
        region: engine.running.config.s3.region,
        accessKeyId: engine.accessKeyId,
        secretAccessKey: engine.secretAccessKey,
      },
      { method: "DELETE", path: `/${bucket}/k` },
    );
    expect(raw.status).toBe(204);
    expect(raw.headers.get("x-amz-delete-marker")).toBe("false");
    expect(raw.headers.get("x-amz-version-id")).toBeNull();
    const listed = await allVersions(bucket);
    expect(listed.versions).toEqual([]);
  });
});
