import type { Route } from "./routes";
import * as tagging from "./handlers/tagging";
import * as versioning from "./handlers/versioning";
import { getObjectAttributes } from "./handlers/object-attributes";

/**
 * Versioning, tagging and object attributes: the rows of the S3 route table for sub-resources, so
 * they come before the plain object and bucket rows (see routes.ts).
 */
export const versioningRoutes: readonly Route[] = [
  {
    operation: "GetObjectAttributes",
    method: "GET",
    scope: "object",
    query: ["attributes"],
    permission: "read",
    handle: getObjectAttributes,
  },
  {
    operation: "GetBucketVersioning",
    method: "GET",
    scope: "bucket",
    query: ["versioning"],
    permission: "read",
    handle: versioning.getBucketVersioning,
  },
  {
    operation: "PutBucketVersioning",
    method: "PUT",
    scope: "bucket",
    query: ["versioning"],
    permission: "owner",
    handle: versioning.putBucketVersioning,
  },
  {
    operation: "ListObjectVersions",
    method: "GET",
    scope: "bucket",
    query: ["versions"],
    permission: "read",
    handle: versioning.listObjectVersions,
  },
  {
    operation: "GetObjectTagging",
    method: "GET",
    scope: "object",
    query: ["tagging"],
    permission: "read",
    handle: tagging.getObjectTagging,
  },
  {
    operation: "PutObjectTagging",
    method: "PUT",
    scope: "object",
    query: ["tagging"],
    permission: "write",
    handle: tagging.putObjectTagging,
  },
  {
    operation: "DeleteObjectTagging",
    method: "DELETE",
    scope: "object",
    query: ["tagging"],
    permission: "write",
    handle: tagging.deleteObjectTagging,
  },
  {
    operation: "GetBucketTagging",
    method: "GET",
    scope: "bucket",
    query: ["tagging"],
    permission: "read",
    handle: tagging.getBucketTagging,
  },
  {
    operation: "PutBucketTagging",
    method: "PUT",
    scope: "bucket",
    query: ["tagging"],
    permission: "owner",
    handle: tagging.putBucketTagging,
  },
  {
    operation: "DeleteBucketTagging",
    method: "DELETE",
    scope: "bucket",
    query: ["tagging"],
    permission: "owner",
    handle: tagging.deleteBucketTagging,
  },
];
