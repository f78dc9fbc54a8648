import type { Permission } from "../engine/service/access-keys";
import type { S3Response } from "./response";
import type { S3Context, S3Request } from "./request";
import * as buckets from "./handlers/buckets";
import * as list from "./handlers/list-objects";
import * as objects from "./handlers/objects";
import { deleteObjects } from "./handlers/delete-objects";
import { copyObject, uploadPartCopy } from "./handlers/copy";
import * as multipart from "./handlers/multipart";
import { accessRoutes } from "./routes-access";
import { ruleRoutes } from "./routes-rules";
import { postObject } from "./handlers/post-object";
import { versioningRoutes } from "./routes-versioning";

/**
 * The S3 operations, as data: which request is which operation (named as AWS
 * names it), what permission it needs on its bucket, and its handler. The first
 * matching row wins, so more specific rows come first.
 */

export type Scope = "service" | "bucket" | "object";

export interface Route {
  operation: string;
  method: string;
  scope: Scope;
  /** Query parameters that must be present. */
  query?: readonly string[];
  /** A header that must be present. */
  header?: string;
  /** "none": every signed request; "create": the key's create-bucket right, checked by the handler. */
  permission: Permission | "none" | "create";
  handle: (context: S3Context, request: S3Request) => Promise<S3Response>;
}

export const routes: readonly Route[] = [
  ...accessRoutes,
  ...ruleRoutes,
  ...versioningRoutes,
  { operation: "ListBuckets", method: "GET", scope: "service", permission: "none", handle: buckets.listBuckets },
  {
    operation: "GetBucketLocation",
    method: "GET",
    scope: "bucket",
    query: ["location"],
    permission: "read",
    handle: buckets.getBucketLocation,
  },
  {
    operation: "ListMultipartUploads",
    method: "GET",
    scope: "bucket",
    query: ["uploads"],
    permission: "read",
    handle: multipart.listMultipartUploads,
  },
  {
    operation: "ListObjectsV2",
    method: "GET",
    scope: "bucket",
    query: ["list-type"],
    permission: "read",
    handle: list.listObjectsV2,
  },
  { operation: "ListObjects", method: "GET", scope: "bucket", permission: "read", handle: list.listObjectsV1 },
  { operation: "CreateBucket", method: "PUT", scope: "bucket", permission: "create", handle: buckets.createBucket },
  { operation: "DeleteBucket", method: "DELETE", scope: "bucket", permission: "owner", handle: buckets.deleteBucket },
  { operation: "HeadBucket", method: "HEAD", scope: "bucket", permission: "read", handle: buckets.headBucket },
  {
    operation: "DeleteObjects",
    method: "POST",
    scope: "bucket",
    query: ["delete"],
    permission: "write",
    handle: deleteObjects,
  },
  // After DeleteObjects: a POST to a bucket without ?delete is a browser form upload.
  { operation: "PostObject", method: "POST", scope: "bucket", permission: "write", handle: postObject },
  {
    operation: "UploadPartCopy",
    method: "PUT",
    scope: "object",
    query: ["partNumber", "uploadId"],
    header: "x-amz-copy-source",
    permission: "write",
    handle: uploadPartCopy,
  },
  {
    operation: "UploadPart",
    method: "PUT",
    scope: "object",
    query: ["partNumber", "uploadId"],
    permission: "write",
    handle: multipart.uploadPart,
  },
  {
    operation: "CopyObject",
    method: "PUT",
    scope: "object",
    header: "x-amz-copy-source",
    permission: "write",
    handle: copyObject,
  },
  { operation: "PutObject", method: "PUT", scope: "object", permission: "write", handle: objects.putObject },
  {
    operation: "ListParts",
    method: "GET",
    scope: "object",
    query: ["uploadId"],
    permission: "read",
    handle: multipart.listParts,
  },
  { operation: "GetObject", method: "GET", scope: "object", permission: "read", handle: objects.getObject },
  { operation: "HeadObject", method: "HEAD", scope: "object", permission: "read", handle: objects.headObject },
  {
    operation: "AbortMultipartUpload",
    method: "DELETE",
    scope: "object",
    query: ["uploadId"],
    permission: "write",
    handle: multipart.abortMultipartUpload,
  },
  { operation: "DeleteObject", method: "DELETE", scope: "object", permission: "write", handle: objects.deleteObject },
  {
    operation: "CreateMultipartUpload",
    method: "POST",
    scope: "object",
    query: ["uploads"],
    permission: "write",
    handle: multipart.createMultipartUpload,
  },
  {
    operation: "CompleteMultipartUpload",
    method: "POST",
    scope: "object",
    query: ["uploadId"],
    permission: "write",
    handle: multipart.completeMultipartUpload,
  },
];

/** Sub-resources S3 defines that we do not serve: such requests get 501, never a wrong success. */
const unsupportedSubresources = [
  "accelerate",
  "analytics",
  "encryption",
  "intelligent-tiering",
  "inventory",
  "legal-hold",
  "logging",
  "metrics",
  "notification",
  "object-lock",
  "replication",
  "requestPayment",
  "restore",
  "retention",
  "select",
  "torrent",
];

export type RouteMatch = { route: Route } | { unsupported: string };

export function matchRoute(
  method: string,
  scope: Scope,
  query: URLSearchParams,
  hasHeader: (name: string) => boolean,
): RouteMatch | null {
  const unsupported = unsupportedSubresources.find((name) => query.has(name));
  if (unsupported) return { unsupported };
  const route = routes.find(
    (candidate) =>
      candidate.method === method &&
      candidate.scope === scope &&
      (candidate.query ?? []).every((name) => query.has(name)) &&
      (candidate.header === undefined || hasHeader(candidate.header)),
  );
  return route ? { route } : null;
}
