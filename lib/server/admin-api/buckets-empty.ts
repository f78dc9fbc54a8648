import "server-only";
import { randomBytes } from "node:crypto";
import {
  AbortMultipartUploadCommand,
  DeleteObjectsCommand,
  ListMultipartUploadsCommand,
  ListObjectVersionsCommand,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { adminCalls } from "./calls";
import type { Connection } from "@/lib/server/connections";

/**
 * Empties a bucket through the S3 API, as an S3 client would: a temporary key granted
 * read and write on this bucket alone (and a temporary local alias when the bucket has
 * no global one), deleted again whatever happens. Objects (every version of them) go
 * 1000 per DeleteObjects.
 */
const deleteBatchSize = 1000;

export async function emptyBucket(
  connection: Connection,
  bucketId: string,
): Promise<{ deletedObjects: number; abortedUploads: number }> {
  const admin = await adminCalls(connection);
  const suffix = randomBytes(4).toString("hex");
  const key = await admin.createKey({ name: `carport-console-empty-${suffix}`, neverExpires: true });
  try {
    const info = await admin.allowBucketKey({
      bucketId,
      accessKeyId: key.accessKeyId,
      permissions: { read: true, write: true },
    });
    let bucketName = info.globalAliases[0];
    if (!bucketName) {
      bucketName = `carport-empty-${suffix}`;
      await admin.addBucketAlias({ bucketId, accessKeyId: key.accessKeyId, localAlias: bucketName });
    }
    if (!key.secretAccessKey) throw new Error("CreateKey returned no secret");
    const s3 = new S3Client({
      endpoint: connection.s3Endpoint,
      region: connection.region,
      forcePathStyle: true,
      credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey },
    });
    try {
      const abortedUploads = await abortUploads(s3, bucketName);
      const deletedObjects = await deleteObjects(s3, bucketName);
      return { deletedObjects, abortedUploads };
    } finally {
      s3.destroy();
    }
  } finally {
    await admin.deleteKey(key.accessKeyId);
  }
}

/**
 * Every version and delete marker goes (a versioned bucket is empty only then); a cluster
 * without ListObjectVersions (Garage answers 501) has current objects only.
 */
async function deleteObjects(s3: S3Client, bucket: string): Promise<number> {
  try {
    return await deleteVersions(s3, bucket);
  } catch (error) {
    if (!(error instanceof S3ServiceException && error.name === "NotImplemented")) throw error;
  }
  return deleteCurrentObjects(s3, bucket);
}

async function deleteVersions(s3: S3Client, bucket: string): Promise<number> {
  let deleted = 0;
  for (;;) {
    const page = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, MaxKeys: deleteBatchSize }));
    const versions = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].flatMap((item) =>
      item.Key === undefined ? [] : [{ Key: item.Key, VersionId: item.VersionId }],
    );
    if (versions.length === 0) return deleted;
    await deleteBatch(s3, bucket, versions);
    deleted += versions.length;
  }
}

async function deleteBatch(s3: S3Client, bucket: string, objects: Array<{ Key: string; VersionId?: string }>) {
  const result = await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: objects, Quiet: true } }));
  if (result.Errors?.length)
    throw new Error(`DeleteObjects refused ${result.Errors.length} keys: ${result.Errors[0].Code ?? "unknown"}`);
}

async function deleteCurrentObjects(s3: S3Client, bucket: string): Promise<number> {
  let deleted = 0;
  for (;;) {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: deleteBatchSize }));
    const keys = (page.Contents ?? []).flatMap((item) => (item.Key === undefined ? [] : [{ Key: item.Key }]));
    if (keys.length === 0) return deleted;
    await deleteBatch(s3, bucket, keys);
    deleted += keys.length;
  }
}

async function abortUploads(s3: S3Client, bucket: string): Promise<number> {
  let aborted = 0;
  for (;;) {
    const page = await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket, MaxUploads: deleteBatchSize }));
    const uploads = page.Uploads ?? [];
    if (uploads.length === 0) return aborted;
    for (const upload of uploads) {
      await s3.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: upload.Key, UploadId: upload.UploadId }));
      aborted += 1;
    }
  }
}
