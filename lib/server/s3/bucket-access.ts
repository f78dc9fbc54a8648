import "server-only";
import type { S3Client } from "@aws-sdk/client-s3";
import { bucketDisplayName } from "@/lib/server/admin-api/buckets";
import { adminCalls } from "@/lib/server/admin-api/calls";
import type { Connection } from "@/lib/server/connections";
import { s3ClientFor } from "@/lib/server/s3/client";
import { consoleKey, forgetConsoleKey } from "@/lib/server/s3/console-key";
import { consoleLocalAlias } from "@/lib/s3/paths";
import type { BrowsedBucket } from "@/lib/s3/types";

/**
 * Opening a bucket for the console: the console key is granted read and write on it
 * explicitly (AllowBucketKey), and S3 reaches it by its first global alias, or by a
 * local alias the console key gets for a bucket that has none. So every bucket can be
 * browsed, aliased or not. Remembered briefly so a listing costs no admin call.
 */
export interface OpenedBucket extends BrowsedBucket {
  /** The name the console key resolves in S3 (global or its own local alias). */
  s3Name: string;
  s3: S3Client;
  /** The console key was granted read and write by this open (it had no such grant before). */
  grantedNow: boolean;
}

const openTtlMs = 60_000;
const globalForBuckets = globalThis as typeof globalThis & {
  carportOpenBuckets?: Map<string, { opened: Promise<OpenedBucket>; atMs: number }>;
};
const opened = (globalForBuckets.carportOpenBuckets ??= new Map());

export function openBucket(connection: Connection, bucketId: string): Promise<OpenedBucket> {
  const cacheKey = `${connection.id}/${bucketId}`;
  const cached = opened.get(cacheKey);
  if (cached && Date.now() - cached.atMs < openTtlMs) return cached.opened;
  const fresh = grantAndResolve(connection, bucketId).catch((error: unknown) => {
    opened.delete(cacheKey);
    throw error;
  });
  opened.set(cacheKey, { opened: fresh, atMs: Date.now() });
  return fresh;
}

/** Drop what we remember (after S3 refused us), so the next open grants again. */
export function forgetBucket(connection: Connection, bucketId: string): void {
  opened.delete(`${connection.id}/${bucketId}`);
}

async function grantAndResolve(connection: Connection, bucketId: string): Promise<OpenedBucket> {
  const key = await consoleKey(connection);
  const admin = await adminCalls(connection);
  const info = await admin.getBucketInfo(bucketId);
  const grant = info.keys.find((item) => item.accessKeyId === key.accessKeyId);
  const grantedNow = !grant?.permissions.read || !grant.permissions.write;
  if (grantedNow) {
    const body = { bucketId: info.id, accessKeyId: key.accessKeyId, permissions: { read: true, write: true } };
    await admin.allowBucketKey(body);
  }
  let s3Name = info.globalAliases[0] ?? grant?.bucketLocalAliases[0];
  if (!s3Name) {
    s3Name = consoleLocalAlias(info.id);
    const body = { bucketId: info.id, accessKeyId: key.accessKeyId, localAlias: s3Name };
    await admin.addBucketAlias(body);
  }
  const localAliases = info.keys.flatMap((item) =>
    item.bucketLocalAliases.map((alias) => ({ accessKeyId: item.accessKeyId, alias })),
  );
  const name = bucketDisplayName({
    id: info.id,
    globalAliases: info.globalAliases,
    localAliases: info.globalAliases.length
      ? []
      : localAliases.filter((alias) => alias.accessKeyId !== key.accessKeyId),
  });
  return { id: info.id, name, s3Name, s3: s3ClientFor(connection, key), grantedNow };
}

/** S3 codes after which the grant or the key may have changed under us: re-open once. */
const staleAccessCodes = new Set(["AccessDenied", "NoSuchBucket", "InvalidAccessKeyId", "SignatureDoesNotMatch"]);

function s3Code(error: unknown): string | null {
  return error instanceof Error && "name" in error ? error.name : null;
}

/**
 * Runs an S3 call on an opened bucket; when S3 refuses with a code that means our grant,
 * alias or key went away (revoked in the matrix, key deleted), re-grants and retries once.
 */
export async function withBucket<T>(
  connection: Connection,
  bucketId: string,
  work: (bucket: OpenedBucket) => Promise<T>,
): Promise<T> {
  try {
    return await work(await openBucket(connection, bucketId));
  } catch (error) {
    const code = s3Code(error);
    if (!code || !staleAccessCodes.has(code)) throw error;
    forgetBucket(connection, bucketId);
    if (code === "InvalidAccessKeyId" || code === "SignatureDoesNotMatch") forgetConsoleKey(connection.id);
    return work(await openBucket(connection, bucketId));
  }
}
