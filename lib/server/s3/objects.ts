import "server-only";
import {
  CopyObjectCommand,
  DeleteObjectsCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  type S3Client,
} from "@aws-sdk/client-s3";
import type { Connection } from "@/lib/server/connections";
import { withBucket } from "@/lib/server/s3/bucket-access";
import { readTags } from "@/lib/server/s3/versions";
import { deleteBatchSize, listPageSize, maxCountedObjects } from "@/lib/s3/limits";
import { batches } from "@/lib/s3/parts";
import { delimiter, targetKey } from "@/lib/s3/paths";
import type { ObjectMetadata, ObjectPage, PrefixCount } from "@/lib/s3/types";

/** Object reads and writes through S3 with the console key: one function per operation. */

export async function listFolder(
  connection: Connection,
  bucketId: string,
  prefix: string,
  continuationToken: string | null,
): Promise<ObjectPage> {
  return withBucket(connection, bucketId, async ({ s3, s3Name }) => {
    const page = await s3.send(
      new ListObjectsV2Command({
        Bucket: s3Name,
        Prefix: prefix,
        Delimiter: delimiter,
        MaxKeys: listPageSize,
        ContinuationToken: continuationToken ?? undefined,
      }),
    );
    return {
      prefix,
      folders: (page.CommonPrefixes ?? []).flatMap((item) => (item.Prefix ? [item.Prefix] : [])),
      objects: (page.Contents ?? []).flatMap((item) =>
        item.Key === undefined
          ? []
          : [
              {
                key: item.Key,
                sizeBytes: item.Size ?? 0,
                lastModified: item.LastModified?.toISOString() ?? null,
                etag: item.ETag ?? null,
              },
            ],
      ),
      nextToken: page.IsTruncated && page.NextContinuationToken ? page.NextContinuationToken : null,
    };
  });
}

export async function headObject(connection: Connection, bucketId: string, key: string): Promise<ObjectMetadata> {
  return withBucket(connection, bucketId, async ({ s3, s3Name }) => {
    const head = await s3.send(new HeadObjectCommand({ Bucket: s3Name, Key: key }));
    return {
      key,
      sizeBytes: head.ContentLength ?? 0,
      contentType: head.ContentType ?? null,
      etag: head.ETag ?? null,
      lastModified: head.LastModified?.toISOString() ?? null,
      cacheControl: head.CacheControl ?? null,
      contentEncoding: head.ContentEncoding ?? null,
      userMetadata: head.Metadata ?? {},
      versionId: head.VersionId ?? null,
      tags: await readTags(s3, s3Name, key),
    };
  });
}

/** Every key under a prefix, a page of 1000 at a time (never all in memory). */
async function* keysUnder(
  s3: S3Client,
  bucket: string,
  prefix: string,
): AsyncGenerator<{ keys: string[]; sizeBytes: number }> {
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, MaxKeys: deleteBatchSize, ContinuationToken: token }),
    );
    const contents = page.Contents ?? [];
    yield {
      keys: contents.flatMap((item) => (item.Key === undefined ? [] : [item.Key])),
      sizeBytes: contents.reduce((sum, item) => sum + (item.Size ?? 0), 0),
    };
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
}

/** What deleting a prefix would remove, counted before anyone confirms. */
export async function countPrefix(connection: Connection, bucketId: string, prefix: string): Promise<PrefixCount> {
  return withBucket(connection, bucketId, async ({ s3, s3Name }) => {
    const count: PrefixCount = { prefix, objects: 0, sizeBytes: 0, truncated: false };
    for await (const page of keysUnder(s3, s3Name, prefix)) {
      count.objects += page.keys.length;
      count.sizeBytes += page.sizeBytes;
      if (count.objects >= maxCountedObjects) return { ...count, truncated: true };
    }
    return count;
  });
}

async function deleteBatch(s3: S3Client, bucket: string, keys: string[]): Promise<void> {
  const result = await s3.send(
    new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys.map((key) => ({ Key: key })), Quiet: true } }),
  );
  const failed = result.Errors ?? [];
  if (failed.length)
    throw new ObjectOperationError(
      `${failed.length} of ${keys.length} objects could not be deleted (${failed[0].Code ?? "unknown"}: ${failed[0].Key ?? ""}).`,
    );
}

/** Deletes the given keys, 1000 per DeleteObjects. */
export async function deleteKeys(connection: Connection, bucketId: string, keys: string[]): Promise<number> {
  return withBucket(connection, bucketId, async ({ s3, s3Name }) => {
    for (const batch of batches(keys, deleteBatchSize)) await deleteBatch(s3, s3Name, batch);
    return keys.length;
  });
}

/** Deletes everything under a prefix: list a page of 1000, delete it, repeat. */
export async function deletePrefix(connection: Connection, bucketId: string, prefix: string): Promise<number> {
  return withBucket(connection, bucketId, async ({ s3, s3Name }) => {
    let deleted = 0;
    for await (const page of keysUnder(s3, s3Name, prefix)) {
      if (page.keys.length === 0) break;
      await deleteBatch(s3, s3Name, page.keys);
      deleted += page.keys.length;
    }
    return deleted;
  });
}

/** An S3 refusal worth a sentence of its own. */
export class ObjectOperationError extends Error {
  override name = "ObjectOperationError";
}

/** CopySource is "bucket/key" with the key URL-encoded (slashes kept). */
function copySource(bucket: string, key: string): string {
  return `${bucket}/${key.split("/").map(encodeURIComponent).join("/")}`;
}

export interface CopyRequest {
  sourceBucketId: string;
  keys: string[];
  targetBucketId: string;
  targetPrefix: string;
  /** Move = copy, then delete the source once every copy succeeded. */
  move: boolean;
}

export async function copyObjects(
  connection: Connection,
  request: CopyRequest,
): Promise<{ copied: number; targets: string[] }> {
  const targets = request.keys.map((key) => targetKey(key, request.targetPrefix));
  if (request.sourceBucketId === request.targetBucketId && request.keys.some((key, index) => key === targets[index])) {
    throw new ObjectOperationError("An object cannot be copied or moved onto itself; choose another folder or bucket.");
  }
  await withBucket(connection, request.sourceBucketId, async (source) =>
    withBucket(connection, request.targetBucketId, async (target) => {
      for (const [index, key] of request.keys.entries()) {
        await target.s3.send(
          new CopyObjectCommand({
            Bucket: target.s3Name,
            Key: targets[index],
            CopySource: copySource(source.s3Name, key),
          }),
        );
      }
    }),
  );
  if (request.move) await deleteKeys(connection, request.sourceBucketId, request.keys);
  return { copied: request.keys.length, targets };
}
