import "server-only";
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3ServiceException,
  type S3Client,
} from "@aws-sdk/client-s3";
import type { ConsoleStore } from "@/lib/server/auth/store";
import { s3PublicEndpoint } from "@/lib/server/connections";
import { KubemqError } from "./errors";
import type { KubemqCaller } from "./caller";
import { deleteBatchKeys, listPageKeys, maxItemBytes, waitAttempts, waitIntervalMs } from "@/lib/kubemq/limits";
import type { KubemqMethod, KubemqRequest } from "./request";
import { createBucketAsTenant, forgetDeletedBucket } from "./tenant-buckets";

/**
 * The nine methods of KubeMQ's aws-s3 target, each an S3 call (or a few) signed with the
 * caller's own key, so the storage engine itself decides what the key may do. Results are
 * the JSON aws-sdk-go v1 writes for the target's outputs (get_item: the item's bytes).
 */
export interface MethodContext {
  s3: S3Client;
  caller: KubemqCaller;
  store: ConsoleStore;
}

/** JSON (encoded as the target does) or the raw bytes of an item; null for none. */
export type MethodResult = { json: unknown } | { bytes: Buffer } | null;

type Method = (context: MethodContext, request: KubemqRequest) => Promise<MethodResult>;

const iso = (date: Date | undefined) => date?.toISOString() ?? null;

function isMissing(error: unknown): boolean {
  return error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404;
}

/** wait_for_completion: HeadBucket/HeadObject until the change shows, as the target's waiters do. */
async function waitUntil(visible: () => Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < waitAttempts; attempt += 1) {
    if (await visible()) return;
    await new Promise((resolve) => setTimeout(resolve, waitIntervalMs));
  }
  throw new KubemqError("Internal", `${what} did not show within ${(waitAttempts * waitIntervalMs) / 1000} s`);
}

async function exists(probe: () => Promise<unknown>): Promise<boolean> {
  try {
    await probe();
    return true;
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}

const bucketExists = ({ s3 }: MethodContext, bucket: string) =>
  exists(() => s3.send(new HeadBucketCommand({ Bucket: bucket })));
const itemExists = ({ s3 }: MethodContext, bucket: string, key: string) =>
  exists(() => s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key })));

async function waitFor(context: MethodContext, request: KubemqRequest, gone: boolean, key?: string): Promise<void> {
  if (!request.waitForCompletion) return;
  const { bucketName } = request;
  const probe =
    key === undefined ? () => bucketExists(context, bucketName) : () => itemExists(context, bucketName, key);
  const what = key === undefined ? `bucket ${bucketName}` : `item ${key}`;
  await waitUntil(async () => (await probe()) !== gone, gone ? `the removal of ${what}` : what);
}

const listBuckets: Method = async ({ s3 }) => {
  const answer = await s3.send(new ListBucketsCommand({}));
  return {
    json: {
      Buckets: (answer.Buckets ?? []).map((bucket) => ({ CreationDate: iso(bucket.CreationDate), Name: bucket.Name })),
      Owner: { DisplayName: answer.Owner?.DisplayName ?? null, ID: answer.Owner?.ID ?? null },
    },
  };
};

const listBucketItems: Method = async ({ s3 }, request) => {
  const page = await s3.send(new ListObjectsV2Command({ Bucket: request.bucketName, MaxKeys: listPageKeys }));
  return {
    json: {
      CommonPrefixes: page.CommonPrefixes?.map((prefix) => ({ Prefix: prefix.Prefix })) ?? null,
      Contents: (page.Contents ?? []).map((item) => ({
        ETag: item.ETag ?? null,
        Key: item.Key ?? null,
        LastModified: iso(item.LastModified),
        Size: item.Size ?? null,
        StorageClass: item.StorageClass ?? null,
      })),
      ContinuationToken: page.ContinuationToken ?? null,
      Delimiter: page.Delimiter ?? null,
      EncodingType: page.EncodingType ?? null,
      IsTruncated: page.IsTruncated ?? false,
      KeyCount: page.KeyCount ?? 0,
      MaxKeys: page.MaxKeys ?? listPageKeys,
      Name: page.Name ?? request.bucketName,
      NextContinuationToken: page.NextContinuationToken ?? null,
      Prefix: page.Prefix ?? "",
      StartAfter: page.StartAfter ?? null,
    },
  };
};

/** A tenant's key creates through the tenant's rules (its bucket, its limits); any other needs its own right. */
const createBucket: Method = async (context, request) => {
  const { s3, caller, store } = context;
  if (caller.tenant) await createBucketAsTenant(store, caller, request.bucketName);
  else await s3.send(new CreateBucketCommand({ Bucket: request.bucketName }));
  await waitFor(context, request, false);
  return { json: { Location: `/${request.bucketName}` } };
};

const deleteBucket: Method = async (context, request) => {
  await context.s3.send(new DeleteBucketCommand({ Bucket: request.bucketName }));
  await forgetDeletedBucket(context.store, context.caller, request.bucketName);
  await waitFor(context, request, true);
  return null;
};

const uploadItem: Method = async (context, request) => {
  const { bucketName, itemName, data } = request;
  const answer = await context.s3.send(
    new PutObjectCommand({ Bucket: bucketName, Key: itemName, Body: data ?? Buffer.alloc(0) }),
  );
  await waitFor(context, request, false, itemName);
  const path = itemName.split("/").map(encodeURIComponent).join("/");
  return {
    json: {
      Location: `${s3PublicEndpoint(context.caller.connection)}/${encodeURIComponent(bucketName)}/${path}`,
      VersionID: answer.VersionId ?? null,
      UploadID: "",
      ETag: answer.ETag ?? null,
    },
  };
};

/** Beyond the target, which answers a byte count: the item's bytes themselves, whole, within the limit. */
const getItem: Method = async ({ s3 }, request) => {
  const answer = await s3.send(new GetObjectCommand({ Bucket: request.bucketName, Key: request.itemName }));
  if ((answer.ContentLength ?? 0) > maxItemBytes) {
    await answer.Body?.transformToWebStream().cancel();
    throw new KubemqError(
      "BadRequest",
      `the item is ${answer.ContentLength} bytes, more than the ${maxItemBytes / 1024 / 1024} MiB get_item returns`,
    );
  }
  return { bytes: Buffer.from((await answer.Body?.transformToByteArray()) ?? new Uint8Array()) };
};

const deleteItem: Method = async (context, request) => {
  await context.s3.send(new DeleteObjectCommand({ Bucket: request.bucketName, Key: request.itemName }));
  await waitFor(context, request, true, request.itemName);
  return null;
};

/** Every object, a page at a time, until the listing is empty. */
const deleteAllItems: Method = async (context, request) => {
  const { s3 } = context;
  for (;;) {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: request.bucketName, MaxKeys: deleteBatchKeys }));
    const keys = (page.Contents ?? []).flatMap((item) => (item.Key === undefined ? [] : [{ Key: item.Key }]));
    if (keys.length === 0) return null;
    const answer = await s3.send(
      new DeleteObjectsCommand({ Bucket: request.bucketName, Delete: { Objects: keys, Quiet: true } }),
    );
    const refused = answer.Errors?.[0];
    if (refused)
      throw new KubemqError(
        refused.Code === "AccessDenied" ? "Forbidden" : "Internal",
        `${refused.Code}: ${refused.Message} (${refused.Key})`,
      );
  }
};

/** copy_source is `bucket/key`, or a bucket name alone, whose item of the same name is copied (the seed's example). */
export function copySourceOf(request: KubemqRequest): { bucket: string; key: string } {
  const source = request.copySource.replace(/^\//, "");
  const slash = source.indexOf("/");
  if (slash < 0) return { bucket: source, key: request.itemName };
  return { bucket: source.slice(0, slash), key: source.slice(slash + 1) };
}

const copyItem: Method = async (context, request) => {
  const source = copySourceOf(request);
  const encoded = `${source.bucket}/${source.key.split("/").map(encodeURIComponent).join("/")}`;
  const answer = await context.s3.send(
    new CopyObjectCommand({ Bucket: request.bucketName, Key: request.itemName, CopySource: encoded }),
  );
  await waitFor(context, request, false, request.itemName);
  return {
    json: {
      CopyObjectResult: {
        ETag: answer.CopyObjectResult?.ETag ?? null,
        LastModified: iso(answer.CopyObjectResult?.LastModified),
      },
      CopySourceVersionId: answer.CopySourceVersionId ?? null,
      VersionId: answer.VersionId ?? null,
    },
  };
};

export const kubemqMethodTable: Record<KubemqMethod, Method> = {
  list_buckets: listBuckets,
  list_bucket_items: listBucketItems,
  create_bucket: createBucket,
  delete_bucket: deleteBucket,
  delete_item_from_bucket: deleteItem,
  delete_all_items_from_bucket: deleteAllItems,
  upload_item: uploadItem,
  copy_item: copyItem,
  get_item: getItem,
};
