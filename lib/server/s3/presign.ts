import "server-only";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  PutObjectCommand,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import type { Connection } from "@/lib/server/connections";
import { openBucket, withBucket } from "@/lib/server/s3/bucket-access";
import { transferUrlExpirySeconds } from "@/lib/s3/limits";
import { planParts } from "@/lib/s3/parts";
import { baseName, contentDisposition } from "@/lib/s3/paths";
import type { PresignedPart, StartedUpload, UploadedPart } from "@/lib/s3/types";

/**
 * Presigned URLs for the browser, signed with the console key on the server: bytes go
 * between the browser and the S3 API directly, and no credential leaves the server.
 */

export type DownloadMode = "attachment" | "inline";

export async function presignGet(
  connection: Connection,
  bucketId: string,
  key: string,
  mode: DownloadMode,
  expiresInSeconds = transferUrlExpirySeconds,
): Promise<string> {
  const { s3, s3Name } = await openBucket(connection, bucketId);
  const command = new GetObjectCommand({
    Bucket: s3Name,
    Key: key,
    ResponseContentDisposition: contentDisposition(mode, baseName(key)),
  });
  return getSignedUrl(s3, command, { expiresIn: expiresInSeconds });
}

/** A plain GET URL (no response overrides) for previews and share links. */
export async function presignPlainGet(
  connection: Connection,
  bucketId: string,
  key: string,
  expiresInSeconds: number,
): Promise<string> {
  const { s3, s3Name } = await openBucket(connection, bucketId);
  return getSignedUrl(s3, new GetObjectCommand({ Bucket: s3Name, Key: key }), { expiresIn: expiresInSeconds });
}

/** A single PUT. S3's presigner leaves Content-Type unsigned: the browser sends the file's type. */
export async function presignPut(connection: Connection, bucketId: string, key: string): Promise<string> {
  const { s3, s3Name } = await openBucket(connection, bucketId);
  return getSignedUrl(s3, new PutObjectCommand({ Bucket: s3Name, Key: key }), { expiresIn: transferUrlExpirySeconds });
}

export class UploadTooLargeError extends Error {
  override name = "UploadTooLargeError";
}

export async function startMultipart(
  connection: Connection,
  bucketId: string,
  key: string,
  contentType: string,
  sizeBytes: number,
): Promise<StartedUpload> {
  const plan = planParts(sizeBytes);
  if (!plan)
    throw new UploadTooLargeError("This file is larger than S3 allows for one object (10,000 parts of 5 GiB).");
  return withBucket(connection, bucketId, async ({ s3, s3Name }) => {
    const created = await s3.send(
      new CreateMultipartUploadCommand({ Bucket: s3Name, Key: key, ContentType: contentType }),
    );
    if (!created.UploadId) throw new Error("CreateMultipartUpload returned no upload id");
    return { key, uploadId: created.UploadId, ...plan };
  });
}

export async function presignParts(
  connection: Connection,
  bucketId: string,
  key: string,
  uploadId: string,
  partNumbers: number[],
): Promise<PresignedPart[]> {
  const { s3, s3Name } = await openBucket(connection, bucketId);
  return Promise.all(
    partNumbers.map(async (partNumber) => ({
      partNumber,
      url: await getSignedUrl(
        s3,
        new UploadPartCommand({ Bucket: s3Name, Key: key, UploadId: uploadId, PartNumber: partNumber }),
        { expiresIn: transferUrlExpirySeconds },
      ),
    })),
  );
}

export async function completeMultipart(
  connection: Connection,
  bucketId: string,
  key: string,
  uploadId: string,
  parts: UploadedPart[],
): Promise<{ etag: string | null }> {
  return withBucket(connection, bucketId, async ({ s3, s3Name }) => {
    const sorted = [...parts].sort((a, b) => a.partNumber - b.partNumber);
    const done = await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: s3Name,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: { Parts: sorted.map((part) => ({ PartNumber: part.partNumber, ETag: part.etag })) },
      }),
    );
    return { etag: done.ETag ?? null };
  });
}

export async function abortMultipart(
  connection: Connection,
  bucketId: string,
  key: string,
  uploadId: string,
): Promise<void> {
  await withBucket(connection, bucketId, async ({ s3, s3Name }) => {
    await s3.send(new AbortMultipartUploadCommand({ Bucket: s3Name, Key: key, UploadId: uploadId }));
  });
}
