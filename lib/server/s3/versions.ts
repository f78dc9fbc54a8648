import "server-only";
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetBucketVersioningCommand,
  GetObjectTaggingCommand,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  PutObjectTaggingCommand,
  S3ServiceException,
  type S3Client,
} from "@aws-sdk/client-s3";
import { adminCalls } from "@/lib/server/admin-api/calls";
import type { Connection } from "@/lib/server/connections";
import { withBucket } from "@/lib/server/s3/bucket-access";
import { consoleKey } from "@/lib/server/s3/console-key";
import { listPageSize } from "@/lib/s3/limits";
import { delimiter } from "@/lib/s3/paths";
import type { ObjectTag, ObjectVersionEntry, VersioningState, VersionPage } from "@/lib/s3/types";

/** Versions and tags through S3 with the console key: one function per operation. */

export async function bucketVersioning(connection: Connection, bucketId: string): Promise<VersioningState> {
  return withBucket(connection, bucketId, async ({ s3, s3Name }) => {
    const answer = await s3.send(new GetBucketVersioningCommand({ Bucket: s3Name }));
    return answer.Status === "Enabled" ? "enabled" : answer.Status === "Suspended" ? "suspended" : "off";
  });
}

/**
 * PutBucketVersioning is the bucket owner's (as AWS has it): the console key is made an
 * owner of this bucket first, as it is made a reader and writer to browse it.
 */
export async function setBucketVersioning(
  connection: Connection,
  bucketId: string,
  enabled: boolean,
): Promise<VersioningState> {
  const key = await consoleKey(connection);
  await (
    await adminCalls(connection)
  ).allowBucketKey({ bucketId, accessKeyId: key.accessKeyId, permissions: { owner: true } });
  return withBucket(connection, bucketId, async ({ s3, s3Name }) => {
    const status = enabled ? "Enabled" : "Suspended";
    await s3.send(new PutBucketVersioningCommand({ Bucket: s3Name, VersioningConfiguration: { Status: status } }));
    return enabled ? "enabled" : "suspended";
  });
}

/** One page of a folder's versions and delete markers, newest first within each key. */
export async function listVersionsFolder(
  connection: Connection,
  bucketId: string,
  prefix: string,
  from: { keyMarker: string; versionIdMarker: string | null } | null,
): Promise<VersionPage> {
  return withBucket(connection, bucketId, async ({ s3, s3Name }) => {
    const page = await s3.send(
      new ListObjectVersionsCommand({
        Bucket: s3Name,
        Prefix: prefix,
        Delimiter: delimiter,
        MaxKeys: listPageSize,
        KeyMarker: from?.keyMarker,
        VersionIdMarker: from?.versionIdMarker ?? undefined,
      }),
    );
    const entry = (item: { Key?: string; VersionId?: string; IsLatest?: boolean; LastModified?: Date }) => ({
      key: item.Key ?? "",
      versionId: item.VersionId ?? "null",
      isLatest: item.IsLatest ?? false,
      lastModified: item.LastModified?.toISOString() ?? null,
    });
    const versions: ObjectVersionEntry[] = [
      ...(page.Versions ?? []).map((item) => ({
        ...entry(item),
        deleteMarker: false,
        sizeBytes: item.Size ?? 0,
        etag: item.ETag ?? null,
      })),
      ...(page.DeleteMarkers ?? []).map((item) => ({ ...entry(item), deleteMarker: true, sizeBytes: 0, etag: null })),
    ];
    return {
      prefix,
      folders: (page.CommonPrefixes ?? []).flatMap((item) => (item.Prefix ? [item.Prefix] : [])),
      versions: sortedVersions(versions),
      next:
        page.IsTruncated && page.NextKeyMarker
          ? { keyMarker: page.NextKeyMarker, versionIdMarker: page.NextVersionIdMarker ?? null }
          : null,
    };
  });
}

/** S3 answers versions and delete markers in two lists: together again, by key, newest first. */
function sortedVersions(entries: ObjectVersionEntry[]): ObjectVersionEntry[] {
  return [...entries].sort(
    (a, b) =>
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) ||
      Number(b.isLatest) - Number(a.isLatest) ||
      (b.lastModified ?? "").localeCompare(a.lastModified ?? ""),
  );
}

/** Deletes one version for good (a delete marker too: the object it hid comes back). */
export async function deleteVersion(
  connection: Connection,
  bucketId: string,
  key: string,
  versionId: string,
): Promise<void> {
  await withBucket(connection, bucketId, ({ s3, s3Name }) =>
    s3.send(new DeleteObjectCommand({ Bucket: s3Name, Key: key, VersionId: versionId })),
  );
}

/** Makes an older version current again by copying it onto its own key (AWS's way); returns the new version. */
export async function restoreVersion(
  connection: Connection,
  bucketId: string,
  key: string,
  versionId: string,
): Promise<{ versionId: string | null }> {
  return withBucket(connection, bucketId, async ({ s3, s3Name }) => {
    const source = `${s3Name}/${key.split("/").map(encodeURIComponent).join("/")}?versionId=${encodeURIComponent(versionId)}`;
    const copied = await s3.send(new CopyObjectCommand({ Bucket: s3Name, Key: key, CopySource: source }));
    return { versionId: copied.VersionId ?? null };
  });
}

/** An object's tags; null when the cluster does not offer tagging (Garage answers 501). */
export async function readTags(s3: S3Client, bucket: string, key: string): Promise<ObjectTag[] | null> {
  try {
    const answer = await s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: key }));
    return (answer.TagSet ?? []).map((tag) => ({ key: tag.Key ?? "", value: tag.Value ?? "" }));
  } catch (error) {
    if (error instanceof S3ServiceException && error.name === "NotImplemented") return null;
    throw error;
  }
}

export async function setObjectTags(
  connection: Connection,
  bucketId: string,
  key: string,
  tags: ObjectTag[],
): Promise<ObjectTag[]> {
  await withBucket(connection, bucketId, ({ s3, s3Name }) =>
    s3.send(
      new PutObjectTaggingCommand({
        Bucket: s3Name,
        Key: key,
        Tagging: { TagSet: tags.map((tag) => ({ Key: tag.key, Value: tag.value })) },
      }),
    ),
  );
  return tags;
}
